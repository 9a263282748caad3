// The log view of an execution: the program's printed lines (its kLog steps: print, logging) in
// the order they ran, each with the thread that printed it and, in time mode virtual, when on
// the virtual clock; the text verbatim (inner spaces kept: "Main    : all done"), so that a
// student can hold it beside what the seed tutorial printed. It ends with how the execution
// ended when it did not simply finish (a deadlock, a thread killed at exit) and its outcome.
//
// `run --show=log` prints the view of the counterexample and of one execution of every outcome
// (Result::examples: the shortest that reached it), PASS runs and fixes included. The text
// report (reports/text_report.h), the JSON report (its "examples") and the HTML share LogLines.
#ifndef INTERLEAVE_REPORTS_LOG_VIEW_H_
#define INTERLEAVE_REPORTS_LOG_VIEW_H_

#include <cstdint>
#include <string>
#include <vector>

#include "checker/result.h"
#include "model/trace.h"

namespace interleave {

// One printed line.
struct LogLine {
  int step = 0;  // The kLog step (1-based).
  ThreadId thread = kNoThread;
  std::string thread_name;
  int64_t time = 0;  // Virtual microseconds (0 in time mode any).
  std::string text;  // As printed, verbatim.
};

// The printed lines of `trace`, in order.
std::vector<LogLine> LogLines(const Trace& trace);

// How `trace` ended when it did not simply finish, in words for the end of its log: "then no
// thread can run: the program hangs (MainThread in join Thread-1, ...)", "Thread-1 (daemon)
// killed at exit after step 12"; empty for an execution where every thread finished.
std::string LogEnding(const Trace& trace);

// The log of one execution as text lines of at most kTextWidth columns, indented by two:
//   step  time    thread                  printed
//      2  0.000s  MainThread              Testing update. Starting value is 0
// (no time column in time mode any); a line too long for the width goes on under the text
// column, cut without dropping a character. Then LogEnding, and "outcome: value=1" when the
// scenario declared one. "(the program printed nothing)" when it printed nothing.
std::string RenderLog(const Trace& trace);

// The log view of a search: the log of `typical` when given (a typical run of the program, as
// a plain run would most likely print it: tools/cli_typical_run.h), the counterexample's log
// (when there is one), then the log of the example execution of each outcome
// (Result::examples), each under a title that says which outcome, how many executions reached
// it and what was found in the example.
std::string RenderLogView(const Result& result, const Trace* typical = nullptr);

}  // namespace interleave

#endif  // INTERLEAVE_REPORTS_LOG_VIEW_H_
