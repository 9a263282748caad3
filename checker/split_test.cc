// A dfs search split into disjoint parts: the merged parts are the whole search.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <vector>

#include "checker/dfs.h"
#include "checker/explorer.h"
#include "model/model.h"
#include "model/testing/programs.h"

namespace interleave {
namespace {

using ::testing::Pair;
using ::testing::UnorderedElementsAre;

Result Split(const std::function<void()>& body, int parts) {
  std::vector<Result> results;
  for (int part = 0; part < parts; ++part) {
    DfsStrategy dfs(part, parts);
    results.push_back(Explore("split", body, dfs));
    EXPECT_TRUE(results.back().stats.exhaustive) << part;
  }
  return MergeResults(results);
}

TEST(SplitTest, PartsOfTwoIncrementsAddUpToTheWhole) {
  for (int parts : {1, 2, 3, 7}) {
    const Result merged = Split(testing::TwoUnlockedIncrements, parts);
    EXPECT_EQ(merged.stats.executions, 19) << parts;
    EXPECT_THAT(merged.outcomes, UnorderedElementsAre(Pair("x=1", 9), Pair("x=2", 10))) << parts;
    EXPECT_EQ(merged.verdict, Verdict::kBug);
    EXPECT_TRUE(merged.stats.exhaustive);
  }
}

TEST(SplitTest, EveryPartDoesSomeOfTheWorkOnALargerSearch) {
  // The lost update of seed 000 on two threads (the lost_update scenario now runs on a
  // ThreadPoolExecutor, too many interleavings for dfs).
  DfsStrategy whole;
  const Result all = Explore("lost_update", testing::LostUpdateOnThreads, whole);
  std::vector<Result> results;
  for (int part = 0; part < 4; ++part) {
    DfsStrategy dfs(part, 4);
    results.push_back(Explore("lost_update", testing::LostUpdateOnThreads, dfs));
    EXPECT_GT(results.back().stats.executions, 0) << part;
    EXPECT_LT(results.back().stats.executions, all.stats.executions) << part;
  }
  const Result merged = MergeResults(results);
  EXPECT_EQ(merged.stats.executions, all.stats.executions);  // 923: disjoint and complete.
  EXPECT_EQ(merged.outcomes, all.outcomes);
  EXPECT_EQ(merged.finding_counts, all.finding_counts);
  EXPECT_EQ(merged.verdict, Verdict::kBug);
  ASSERT_TRUE(merged.counterexample && all.counterexample);
  EXPECT_EQ(merged.counterexample->Preemptions(), all.counterexample->Preemptions());
}

// The parts on OS threads at once (ExploreOptions::jobs): the whole search, and the same
// counterexample as on one thread.
TEST(SplitTest, WorkersOnOsThreadsExploreTheWholeSearch) {
  DfsStrategy whole;
  const Result all = Explore("lost_update", testing::LostUpdateOnThreads, whole);
  DfsStrategy spread;
  const Result merged = Explore("lost_update", testing::LostUpdateOnThreads, spread, {.jobs = 3});
  EXPECT_TRUE(merged.stats.exhaustive);
  EXPECT_EQ(merged.stats.executions, all.stats.executions);
  EXPECT_EQ(merged.outcomes, all.outcomes);
  EXPECT_EQ(merged.finding_counts, all.finding_counts);
  EXPECT_EQ(merged.settings.at("jobs"), "3");
  ASSERT_TRUE(merged.counterexample && all.counterexample);
  // The counterexample order is total (explorer.h): the same schedule, decision by decision.
  ASSERT_EQ(merged.counterexample->decisions.size(), all.counterexample->decisions.size());
  for (std::size_t i = 0; i < all.counterexample->decisions.size(); ++i) {
    EXPECT_EQ(merged.counterexample->decisions[i].chosen, all.counterexample->decisions[i].chosen);
  }
  DfsStrategy part(0, 2);
  EXPECT_TRUE(part.Workers(2).empty());  // A part is not split again.
}

// A bound hit by one worker stops the others: the search has not ended.
TEST(SplitTest, WorkersStopAtTheExecutionBound) {
  DfsStrategy spread;
  const Result result = Explore("lost_update", testing::LostUpdateOnThreadsLocked, spread,
                                {.max_executions = 50, .jobs = 2});
  EXPECT_FALSE(result.stats.search_ended);
  EXPECT_EQ(result.stats.bound, Bound::kExecutions);
  EXPECT_EQ(result.verdict, Verdict::kIncomplete);
}

TEST(SplitTest, LockedScenarioPassesWhenEveryPartDoes) {
  const Result merged = Split(testing::LostUpdateOnThreadsLocked, 3);
  EXPECT_EQ(merged.verdict, Verdict::kPass);
  EXPECT_EQ(merged.stats.executions, 11'243);
}

}  // namespace
}  // namespace interleave
