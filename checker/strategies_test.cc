// bounded, random and pct on programs whose interleavings are known (model/testing).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "checker/bounded.h"
#include "checker/dfs.h"
#include "checker/explorer.h"
#include "checker/pct.h"
#include "checker/random.h"
#include "model/model.h"
#include "model/testing/programs.h"

namespace interleave {
namespace {

using ::testing::HasSubstr;
using ::testing::Pair;
using ::testing::UnorderedElementsAre;

std::vector<std::string> Steps(const Trace& trace) {
  std::vector<std::string> steps;
  for (const TraceEvent& e : trace.events) {
    steps.push_back(trace.threads[e.thread].name + " " + trace.Describe(e));
  }
  return steps;
}

TEST(BoundedTest, LevelZeroHasNoLostUpdateLevelOneFindsIt) {
  BoundedStrategy none(0);
  const Result zero = Explore("two_increments", testing::TwoUnlockedIncrements, none);
  // The unordered accesses are a DATA RACE in every schedule; the lost update needs a
  // preemption.
  EXPECT_EQ(zero.verdict, Verdict::kBug);
  EXPECT_TRUE(zero.Found(FindingKind::kDataRace));
  EXPECT_FALSE(zero.Found(FindingKind::kLostUpdate));
  EXPECT_THAT(zero.coverage, HasSubstr("at most 0 preemptions"));

  BoundedStrategy one(1);
  const Result result = Explore("two_increments", testing::TwoUnlockedIncrements, one);
  EXPECT_EQ(result.verdict, Verdict::kBug);
  EXPECT_TRUE(result.HasFinding(FindingKind::kLostUpdate));
  ASSERT_TRUE(result.counterexample.has_value());
  EXPECT_EQ(result.counterexample->Preemptions(), 1);
}

TEST(BoundedTest, ALargeEnoughBoundCoversEveryScheduleOnce) {
  // Two unlocked increments need at most 3 preemptions; every one of dfs's 19 interleavings
  // runs exactly once (those rerun at a deeper level are pruned, not counted again).
  BoundedStrategy bounded(10);
  const Result result = Explore("two_increments", testing::TwoUnlockedIncrements, bounded);
  EXPECT_TRUE(result.stats.exhaustive);
  EXPECT_EQ(result.stats.executions, 19);
  EXPECT_THAT(result.outcomes, UnorderedElementsAre(Pair("x=1", 9), Pair("x=2", 10)));
  EXPECT_THAT(result.coverage, HasSubstr("exhaustive"));
}

TEST(BoundedTest, LockedIncrementsPassWhenTheBoundCoversEverything) {
  BoundedStrategy bounded(10);
  const Result result = Explore("locked", testing::TwoLockedIncrements, bounded);
  EXPECT_EQ(result.verdict, Verdict::kPass);
}

TEST(RandomTest, SameSeedSameRunsAndNeverPass) {
  RandomStrategy a(42, 200);
  RandomStrategy b(42, 200);
  const Result first = Explore("two_increments", testing::TwoLockedIncrements, a);
  const Result second = Explore("two_increments", testing::TwoLockedIncrements, b);
  EXPECT_EQ(first.stats.executions, 200);
  EXPECT_EQ(first.outcomes, second.outcomes);
  EXPECT_EQ(first.verdict, Verdict::kIncomplete);  // A sample proves nothing.
  EXPECT_THAT(first.coverage, HasSubstr("200 runs of random (seed 42)"));
}

TEST(RandomTest, FindsTheLostUpdate) {
  RandomStrategy random(1, 500);
  const Result result = Explore("two_increments", testing::TwoUnlockedIncrements, random);
  EXPECT_EQ(result.verdict, Verdict::kBug);
}

TEST(PctTest, SameSeedSameCounterexample) {
  PctStrategy a(7, 1000, 3);
  PctStrategy b(7, 1000, 3);
  const Result first = Explore("two_increments", testing::TwoUnlockedIncrements, a);
  const Result second = Explore("two_increments", testing::TwoUnlockedIncrements, b);
  ASSERT_EQ(first.verdict, Verdict::kBug);
  ASSERT_TRUE(first.counterexample && second.counterexample);
  EXPECT_EQ(Steps(*first.counterexample), Steps(*second.counterexample));
  EXPECT_EQ(first.outcomes, second.outcomes);
  EXPECT_THAT(first.coverage, HasSubstr("1000 runs of pct d=3 (seed 7)"));
  EXPECT_THAT(first.coverage, HasSubstr("missed with probability at most"));
}

TEST(PctTest, DepthOneRunsTheHighestPriorityThreadOnly) {
  // d=1: no change points, so each run is a priority order with no preemption of a runnable
  // higher-priority thread: the two increments never interleave, so no update is lost (the
  // unordered accesses are still a DATA RACE, whatever the schedule).
  PctStrategy pct(3, 300, 1);
  const Result result = Explore("two_increments", testing::TwoUnlockedIncrements, pct);
  EXPECT_EQ(result.verdict, Verdict::kBug);
  EXPECT_FALSE(result.Found(FindingKind::kLostUpdate));
  EXPECT_EQ(result.finding_counts.at(FindingKind::kDataRace), 300);
  EXPECT_THAT(result.outcomes, UnorderedElementsAre(Pair("x=2", 300)));
}

}  // namespace
}  // namespace interleave
