// What the scenario's code writes to stdout and stderr, captured one execution at a time.
//
// The runtime of unmodified programs (instrumented/program.cc) turns it on for `interleave
// exec` unless --show-output: a program that prints would otherwise print in every execution
// of the search (32,004 executions, 32,004 copies of its lines). While a capture is on, the
// first execution (Execution::Run) points file descriptors 1 and 2 at one memfd, and they stay
// there for the executions that follow on the same OS thread, until Unpark (or the session's
// end) points them back at the terminal (or whatever they were): each execution ends by
// flushing stdio's stdout and stderr into the memfd and taking what it holds. The tool writes
// its messages during a search to tool_stderr(), and calls Unpark before it prints a report;
// anything else written to fds 1 and 2 between executions is passed on to the real stderr
// when the next execution starts. What an execution wrote is kept in its trace
// (Trace::output, the first kMaxBytes), so the report of a finding shows the output of its
// counterexample's execution, and a --replay shows that of the replayed execution.
//
// Invariants: outside a session, and after Unpark, fds 1 and 2 are the ones the process had
// (RestoreFds puts them back at once for a crash that ends the process: model/crash.cc);
// stdio's buffers are empty when the fds change (a flush before each change), so no byte goes
// to the wrong side. One capture per process, and one OS thread's executions captured: an
// execution on another OS thread (a search spread over threads) is not captured, and what it
// writes while the fds are the memfd reaches the real stderr at the next execution's start.
#ifndef INTERLEAVE_MODEL_OUTPUT_CAPTURE_H_
#define INTERLEAVE_MODEL_OUTPUT_CAPTURE_H_

#include <cstddef>
#include <cstdio>
#include <string>

namespace interleave::output_capture {

// An execution's output kept beyond this is cut, with a line that says how much was left out.
inline constexpr std::size_t kMaxBytes = 64 * 1024;

// Turns the capture on for its lifetime (nested or failed: off, with error() saying why).
class Session {
 public:
  Session();
  ~Session();
  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;

  bool on() const { return on_; }
  const std::string& error() const { return error_; }
  // The process's real stderr, for the tool's messages while executions run (the progress
  // line): stderr itself when the capture is off.
  FILE* tool_stderr() const { return tool_stderr_ != nullptr ? tool_stderr_ : stderr; }

 private:
  bool on_ = false;
  std::string error_;
  FILE* tool_stderr_ = nullptr;
};

// Execution::Run's side: BeginExecution before its first thread runs, EndExecution after it
// ended (the output, empty when nothing was written or the capture is off).
void BeginExecution();
void EndExecution(std::string& output);

// Points fds 1 and 2 back at what they were (if an execution, on any OS thread, had them), after
// passing on what was written to them since the last execution: before the tool prints.
void Unpark();

// Points fds 1 and 2 back at what they were, now. Async-signal-safe: for a crash handler
// whose message must reach the terminal (the process ends; the capture stays broken).
void RestoreFds();

}  // namespace interleave::output_capture

#endif  // INTERLEAVE_MODEL_OUTPUT_CAPTURE_H_
