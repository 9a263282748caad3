// Lock: Python's threading.Lock. acquire() blocks until the lock is free; acquire(false) does
// not block, acquire(true, seconds) gives up after the timeout; both say whether they got it.
// release() frees it and, as in Python, may be called by a thread other than the one that
// acquired it (the seeds' two-lock Pipeline relies on this). A release happens before the
// acquire that takes the lock next. Releasing an unlocked lock is an error of the
// program (Python raises RuntimeError); the model ends the execution with it.
//
// LockGuard is `with lock:`: it acquires on construction and releases at the end of its scope.
// Its release is a scheduling point, so its destructor is noexcept(false).
//
// One declaration for both backends of the model API (model/backend/members.h).
#ifndef INTERLEAVE_MODEL_LOCK_H_
#define INTERLEAVE_MODEL_LOCK_H_

#include <source_location>
#include <string>

#include "model/backend/members.h"
#include "model/guard.h"

namespace interleave {

class Condition;

class Lock {
 public:
  explicit Lock(std::string name = "lock");
  Lock(const Lock&) = delete;
  Lock& operator=(const Lock&) = delete;

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
  // Whether any thread holds it: a read of the lock, a step (what it returns depends on the
  // acquires and releases of other threads before it).
  bool locked(std::source_location where = std::source_location::current()) const;

 private:
  friend class Condition;  // Its acquire(false) polls this lock with the caller's frame.

  // The backend's members (model/backend/members.h).
#include "model/backend/lock.inc"
};

// `with lock:`: acquires now, releases at the end of the scope (model/guard.h).
using LockGuard = Guard<Lock>;

}  // namespace interleave

#endif  // INTERLEAVE_MODEL_LOCK_H_
