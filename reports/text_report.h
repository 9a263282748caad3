// The text report of a Result, in layers (STYLE.md, principle 11):
//   1. the headline: verdict, scenario, the main finding's kind and summary;
//   2. the counterexample as a table, one column per thread, a row per step: the step
//      number, the operation with the value read or written, and its source line; the
//      decisive steps marked (the lost write, the write that overwrote it, the stale read,
//      the last step before every thread blocked) and the preemptions noted;
//      Under rc11, when the execution has a weak atomic operation (not seq_cst) or a fence, each
//      atomic load's and read-modify-write's cell says which store it read ("read y = 0
//      (relaxed) from the initial value", "... from step 7 (B)"), a weak read (one that read an
//      older store, in modification order, than a store that had run before it) is noted, and
//      a layer after the table explains each weak read: which store it did not read and why
//      RC11 allowed it (no happens-before, with the orders involved), what would forbid it
//      (message passing: the release and acquire it lacks; store buffering: seq_cst or seq_cst
//      fences), and the modification orders that matter (reports/weak_explain.h). A spinning
//      thread's end cell says "spins forever". Without weak atomics nothing of this shows;
//   3. the explanation of each finding;
//   4. outcome counts over the whole search, in what the strategy counts (reports/format.h,
//      CountNoun: "value=1  in 24 of 62 classes" of equivalent interleavings under dpor, with
//      a line saying that such a count is not a frequency; interleavings under dfs; sampled
//      runs under random and pct), the coverage statement (exhaustive, or which bound stopped
//      the search), and how the counterexample was minimized (Result::minimization), when it
//      was;
//   5. the replay command (a v2 token: the replay confirms the finding), on shell
//      continuation lines when it is longer than a line.
// A PASS has no table: the headline, the outcome counts and the coverage. With
// TextReportOptions::show == kLog, layers 2 and 3 give way to the log view (reports/log_view.h).
//
// Every line is at most kTextWidth (120) columns: prose wraps with a hanging indent; the table
// takes the threads' names as headers and cells up to 40 columns when they fit, else narrower
// cells that wrap inside their column, headers abbreviated ("T1", with a legend: "Threads: T1 =
// ThreadPoolExecutor-0_0, ..."), the notes under their rows; and when even that does not fit
// (many threads), one row per step with a column naming its thread. In time mode virtual a
// "time" column says when each step began (a sleep: when it began; its cell says when it woke).
// When the Result has the seed tutorial's Python line for a step's line (Result::seed_lines),
// it shows under the step's cell ("seed: while not event.is_set() ..."). A Condition's wait
// reads as a wait, not as the release of its lock (reports/format.h, DescribeStep).
//
// The table is focused on the main finding (unless TextReportOptions::full): it shows the
// steps that make the finding, the columns of the threads that take them, and a line counting
// the other steps by kind ("23 other steps not shown (7 queue, 6 log, ...); --full shows every
// step."). A preemption before a step not shown is noted on the next row shown, with its step
// ("(T preempted at step 12)"). Every finding's marks stay on their rows. What "the steps that
// make the finding" are, per kind (F: the finding's threads; O: its objects):
//   LOST UPDATE, DATA RACE: the accesses of F to the variable (O): the reads and the writes.
//   LOST WAKEUP: every operation on the condition (the notify that woke nobody), and the marked
//     waits that began after it; then where each thread stands at the end.
//   DEADLOCK, HANG AT EXIT: every operation on what the threads are blocked in (O other than
//     threads: the locks' acquisitions, the queue's puts and gets), the last step of each
//     thread of F, main's exit (marked); then the end row: what each one is blocked in.
//   LOST MESSAGE: every operation on the queue, with the puts never taken marked.
//   SWALLOWED EXCEPTION: the submit and the worker's get that carry the future, and the step
//     that stored the exception in it.
//   UNJOINED THREAD: the unjoined threads' start and exit-waits, main's joins, its last log and
//     the unjoined thread's step after it (marked).
//   LOCK MISUSE: every operation on the lock, with the misuse marked.
//   DAEMON CUT OFF: the daemon's start, the exit-wait and kill on it, its last step, and main's
//     exit (marked).
//   LIVELOCK, INVARIANT, ASSERTION FAILED, UNCAUGHT EXCEPTION, CRASH: every step (the loop, or
//     whatever led to the failed check or the failure, is the evidence), with the failing
//     thread's last step marked; but not the plain reads and writes that ran inside library
//     code (SourceLine::in_library: how libstdc++ moves a std::thread's state), nor the
//     program's plain writes that only library code reads, by the same thread at the same line
//     (the temporaries of std::thread's arguments: "argument passed to library code").
// The weak reads and every step their explanation names are shown too. When the focus would
// hide fewer than 3 steps, the table shows every step. The JSON and HTML
// reports always carry every step.
#ifndef INTERLEAVE_REPORTS_TEXT_REPORT_H_
#define INTERLEAVE_REPORTS_TEXT_REPORT_H_

#include <string>

#include "checker/result.h"

namespace interleave {

struct TextReportOptions {
  // How the user runs the CLI, for the replay command: "interleave", "./interleave".
  std::string command = "interleave";
  // When set, the whole replay command the report prints instead of `command` and the CLI's
  // arguments (a GoogleTest front's "bazel test //pkg:t --test_filter=... --test_env=...").
  std::string replay_command;
  // Whether to print the search time (golden tests turn it off; it varies).
  bool show_time = true;
  // ANSI colour for a terminal.
  bool color = false;
  // Every step in the table, rather than the steps that make the main finding.
  bool full = false;
  // What the middle of the report shows: the counterexample's table and the explanation, or
  // the log view (reports/log_view.h: the program's printed lines of the counterexample and
  // of an execution of each outcome, `run --show=log`).
  enum class Show { kTable, kLog };
  Show show = Show::kTable;
  // With Show::kLog: a typical run of the program (tools/cli_typical_run.h), whose log the
  // view shows first; not owned, may be null.
  const Trace* typical_run = nullptr;
};

std::string RenderText(const Result& result, const TextReportOptions& options = {});

// What the search's counts count, as a key of CountNoun (reports/format.h): the strategy, or
// "graphs" under rc11 when interleavings reached an execution graph again.
std::string CountedUnit(const Result& result);

// What the search covered, in words: "exhaustive: every interleaving explored (923
// executions, strategy dfs)", "incomplete: stopped at the bound of 10 executions", ...; under
// rc11, with interleavings that reached an execution graph again (Statistics::duplicate_graphs):
// "... (4 execution graphs under RC11, strategy dpor; 3 more interleavings reached graphs
// already explored)".
std::string CoverageStatement(const Result& result);
// How the counterexample was minimized, when it went through MinimizeCounterexample: "minimized
// from 2 preemptions and 40 steps to 1 preemption and 27 steps (a bounded search of 812
// executions)", or why it was kept ("already minimal: ..."); empty otherwise.
std::string MinimizationStatement(const Result& result);
// The CLI arguments that replay the counterexample (which must exist) and confirm its main
// finding: "run lost_update --time=virtual --replay=v2:0101-LU6-s0s1r2r3w2w3".
std::string ReplayArguments(const Result& result);

}  // namespace interleave

#endif  // INTERLEAVE_REPORTS_TEXT_REPORT_H_
