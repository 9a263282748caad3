// RLock: Python's threading.RLock, a reentrant lock with an owner and a recursion level. The
// owner may acquire it again without blocking (the level goes up) and must release it as many
// times; the last release frees it. acquire() blocks while another thread owns it;
// acquire(false) does not block, acquire(true, seconds) gives up after the timeout; both say
// whether they got it. Releasing an RLock the thread does not own (another thread's, or a free
// one) is a RuntimeError in Python ("cannot release un-acquired lock"); the model ends the
// execution with a ModelError naming the lock, the threads and the line. The release that frees
// the lock happens before the acquire that takes it next.
//
// RLockGuard is `with rlock:`; its release is a scheduling point, so its destructor is
// noexcept(false).
//
// Condition (condition.h) waits on an RLock the way CPython does: it releases every level at
// once and restores them when it re-acquires the lock.
//
// One declaration for both backends of the model API (model/backend/members.h).
#ifndef INTERLEAVE_MODEL_RLOCK_H_
#define INTERLEAVE_MODEL_RLOCK_H_

#include <exception>
#include <source_location>
#include <string>

#include "model/backend/members.h"
#include "model/guard.h"

namespace interleave {

class Condition;

class RLock {
 public:
  explicit RLock(std::string name = "rlock");
  RLock(const RLock&) = delete;
  RLock& operator=(const RLock&) = delete;

  void acquire(std::source_location where = std::source_location::current());
  // Python's acquire(blocking, timeout): timeout < 0 waits forever; returns whether acquired.
  // A loop of acquire(false) is a spin loop: it waits until the lock changes, and one
  // that nothing will change is a deadlock (PollFrame, model/backend/members.h).
  bool acquire(bool blocking, double timeout = -1,
               std::source_location where = std::source_location::current()) {
    SpinFrame frame;
    return Acquire(blocking, timeout, where, blocking ? nullptr : PollFrame(&frame));
  }
  void release(std::source_location where = std::source_location::current());

 private:
  friend class Condition;

  // The backend's members (model/backend/members.h).
#include "model/backend/rlock.inc"
};

// `with rlock:`: acquires now, releases at the end of the scope (model/guard.h).
using RLockGuard = Guard<RLock>;

}  // namespace interleave

#endif  // INTERLEAVE_MODEL_RLOCK_H_
