#include "reports/gtest_report.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "checker/dpor.h"
#include "checker/explorer.h"
#include "scenarios/registry.h"

namespace interleave {
namespace {

using ::testing::ContainsRegex;
using ::testing::HasSubstr;

Result LostUpdate() {
  DporStrategy dpor;
  return Explore("lost_update", FindScenario("lost_update")->Bind(), dpor);
}

std::string ReadFile(const std::filesystem::path& path) {
  std::ifstream file(path);
  std::stringstream text;
  text << file.rdbuf();
  return text.str();
}

class GtestReportTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const char* saved = std::getenv("TEST_UNDECLARED_OUTPUTS_DIR");
    if (saved != nullptr) saved_ = saved;
    dir_ = std::filesystem::path(::testing::TempDir()) / "outputs";
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    setenv("TEST_UNDECLARED_OUTPUTS_DIR", dir_.c_str(), 1);
  }
  void TearDown() override {
    if (saved_.empty()) {
      unsetenv("TEST_UNDECLARED_OUTPUTS_DIR");
    } else {
      setenv("TEST_UNDECLARED_OUTPUTS_DIR", saved_.c_str(), 1);
    }
  }
  std::filesystem::path dir_;
  std::string saved_;
};

TEST_F(GtestReportTest, AMismatchPrintsTheTextReportAndLeavesThreeReports) {
  const Result result = LostUpdate();
  const ::testing::AssertionResult verdict = VerdictIs(result, {Verdict::kPass, {}}, "any");
  ASSERT_FALSE(verdict);
  EXPECT_THAT(verdict.message(), HasSubstr("lost_update (any): expected PASS, found BUG"));
  EXPECT_THAT(verdict.message(), HasSubstr("LOST UPDATE"));
  // The replay command, wrapped (a backslash and a new line) when its token is long.
  EXPECT_THAT(verdict.message(),
              ContainsRegex("Replay: interleave run lost_update[ \\\n]+--replay=v2:"));
  EXPECT_THAT(verdict.message(), HasSubstr(dir_.string()));

  EXPECT_THAT(ReadFile(dir_ / "lost_update_any.txt"), HasSubstr("BUG  lost_update"));
  const auto json = nlohmann::json::parse(ReadFile(dir_ / "lost_update_any.json"));
  EXPECT_EQ(json["verdict"], "BUG");
  EXPECT_THAT(ReadFile(dir_ / "lost_update_any.html"),
              HasSubstr("<h1 id=\"scenario\">lost_update</h1>"));
}

TEST_F(GtestReportTest, AMismatchWithTheBodyReportsTheMinimizedCounterexample) {
  const Scenario& scenario = *FindScenario("lost_update");
  const Result result = LostUpdate();
  ASSERT_FALSE(result.minimization.has_value());
  const ::testing::AssertionResult verdict =
      VerdictIs(result, {Verdict::kPass, {}}, "any", scenario.Bind(), ExploreOptions{});
  ASSERT_FALSE(verdict);
  EXPECT_THAT(verdict.message(), HasSubstr("Counterexample: "));
  EXPECT_THAT(verdict.message(), HasSubstr("focused on the LOST UPDATE (4 of "));
  const auto json = nlohmann::json::parse(ReadFile(dir_ / "lost_update_any.json"));
  EXPECT_TRUE(json["counterexample"].contains("minimization"));
  EXPECT_EQ(json["counterexample"]["preemptions"], 1);
}

TEST_F(GtestReportTest, AMatchWritesNothing) {
  const Result result = LostUpdate();
  EXPECT_TRUE(VerdictIs(result, {Verdict::kBug, {FindingKind::kLostUpdate}}));
  EXPECT_TRUE(std::filesystem::is_empty(dir_));
}

TEST_F(GtestReportTest, OutsideBazelNothingIsWritten) {
  unsetenv("TEST_UNDECLARED_OUTPUTS_DIR");
  EXPECT_FALSE(WriteTestReports(LostUpdate()).has_value());
}

}  // namespace
}  // namespace interleave
