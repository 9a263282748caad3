#include "std/condition_variable.h"

#include <algorithm>
#include <string>

namespace interleave::sync::sync_detail {

WaitQueue::WaitQueue(std::string name, bool)
    : object_(Execution::Current("condition_variable")
                  .AddObject(ObjectKind::kCondition, std::move(name))) {}

bool WaitQueue::Wait(int64_t microseconds, FunctionRef<void()> unlock, FunctionRef<void()> relock,
                     const SourceLine& where) {
  Execution& execution = Execution::Current("condition_variable::wait");
  if (execution.unwinding()) return false;
  // Joining the waiters is a step of its own on the condition variable, before the unlock: a
  // notify without the lock before it is lost, one after it wakes this thread, and dpor must
  // see that race (std/dpor_cover_test.cc).
  TraceEvent& entry = execution.Step(OpKind::kWait, object_, where);
  if (execution.unwinding()) return false;
  entry.value = "waiting";
  Waiter waiter;
  waiters_.push_back(&waiter);
  // However this frame is left (notified, timed out, unwound), it is no longer a waiter.
  struct Leave {
    std::vector<Waiter*>& waiters;
    Waiter* waiter;
    ~Leave() { std::erase(waiters, waiter); }
  } leave{waiters_, &waiter};

  unlock();
  if (execution.unwinding()) return false;
  // A spurious wake-up is a timeout that the program cannot tell from a notify.
  const bool spurious = microseconds == kForever && execution.spurious_wakeups();
  TraceEvent& event = execution.Step(
      OpKind::kWait, object_, where, [&waiter] { return waiter.notified; },
      spurious ? 0 : microseconds);
  if (execution.unwinding()) return false;
  const bool notified = waiter.notified;
  if (notified) {
    event.value = "notified";
    execution.Observe(object_);
  } else if (spurious) {
    event.value = "spurious wake-up";
  } else {
    event.timed_out = true;
  }
  std::erase(waiters_, &waiter);  // Now: a notify from here on must not count it.
  relock();
  return notified || spurious;
}

void WaitQueue::Notify(bool all, const SourceLine& where) {
  Execution& execution = Execution::Current("condition_variable::notify");
  TraceEvent& event = execution.Step(OpKind::kNotify, object_, where);
  if (execution.unwinding()) return;
  int woken = 0;
  if (!all && waiters_.size() > 1) {
    // notify_one wakes one of the waiters, which one the standard leaves open: each is a
    // branch of the search.
    const int chosen = execution.ChooseInStep(event, 0, static_cast<int>(waiters_.size()) - 1);
    waiters_[chosen]->notified = true;
    waiters_.erase(waiters_.begin() + chosen);
    woken = 1;
  }
  if (all || woken == 0) {
    for (Waiter* waiter : waiters_) waiter->notified = true;
    woken += static_cast<int>(waiters_.size());
    waiters_.clear();
  }
  execution.Publish(object_);
  event.value = std::to_string(woken);
}

bool WaitWithin(int64_t microseconds, FunctionRef<bool(int64_t)> wait_once,
                FunctionRef<bool()> predicate) {
  Execution& execution = Execution::Current("condition_variable::wait_for");
  const bool on_clock = execution.time_mode() == TimeMode::kVirtual;
  const int64_t end = on_clock ? execution.now() + microseconds : kForever;
  bool result = predicate();
  for (bool first = true; !result && !execution.unwinding(); first = false) {
    const int64_t left = on_clock ? end - execution.now() : microseconds;
    if (!first && left <= 0) break;
    const bool woken = wait_once(std::max<int64_t>(left, 0));
    result = predicate();
    if (!woken) break;  // The time is up.
  }
  return result;
}

}  // namespace interleave::sync::sync_detail
