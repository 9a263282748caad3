#include "model/lock.h"

#include <utility>

#include "model/error.h"
#include "model/execution.h"
#include "model/misuse_error.h"

namespace interleave {

Lock::Lock(std::string name)
    : object_(Execution::Current("Lock").AddObject(ObjectKind::kLock, std::move(name))) {}

void Lock::acquire(std::source_location where) { Acquire(true, -1, where, nullptr); }

bool Lock::Acquire(bool blocking, double timeout, const std::source_location& where,
                   const SpinFrame* spin) {
  Execution& execution = Execution::Current("Lock::acquire");
  const ObjectId object = object_;
  auto is_free = [&execution, object] { return execution.object(object).owner == kNoThread; };
  // Not blocking: a spin loop's poll (Execution::PollStep).
  TraceEvent& event = blocking ? execution.Step(OpKind::kAcquire, object, where, is_free,
                                                timeout < 0 ? kForever : Microseconds(timeout))
                               : execution.PollStep(OpKind::kAcquire, object_, where, spin);
  if (execution.unwinding()) return false;
  if (!is_free()) {  // Timed out, or not blocking and held.
    event.timed_out = blocking;
    event.value = kNotAcquired;
    if (!blocking) execution.PollDone(object, false);
    return false;
  }
  execution.SetOwner(object_, execution.current_thread());
  execution.Observe(object_);
  if (!blocking) execution.PollDone(object, true);
  return true;
}

void Lock::release(std::source_location where) {
  Execution& execution = Execution::Current("Lock::release");
  const TraceEvent& event = execution.ReleaseStep(object_, where);
  if (execution.unwinding()) return;
  if (execution.object(object_).owner == kNoThread) {
    throw MisuseError(
        "release of unlocked lock '" + execution.object(object_).name + "' at " +
            SourceLine::From(where).ToString(),
        {event.step, execution.current_thread(), object_, kNoThread, SourceLine::From(where)});
  }
  execution.Publish(object_);
  execution.SetOwner(object_, kNoThread);
}

bool Lock::locked(std::source_location where) const {
  Execution& execution = Execution::Current("Lock::locked");
  TraceEvent& event = execution.Step(OpKind::kRead, object_, where);
  if (execution.unwinding()) return false;
  execution.NoteLockRead(event);
  const bool held = execution.object(object_).owner != kNoThread;
  event.value = held ? "locked" : "unlocked";
  return held;
}

}  // namespace interleave
