// A scenario that blocks outside the model gets an ERROR result naming the cause instead of
// hanging the search, and the searches after it run normally.
#include "checker/watchdog.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <fstream>
#include <semaphore>
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

// The OS threads of this process (Linux).
int OsThreads() {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind("Threads:", 0) == 0) return std::stoi(line.substr(8));
  }
  return -1;
}

TEST(WatchdogTest, RealSleepIsAnErrorNamingTheLine) {
  DfsStrategy dfs;
  const auto start = std::chrono::steady_clock::now();
  const Result result = Explore(
      "sleeps_for_real",
      [] {
        log("before");
        std::this_thread::sleep_for(std::chrono::seconds(3));  // Not the model's sleep.
        log("after");
      },
      dfs, ExploreOptions{.stall_seconds = 0.5});
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(2));
  EXPECT_EQ(result.verdict, Verdict::kError);
  EXPECT_EQ(result.scenario, "sleeps_for_real");
  EXPECT_THAT(result.error,
              MatchesRegex("the scenario blocks outside the model: no step for 0.5 s after "
                           "watchdog_test.cc:[0-9]+ .*"));

  // The next search runs normally, and the abandoned one, waking up meanwhile, leaves it be.
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
  std::this_thread::sleep_for(std::chrono::seconds(3));  // Let the abandoned thread wake.
}

TEST(WatchdogTest, RealBlockingWaitIsAnError) {
  // A real semaphore the model cannot see; the test lets the abandoned thread go at the end,
  // so that it unwinds and ends (no leak, no thread left behind).
  static std::binary_semaphore gate(0);
  DfsStrategy dfs;
  const Result result = Explore(
      "waits_on_a_real_semaphore",
      [] {
        log("before");
        gate.acquire();
        log("after");
      },
      dfs, ExploreOptions{.stall_seconds = 0.3});
  EXPECT_EQ(result.verdict, Verdict::kError);
  EXPECT_THAT(result.error, HasSubstr("blocks outside the model"));
  gate.release();
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
}

// The same on dpor's workers (ExploreOptions::jobs): the worker that waits for work the stuck
// one had leaves once the stuck one wakes, so that no thread is left behind.
TEST(WatchdogTest, RealBlockingWaitIsAnErrorOnWorkers) {
  static std::binary_semaphore gate(0);
  static std::atomic<bool> left(false);
  const int threads_before = OsThreads();
  DporStrategy dpor;
  const Result result = Explore(
      "waits_on_a_real_semaphore",
      [] {
        Shared<int> x("x");
        Thread a([&x] { x.write(1); }, "A");
        Thread b([&x] { x.write(2); }, "B");
        a.start();
        b.start();
        gate.acquire();
        a.join();
        b.join();
        left = true;
      },
      dpor, ExploreOptions{.stall_seconds = 0.3, .jobs = 2});
  EXPECT_EQ(result.verdict, Verdict::kError);
  EXPECT_THAT(result.error, HasSubstr("blocks outside the model"));
  gate.release();
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
