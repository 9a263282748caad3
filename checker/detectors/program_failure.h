// ProgramFailureDetector: the program failed by itself in some thread, as a real process dies
// (ASSERTION FAILED, UNCAUGHT EXCEPTION, CRASH).
//
// Rule: the execution ended with EndReason::kFailure; Trace::failure says how (the runtime
// records it: model/crash.h):
// - ASSERTION FAILED: a failed assert() (glibc's __assert_fail, __assert_perror_fail), with
//   the expression, the function and the line glibc passes;
// - UNCAUGHT EXCEPTION: an exception left a thread's function (main's included), with its
//   type and what(), at the line that threw it when known;
// - CRASH: abort(), std::terminate (an exception leaving a noexcept function, a joinable
//   thread destroyed), a crash signal (SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT) or a stack
//   overflow, at the scenario's line from the binary's line table.
// The execution's trace up to the failure is the counterexample. The finding names the thread
// and the line, marks the thread's last step, and is certain at the execution's last step.
#ifndef INTERLEAVE_CHECKER_DETECTORS_PROGRAM_FAILURE_H_
#define INTERLEAVE_CHECKER_DETECTORS_PROGRAM_FAILURE_H_

#include "checker/detector.h"

namespace interleave {

class ProgramFailureDetector : public Detector {
 public:
  std::string_view name() const override { return "program failure"; }
  void Inspect(const Trace& trace, std::vector<Finding>& findings) const override;
};

// The finding kind of a failure of `kind`.
FindingKind FailureFindingKind(FailureKind kind);

}  // namespace interleave

#endif  // INTERLEAVE_CHECKER_DETECTORS_PROGRAM_FAILURE_H_
