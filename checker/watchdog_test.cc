// A scenario that blocks outside the model ends the process with a clear ERROR instead of
// hanging the search.
#include "checker/watchdog.h"

#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "checker/dfs.h"
#include "checker/explorer.h"
#include "model/model.h"

namespace interleave {
namespace {

TEST(WatchdogDeathTest, RealSleepEndsTheProcessWithAnError) {
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  EXPECT_EXIT(
      {
        DfsStrategy dfs;
        Explore(
            "sleeps_for_real",
            [] {
              log("before");
              std::this_thread::sleep_for(std::chrono::seconds(30));  // Not the model's sleep.
            },
            dfs, ExploreOptions{.stall_seconds = 0.5});
      },
      ::testing::ExitedWithCode(1),
      "ERROR  sleeps_for_real: no step for 0.5 s: the scenario blocks outside the model after "
      ".*watchdog_test.cc:[0-9]+");
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
