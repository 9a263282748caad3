// ExploreOptions::stop (SIGINT/SIGTERM in the CLI): a search stops before its next execution
// once the flag is set, with Bound::kInterrupted, never a PASS; on one OS thread or several.
// ExploreOptions::stop_on_first_bug: a search stops after the first execution with a bug (not
// a warning), BUG, not exhaustive. ExploreOptions::progress: the counts of a running search.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

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

// Two unlocked increments race in every interleaving and lose an update in some: the first
// bug ends the search, BUG, with that execution as the counterexample and a coverage that
// says so.
void StopsAtTheFirstBug(int jobs) {
  DfsStrategy full_dfs;
  const Result full = Explore("two_increments", testing::TwoUnlockedIncrements, full_dfs, {});
  ASSERT_EQ(full.verdict, Verdict::kBug);
  ASSERT_TRUE(full.stats.exhaustive);

  DfsStrategy dfs;
  const Result result = Explore("two_increments", testing::TwoUnlockedIncrements, dfs,
                                {.jobs = jobs, .stop_on_first_bug = true});
  EXPECT_EQ(result.verdict, Verdict::kBug);
  EXPECT_FALSE(result.stats.exhaustive);
  EXPECT_FALSE(result.stats.search_ended);
  EXPECT_EQ(result.stats.bound, Bound::kNone);
  EXPECT_EQ(result.coverage, kStoppedAtFirstBug);
  ASSERT_TRUE(result.counterexample.has_value());
  ASSERT_FALSE(result.findings.empty());
  EXPECT_GE(result.stats.executions, 1);
  EXPECT_LT(result.stats.executions, full.stats.executions);
  // Each worker stops at its first bug at the latest.
  EXPECT_GE(result.stats.executions_with_findings, 1);
  EXPECT_LE(result.stats.executions_with_findings, jobs);
}

TEST(StopTest, TheFirstBugEndsTheSearch) { StopsAtTheFirstBug(1); }

TEST(StopTest, TheFirstBugEndsEveryWorker) { StopsAtTheFirstBug(2); }

// A correct program: nothing stops it, and its search is exhaustive as without the option.
TEST(StopTest, WithoutABugTheSearchRunsToItsEnd) {
  DporStrategy dpor;
  const Result result =
      Explore("locked", testing::TwoLockedIncrements, dpor, {.stop_on_first_bug = true});
  EXPECT_EQ(result.verdict, Verdict::kPass);
  EXPECT_TRUE(result.stats.exhaustive);
  EXPECT_NE(result.coverage, kStoppedAtFirstBug);
}

// A warning (a suspected livelock) is not a bug: the search does not stop at it.
TEST(StopTest, AWarningDoesNotStopTheSearch) {
  DfsStrategy dfs;
  const Result result = Explore("spin",
                                [] {
                                  Shared<bool> flag("flag", false);
                                  while (!flag.read()) {
                                  }
                                },
                                dfs, {.max_steps = 100, .stop_on_first_bug = true});
  EXPECT_EQ(result.verdict, Verdict::kWarning);
  EXPECT_TRUE(result.stats.search_ended);
  EXPECT_NE(result.coverage, kStoppedAtFirstBug);
}

// The progress callback: every `progress_every` executions (pruned ones included), with counts
// that only grow and never pass the result's.
void ReportsProgress(int jobs) {
  std::mutex mutex;  // The calls are one at a time; the lock makes the test say so to TSan.
  std::vector<ExploreProgress> calls;
  DfsStrategy dfs;
  const Result result = Explore("two_increments", testing::TwoUnlockedIncrements, dfs,
                                {.jobs = jobs,
                                 .progress =
                                     [&](const ExploreProgress& progress) {
                                       const std::lock_guard<std::mutex> lock(mutex);
                                       calls.push_back(progress);
                                     },
                                 .progress_every = 2});
  ASSERT_TRUE(result.stats.exhaustive);
  const int64_t runs = result.stats.executions + result.stats.pruned;
  EXPECT_EQ(static_cast<int64_t>(calls.size()), runs / 2);
  for (std::size_t i = 0; i < calls.size(); ++i) {
    EXPECT_LE(calls[i].executions, result.stats.executions);
    EXPECT_LE(calls[i].executions_with_findings, calls[i].executions);
    EXPECT_GE(calls[i].seconds, 0);
    if (i > 0) {
      EXPECT_GE(calls[i].executions, calls[i - 1].executions);
      EXPECT_GE(calls[i].executions_with_findings, calls[i - 1].executions_with_findings);
    }
  }
  ASSERT_FALSE(calls.empty());
  EXPECT_GT(calls.back().executions_with_findings, 0);  // Every interleaving races.
}

TEST(StopTest, ProgressIsReported) { ReportsProgress(1); }

TEST(StopTest, ProgressIsReportedByWorkers) { ReportsProgress(2); }

}  // namespace
}  // namespace interleave
