// Tests of the data the HTML report's script shows (the page-data element): an execution per
// outcome with its findings and its state after every step, which outcomes had a bug, what a
// PASS shows, and the seed's Python lines. tests/html/html_page_test.py drives the page itself
// in Chromium.
#include "reports/html_report.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "checker/dpor.h"
#include "checker/explorer.h"
#include "scenarios/registry.h"

namespace interleave {
namespace {

using json = nlohmann::json;

Result ExploreScenario(const std::string& name, TimeMode time = TimeMode::kAny) {
  const Scenario* scenario = FindScenario(name);
  EXPECT_NE(scenario, nullptr) << name;
  DporStrategy dpor;
  return Explore(name, scenario->Bind(), dpor, {.time = time});
}

json PageData(const std::string& page) {
  const std::string open = "<script type=\"application/json\" id=\"page-data\">";
  const size_t begin = page.find(open);
  EXPECT_NE(begin, std::string::npos);
  const size_t end = page.find("</script>", begin);
  return json::parse(page.substr(begin + open.size(), end - begin - open.size()));
}

TEST(HtmlReportTest, AnExecutionPerOutcomeAndEveryBugOutcomeMarked) {
  const Result result = ExploreScenario("queue_event");
  ASSERT_EQ(result.verdict, Verdict::kBug);
  const json data = PageData(RenderHtml(result));
  ASSERT_FALSE(data["executions"].empty());
  EXPECT_EQ(data["executions"][0]["role"], "counterexample");
  EXPECT_EQ(data["initial"], 0);
  for (const auto& [outcome, count] : result.outcomes) {
    ASSERT_TRUE(data["by_outcome"].contains(outcome)) << outcome;
    const json& shown = data["executions"][data["by_outcome"][outcome].get<size_t>()];
    EXPECT_EQ(shown["outcome"], outcome == "(deadlock before the outcome)" ? "" : outcome);
  }
  // Defect 3: the deadlock and qsize=1 had bugs, not only the counterexample's outcome.
  EXPECT_EQ(data["outcome_severity"]["(deadlock before the outcome)"], "bug");
  EXPECT_EQ(data["outcome_severity"]["qsize=1"], "bug");
  EXPECT_EQ(data["outcome_severity"]["qsize=0"], "none");
}

TEST(HtmlReportTest, TheStateAfterEveryStepDeltaEncoded) {
  const Result result = ExploreScenario("lost_update");
  const json data = PageData(RenderHtml(result));
  const json& cx = data["executions"][0];
  ASSERT_EQ(cx["states"].size(), cx["steps"].size() + 1);
  // Replay the deltas: value after the stale read (step 12) and just before the first write
  // (step 18) is 0, after that write 1, and after the overwrite (step 23) still 1.
  std::map<int, std::string> value;
  int value_id = -1;
  for (size_t o = 0; o < cx["objects"].size(); ++o) {
    if (cx["objects"][o]["name"] == "value") value_id = static_cast<int>(o);
  }
  ASSERT_GE(value_id, 0);
  std::string current = "?";
  for (size_t i = 0; i < cx["states"].size(); ++i) {
    for (const json& o : cx["states"][i]["o"]) {
      if (o[0] == value_id) current = o[1];
    }
    value[static_cast<int>(i)] = current;
  }
  EXPECT_EQ(value[0], "?");
  EXPECT_EQ(value[12], "0");
  EXPECT_EQ(value[17], "0");
  EXPECT_EQ(value[18], "1");
  EXPECT_EQ(value[23], "1");
}

TEST(HtmlReportTest, APassShowsTheExampleOfItsMostFrequentOutcome) {
  const Result result = ExploreScenario("lost_update_locked");
  ASSERT_EQ(result.verdict, Verdict::kPass);
  const json data = PageData(RenderHtml(result));
  ASSERT_GE(data["initial"].get<int>(), 0);
  const json& shown = data["executions"][data["initial"].get<size_t>()];
  EXPECT_EQ(shown["role"], "example");
  EXPECT_EQ(shown["outcome"], "value=2");
  EXPECT_FALSE(shown["steps"].empty());
}

TEST(HtmlReportTest, SeedLinesReachThePage) {
  Result result = ExploreScenario("lost_update");
  // Step 12, the stale read.
  const std::string where = result.counterexample->events[11].where.ToString();
  result.seed_lines[where] = "current = value  # <read>";
  const std::string page = RenderHtml(result);
  EXPECT_EQ(PageData(page)["seed_lines"][where], "current = value  # <read>");
  EXPECT_EQ(page.find("# <read>"), std::string::npos) << "'<' escaped inside the script";
}

}  // namespace
}  // namespace interleave
