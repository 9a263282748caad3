// A scenario that blocks outside the model gets an ERROR result naming the cause instead of
// hanging the search, and the searches after it run normally.
#include "checker/watchdog.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <chrono>
#include <semaphore>
#include <thread>

#include "checker/dfs.h"
#include "checker/explorer.h"
#include "model/model.h"

namespace interleave {
namespace {

using ::testing::HasSubstr;
using ::testing::MatchesRegex;

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
