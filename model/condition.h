// Condition: Python's threading.Condition, over a Lock or an RLock the scenario gives
// (`Condition cond(lock)`), or over an RLock of its own when constructed without one.
//
// - acquire()/release() are the lock's; ConditionGuard is `with cond:`.
// - wait() must be called holding the lock. It releases the lock (an RLock at every level, in one
//   release step), waits until a notify wakes it, then re-acquires the lock (restoring the RLock's
//   level) in an acquire step of its own, so other threads may take the lock in between, as in
//   CPython. A wait is thus three steps: release, wait (the wake-up), acquire. There are no
//   spurious wake-ups. wait(seconds) gives up after the timeout and says whether it was notified:
//   in time mode `any` it may time out whenever it would block, on the virtual clock at its
//   deadline; a timeout of zero or less does not block (as in Python).
// - wait_for(predicate [, seconds]) is CPython's loop: it returns at once if the predicate
//   holds, else waits and re-checks after every wake-up until it holds or the time is up, and
//   returns the predicate's last value. The predicate runs in the waiting thread with the lock
//   held, so it may read Shared variables. On the virtual clock the time left shrinks as the
//   clock moves; in `any` a timed-out wait means the whole timeout has passed.
// - notify(n) wakes the first n waiters in the order they started waiting (CPython's FIFO);
//   notify_all() wakes every waiter. The notify step records how many it woke ("0": nobody was
//   waiting). A notify happens before the wake-up of each waiter it woke.
// - Waiting or notifying without holding the lock is a RuntimeError in Python ("cannot wait on
//   un-acquired lock", "cannot notify on un-acquired lock"): the model ends the execution with a
//   ModelError. As in CPython, over a plain Lock "holding" can only mean "the lock is locked"
//   (Python's Lock has no owner); over an RLock it means the current thread owns it.
//
// One declaration for both backends of the model API (model/backend/members.h).
#ifndef INTERLEAVE_MODEL_CONDITION_H_
#define INTERLEAVE_MODEL_CONDITION_H_

#include <cstdint>
#include <deque>
#include <exception>
#include <memory>
#include <source_location>
#include <string>

#include "model/backend/members.h"
#include "model/function_ref.h"
#include "model/guard.h"
#include "model/lock.h"
#include "model/rlock.h"

namespace interleave {

class Condition {
 public:
  // Over an RLock of its own, named "<name>.lock".
  explicit Condition(std::string name = "condition");
  explicit Condition(Lock& lock, std::string name = "condition");
  explicit Condition(RLock& lock, std::string name = "condition");
  Condition(const Condition&) = delete;
  Condition& operator=(const Condition&) = delete;
  ~Condition();

  void acquire(std::source_location where = std::source_location::current());
  // The lock's acquire(blocking, timeout): a loop of acquire(false) is a spin loop, as the
  // lock's own (PollFrame, model/backend/members.h).
  bool acquire(bool blocking, double timeout = -1,
               std::source_location where = std::source_location::current()) {
    SpinFrame frame;
    const SpinFrame* poll = blocking ? nullptr : PollFrame(&frame);
    return lock_ != nullptr ? lock_->Acquire(blocking, timeout, where, poll)
                            : rlock_->Acquire(blocking, timeout, where, poll);
  }
  void release(std::source_location where = std::source_location::current());

  // Returns true (Python's wait() returns True).
  bool wait(std::source_location where = std::source_location::current());
  // Returns false when the timeout passed before a notify.
  bool wait(double timeout, std::source_location where = std::source_location::current());
  bool wait_for(FunctionRef<bool()> predicate,
                std::source_location where = std::source_location::current());
  bool wait_for(FunctionRef<bool()> predicate, double timeout,
                std::source_location where = std::source_location::current());

  void notify(int n = 1, std::source_location where = std::source_location::current());
  void notify_all(std::source_location where = std::source_location::current());

 private:
  struct Waiter {
    bool notified = false;
  };

  // The backend's members (model/backend/members.h).
#include "model/backend/condition.inc"
};

// `with condition:`: acquires now, releases at the end of the scope (model/guard.h).
using ConditionGuard = Guard<Condition>;

}  // namespace interleave

#endif  // INTERLEAVE_MODEL_CONDITION_H_
