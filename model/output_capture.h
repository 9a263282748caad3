// What the scenario's code writes to stdout and stderr, captured one execution at a time.
//
// The runtime of unmodified programs (instrumented/program.cc) turns it on for `interleave
// exec` unless --show-output: a program that prints would otherwise print in every execution
// of the search (32,004 executions, 32,004 copies of its lines). While a capture is on, each
// execution (Execution::Run) starts with file descriptors 1 and 2 pointing at one memfd, and
// ends by flushing stdio's stdout and stderr into it and pointing them back at the terminal
// (or whatever they were): the tool's own output (reports, the progress line, errors) between
// executions goes where it always went. What the execution wrote is kept in its trace
// (Trace::output, the first kMaxBytes), so the report of a finding shows the output of its
// counterexample's execution, and a --replay shows that of the replayed execution.
//
// Invariants: outside an execution, fds 1 and 2 are the ones the process had (RestoreFds puts
// them back at once for a crash that ends the process: model/crash.cc); stdio's buffers are
// empty when the fds change (a flush before each change), so no byte goes to the wrong side.
// One capture per process, and one execution captured at a time: an execution that starts on
// another OS thread while one is captured (a search spread over threads) is not captured.
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

// Points fds 1 and 2 back at what they were, now. Async-signal-safe: for a crash handler
// whose message must reach the terminal (the process ends; the capture stays broken).
void RestoreFds();

}  // namespace interleave::output_capture

#endif  // INTERLEAVE_MODEL_OUTPUT_CAPTURE_H_
