// ExploreOptions::stop (SIGINT/SIGTERM in the CLI): a search stops before its next execution
// once the flag is set, with Bound::kInterrupted, never a PASS; on one OS thread or several.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <functional>
#include <thread>

#include "checker/dfs.h"
#include "checker/dpor.h"
#include "checker/explorer.h"
#include "model/model.h"
#include "model/testing/programs.h"

namespace interleave {
namespace {

TEST(StopTest, AStopRequestBeforeTheSearchRunsNothing) {
  const std::atomic<bool> stop{true};
  DporStrategy dpor;
  const Result result = Explore("stopped", testing::LostUpdateOnThreads, dpor, {.stop = &stop});
  EXPECT_EQ(result.stats.executions, 0);
  EXPECT_EQ(result.stats.bound, Bound::kInterrupted);
  EXPECT_FALSE(result.stats.exhaustive);
  EXPECT_EQ(result.verdict, Verdict::kIncomplete);
}

// The flag set from another OS thread while the search runs (as a signal handler does): the
// search ends soon after, having run some executions, INCOMPLETE.
void StopsMidway(int jobs) {
  std::atomic<bool> stop{false};
  // Four threads of three locked increments: hundreds of thousands of executions under dfs.
  const std::function<void()> body = testing::Increments(4, 3, /*locked=*/true);
  std::thread stopper([&stop] {
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    stop = true;
  });
  DfsStrategy dfs;
  const Result result = Explore("stopped", body, dfs, {.jobs = jobs, .stop = &stop});
  stopper.join();
  EXPECT_GT(result.stats.executions, 0);
  EXPECT_EQ(result.stats.bound, Bound::kInterrupted);
  EXPECT_FALSE(result.stats.search_ended);
  EXPECT_EQ(result.verdict, Verdict::kIncomplete);
}

TEST(StopTest, AStopRequestDuringTheSearchEndsIt) { StopsMidway(1); }

TEST(StopTest, AStopRequestEndsEveryWorker) { StopsMidway(2); }

}  // namespace
}  // namespace interleave
