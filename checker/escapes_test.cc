// A scenario that blocks outside the model (a real sleep, a contended real mutex, a real
// condition variable, a futex wait, a read from an empty pipe) is an ERROR at once, naming the
// call, the thread and the line, not a stall the watchdog gives up on 30 s later. A call that
// cannot block is harmless. Under dpor, dfs and two workers each. A model object used from a
// real std::thread ends the process with exit code 2 and the message, not an abort.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <stdexcept>
#include <string>
#include <thread>

#include "checker/dfs.h"
#include "checker/dpor.h"
#include "checker/explorer.h"
#include "model/model.h"

namespace interleave {
namespace {

using ::testing::HasSubstr;
using ::testing::MatchesRegex;
using Clock = std::chrono::steady_clock;

struct Setup {
  const char* name;
  bool dpor;
  int jobs;
};

class EscapesTest : public ::testing::TestWithParam<Setup> {
 protected:
  Result Check(const std::function<void()>& body) {
    DporStrategy dpor;
    DfsStrategy dfs;
    Strategy& strategy = GetParam().dpor ? static_cast<Strategy&>(dpor) : dfs;
    return Explore("escapes", body, strategy, {.stall_seconds = 60, .jobs = GetParam().jobs});
  }
};

// The line in ThenEscape that calls the escaping code (set by every worker of a search).
std::atomic<int> escape_call_line{0};

// The line the message names, `line`, or the line that called the escaping code when the call
// itself was inlined from a system header (std::atomic::wait: with line tables only, its frames are
// the header's).
std::string WhereCalled(int line) {
  return "(at escapes_test.cc:(" + std::to_string(line) + "|" +
         std::to_string(escape_call_line.load()) +
         ")|after its step at escapes_test.cc:[0-9]+); scenarios must wait only through model "
         "primitives .*";
}

// The line the message names: `line` with line information, else the thread's last step.
std::string Where(int line) {
  return "(at escapes_test.cc:" + std::to_string(line) +
         "|after its step at escapes_test.cc:[0-9]+); scenarios must wait only through model "
         "primitives .*";
}

// Main and Thread-1 each write x; then Thread-1 runs `escape`.
std::function<void()> ThenEscape(std::function<void()> escape) {
  return [escape] {
    Shared<int> x("x");
    Thread thread(
        [&] {
          x.write(1);
          escape_call_line = __LINE__ + 1;
          escape();
        },
        "Thread-1");
    thread.start();
    x.write(2);
    thread.join();
  };
}

// What ThenEscape gives when the call is harmless: the BUG of its data race on x, no error.
void ExpectHarmless(const Result& result) {
  EXPECT_EQ(result.verdict, Verdict::kBug) << result.error;
  EXPECT_TRUE(result.HasFinding(FindingKind::kDataRace));
  EXPECT_EQ(result.error, "");
}

// Atomic: the workers of a search (jobs = 2) run the scenario at once.
std::atomic<int> line{0};

TEST_P(EscapesTest, RealSleep) {
  const auto start = Clock::now();
  const Result result = Check(ThenEscape([] {
    line = __LINE__ + 1;
    std::this_thread::sleep_for(std::chrono::seconds(1));
  }));
  EXPECT_LT(Clock::now() - start, std::chrono::milliseconds(500));
  EXPECT_EQ(result.verdict, Verdict::kError);
  EXPECT_THAT(result.error, MatchesRegex("the scenario blocked outside the model: a real sleep "
                                         "\\(nanosleep, std::this_thread::sleep_for\\) of 1 s "
                                         "in thread 'Thread-1' " +
                                         Where(line)));
  ASSERT_TRUE(result.counterexample.has_value());  // The interleaving that led to it.
  EXPECT_GE(result.counterexample->events.size(), 2u);
}

TEST_P(EscapesTest, CatchAllDoesNotSwallowIt) {
  const Result result = Check(ThenEscape([] {
    try {
      usleep(100'000);
    } catch (...) {
    }
  }));
  EXPECT_EQ(result.verdict, Verdict::kError);
  EXPECT_THAT(result.error, HasSubstr("a real sleep (usleep) of 100000 us in thread 'Thread-1'"));
}

TEST_P(EscapesTest, ContendedRealMutex) {
  // Held by a real thread until the search is over.
  std::mutex mutex;
  std::atomic<bool> held{false};
  std::atomic<bool> done{false};
  std::thread holder([&] {
    std::lock_guard<std::mutex> lock(mutex);
    held = true;
    while (!done) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  });
  while (!held) std::this_thread::yield();
  const Result result = Check(ThenEscape([&mutex] {
    line = __LINE__ + 1;
    std::lock_guard<std::mutex> lock(mutex);
  }));
  done = true;
  holder.join();
  EXPECT_EQ(result.verdict, Verdict::kError);
  EXPECT_THAT(result.error,
              MatchesRegex("the scenario blocked outside the model: a real mutex "
                           "\\(pthread_mutex_lock, std::mutex\\) held by another thread in "
                           "thread 'Thread-1' " +
                           Where(line)));
}

TEST_P(EscapesTest, UncontendedRealMutexIsHarmless) {
  // One mutex per OS thread: the workers of a search (jobs = 2) run executions at once, and a
  // mutex they shared could be held by the other worker's execution (contended: an escape).
  const Result result = Check(ThenEscape([] {
    static thread_local std::mutex mutex;
    std::lock_guard<std::mutex> lock(mutex);
  }));
  ExpectHarmless(result);
}

TEST_P(EscapesTest, RealConditionVariableWait) {
  const Result result = Check(ThenEscape([] {
    std::mutex mutex;
    std::condition_variable condition;
    std::unique_lock<std::mutex> lock(mutex);
    line = __LINE__ + 1;
    condition.wait_for(lock, std::chrono::seconds(1));
  }));
  EXPECT_EQ(result.verdict, Verdict::kError);
  EXPECT_THAT(result.error, MatchesRegex("the scenario blocked outside the model: a real "
                                         "condition variable wait .* in thread 'Thread-1' " +
                                         Where(line)));
}

TEST_P(EscapesTest, RealFutexWait) {
  const Result result = Check(ThenEscape([] {
    std::atomic<int> flag{0};
    line = __LINE__ + 1;
    flag.wait(0);
  }));
  EXPECT_EQ(result.verdict, Verdict::kError);
  EXPECT_THAT(result.error,
              MatchesRegex("the scenario blocked outside the model: a real futex wait .* in "
                           "thread 'Thread-1' " +
                           WhereCalled(line)));
}

TEST_P(EscapesTest, ReadFromAnEmptyPipe) {
  int fds[2];
  ASSERT_EQ(pipe(fds), 0);
  const Result result = Check(ThenEscape([&fds] {
    char byte = 0;
    line = __LINE__ + 1;
    (void)!read(fds[0], &byte, 1);
  }));
  EXPECT_EQ(result.verdict, Verdict::kError);
  EXPECT_THAT(result.error,
              MatchesRegex("the scenario blocked outside the model: read on file descriptor "
                           "[0-9]+, which has nothing to read \\(a pipe, socket or terminal\\) "
                           "in thread 'Thread-1' " +
                           Where(line)));

  // With data in the pipe, the read does not block: harmless.
  const Result with_data = Check([&fds] {
    Shared<int> x("x");
    ASSERT_EQ(write(fds[1], "x", 1), 1);
    char byte = 0;
    ASSERT_EQ(read(fds[0], &byte, 1), 1);
    x.write(byte);
  });
  EXPECT_EQ(with_data.verdict, Verdict::kPass) << with_data.error;
  close(fds[0]);
  close(fds[1]);
}

TEST_P(EscapesTest, ZeroSleepIsHarmless) {
  const Result result = Check(ThenEscape([] {
    std::this_thread::sleep_for(std::chrono::seconds(0));
    usleep(0);
  }));
  ExpectHarmless(result);
}

TEST_P(EscapesTest, TheNextSearchRunsNormally) {
  EXPECT_EQ(Check(ThenEscape([] { std::this_thread::sleep_for(std::chrono::seconds(1)); })).verdict,
            Verdict::kError);
  const Result after = Check(ThenEscape([] {}));
  EXPECT_EQ(after.verdict, Verdict::kBug);  // The data race on x.
  EXPECT_TRUE(after.HasFinding(FindingKind::kDataRace));
}

INSTANTIATE_TEST_SUITE_P(Strategies, EscapesTest,
                         ::testing::Values(Setup{"dpor", true, 1}, Setup{"dfs", false, 1},
                                           Setup{"dpor_jobs2", true, 2},
                                           Setup{"dfs_jobs2", false, 2}),
                         [](const auto& info) { return std::string(info.param.name); });

TEST(EscapesTest, OutsideAnExecutionEveryCallIsReal) {
  const auto start = Clock::now();
  std::this_thread::sleep_for(std::chrono::milliseconds(20));
  EXPECT_GE(Clock::now() - start, std::chrono::milliseconds(20));
}

TEST(ModelObjectFromARealThreadDeathTest, ExitsWithCodeTwoAndTheMessage) {
  EXPECT_EXIT(
      {
        DfsStrategy dfs;
        Explore(
            "uses_a_shared_from_a_real_thread",
            [] {
              Shared<int> x("x");
              std::thread real([&x] { x.write(1); });
              // Not joined (a join would be an escape, ending the search first): the real
              // thread ends the process while this one spins.
              static std::atomic<bool> never{false};
              while (!never.load()) {
              }
              real.join();
            },
            dfs);
      },
      ::testing::ExitedWithCode(2),
      "interleave: ERROR: Shared::write used outside an execution: .* \\(while checking scenario "
      "'uses_a_shared_from_a_real_thread'\\)");
}

}  // namespace
}  // namespace interleave
