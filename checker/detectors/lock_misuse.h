// LockMisuseDetector: a lock used in a way no correct program does (LOCK MISUSE).
//
// Rules:
// - A release of an unheld Lock, or a Mutex or RLock released by a thread that does not hold
//   it. The model raises MisuseError there (model/misuse_error.h; Python raises RuntimeError) and
//   the execution ends with EndReason::kMisuse, the details in Trace::misuse and the text in
//   Trace::error. The explorer treats it as any execution with findings and searches on.
//   The instrumented runtime records the same for what glibc lets through (Execution::Misuse):
//   a normal mutex, spinlock or rwlock unlocked by a thread that does not hold it, and a
//   condition wait with a normal mutex the thread does not hold (the wait's entry step).
// - Self-deadlock: the execution ended with no thread able to run and a thread is blocked
//   acquiring a (non-reentrant) Lock or Mutex that it holds itself. (An RLock's holder never
//   blocks on it.) DEADLOCK or HANG AT EXIT reports the execution too.
// The finding names the thread, the lock, its holder and the line; marks the release (or the
// thread's last step before it blocked); certain there (for a self-deadlock: at the end).
#ifndef INTERLEAVE_CHECKER_DETECTORS_LOCK_MISUSE_H_
#define INTERLEAVE_CHECKER_DETECTORS_LOCK_MISUSE_H_

#include "checker/detector.h"

namespace interleave {

class LockMisuseDetector : public Detector {
 public:
  std::string_view name() const override { return "lock misuse"; }
  void Inspect(const Trace& trace, std::vector<Finding>& findings) const override;
};

}  // namespace interleave

#endif  // INTERLEAVE_CHECKER_DETECTORS_LOCK_MISUSE_H_
