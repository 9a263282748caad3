// Golden-file tests of the text report (STYLE.md, principle 13): each scenario is explored
// exhaustively with DporStrategy (the CLI's default; dfs's every-interleaving search does not end
// in test time once a scenario runs on a ThreadPoolExecutor), rendered without the search time (the
// one varying part), and compared byte for byte with tests/testdata/<scenario>.golden.
//
// To regenerate the golden files after an intended change of the report, set UPDATE_GOLDEN to
// the testdata directory; the test then writes the actual reports there instead of comparing
// (and reports each test as skipped):
//
//   UPDATE_GOLDEN=$PWD/tests/testdata bazel run //tests:golden_report_test
//
// (`bazel run` passes the shell's environment on and does not sandbox the test.) Review the
// change with `git diff tests/testdata` before committing.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>

#include "checker/dpor.h"
#include "checker/explorer.h"
#include "reports/text_report.h"
#include "scenarios/registry.h"

namespace interleave {
namespace {

// Under `bazel test` the working directory is the runfiles root of the workspace, where the
// test's `data` sit at their workspace paths.
constexpr char kTestdata[] = "tests/testdata/";

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string RenderScenario(const std::string& name) {
  const Scenario* scenario = FindScenario(name);
  if (scenario == nullptr) return "no scenario " + name;
  DporStrategy dpor;
  const Result result = Explore(name, scenario->Bind(), dpor);
  return RenderText(result, {.command = "interleave", .show_time = false, .color = false});
}

class GoldenReportTest : public ::testing::TestWithParam<std::string> {};

TEST_P(GoldenReportTest, MatchesGoldenFile) {
  const std::string name = GetParam();
  const std::string actual = RenderScenario(name);
  const std::string file = name + ".golden";

  if (const char* update = std::getenv("UPDATE_GOLDEN"); update != nullptr && *update) {
    const std::string path = std::string(update) + "/" + file;
    std::ofstream out(path, std::ios::binary);
    out << actual;
    ASSERT_TRUE(out.good()) << "cannot write " << path;
    GTEST_SKIP() << "wrote " << path;
  }

  const std::string golden_path = std::string(kTestdata) + file;
  std::ifstream probe(golden_path);
  ASSERT_TRUE(probe.good()) << "missing golden file " << golden_path
                            << " (run with UPDATE_GOLDEN; see the comment at the top)";
  EXPECT_EQ(actual, ReadFile(golden_path))
      << "The report of " << name << " differs from " << golden_path
      << "; if the change is intended, regenerate it with UPDATE_GOLDEN.";
}

// The golden files must not depend on where the workspace is checked out.
TEST_P(GoldenReportTest, HasNoAbsolutePaths) {
  const std::string actual = RenderScenario(GetParam());
  EXPECT_THAT(actual, ::testing::Not(::testing::ContainsRegex("/[A-Za-z0-9_]+\\.cc")));
}

INSTANTIATE_TEST_SUITE_P(Scenarios, GoldenReportTest,
                         ::testing::Values("lost_update", "lost_update_locked"));

}  // namespace
}  // namespace interleave
