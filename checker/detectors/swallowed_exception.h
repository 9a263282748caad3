// SwallowedExceptionDetector: a task's exception stored in a Future that nobody read
// (SWALLOWED EXCEPTION: the error vanishes silently, as in seed 003's executor notes).
//
// Rule: model/executor.h's SwallowedExceptions(trace): futures whose task raised (their `set`
// event's value starts with "raised ") and on which no result() or exception() ever returned.
// Judged on executions that ended (finished, or nothing could run): one cut off by the step
// bound or a lock misuse might still have read it. The finding names the future, the worker
// that ran the task, the exception's text, and the line that submitted it (the set event's
// line is the submit's).
//
// Invariants: one finding per submitting line and exception text: the futures of tasks
// submitted at the same line that raised the same exception say the same thing (seed 003's
// loop submits 3 tasks that each raise "missing 1 required positional argument"), so one
// finding names them all ("the tasks of future-0, future-1 and future-2"), their workers, and
// marks each set step; certain at the end of the execution.
#ifndef INTERLEAVE_CHECKER_DETECTORS_SWALLOWED_EXCEPTION_H_
#define INTERLEAVE_CHECKER_DETECTORS_SWALLOWED_EXCEPTION_H_

#include "checker/detector.h"

namespace interleave {

class SwallowedExceptionDetector : public Detector {
 public:
  std::string_view name() const override { return "swallowed exception"; }
  void Inspect(const Trace& trace, std::vector<Finding>& findings) const override;
};

}  // namespace interleave

#endif  // INTERLEAVE_CHECKER_DETECTORS_SWALLOWED_EXCEPTION_H_
