// Native backend: Condition (Python's threading.Condition) as in model/condition.h, over a Lock
// or an RLock the scenario gives, or an RLock of its own. wait() registers the waiter under the
// condition's internal mutex before it releases the scenario's lock, so a notify that runs
// after the release (and must hold the lock) finds it: no wake-up is lost that the model would
// deliver. notify(n) wakes the first n waiters (FIFO), notify_all every one. There are no
// spurious wake-ups (each waiter has its own flag). Waiting or notifying without holding the
// lock throws ModelError (Python's RuntimeError). Timeouts are scaled (runtime.h).
#ifndef INTERLEAVE_NATIVE_MODEL_CONDITION_H_
#define INTERLEAVE_NATIVE_MODEL_CONDITION_H_

#include <condition_variable>
#include <deque>
#include <memory>
#include <mutex>
#include <optional>
#include <source_location>
#include <string>

#include "model/function_ref.h"
#include "model/guard.h"
#include "model/lock.h"
#include "model/rlock.h"
#include "model/runtime.h"

namespace interleave {

class Condition {
 public:
  explicit Condition(std::string name = "condition");
  explicit Condition(Lock& lock, std::string name = "condition");
  explicit Condition(RLock& lock, std::string name = "condition");
  Condition(const Condition&) = delete;
  Condition& operator=(const Condition&) = delete;
  ~Condition();

  void acquire(std::source_location where = std::source_location::current());
  bool acquire(bool blocking, double timeout = -1,
               std::source_location where = std::source_location::current());
  void release(std::source_location where = std::source_location::current());

  bool wait(std::source_location where = std::source_location::current());
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

  bool Wait(std::optional<native::Clock::time_point> deadline, const std::source_location& where);
  void CheckHeld(const char* operation, const std::source_location& where) const;

  std::string name_;
  std::unique_ptr<RLock> own_lock_;
  Lock* lock_ = nullptr;
  RLock* rlock_ = nullptr;
  std::mutex mu_;  // Guards waiters_ and their flags.
  std::condition_variable woken_;
  std::deque<Waiter*> waiters_;
};

using ConditionGuard = Guard<Condition>;

}  // namespace interleave

#endif  // INTERLEAVE_NATIVE_MODEL_CONDITION_H_
