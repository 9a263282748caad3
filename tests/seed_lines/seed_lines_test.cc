// The seed line table (scenarios/seed_lines.txt, compiled into scenarios/seed_lines.h) against
// the scenarios: every row's C++ text is still the text of its line, every row's line is one
// where a run of a scenario of that file takes a step (any execution, either time mode), every
// catalogue scenario knows its source, and at least half of every scenario's step lines have
// seed lines. Whether each row's Python text is verbatim in its seed is checked by hand
// against the seed files, which the repository does not hold (see seed_lines.txt).
#include "scenarios/seed_lines.h"

#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "scenarios/registry.h"
#include "tests/seed_lines/step_lines.h"

namespace interleave {
namespace {

std::string Strip(const std::string& text) {
  const auto begin = text.find_first_not_of(" \t");
  if (begin == std::string::npos) return "";
  const auto end = text.find_last_not_of(" \t\r");
  return text.substr(begin, end - begin + 1);
}

// The lines of scenarios/FILE, from the test's runfiles.
std::vector<std::string> SourceLines(const std::string& file) {
  std::ifstream in("scenarios/" + file);
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

// Executions per time mode: enough to meet every annotated line (the largest searches, of
// 002.g and 002.k, have 15-17 thousand executions and repeat their lines), few enough for a
// busy machine.
constexpr int64_t kMaxExecutions = 2'000;

TEST(SeedLines, EveryRowsCppTextIsItsLine) {
  ASSERT_GT(AllSeedLines().size(), 500u);
  std::map<std::string, std::vector<std::string>> sources;
  for (const SeedLine& row : AllSeedLines()) {
    auto [it, inserted] = sources.try_emplace(row.file);
    if (inserted) it->second = SourceLines(row.file);
    ASSERT_FALSE(it->second.empty()) << "cannot read scenarios/" << row.file;
    ASSERT_LE(row.line, static_cast<int>(it->second.size())) << row.Location();
    EXPECT_EQ(Strip(it->second[row.line - 1]), row.cpp)
        << row.Location() << " moved or changed: update scenarios/seed_lines.txt";
    EXPECT_FALSE(std::string(row.python).empty()) << row.Location();
    EXPECT_EQ(Strip(row.python), row.python) << row.Location();
  }
}

TEST(SeedLines, EveryCatalogueScenarioHasItsSource) {
  EXPECT_EQ(CatalogueScenarioSources().size(), AllScenarios().size());
  for (const Scenario& scenario : AllScenarios()) {
    EXPECT_FALSE(CatalogueSourceFile(scenario.name, scenario.id).empty()) << scenario.name;
  }
}

TEST(SeedLines, SeedLinesForIsTheScenariosFile) {
  const Scenario* lost_update = FindScenario("lost_update");
  ASSERT_NE(lost_update, nullptr);
  const std::map<std::string, std::string> lines = SeedLinesFor(*lost_update);
  ASSERT_TRUE(lines.contains("lost_update.cc:30"));
  EXPECT_EQ(lines.at("lost_update.cc:30"), "self.value = local_copy");
  for (const auto& [location, python] : lines) {
    EXPECT_TRUE(location.starts_with("lost_update.cc:")) << location;
  }
  // A scenario of the same name that is not the catalogue's (another id) has none.
  Scenario mine = *lost_update;
  mine.id = "user";
  EXPECT_TRUE(SeedLinesFor(mine).empty());
}

// Runs every catalogue scenario in both time modes (exhaustively, but for kMaxExecutions): every
// row must be a line where some scenario of its file takes a step, and each scenario must have seed
// lines for its steps.
TEST(SeedLines, EveryRowIsAStepLineAndEveryScenarioIsAnnotated) {
  std::set<std::string> step_lines;  // Of every scenario.
  int64_t steps_annotated = 0;
  int64_t step_lines_total = 0;
  for (const Scenario& scenario : AllScenarios()) {
    const StepLinesResult run = StepLines(scenario, kMaxExecutions);
    const std::map<std::string, std::string> seed = SeedLinesFor(scenario);
    int annotated = 0;
    for (const auto& [line, kinds] : run.lines) {
      step_lines.insert(line);
      if (seed.contains(line)) ++annotated;
    }
    steps_annotated += annotated;
    step_lines_total += static_cast<int64_t>(run.lines.size());
    // At least half: the rest are lines of the model's scaffolding or of a fix, with no seed
    // counterpart (today the least annotated scenarios have two of three).
    EXPECT_GT(annotated, 0) << scenario.name << " has no seed line for any of its steps";
    EXPECT_GE(2 * annotated, static_cast<int>(run.lines.size()))
        << scenario.name << ": " << annotated << " of " << run.lines.size()
        << " step lines have a seed line";
  }
  for (const SeedLine& row : AllSeedLines()) {
    EXPECT_TRUE(step_lines.contains(row.Location()))
        << row.Location() << " (" << row.cpp << ") is a line where no scenario takes a step";
  }
  std::cout << "step lines annotated, summed over scenarios: " << steps_annotated << " of "
            << step_lines_total << "\n";
}

}  // namespace
}  // namespace interleave
