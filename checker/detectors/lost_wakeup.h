// LostWakeupDetector: a notify that came before a thread began to wait, then that wait never
// returned (LOST WAKEUP: the waiter came too late for the only notify, as in seed 004's
// consumers that `cond.wait()` with no predicate).
//
// Rule: the execution ended with no thread able to run (EndReason::kDeadlock; whether main had
// returned or not), some thread is blocked in a Condition wait (its pending operation is a
// wait on a condition), nothing notified the condition after that thread began to wait (its
// last step, the lock release that starts the wait), and before it began a notify or
// notify_all on the same condition ran that did not wake it: the notify woke nobody (its
// value, how many it woke, is "0"), or it woke only threads that were waiting then (seed
// 004's notify_all that woke c1 while c2 had not yet reached its wait). Either way the notify
// came while the stuck thread was not yet waiting, so it was lost for that thread.
//
// Not a lost wakeup (a HANG AT EXIT or DEADLOCK only): a wait nobody ever notified before it
// began (a missing notify, not a lost one); and a thread that the last notify before its wait
// did wake (its wait step returned "notified" after that notify), which then waited again and
// nobody notified it a second time (its predicate loop needs another notify the program never
// sends: too few notifies, not a lost one).
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
