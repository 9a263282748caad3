#include "model/condition.h"

#include <limits>
#include <utility>

#include "model/error.h"
#include "model/execution.h"

namespace interleave {

Condition::Condition(std::string name)
    : object_(Execution::Current("Condition").AddObject(ObjectKind::kCondition, name)),
      own_lock_(std::make_unique<RLock>(name + ".lock")),
      rlock_(own_lock_.get()) {}

Condition::Condition(Lock& lock, std::string name)
    : object_(Execution::Current("Condition").AddObject(ObjectKind::kCondition, std::move(name))),
      lock_(&lock) {}

Condition::Condition(RLock& lock, std::string name)
    : object_(Execution::Current("Condition").AddObject(ObjectKind::kCondition, std::move(name))),
      rlock_(&lock) {}

Condition::~Condition() = default;

void Condition::acquire(std::source_location where) { acquire(true, -1, where); }

void Condition::release(std::source_location where) {
  if (lock_ != nullptr) {
    lock_->release(where);
  } else {
    rlock_->release(where);
  }
}

bool Condition::LockIsHeld() const {
  if (lock_ == nullptr) return rlock_->IsOwned();
  return Execution::Current("Condition").object(lock_->object_).owner != kNoThread;
}

void Condition::CheckHeld(const char* operation, const std::source_location& where) const {
  if (LockIsHeld()) return;
  const Execution& execution = Execution::Current("Condition");
  throw ModelError(std::string("cannot ") + operation + " on un-acquired lock: condition '" +
                   execution.object(object_).name + "' used by thread '" +
                   execution.thread_name(execution.current_thread()) + "' at " +
                   SourceLine::From(where).ToString() + " without holding its lock");
}

bool Condition::Wait(int64_t timeout, const std::source_location& where) {
  Execution& execution = Execution::Current("Condition::wait");
  if (execution.unwinding()) return false;
  CheckHeld("wait", where);
  Waiter waiter;
  waiters_.push_back(&waiter);
  // However this frame is left (notified, timed out, unwound), it is no longer a waiter.
  struct Leave {
    std::deque<Waiter*>& waiters;
    Waiter* waiter;
    ~Leave() { std::erase(waiters, waiter); }
  } leave{waiters_, &waiter};

  int levels = 0;
  if (lock_ != nullptr) {
    lock_->release(where);
  } else {
    levels = rlock_->ReleaseAll(where);
  }
  if (execution.unwinding()) return false;

  auto notified = [&waiter] { return waiter.notified; };
  // A spurious wake-up is a timeout that the scenario cannot tell from a notify.
  const bool spurious = timeout == kForever && execution.spurious_wakeups();
  if (spurious) timeout = 0;
  TraceEvent& event = timeout == kNoWait
                          ? execution.Step(OpKind::kWait, object_, where)
                          : execution.Step(OpKind::kWait, object_, where, notified, timeout);
  if (execution.unwinding()) return false;
  const bool woken = waiter.notified || spurious;
  if (waiter.notified) {
    event.value = "notified";
    execution.Observe(object_);
  } else if (spurious) {
    event.value = "spurious wake-up";
    std::erase(waiters_, &waiter);
  } else {
    event.timed_out = true;
    std::erase(waiters_, &waiter);  // Now: a notify from here on must not count it.
  }

  if (lock_ != nullptr) {
    lock_->acquire(where);
  } else {
    rlock_->AcquireRestore(levels, where);
  }
  return woken;
}

bool Condition::wait(std::source_location where) { return Wait(kForever, where); }

bool Condition::wait(double timeout, std::source_location where) {
  return Wait(timeout > 0 ? Microseconds(timeout) : kNoWait, where);
}

bool Condition::wait_for(FunctionRef<bool()> predicate, std::source_location where) {
  Execution& execution = Execution::Current("Condition::wait_for");
  bool result = predicate();
  while (!result && !execution.unwinding()) {
    Wait(kForever, where);
    result = predicate();
  }
  return result;
}

bool Condition::wait_for(FunctionRef<bool()> predicate, double timeout,
                         std::source_location where) {
  // CPython's loop, with the virtual clock as its time.
  Execution& execution = Execution::Current("Condition::wait_for");
  const int64_t total = timeout > 0 ? Microseconds(timeout) : 0;
  const bool on_clock = execution.time_mode() == TimeMode::kVirtual && total != kForever;
  const int64_t end = on_clock ? execution.now() + total : kForever;
  bool result = predicate();
  for (bool first = true; !result && !execution.unwinding(); first = false) {
    // In `any`, only a wait that timed out says the time is up.
    const int64_t left = on_clock ? end - execution.now() : total;
    if (!first && left <= 0) break;
    const bool notified = Wait(left > 0 ? left : kNoWait, where);
    result = predicate();
    if (!notified) break;  // The time is up.
  }
  return result;
}

void Condition::notify(int n, std::source_location where) {
  Execution& execution = Execution::Current("Condition::notify");
  if (lock_ != nullptr) {
    // Over a Lock, "held" is "locked by any thread" (CPython's _is_owned tries the lock), which
    // another thread's release changes: a read of the lock, a step of its own. (An RLock's
    // owner is the caller or not, which no other thread changes.)
    TraceEvent& check = execution.Step(OpKind::kRead, lock_->object_, where);
    if (execution.unwinding()) return;
    execution.NoteLockRead(check);
    check.value = LockIsHeld() ? "locked" : "unlocked";
  }
  TraceEvent& event = execution.Step(OpKind::kNotify, object_, where);
  if (execution.unwinding()) return;
  CheckHeld("notify", where);
  int woken = 0;
  while (woken < n && !waiters_.empty()) {
    waiters_.front()->notified = true;
    waiters_.pop_front();
    ++woken;
  }
  execution.Publish(object_);
  event.value = std::to_string(woken);
}

void Condition::notify_all(std::source_location where) {
  notify(std::numeric_limits<int>::max(), where);
}

}  // namespace interleave
