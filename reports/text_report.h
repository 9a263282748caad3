// The text report of a Result, in layers (STYLE.md, principle 11):
//   1. the headline: verdict, scenario, the main finding's kind and summary;
//   2. the counterexample as a table, one column per thread, a row per step: the step
//      number, the operation with the value read or written, and its source line; the
//      decisive steps marked (the lost write, the write that overwrote it, the stale read,
//      the last step before every thread blocked);
//   3. the explanation of each finding;
//   4. outcome counts over the whole search ("value=1 in 4 of 6 interleavings") and the
//      coverage statement (exhaustive, or which bound stopped the search);
//   5. the replay command.
// A PASS has no table: the headline, the outcome counts and the coverage.
#ifndef INTERLEAVE_REPORTS_TEXT_REPORT_H_
#define INTERLEAVE_REPORTS_TEXT_REPORT_H_

#include <string>

#include "checker/result.h"

namespace interleave {

struct TextReportOptions {
  // How the user runs the CLI, for the replay command: "interleave", "./interleave".
  std::string command = "interleave";
  // Whether to print the search time (golden tests turn it off; it varies).
  bool show_time = true;
  // ANSI colour for a terminal.
  bool color = false;
  // Every step in the table, rather than the steps that make the main finding.
  bool full = false;
};

std::string RenderText(const Result& result, const TextReportOptions& options = {});

// What the search covered, in words: "exhaustive: every interleaving explored (923
// executions, strategy dfs)", "incomplete: stopped at the bound of 10 executions", ...
std::string CoverageStatement(const Result& result);
// The CLI arguments that replay the counterexample (which must exist) and confirm its main
// finding: "run lost_update --time=virtual --replay=v2:0101-LU6-s0s1r2r3w2w3".
std::string ReplayArguments(const Result& result);

}  // namespace interleave

#endif  // INTERLEAVE_REPORTS_TEXT_REPORT_H_
