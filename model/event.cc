#include "model/event.h"

#include <utility>

#include "model/execution.h"

namespace interleave {

Event::Event(std::string name)
    : object_(Execution::Current("TraceEvent").AddObject(ObjectKind::kEvent, std::move(name))) {}

void Event::set(std::source_location where) {
  Execution& execution = Execution::Current("TraceEvent::set");
  execution.Step(OpKind::kSet, object_, where);
  if (execution.unwinding()) return;
  flag_ = true;
  ++sets_;
  execution.Publish(object_);
}

void Event::clear(std::source_location where) {
  Execution& execution = Execution::Current("TraceEvent::clear");
  execution.Step(OpKind::kClear, object_, where);
  if (execution.unwinding()) return;
  flag_ = false;
}

bool Event::is_set(std::source_location where) const {
  Execution& execution = Execution::Current("TraceEvent::is_set");
  TraceEvent& event = execution.Step(OpKind::kRead, object_, where);
  if (execution.unwinding()) return false;
  if (flag_) execution.Observe(object_);
  event.value = flag_ ? "true" : "false";
  return flag_;
}

bool Event::wait(std::source_location where) { return Wait(kForever, where); }

bool Event::wait(double seconds, std::source_location where) {
  return Wait(Microseconds(seconds), where);
}

bool Event::Wait(int64_t timeout, const std::source_location& where) {
  Execution& execution = Execution::Current("TraceEvent::wait");
  // Entering the wait is a step of its own, a read of the flag: what the thread waits for
  // depends on the sets and clears before it, so the races with them must be seen.
  TraceEvent& entry = execution.Step(OpKind::kWait, object_, where);
  if (execution.unwinding()) return false;
  if (flag_) {
    execution.Observe(object_);
    entry.value = "true";
    return true;
  }
  entry.value = "waiting";
  // The flag was down: the thread waits from here for the next set(), which releases it even
  // if a clear() lowers the flag again before it runs.
  const int64_t sets = sets_;
  auto released = [this, sets] { return sets_ != sets; };
  TraceEvent& event = execution.Step(OpKind::kWait, object_, where, released, timeout);
  if (execution.unwinding()) return false;
  const bool result = released();
  if (result) execution.Observe(object_);
  event.value = result ? "true" : "false";
  return result;
}

}  // namespace interleave
