// A crash inside an execution (a signal in scenario code, abort(), a stack overflow) is a CRASH
// finding (verdict BUG) that names the signal, the thread and the line, keeps the interleaving
// that led to it, and the process goes on: the next search runs normally. Under dpor, dfs and
// two workers each.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

// The asserts under test, whatever the build's NDEBUG says.
#undef NDEBUG
#include <array>
#include <atomic>
#include <cassert>
#include <csignal>
#include <cstdint>
#include <cstdlib>
#include <exception>
#include <mutex>
#include <set>
#include <stdexcept>
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
  return "(at crash_test.cc:" + std::to_string(line) + "|after its step at crash_test.cc:[0-9]+)";
}

// A CRASH finding, the counterexample's first, whose summary matches `summary`; every
// execution crashes (each its own interleaving of the two writes).
void ExpectCrash(const Result& result, const std::string& summary) {
  EXPECT_EQ(result.verdict, Verdict::kBug) << result.error;
  EXPECT_TRUE(result.error.empty());
  ASSERT_FALSE(result.findings.empty());
  EXPECT_EQ(result.findings[0].kind, FindingKind::kCrash);
  EXPECT_THAT(result.findings[0].summary, MatchesRegex(summary));
  EXPECT_EQ(result.finding_counts.at(FindingKind::kCrash), result.stats.executions);
}

void ExpectKeepsTheInterleaving(const Result& result) {
  ASSERT_TRUE(result.counterexample.has_value());
  EXPECT_EQ(result.counterexample->end, EndReason::kFailure);
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
    volatile int* volatile null = nullptr;  // Both volatile: -O2 drops a plain store through it.
    crash_line = __LINE__ + 1;
    *null = 1;
  }));
  ExpectCrash(result, "Thread-1 crashed: SIGSEGV \\(invalid address (0x0|\\(nil\\))\\) " +
                          Where(crash_line));
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
  ExpectCrash(result, "Thread-1 crashed: SIGFPE \\(integer divide by zero\\) " + Where(crash_line));
  ExpectKeepsTheInterleaving(result);
}

TEST_P(CrashTest, Abort) {
  const Result result = Check(ThenCrash([] {
    crash_line = __LINE__ + 1;
    std::abort();
  }));
  ExpectCrash(result, "Thread-1 crashed: SIGABRT \\(abort\\(\\) called\\) " + Where(crash_line));
  ExpectKeepsTheInterleaving(result);
}

TEST_P(CrashTest, FailedAssertIsAnAssertionFailed) {
  const Result result = Check(ThenCrash([] {
    volatile int one = 1;
    crash_line = __LINE__ + 1;
    assert(one == 2);
  }));
  EXPECT_EQ(result.verdict, Verdict::kBug) << result.error;
  ASSERT_FALSE(result.findings.empty());
  EXPECT_EQ(result.findings[0].kind, FindingKind::kAssertionFailed);
  EXPECT_EQ(result.findings[0].summary,
            "Thread-1: assert(one == 2) failed at crash_test.cc:" + std::to_string(crash_line));
  ExpectKeepsTheInterleaving(result);
}

TEST_P(CrashTest, UncaughtExceptionInAThread) {
  const Result result = Check(ThenCrash([] {
    crash_line = __LINE__ + 1;
    throw std::out_of_range("index 3");
  }));
  EXPECT_EQ(result.verdict, Verdict::kBug) << result.error;
  ASSERT_FALSE(result.findings.empty());
  EXPECT_EQ(result.findings[0].kind, FindingKind::kUncaughtException);
  EXPECT_THAT(result.findings[0].summary,
              MatchesRegex("Thread-1 ended by an uncaught exception: std::out_of_range: index 3 " +
                           Where(crash_line)));
  ExpectKeepsTheInterleaving(result);
}

[[gnu::noinline]] void Throw() { throw std::logic_error("escapes"); }
[[gnu::noinline]] void NoexceptCallsThrow() noexcept { Throw(); }

TEST_P(CrashTest, TerminateIsACrash) {
  const Result result = Check(ThenCrash([] { NoexceptCallsThrow(); }));
  ExpectCrash(result,
              "Thread-1 crashed: std::terminate called after throwing std::logic_error: "
              "escapes (at crash_test.cc:[0-9]+|after its step at .*)");
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
  ExpectCrash(result,
              "Thread-1 crashed: stack overflow \\(stack 32 KiB; --stack-size raises it\\) "
              "(at crash_test.cc:[0-9]+|after its step at .*)");
  ExpectKeepsTheInterleaving(result);
}

// A crashed thread's stack stays mapped while its execution runs (other threads may hold
// pointers into it), then goes back to the pool: the next execution's Thread-1 runs on it
// again (one stack per worker). Kept for good, a search whose executions mostly crash grew by
// a stack per execution (a dfs of 60,000 failing executions reached 2.2 GB).
TEST_P(CrashTest, ACrashedThreadsStackServesTheNextExecution) {
  // The crashing thread's stack address in each execution, lock-free: a real mutex shared by
  // the two workers of a jobs=2 search is "blocking outside the model" when they meet on it.
  static std::array<std::atomic<uintptr_t>, 4096> seen;
  static std::atomic<std::size_t> count{0};
  count = 0;
  const Result result = Check([] {
    Shared<int> x("x");
    Thread thread(
        [&] {
          x.write(1);
          volatile int local = 0;
          const std::size_t at = count.fetch_add(1);
          if (at < seen.size()) seen[at] = reinterpret_cast<uintptr_t>(&local);
          std::abort();
        },
        "Thread-1");
    thread.start();
    for (int i = 2; i < 6; ++i) x.write(i);
    thread.join();
  });
  EXPECT_EQ(result.verdict, Verdict::kBug) << result.error;
  ASSERT_GT(result.stats.executions, GetParam().jobs);
  ASSERT_LE(count.load(), seen.size());
  std::set<uintptr_t> stacks;
  for (std::size_t i = 0; i < count.load(); ++i) stacks.insert(seen[i].load());
  EXPECT_LE(stacks.size(), static_cast<std::size_t>(GetParam().jobs));
}

TEST_P(CrashTest, TheNextSearchRunsNormally) {
  EXPECT_EQ(Check(ThenCrash([] { std::abort(); })).verdict, Verdict::kBug);
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
  EXPECT_EQ(result.verdict, Verdict::kBug) << result.error;
  ASSERT_FALSE(result.findings.empty());
  EXPECT_THAT(result.findings[0].summary,
              HasSubstr("MainThread crashed: SIGFPE (integer divide by zero)"));
  EXPECT_EQ(result.stats.executions, 1) << result.stats.pruned;
}

INSTANTIATE_TEST_SUITE_P(Strategies, CrashTest,
                         ::testing::Values(Setup{"dpor", true, 1}, Setup{"dfs", false, 1},
                                           Setup{"dpor_jobs2", true, 2},
                                           Setup{"dfs_jobs2", false, 2}),
                         [](const auto& info) { return std::string(info.param.name); });

TEST(CrashDeathTest, AbortOutsideScenarioCodeAbortsAsUsual) {
  EXPECT_DEATH(
      {
        DfsStrategy dfs;
        Explore("warm", [] {}, dfs, {.stall_seconds = 0});  // Installs the handlers.
        std::abort();
      },
      "interleave: crashed: SIGABRT outside the scenario's code");
}

TEST(CrashDeathTest, AssertOutsideAnExecutionAbortsAsUsual) {
  EXPECT_DEATH(
      {
        DfsStrategy dfs;
        Explore("warm", [] {}, dfs, {.stall_seconds = 0});  // Installs the handlers.
        volatile int x = 1;
        assert(x == 2);
      },
      "Assertion `x == 2' failed");
}

TEST(CrashDeathTest, TerminateOutsideAnExecutionAbortsAsUsual) {
  EXPECT_DEATH(
      {
        DfsStrategy dfs;
        Explore("warm", [] {}, dfs, {.stall_seconds = 0});
        try {
          throw std::runtime_error("outside");
        } catch (...) {
          std::terminate();
        }
      },
      "terminate called after throwing an instance of 'std::runtime_error'");
}

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
