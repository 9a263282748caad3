// The naive exhaustive strategy on programs whose interleavings can be counted by hand.
#include "checker/dfs.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "checker/explorer.h"
#include "model/model.h"
#include "model/testing/programs.h"

namespace interleave {
namespace {

using ::testing::HasSubstr;
using ::testing::Pair;
using testing::TwoUnlockedIncrements;
using ::testing::UnorderedElementsAre;

TEST(DfsTest, ExploresEveryInterleavingOnce) {
  // main: start A < start B < join A < join B; A's read and write fall between start A and
  // join A, B's between start B and join B. With k of A's two steps before start B:
  // k=2: 3 interleavings, k=1: 6, k=0: 10; 19 in all. The update is lost when each thread
  // reads before the other writes: 0 + 3 + 6 = 9 of them.
  DfsStrategy dfs;
  const Result result = Explore("two_increments", TwoUnlockedIncrements, dfs);
  EXPECT_EQ(result.stats.executions, 19);
  EXPECT_TRUE(result.stats.exhaustive);
  EXPECT_THAT(result.outcomes, UnorderedElementsAre(Pair("x=1", 9), Pair("x=2", 10)));
  EXPECT_EQ(result.verdict, Verdict::kBug);
  EXPECT_TRUE(result.HasFinding(FindingKind::kLostUpdate));
  EXPECT_EQ(result.finding_counts.at(FindingKind::kLostUpdate), 9);
  // Every interleaving has the DATA RACE (happens-before does not depend on the schedule).
  EXPECT_EQ(result.finding_counts.at(FindingKind::kDataRace), 19);
  EXPECT_EQ(result.stats.executions_with_findings, 19);
}

TEST(DfsTest, CounterexampleHasTheFewestPreemptions) {
  DfsStrategy dfs;
  const Result result = Explore("two_increments", TwoUnlockedIncrements, dfs);
  ASSERT_TRUE(result.counterexample.has_value());
  // One preemption suffices: A reads, B runs its read (preempting A), ...
  EXPECT_EQ(result.counterexample->Preemptions(), 1);
}

TEST(DfsTest, LockedIncrementsAlwaysPass) {
  DfsStrategy dfs;
  const Result result = Explore("two_locked_increments", testing::TwoLockedIncrements, dfs);
  EXPECT_EQ(result.verdict, Verdict::kPass);
  EXPECT_THAT(result.outcomes, UnorderedElementsAre(Pair("x=2", result.stats.executions)));
  EXPECT_GT(result.stats.executions, 1);
}

TEST(DfsTest, FindsTheOppositeLockOrderDeadlock) {
  DfsStrategy dfs;
  const Result result = Explore("opposite_locks", testing::OppositeLockOrder, dfs);
  EXPECT_EQ(result.verdict, Verdict::kBug);
  ASSERT_TRUE(result.HasFinding(FindingKind::kDeadlock));
  EXPECT_TRUE(result.stats.exhaustive);
  EXPECT_LT(result.finding_counts.at(FindingKind::kDeadlock), result.stats.executions);
}

TEST(DfsTest, NondeterministicScenarioIsAnError) {
  DfsStrategy dfs;
  const Result result = Explore("nondeterministic", testing::Nondeterministic(2), dfs);
  EXPECT_EQ(result.verdict, Verdict::kError);
  EXPECT_THAT(result.error, HasSubstr("not deterministic"));
}

TEST(DfsTest, StepBoundIsASuspectedLivelock) {
  DfsStrategy dfs;
  const Result result = Explore(
      "spin",
      [] {
        Shared<bool> flag("flag", false);
        while (!flag.read()) {
        }
      },
      dfs, ExploreOptions{.max_steps = 100});
  // Not PASS: the search did not see the spin end. A warning names the likely cause.
  EXPECT_EQ(result.verdict, Verdict::kWarning);
  EXPECT_TRUE(result.HasFinding(FindingKind::kLivelock));
  EXPECT_FALSE(result.stats.exhaustive && result.stats.step_bound_hits == 0);
  EXPECT_EQ(result.stats.step_bound_hits, 1);
}

TEST(DfsTest, ExecutionBoundMakesTheResultIncomplete) {
  DfsStrategy dfs;
  const Result result =
      Explore("two_increments", TwoUnlockedIncrements, dfs, ExploreOptions{.max_executions = 3});
  EXPECT_EQ(result.stats.executions, 3);
  EXPECT_EQ(result.stats.bound, Bound::kExecutions);
  EXPECT_FALSE(result.stats.exhaustive);
  EXPECT_NE(result.verdict, Verdict::kPass);
}

}  // namespace
}  // namespace interleave
