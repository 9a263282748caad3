// Every line of the text report of every catalogue scenario is at most 120 columns (issue 16:
// `run queue_many_consumers_one_zero` printed 252). Each scenario is explored with dpor in both
// time modes, its counterexample minimized as `interleave run` does (with a smaller budget), and
// rendered three ways: the table, --full and --show=log. `list` and `check` are checked by
// tools/interleave_cli_test.sh.
#include <gtest/gtest.h>

#include <functional>
#include <sstream>
#include <string>
#include <vector>

#include "checker/dpor.h"
#include "checker/explorer.h"
#include "checker/minimize.h"
#include "reports/text_report.h"
#include "scenarios/registry.h"
#include "scenarios/seed_lines.h"

namespace interleave {
namespace {

class ReportWidthTest : public ::testing::TestWithParam<std::string> {};

TEST_P(ReportWidthTest, EveryLineFits120Columns) {
  const Scenario* scenario = FindScenario(GetParam());
  ASSERT_NE(scenario, nullptr);
  for (const TimeMode mode : {TimeMode::kAny, TimeMode::kVirtual}) {
    DporStrategy dpor;
    const std::function<void()> body = scenario->Bind();
    const ExploreOptions options = {.time = mode};
    Result result = Explore(scenario->name, body, dpor, options);
    MinimizeCounterexample(body, options, result, {.max_executions = 2000});
    result.parameters = scenario->Params().values();
    result.seed_lines = SeedLinesFor(*scenario);  // As `run` fills them.
    for (const TextReportOptions& text :
         {TextReportOptions{.show_time = false},
          TextReportOptions{.show_time = false, .full = true},
          TextReportOptions{.show_time = false, .show = TextReportOptions::Show::kLog}}) {
      const std::string report = RenderText(result, text);
      std::istringstream in(report);
      for (std::string line; std::getline(in, line);) {
        EXPECT_LE(line.size(), 120u) << TimeModeName(mode) << ": " << line << "\n" << report;
      }
    }
  }
}

std::vector<std::string> ScenarioNames() {
  std::vector<std::string> names;
  for (const Scenario& scenario : AllScenarios()) names.push_back(scenario.name);
  return names;
}

INSTANTIATE_TEST_SUITE_P(Catalogue, ReportWidthTest, ::testing::ValuesIn(ScenarioNames()),
                         [](const ::testing::TestParamInfo<std::string>& info) {
                           return info.param;
                         });

}  // namespace
}  // namespace interleave
