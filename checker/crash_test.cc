// A crash inside an execution (a signal in scenario code, a stack overflow) is an ERROR that
// names the signal, the thread and the line, keeps the interleaving that led to it, and the
// process goes on: the next search runs normally. Under dpor, dfs and two workers each.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <atomic>
#include <csignal>
#include <cstdlib>
#include <string>

#include "checker/dfs.h"
#include "checker/dpor.h"
#include "checker/explorer.h"
#include "model/model.h"

namespace interleave {
namespace {

using ::testing::HasSubstr;
using ::testing::MatchesRegex;

struct Setup {
  const char* name;
  bool dpor;
  int jobs;
};

class CrashTest : public ::testing::TestWithParam<Setup> {
 protected:
  Result Check(const std::function<void()>& body, std::size_t stack_size = 256 * 1024) {
    DporStrategy dpor;
    DfsStrategy dfs;
    Strategy& strategy = GetParam().dpor ? static_cast<Strategy&>(dpor) : dfs;
    return Explore("crashes", body, strategy,
                   {.stall_seconds = 60, .jobs = GetParam().jobs, .stack_size = stack_size});
  }
};

// Main and Thread-1 each write x; then Thread-1 runs `crash` (at the line `crash_line`).
std::function<void()> ThenCrash(std::function<void()> crash) {
  return [crash] {
    Shared<int> x("x");
    Thread thread(
        [&] {
          x.write(1);
          crash();
        },
        "Thread-1");
    thread.start();
    x.write(2);
    thread.join();
  };
}

// The line the message should name: `line` when the binary has line information, else the
// crashing thread's last step (x.write(1) in ThenCrash).
std::string Where(int line) {
  return "(at crash_test.cc:" + std::to_string(line) +
         "|after its step at crash_test.cc:[0-9]+ .*)";
}

void ExpectKeepsTheInterleaving(const Result& result) {
  ASSERT_TRUE(result.counterexample.has_value());
  EXPECT_GE(result.counterexample->events.size(), 2u);  // Thread-1's start and write at least.
  EXPECT_FALSE(result.counterexample->decisions.empty());
}

// Atomic: the workers of a search (jobs = 2) run the scenario at once.
std::atomic<int> crash_line{0};

// Under --config=asan, UndefinedBehaviorSanitizer reports a null store or a division by zero
// itself (and ends the process) before the instruction can fault: those cases are for the
// other builds. abort() and a stack overflow are checked in every build.
#ifdef __SANITIZE_ADDRESS__
#define SKIP_UNDER_UBSAN() GTEST_SKIP() << "UBSan reports this undefined behaviour first"
#else
#define SKIP_UNDER_UBSAN() (void)0
#endif

TEST_P(CrashTest, NullDereference) {
  SKIP_UNDER_UBSAN();
  const Result result = Check(ThenCrash([] {
    int* volatile null = nullptr;
    crash_line = __LINE__ + 1;
    *null = 1;
  }));
  EXPECT_EQ(result.verdict, Verdict::kError);
  EXPECT_THAT(result.error, MatchesRegex("the scenario crashed: SIGSEGV \\(invalid address "
                                         "(0x0|\\(nil\\))\\) in thread 'Thread-1' " +
                                         Where(crash_line)));
  ExpectKeepsTheInterleaving(result);
}

TEST_P(CrashTest, IntegerDivisionByZero) {
  SKIP_UNDER_UBSAN();
  const Result result = Check(ThenCrash([] {
    volatile int zero = 0;
    volatile int one = 1;
    crash_line = __LINE__ + 1;
    one = one / zero;
  }));
  EXPECT_EQ(result.verdict, Verdict::kError);
  EXPECT_THAT(result.error,
              MatchesRegex("the scenario crashed: SIGFPE \\(integer divide by zero\\) in thread "
                           "'Thread-1' " +
                           Where(crash_line)));
  ExpectKeepsTheInterleaving(result);
}

TEST_P(CrashTest, Abort) {
  const Result result = Check(ThenCrash([] {
    crash_line = __LINE__ + 1;
    std::abort();
  }));
  EXPECT_EQ(result.verdict, Verdict::kError);
  EXPECT_THAT(result.error,
              MatchesRegex("the scenario crashed: SIGABRT \\(abort\\(\\) called\\) in thread "
                           "'Thread-1' " +
                           Where(crash_line)));
  ExpectKeepsTheInterleaving(result);
}

// Not a tail call (the frame's array is used after the call), so every level keeps its frame.
[[gnu::noinline]] int Recurse(int depth) {
  volatile char frame[512];
  frame[0] = static_cast<char>(depth);
  const int below = depth == 0 ? 0 : Recurse(depth - 1);
  return below + frame[0];
}

TEST_P(CrashTest, StackOverflow) {
  // 32 KiB of stack: a few dozen levels overflow it.
  const Result result = Check(ThenCrash([] { Recurse(1 << 20); }), 32 * 1024);
  EXPECT_EQ(result.verdict, Verdict::kError);
  EXPECT_THAT(result.error,
              MatchesRegex("stack overflow in thread 'Thread-1' \\(stack 32 KiB; --stack-size "
                           "raises it\\) at crash_test.cc:[0-9]+|stack overflow in thread "
                           "'Thread-1' \\(stack 32 KiB; --stack-size raises it\\) after its "
                           "step at .*"));
  ExpectKeepsTheInterleaving(result);
}

TEST_P(CrashTest, TheNextSearchRunsNormally) {
  EXPECT_EQ(Check(ThenCrash([] { std::abort(); })).verdict, Verdict::kError);
  const Result after = Check([] {
    Shared<int> x("x");
    Lock lock("lock");
    Thread thread([&] {
      lock.acquire();
      x.write(x.read() + 1);
      lock.release();
    });
    thread.start();
    lock.acquire();
    x.write(x.read() + 1);
    lock.release();
    thread.join();
    expect(x.read() == 2, "both increments");
  });
  EXPECT_EQ(after.verdict, Verdict::kPass) << after.error;
  EXPECT_GT(after.stats.executions, 1);
}

TEST_P(CrashTest, MainThreadCrashes) {
  SKIP_UNDER_UBSAN();
  const Result result = Check([] {
    Shared<int> x("x");
    x.write(1);
    volatile int zero = 0;
    volatile int seven = 7;  // Not 1: g++ folds 1 / x into a comparison.
    x.write(seven / zero);
  });
  EXPECT_EQ(result.verdict, Verdict::kError);
  EXPECT_THAT(result.error, HasSubstr("SIGFPE (integer divide by zero) in thread 'MainThread'"));
  EXPECT_EQ(result.stats.executions, 1) << result.stats.pruned;
}

INSTANTIATE_TEST_SUITE_P(Strategies, CrashTest,
                         ::testing::Values(Setup{"dpor", true, 1}, Setup{"dfs", false, 1},
                                           Setup{"dpor_jobs2", true, 2},
                                           Setup{"dfs_jobs2", false, 2}),
                         [](const auto& info) { return std::string(info.param.name); });

TEST(CrashDeathTest, ACrashOutsideScenarioCodeSaysSo) {
  // Outside any execution (the checker's own code): the line, then the default action.
  EXPECT_DEATH(
      {
        DfsStrategy dfs;
        Explore("warm", [] {}, dfs, {.stall_seconds = 0});  // Installs the handlers.
        raise(SIGSEGV);
      },
      "interleave: crashed: SIGSEGV outside the scenario's code");
}

}  // namespace
}  // namespace interleave
