// GoogleTest support: assert a search's verdict, and on failure print the text report in the
// failure message and keep the text, JSON and HTML reports as test artifacts.
//
// Under `bazel test`, $TEST_UNDECLARED_OUTPUTS_DIR is where a test leaves files for CI to keep
// (Bazel zips them into bazel-testlogs/.../test.outputs/outputs.zip); outside Bazel nothing is
// written. Files are named after the result's scenario and a label (the time mode, say):
// NAME.txt, NAME.json, NAME.html.
//
//   const Result result = Explore("my_queue", body, dpor);
//   EXPECT_TRUE(VerdictIs(result, {Verdict::kPass, {}}));
//   // Or, to report the minimized counterexample on a mismatch (checker/minimize.h):
//   EXPECT_TRUE(VerdictIs(result, {Verdict::kPass, {}}, "", body, options));
#ifndef INTERLEAVE_REPORTS_GTEST_REPORT_H_
#define INTERLEAVE_REPORTS_GTEST_REPORT_H_

#include <gtest/gtest.h>

#include <functional>
#include <optional>
#include <string>

#include "checker/explorer.h"
#include "checker/result.h"
#include "checker/verdict.h"

namespace interleave {

// Writes NAME.txt, NAME.json and NAME.html for `result` into $TEST_UNDECLARED_OUTPUTS_DIR
// (NAME: the scenario, then "_" and `label` when given). Returns the directory written to,
// or nullopt when the variable is unset; throws std::runtime_error when a file cannot be
// written (a lost artifact must not pass silently).
std::optional<std::string> WriteTestReports(const Result& result, const std::string& label = "");
// The same, for a front whose replay command is not the CLI's: in all three reports, the
// CLI's replay command ("interleave run SCENARIO ... --replay=TOKEN") is replaced by
// `replay_command` (a Bazel test command, say). Nothing is replaced when it is empty or the
// result has no counterexample.
std::optional<std::string> WriteTestReports(const Result& result, const std::string& label,
                                            const std::string& replay_command);

// `report` (text, JSON or HTML, rendered with the default command "interleave") with the CLI's
// replay command replaced as above.
std::string WithReplayCommand(const std::string& report, const Result& result,
                              const std::string& replay_command);

// Success when `result` matches `expected`; otherwise a failure whose message is the text
// report, after the reports were written as artifacts (WriteTestReports).
::testing::AssertionResult VerdictIs(const Result& result, const Expectation& expected,
                                     const std::string& label = "");

// The same, but on a mismatch the counterexample is first minimized (MinimizeCounterexample,
// with its default budget) by re-running `body` with `options`, the search's own: the message
// and the artifacts then show the simplest interleaving of the finding. A match costs nothing.
::testing::AssertionResult VerdictIs(const Result& result, const Expectation& expected,
                                     const std::string& label, const std::function<void()>& body,
                                     const ExploreOptions& options);

}  // namespace interleave

#endif  // INTERLEAVE_REPORTS_GTEST_REPORT_H_
