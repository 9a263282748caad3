// The catalogue: every registered scenario reaches the verdict it declares under exhaustive
// search. One test per scenario, named after it; a failure prints the full text report.
#include <gtest/gtest.h>

#include <string>

#include "checker/dfs.h"
#include "checker/explorer.h"
#include "reports/text_report.h"
#include "scenarios/registry.h"

namespace interleave {
namespace {

class CatalogueTest : public ::testing::TestWithParam<const Scenario*> {};

TEST_P(CatalogueTest, ReachesItsExpectedVerdict) {
  const Scenario& scenario = *GetParam();
  DfsStrategy dfs;
  const Result result = Explore(scenario.name, scenario.body, dfs);
  EXPECT_TRUE(result.Matches(scenario.expected))
      << scenario.name << " (" << scenario.id << ") expected " << ExpectationName(scenario.expected)
      << "; the checker found:\n"
      << RenderText(result);
  if (scenario.expected.verdict == Verdict::kPass) {
    EXPECT_TRUE(result.stats.exhaustive) << "a PASS must come from an exhaustive search";
  }
}

std::vector<const Scenario*> Catalogue() {
  std::vector<const Scenario*> scenarios;
  for (const Scenario& scenario : AllScenarios()) scenarios.push_back(&scenario);
  return scenarios;
}

INSTANTIATE_TEST_SUITE_P(Scenarios, CatalogueTest, ::testing::ValuesIn(Catalogue()),
                         [](const ::testing::TestParamInfo<const Scenario*>& info) {
                           return info.param->name;
                         });

TEST(CatalogueContentsTest, HoldsTheWalkingSkeletonScenarios) {
  ASSERT_NE(FindScenario("lost_update"), nullptr);
  ASSERT_NE(FindScenario("lost_update_locked"), nullptr);
  EXPECT_EQ(FindScenario("lost_update")->id, "000.e");
  EXPECT_EQ(FindScenario("lost_update_locked")->id, "000.f");
}

}  // namespace
}  // namespace interleave
