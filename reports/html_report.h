// The HTML report of a Result: one self-contained file (inline CSS and script, no network, no
// external font or library) that a browser opens from disk.
//
// Layout, top to bottom: the headline (verdict, scenario, the main finding's summary); the
// finding explained (details, marks); the counterexample as swimlanes, one lane per model
// thread on a step axis (virtual time labelled under the axis in time mode virtual), each
// step a box that shows its operation, value, source line and time on hover and in the detail
// panel on click, the decisive steps marked, and where each unfinished thread stood at the
// end; under rc11, an arrow from each store to every atomic read that read it (from the lane's
// start for the initial value; dashed for a weak read, one that read an older store than one
// that had run before it), its explanation on hover and in the detail panel, and a section that
// lists the weak reads explained (reports/weak_explain.h); the outcome histogram as a bar chart;
// the coverage statement and the replay command.
// A PASS shows the outcome set and the coverage.
//
// Invariants: the report's data is the JSON report (reports/json_report.h) embedded verbatim
// (with '<' escaped) in a <script type="application/json"> element, so the page and the JSON
// never disagree; the static headline is rendered without script; the script marks
// <body data-rendered="ok"> when it finished and lists any script error in #script-errors,
// which the browser test reads.
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
