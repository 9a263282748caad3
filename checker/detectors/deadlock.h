// DeadlockDetector: no thread can run while some have not finished, and main has not
// reached program exit (it is blocked in its body: in join, Queue.join, an executor's
// shutdown, a lock...). When main has returned and a non-daemon thread keeps the program
// alive, HangAtExitDetector reports it instead: one finding per defect.
//
// The finding names what each blocked thread waits for (a lock, a thread to join) and which
// thread could release it: the lock's holder, the thread to be joined. Following those edges
// from thread to thread (the wait-for graph, where every blocked thread waits for at most one
// thread) names a cycle when there is one ("A -> B -> A"). A thread in a spin loop that no thread
// can end (ThreadInfo::spinning: it re-reads an atomic nobody will store to again) "spins forever
// at f.cc:12 re-reading lock = 1: no other thread will store to it", and waits for the thread
// whose store it reads (a CAS spinlock's holder), so spinlocks taken in opposite orders make a
// cycle too.
//
// Marks the steps that decided the deadlock. A thread blocked in a queue get, an event or
// condition wait, a semaphore... (not a lock, not a join) usually blocked because of a check
// it made just before: its last read of another object that some other thread changed after
// that read (seed 000's consumer reads event = false, goes on to get() on the empty queue,
// then main sets the event: the check was stale). Each such stale check and the change that
// made it stale are marked, and a detail says so. When no blocked thread has one, the last
// step before every thread blocked is marked instead.
#ifndef INTERLEAVE_CHECKER_DETECTORS_DEADLOCK_H_
#define INTERLEAVE_CHECKER_DETECTORS_DEADLOCK_H_

#include "checker/detector.h"

namespace interleave {

class DeadlockDetector : public Detector {
 public:
  std::string_view name() const override { return "deadlock"; }
  void Inspect(const Trace& trace, std::vector<Finding>& findings) const override;
};

}  // namespace interleave

#endif  // INTERLEAVE_CHECKER_DETECTORS_DEADLOCK_H_
