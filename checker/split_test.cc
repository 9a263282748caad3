// A dfs search split into disjoint parts: the merged parts are the whole search.
#include "checker/split.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <set>
#include <stdexcept>
#include <string>
#include <vector>

#include "checker/dfs.h"
#include "checker/dpor.h"
#include "checker/explorer.h"
#include "checker/random.h"
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

namespace interleave {
namespace {

std::vector<Result> DporParts(const std::function<void()>& body, int parts, int jobs = 1) {
  std::vector<Result> results;
  for (int part = 0; part < parts; ++part) {
    DporStrategy dpor;
    results.push_back(Explore("split", body, dpor,
                              {.stall_seconds = 0, .jobs = jobs, .part = part, .parts = parts}));
  }
  return results;
}

TEST(TopSplitTest, EveryNameHasExactlyOneOwner) {
  for (int parts : {1, 2, 3, 8}) {
    for (int choice = 0; choice < 200; ++choice) {
      const uint64_t name =
          TopSplit::Extend(TopSplit::Extend(TopSplit::kEmpty, choice % 7), choice);
      int owners = 0;
      for (int part = 0; part < parts; ++part) owners += TopSplit(part, parts).Owns(name) ? 1 : 0;
      EXPECT_EQ(owners, 1) << parts << " " << choice;
    }
  }
  EXPECT_THROW(TopSplit(2, 2), std::invalid_argument);
  EXPECT_THROW(TopSplit(0, 0), std::invalid_argument);
  EXPECT_EQ(TopSplit(1, 4).Describe(), "part 2 of 4");
}

TEST(DporSplitTest, PartsOfFourIncrementsAddUpToOneProcess) {
  const auto body = testing::Increments(3, 2, false);
  DporStrategy whole;
  const Result all = Explore("split", body, whole, {.stall_seconds = 0});
  for (int parts : {2, 4}) {
    const std::vector<Result> results = DporParts(body, parts);
    for (const Result& r : results) {
      EXPECT_LT(r.stats.executions, all.stats.executions);  // Each does a share, not all.
      EXPECT_THAT(r.coverage, ::testing::HasSubstr("merge all parts for the whole"));
    }
    const Result merged = MergeParts(results);
    EXPECT_EQ(merged.stats.executions, all.stats.executions);
    EXPECT_EQ(merged.outcomes, all.outcomes);
    EXPECT_EQ(merged.finding_counts, all.finding_counts);
    EXPECT_EQ(merged.verdict, Verdict::kBug);
    EXPECT_TRUE(merged.stats.exhaustive);
    EXPECT_EQ(merged.coverage, "all " + std::to_string(parts) + " parts merged: the whole search");
  }
}

// A part may itself run on several OS threads: its workers skip the same subtrees.
TEST(DporSplitTest, APartOnTwoOsThreadsIsThatPart) {
  const auto body = testing::Increments(3, 2, true);
  const std::vector<Result> alone = DporParts(body, 3);
  const std::vector<Result> spread = DporParts(body, 3, /*jobs=*/2);
  for (std::size_t i = 0; i < alone.size(); ++i) {
    EXPECT_EQ(spread[i].stats.executions, alone[i].stats.executions) << i;
    EXPECT_EQ(spread[i].outcomes, alone[i].outcomes) << i;
    EXPECT_TRUE(spread[i].stats.exhaustive) << i;
  }
  EXPECT_EQ(MergeParts(spread).stats.executions, 90);
}

TEST(DporSplitTest, AMissingPartIsIncompleteAndARepeatedOneAnError) {
  const auto body = testing::Increments(2, 2, true);  // PASS when whole.
  std::vector<Result> results = DporParts(body, 3);
  const Result last = results.back();
  results.pop_back();
  const Result merged = MergeParts(results);
  EXPECT_EQ(merged.verdict, Verdict::kIncomplete);
  EXPECT_FALSE(merged.stats.exhaustive);
  EXPECT_THAT(merged.coverage, ::testing::HasSubstr("part 3 of 3 missing"));
  results.push_back(results.front());
  EXPECT_THROW(MergeParts(results), std::invalid_argument);
  results.back() = last;
  EXPECT_EQ(MergeParts(results).verdict, Verdict::kPass);
}

TEST(DporSplitTest, BadPartsAreRefused) {
  DporStrategy dpor;
  EXPECT_THROW(Explore("split", testing::TwoLockedIncrements, dpor, {.part = 2, .parts = 2}),
               std::invalid_argument);
  EXPECT_THROW(Explore("split", testing::TwoLockedIncrements, dpor, {.part = 0, .parts = 0}),
               std::invalid_argument);
  RandomStrategy random(1, 10);
  EXPECT_THROW(Explore("split", testing::TwoLockedIncrements, random, {.part = 0, .parts = 2}),
               std::invalid_argument);
}

}  // namespace
}  // namespace interleave

namespace interleave {
namespace {

// Under rc11 a search counts execution graphs, and classes of interleavings overlap on graphs
// (a load that reads an old store may run before or after a newer one): the explorer counts a
// graph once per search (Trace::graph_print). Parts cannot tell each other which graphs they
// reached, so a graph reached in two parts' subtrees is counted by both: the merged graphs are
// at least the whole search's, with the same outcomes.
void RelaxedReaders() {
  Atomic<int> x("x", 0);
  Thread w1([&] { x.store(1, std::memory_order_relaxed); }, "W1");
  Thread w2([&] { x.store(2, std::memory_order_relaxed); }, "W2");
  int a = 0;
  int b = 0;
  Thread r(
      [&] {
        a = x.load(std::memory_order_relaxed);
        b = x.load(std::memory_order_relaxed);
      },
      "R");
  w1.start();
  w2.start();
  r.start();
  w1.join();
  w2.join();
  r.join();
  outcome("ab", std::to_string(a) + std::to_string(b));
}

TEST(DporSplitTest, Rc11PartsKeepEveryOutcome) {
  DporStrategy whole;
  const Result all = Explore("split", RelaxedReaders, whole, {.stall_seconds = 0});
  ASSERT_TRUE(all.stats.exhaustive);
  for (int parts : {2, 4}) {
    const Result merged = MergeParts(DporParts(RelaxedReaders, parts));
    EXPECT_TRUE(merged.stats.exhaustive);
    EXPECT_GE(merged.stats.executions, all.stats.executions) << parts;
    std::set<std::string> keys_all;
    std::set<std::string> keys_merged;
    for (const auto& [k, c] : all.outcomes) keys_all.insert(k);
    for (const auto& [k, c] : merged.outcomes) keys_merged.insert(k);
    EXPECT_EQ(keys_merged, keys_all) << parts;
    // The parts run at least the whole search's interleavings (their top is branched to every
    // awake thread, where the whole search branches only where accesses race: here 12
    // interleavings in all, 78 in 2 or 4 parts).
    EXPECT_GE(merged.stats.executions + merged.stats.duplicate_graphs,
              all.stats.executions + all.stats.duplicate_graphs)
        << parts;
    EXPECT_THAT(merged.coverage, ::testing::HasSubstr("under RC11 a graph reached by several"));
  }
}

}  // namespace
}  // namespace interleave
