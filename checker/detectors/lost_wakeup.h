// LostWakeupDetector: a notify that woke nobody, then a wait that never returned (LOST
// WAKEUP: the waiter came too late for the only notify, as in seed 004's consumers that
// `cond.wait()` with no predicate).
//
// Rule: the execution ended with no thread able to run (EndReason::kDeadlock; whether main had
// returned or not), some thread is blocked in a Condition wait (its pending operation is a
// wait on a condition), and before that thread began to wait (its last step, the lock release
// that starts the wait) a notify or notify_all on the same condition woke no waiter (the
// notify event's value is how many it woke: "0"). A notify that woke nobody means nobody was
// waiting then, so the waiter started after it. A wait nobody ever notified is not this.
//
// Invariants: one finding per condition, naming the last such notify (step, thread, line) and
// every thread blocked in a wait on it after it. Marks the notify and each waiter's last step;
// certain at the end of the execution (the wait never returned).
#ifndef INTERLEAVE_CHECKER_DETECTORS_LOST_WAKEUP_H_
#define INTERLEAVE_CHECKER_DETECTORS_LOST_WAKEUP_H_

#include "checker/detector.h"

namespace interleave {

class LostWakeupDetector : public Detector {
 public:
  std::string_view name() const override { return "lost wakeup"; }
  void Inspect(const Trace& trace, std::vector<Finding>& findings) const override;
};

}  // namespace interleave

#endif  // INTERLEAVE_CHECKER_DETECTORS_LOST_WAKEUP_H_
