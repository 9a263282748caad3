// The HTML report of a Result: one self-contained file (inline CSS and script, no network, no
// external font or library) that a browser opens from disk.
//
// Layout, top to bottom: the headline (verdict, scenario, the main finding's summary); the
// finding explained (details, marks); an execution as swimlanes, one lane per model thread,
// each step a box with a letter code (a legend explains the codes and colours), its operation,
// value, source line and time on hover; the decisive steps marked, and where each unfinished
// thread stood at the end. In time mode virtual the lanes show the virtual clock: a dashed
// tick and a gap wherever it advanced, and each sleep drawn as a bar from where it began (right
// after its thread's previous step) to its wake-up. Under rc11, an arrow from each store to
// every atomic read that read it (dashed for a weak read), and a section that lists the weak
// reads explained (reports/weak_explain.h). Then the outcome histogram as a bar chart (red: an
// outcome that an execution with a bug reached), the coverage statement and the replay command.
//
// Step-through: the page opens on the headline finding's decisive step (findings[0]'s mark
// labelled with a capitalised keyword, LOST, OVERWRITES, RACE..., preferring its certain step),
// not the first marked step. Arrow keys (and buttons; Home, End) step back and forth, space or
// the play button plays; after each step the step detail (with the seed's Python line beside
// the C++ line when Result::seed_lines has it) and the state panel (reports/state_timeline.h:
// shared values, lock holders, queue contents, who waits on what, each thread's status). A
// "Log" tab lists what the program printed, with threads and virtual times. Clicking an outcome's
// bar shows an execution that ends in it (Result::examples); a PASS shows the example of its
// most frequent outcome. A print stylesheet wraps the lanes into rows that fit A4 and prints
// the step detail, the state and the log.
//
// Invariants: the report's data is the JSON report (reports/json_report.h) embedded verbatim
// (with '<' escaped) in a <script type="application/json" id="report-data"> element, so the page
// and the JSON never disagree; what the page needs beyond it (the executions it can show, their
// state after every step delta-encoded, each outcome's severity, the seed's lines) is in a
// second element, id="page-data". The static headline is rendered without script; the script
// marks <body data-rendered="ok"> when it finished (and data-step, data-execution, data-playing
// as the student steps) and lists any script error in #script-errors, which the browser tests
// read (tests/html_report_test.sh, tests/html/html_page_test.py).
#ifndef INTERLEAVE_REPORTS_HTML_REPORT_H_
#define INTERLEAVE_REPORTS_HTML_REPORT_H_

#include <string>

#include "checker/result.h"

namespace interleave {

struct HtmlReportOptions {
  // How the user runs the CLI, for the replay command: "interleave", "./interleave".
  std::string command = "interleave";
};

std::string RenderHtml(const Result& result, const HtmlReportOptions& options = {});

}  // namespace interleave

#endif  // INTERLEAVE_REPORTS_HTML_REPORT_H_
