// The catalogue: every registered scenario reaches the verdict it declares, in both time modes,
// under the default exhaustive search (dpor). One test per scenario and mode, named after them;
// a failure prints the full text report and keeps the reports as test outputs.
#include <gtest/gtest.h>

#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "checker/dpor.h"
#include "checker/explorer.h"
#include "model/execution.h"
#include "reports/gtest_report.h"
#include "scenarios/registry.h"

namespace interleave {
namespace {

using Case = std::pair<const Scenario*, TimeMode>;

class CatalogueTest : public ::testing::TestWithParam<Case> {};

TEST_P(CatalogueTest, ReachesItsExpectedVerdict) {
  const auto& [scenario, mode] = GetParam();
  DporStrategy dpor;
  const std::function<void()> body = scenario->Bind();
  const ExploreOptions options{.time = mode};
  const Result result = Explore(scenario->name, body, dpor, options);
  const Expectation& expected = scenario->ExpectedIn(mode);
  // On a mismatch: the text report of the minimized counterexample in the message, and the
  // text, JSON and HTML reports in the test's undeclared outputs.
  EXPECT_TRUE(VerdictIs(result, expected, std::string(TimeModeName(mode)), body, options))
      << scenario->name << " is catalogue entry " << scenario->id;
  if (expected.verdict == Verdict::kPass || scenario->variant == "fix") {
    EXPECT_TRUE(result.stats.exhaustive) << "a fix must be verified by an exhaustive search";
  }
}

std::vector<Case> Catalogue() {
  std::vector<Case> cases;
  for (const Scenario& scenario : AllScenarios()) {
    for (TimeMode mode : {TimeMode::kAny, TimeMode::kVirtual}) cases.emplace_back(&scenario, mode);
  }
  return cases;
}

INSTANTIATE_TEST_SUITE_P(Scenarios, CatalogueTest, ::testing::ValuesIn(Catalogue()),
                         [](const ::testing::TestParamInfo<Case>& info) {
                           return info.param.first->name + "_" +
                                  std::string(TimeModeName(info.param.second));
                         });

// Every scenario declares well-formed metadata: a catalogue id, a known variant, a seed.
TEST(CatalogueContentsTest, EveryScenarioIsWellFormed) {
  for (const Scenario& scenario : AllScenarios()) {
    SCOPED_TRACE(scenario.name);
    EXPECT_FALSE(scenario.id.empty());
    EXPECT_TRUE(scenario.variant == "bug" || scenario.variant == "fix" ||
                scenario.variant == "seed")
        << scenario.variant;
    EXPECT_FALSE(scenario.seed.empty());
    EXPECT_FALSE(scenario.description.empty());
    EXPECT_TRUE(scenario.body);
    for (TimeMode mode : {TimeMode::kAny, TimeMode::kVirtual}) {
      const Expectation& expected = scenario.ExpectedIn(mode);
      // A BUG or WARNING names what must be found; a PASS names nothing.
      EXPECT_EQ(expected.verdict == Verdict::kPass, expected.kinds.empty())
          << ExpectationName(expected);
    }
  }
}

TEST(CatalogueContentsTest, HoldsTheLostUpdatePair) {
  ASSERT_NE(FindScenario("lost_update"), nullptr);
  ASSERT_NE(FindScenario("lost_update_locked"), nullptr);
  EXPECT_EQ(FindScenario("lost_update")->id, "000.e");
  EXPECT_EQ(FindScenario("lost_update_locked")->id, "000.f");
}

}  // namespace
}  // namespace interleave
