// HangAtExitDetector: the program never exits (HANG AT EXIT).
//
// Rule: the execution ended with no thread able to run (EndReason::kDeadlock) after main
// reached program exit (MainExitStep: its body returned, or it waits at exit for a thread),
// where CPython waits for every non-daemon thread. Each unfinished non-daemon thread other than
// main keeps the program alive; the finding names each and what it is blocked in ("worker-1
// blocked in get on task_queue"), with the holder when it waits for a lock.
//
// Invariants: fires exactly when DEADLOCK does not (DeadlockDetector applies the same split),
// at most once per execution. It marks main's last step before exit and each blocked thread's
// last step; it is certain at the last step of the execution (nothing could run after it).
#ifndef INTERLEAVE_CHECKER_DETECTORS_HANG_AT_EXIT_H_
#define INTERLEAVE_CHECKER_DETECTORS_HANG_AT_EXIT_H_

#include "checker/detector.h"

namespace interleave {

class HangAtExitDetector : public Detector {
 public:
  std::string_view name() const override { return "hang at exit"; }
  void Inspect(const Trace& trace, std::vector<Finding>& findings) const override;
};

}  // namespace interleave

#endif  // INTERLEAVE_CHECKER_DETECTORS_HANG_AT_EXIT_H_
