// DporStrategy spread over OS threads (ExploreOptions::jobs), on programs small enough for
// ThreadSanitizer, which checks the workers' sharing of the tree. dpor_test compares two
// workers with one on every program of the oracle's set.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <functional>
#include <stdexcept>
#include <vector>

#include "checker/dpor.h"
#include "checker/explorer.h"
#include "model/model.h"
#include "model/testing/programs.h"

namespace interleave {
namespace {

// Each lock order once, on two workers as on one: (N*K)!/(K!)^N complete executions.
TEST(DporWorkersTest, ExploreEachLockOrderOnce) {
  DporStrategy dpor;
  const Result result =
      Explore("increments", testing::Increments(3, 2, true), dpor, {.stall_seconds = 0, .jobs = 2});
  EXPECT_TRUE(result.stats.exhaustive);
  EXPECT_EQ(result.verdict, Verdict::kPass);
  EXPECT_EQ(result.stats.executions, 90);
  EXPECT_EQ(result.stats.pruned, 0);
  EXPECT_EQ(result.settings.at("jobs"), "2");
}

TEST(DporWorkersTest, FindTheLostUpdateAndTheDeadlockAsOneWorkerDoes) {
  const std::vector<std::function<void()>> programs = {testing::Increments(2, 2, false),
                                                       testing::OppositeLockOrder};
  for (const std::function<void()>& body : programs) {
    DporStrategy one;
    const Result alone = Explore("program", body, one, {.stall_seconds = 0});
    DporStrategy two;
    const Result shared = Explore("program", body, two, {.stall_seconds = 0, .jobs = 2});
    EXPECT_EQ(shared.verdict, Verdict::kBug);
    EXPECT_EQ(shared.verdict, alone.verdict);
    EXPECT_EQ(shared.stats.executions, alone.stats.executions);
    EXPECT_EQ(shared.outcomes, alone.outcomes);
    EXPECT_EQ(shared.finding_counts, alone.finding_counts);
    ASSERT_TRUE(shared.counterexample.has_value());
    EXPECT_EQ(shared.counterexample->events.size(), alone.counterexample->events.size());
  }
}

// A bound hit by one worker stops them all, and the search is not exhaustive.
TEST(DporWorkersTest, StopAtTheExecutionBound) {
  DporStrategy dpor;
  const Result result = Explore("increments", testing::Increments(3, 3, true), dpor,
                                {.max_executions = 100, .stall_seconds = 0, .jobs = 2});
  EXPECT_FALSE(result.stats.exhaustive);
  EXPECT_FALSE(result.stats.search_ended);
  EXPECT_EQ(result.stats.bound, Bound::kExecutions);
  // Every execution a worker started ran to its end; a worker waiting for work when the other
  // stopped the search had counted one it never ran.
  EXPECT_LE(result.stats.executions + result.stats.pruned, 100);
  EXPECT_GE(result.stats.executions + result.stats.pruned, 99);
  EXPECT_EQ(result.verdict, Verdict::kIncomplete);
}

// A scenario that behaves differently on the same schedule is an error on any worker, and the
// error stops the others.
TEST(DporWorkersTest, NondeterministicScenarioIsAnError) {
  DporStrategy dpor;
  const Result result = Explore("nondeterministic", testing::Nondeterministic(3), dpor,
                                {.stall_seconds = 0, .jobs = 2});
  EXPECT_EQ(result.verdict, Verdict::kError);
  EXPECT_THAT(result.error, ::testing::HasSubstr("not deterministic"));
}

TEST(DporWorkersTest, JobsBelowOneAreRejected) {
  DporStrategy dpor;
  EXPECT_THROW(Explore("increments", testing::Increments(2, 1, true), dpor, {.jobs = 0}),
               std::invalid_argument);
}

}  // namespace
}  // namespace interleave
