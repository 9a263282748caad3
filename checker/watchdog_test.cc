// A scenario stuck outside the model in a way the interposed calls cannot see (plain code
// that does not end) gets an ERROR result that says what the watchdog knows instead of hanging
// the search, and the searches after it run normally.
#include "checker/watchdog.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <fstream>
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
using ::testing::Not;

// The OS threads of this process (Linux).
int OsThreads() {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind("Threads:", 0) == 0) return std::stoi(line.substr(8));
  }
  return -1;
}

// Plain code that does not end (a spin on a real atomic, no call the runtime intercepts): the
// watchdog is the last line of defence. `release` lets the abandoned thread go at the end of
// the test, so that it unwinds and ends (no thread left behind).
void SpinUntil(const std::atomic<bool>& release) {
  while (!release.load(std::memory_order_relaxed)) {
  }
}

TEST(WatchdogTest, EndlessPlainCodeIsAnErrorNamingTheLastStep) {
  static std::atomic<bool> release(false);
  DfsStrategy dfs;
  const auto start = std::chrono::steady_clock::now();
  const Result result = Explore(
      "spins_for_real",
      [] {
        log("before");
        SpinUntil(release);
        log("after");
      },
      dfs, ExploreOptions{.stall_seconds = 0.5});
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(3));
  EXPECT_EQ(result.verdict, Verdict::kError);
  EXPECT_EQ(result.scenario, "spins_for_real");
  EXPECT_EQ(result.strategy, "dfs");
  EXPECT_THAT(result.error,
              MatchesRegex("the search was given up: no step for 0\\.[5-9] s \\(limit 0\\.5 s\\) "
                           "after the step at watchdog_test.cc:[0-9]+, in scenario "
                           "'spins_for_real' under strategy dfs; the code between two visible "
                           "operations must end, and wait only through model primitives"));

  // The next search runs normally, and the abandoned one, woken meanwhile, leaves it be.
  release = true;
  DfsStrategy next;
  const Result after = Explore(
      "moves",
      [] {
        Shared<int> x("x");
        for (int i = 0; i < 3; ++i) x.write(i);
        sleep(0);
      },
      next, ExploreOptions{.stall_seconds = 5});
  EXPECT_EQ(after.verdict, Verdict::kPass);
}

TEST(WatchdogTest, StuckBeforeTheFirstStepSaysSo) {
  // Not the line of another search's last step (the progress counter is process-wide).
  static std::atomic<bool> release(false);
  DporStrategy dpor;
  const Result result = Explore(
      "spins_at_once", [] { SpinUntil(release); }, dpor, ExploreOptions{.stall_seconds = 0.3});
  release = true;
  EXPECT_EQ(result.verdict, Verdict::kError);
  EXPECT_THAT(result.error, HasSubstr("before the search took its first step, in scenario "
                                      "'spins_at_once' under strategy dpor"));
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
}

// `while (!ready) {}` on a plain flag, compiled to read it once and then loop: the error says
// what the last step was and what to do. A stall after an atomic load does not say it.
TEST(WatchdogTest, AStallAfterAPlainReadSaysTheLoopMayHaveReadItOnce) {
  static std::atomic<bool> release(false);
  DfsStrategy dfs;
  const Result plain = Explore(
      "reads_once",
      [] {
        Shared<int> ready("ready", 0);
        if (ready.read() == 0) SpinUntil(release);
      },
      dfs, ExploreOptions{.stall_seconds = 0.3});
  EXPECT_EQ(plain.verdict, Verdict::kError);
  EXPECT_THAT(plain.error, HasSubstr("after the step at watchdog_test.cc:"));
  EXPECT_THAT(plain.error,
              HasSubstr(". That step read a plain (not atomic) variable: a loop that waits for "
                        "another thread to change such a variable may read it only once"));

  static std::atomic<bool> release_atomic(false);
  DfsStrategy again;
  const Result atomic = Explore(
      "loads_once",
      [] {
        Atomic<int> ready("ready", 0);
        if (ready.load() == 0) SpinUntil(release_atomic);
      },
      again, ExploreOptions{.stall_seconds = 0.3});
  release = true;
  release_atomic = true;
  EXPECT_EQ(atomic.verdict, Verdict::kError);
  EXPECT_THAT(atomic.error, HasSubstr("the search was given up: no step for"));
  EXPECT_THAT(atomic.error, Not(HasSubstr("plain (not atomic)")));
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
}

// The same on dpor's workers (ExploreOptions::jobs): the worker that waits for work the stuck
// one had leaves once the stuck one wakes, so that no thread is left behind.
TEST(WatchdogTest, EndlessPlainCodeIsAnErrorOnWorkers) {
  static std::atomic<bool> release(false);
  static std::atomic<bool> left(false);
  const int threads_before = OsThreads();
  DporStrategy dpor;
  const Result result = Explore(
      "spins_on_workers",
      [] {
        Shared<int> x("x");
        Thread a([&x] { x.write(1); }, "A");
        Thread b([&x] { x.write(2); }, "B");
        a.start();
        b.start();
        SpinUntil(release);
        a.join();
        b.join();
        left = true;
      },
      dpor, ExploreOptions{.stall_seconds = 0.3, .jobs = 2});
  EXPECT_EQ(result.verdict, Verdict::kError);
  EXPECT_THAT(result.error, HasSubstr("the search was given up: no step for"));
  release = true;
  for (int i = 0; i < 50 && OsThreads() > threads_before; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  EXPECT_FALSE(left);  // The woken execution ended at its next operation.
  // The helper and both workers have ended (at most as many threads as before: a thread an
  // earlier test abandoned may have ended meanwhile too).
  EXPECT_LE(OsThreads(), threads_before);
}

TEST(WatchdogTest, QuietWhileExecutionsMove) {
  DfsStrategy dfs;
  const Result result = Explore(
      "moves",
      [] {
        Shared<int> x("x");
        for (int i = 0; i < 3; ++i) x.write(i);
      },
      dfs, ExploreOptions{.stall_seconds = 0.2});
  EXPECT_EQ(result.verdict, Verdict::kPass);
}

}  // namespace
}  // namespace interleave
