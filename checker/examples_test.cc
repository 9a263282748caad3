// Result::examples: one execution per outcome, the shortest met, kept by every search and by
// MergeResults.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <vector>

#include "checker/dfs.h"
#include "checker/dpor.h"
#include "checker/explorer.h"
#include "model/testing/programs.h"

namespace interleave {
namespace {

// The shortest execution of each outcome, found by looking at every execution of dfs.
std::map<std::string, size_t> ShortestByOutcome(const std::function<void()>& body) {
  // The parts of a split dfs search are disjoint and make up the whole: the shortest of their
  // examples is the shortest execution of each outcome.
  std::map<std::string, size_t> shortest;
  for (int part = 0; part < 5; ++part) {
    DfsStrategy piece(part, 5);
    for (const auto& [outcome, example] : Explore("part", body, piece).examples) {
      auto [it, added] = shortest.emplace(outcome, example.trace.events.size());
      if (!added) it->second = std::min(it->second, example.trace.events.size());
    }
  }
  return shortest;
}

TEST(ExamplesTest, EveryOutcomeHasItsShortestExecutionWithItsFindings) {
  DfsStrategy dfs;
  const Result result = Explore("lost", testing::TwoUnlockedIncrements, dfs);
  ASSERT_EQ(result.outcomes.size(), 2u);  // x=1 and x=2.
  ASSERT_EQ(result.examples.size(), 2u);
  for (const auto& [outcome, example] : result.examples) {
    ASSERT_TRUE(result.outcomes.contains(outcome)) << outcome;
    EXPECT_EQ("x=" + example.trace.outcome.front().second, outcome);
    // x=1 lost an update: its example carries the findings of that execution.
    bool lost_update = false;
    for (const Finding& finding : example.findings) {
      lost_update = lost_update || finding.kind == FindingKind::kLostUpdate;
    }
    EXPECT_EQ(lost_update, outcome == "x=1") << outcome;
  }
  const std::map<std::string, size_t> shortest = ShortestByOutcome(testing::TwoUnlockedIncrements);
  for (const auto& [outcome, example] : result.examples) {
    EXPECT_EQ(example.trace.events.size(), shortest.at(outcome)) << outcome;
  }
}

TEST(ExamplesTest, APassShowsAnExecution) {
  DporStrategy dpor;
  const Result result = Explore("locked", testing::TwoLockedIncrements, dpor);
  ASSERT_EQ(result.verdict, Verdict::kPass);
  ASSERT_EQ(result.examples.size(), 1u);
  const OutcomeExample& example = result.examples.begin()->second;
  EXPECT_EQ(result.examples.begin()->first, "x=2");
  EXPECT_FALSE(example.trace.events.empty());
  EXPECT_TRUE(example.findings.empty());
}

TEST(ExamplesTest, MergeKeepsTheShortestOfEachOutcome) {
  std::vector<Result> parts;
  for (int part = 0; part < 3; ++part) {
    DfsStrategy dfs(part, 3);
    parts.push_back(Explore("split", testing::TwoUnlockedIncrements, dfs));
  }
  const Result merged = MergeResults(parts);
  for (const auto& [outcome, example] : merged.examples) {
    for (const Result& part : parts) {
      auto it = part.examples.find(outcome);
      if (it != part.examples.end()) {
        EXPECT_LE(example.trace.events.size(), it->second.trace.events.size()) << outcome;
      }
    }
  }
  EXPECT_EQ(merged.examples.size(), merged.outcomes.size());
}

}  // namespace
}  // namespace interleave
