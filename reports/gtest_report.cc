#include "reports/gtest_report.h"

#include <cstdlib>
#include <fstream>
#include <stdexcept>

#include "checker/minimize.h"
#include "reports/html_report.h"
#include "reports/json_report.h"
#include "reports/text_report.h"

namespace interleave {
namespace {

void WriteFile(const std::string& path, const std::string& text) {
  std::ofstream file(path, std::ios::binary);
  file << text;
  file.close();
  if (!file) throw std::runtime_error("cannot write test report " + path);
}

}  // namespace

std::optional<std::string> WriteTestReports(const Result& result, const std::string& label) {
  return WriteTestReports(result, label, "");
}

std::string WithReplayCommand(const std::string& report, const Result& result,
                              const std::string& replay_command) {
  if (replay_command.empty() || !result.counterexample) return report;
  const std::string cli = "interleave " + ReplayArguments(result);
  std::string out;
  std::size_t from = 0;
  for (std::size_t at = report.find(cli); at != std::string::npos; at = report.find(cli, from)) {
    out += report.substr(from, at - from) + replay_command;
    from = at + cli.size();
  }
  return out + report.substr(from);
}

std::optional<std::string> WriteTestReports(const Result& result, const std::string& label,
                                            const std::string& replay_command) {
  const char* dir = std::getenv("TEST_UNDECLARED_OUTPUTS_DIR");
  if (dir == nullptr || *dir == '\0') return std::nullopt;
  const std::string base =
      std::string(dir) + "/" + result.scenario + (label.empty() ? "" : "_" + label);
  WriteFile(base + ".txt", RenderText(result, {.replay_command = replay_command}));
  WriteFile(base + ".json", WithReplayCommand(RenderJson(result), result, replay_command));
  WriteFile(base + ".html", WithReplayCommand(RenderHtml(result), result, replay_command));
  return std::string(dir);
}

::testing::AssertionResult VerdictIs(const Result& result, const Expectation& expected,
                                     const std::string& label) {
  if (result.Matches(expected)) return ::testing::AssertionSuccess();
  ::testing::AssertionResult failure = ::testing::AssertionFailure();
  failure << result.scenario << (label.empty() ? "" : " (" + label + ")") << ": expected "
          << ExpectationName(expected) << ", found " << VerdictName(result.verdict);
  for (const auto& [kind, count] : result.finding_counts) {
    if (count > 0) failure << " " << FindingKindName(kind) << "(" << count << ")";
  }
  if (const auto dir = WriteTestReports(result, label)) {
    failure << "\nReports (text, JSON, HTML) written to " << *dir;
  }
  failure << "\n\n" << RenderText(result);
  return failure;
}

::testing::AssertionResult VerdictIs(const Result& result, const Expectation& expected,
                                     const std::string& label, const std::function<void()>& body,
                                     const ExploreOptions& options) {
  if (result.Matches(expected)) return ::testing::AssertionSuccess();
  Result minimized = result;
  MinimizeCounterexample(body, options, minimized);
  return VerdictIs(minimized, expected, label);
}

}  // namespace interleave
