#include "model/mutex.h"

#include <utility>

#include "model/error.h"
#include "model/execution.h"
#include "model/misuse_error.h"

namespace interleave {

Mutex::Mutex(std::string name)
    : object_(Execution::Current("Mutex").AddObject(ObjectKind::kLock, std::move(name))) {}

void Mutex::lock(std::source_location where) { try_lock_for(kForever, where); }

bool Mutex::try_lock_for(int64_t microseconds, std::source_location where) {
  Execution& execution = Execution::Current("Mutex::lock");
  const ObjectId object = object_;
  TraceEvent& event = execution.Step(
      OpKind::kAcquire, object_, where,
      [&execution, object] { return execution.object(object).owner == kNoThread; }, microseconds);
  if (execution.unwinding()) return false;
  if (event.timed_out) {
    event.value = "timed out";
    return false;
  }
  TakeNow(where);
  return true;
}

bool Mutex::IsFree() const {
  return Execution::Current("Mutex").object(object_).owner == kNoThread;
}

void Mutex::TakeNow(const SourceLine& where) {
  Execution& execution = Execution::Current("Mutex::lock");
  execution.SetOwner(object_, execution.current_thread());
  execution.Observe(object_);
  locked_at_ = where;
}

bool Mutex::Poll(const SourceLine& where, const SpinFrame* spin) {
  Execution& execution = Execution::Current("Mutex::try_lock");
  TraceEvent& event = execution.PollStep(OpKind::kAcquire, object_, where, spin);
  if (execution.unwinding()) return false;
  if (execution.object(object_).owner != kNoThread) {
    event.value = kNotAcquired;
    execution.PollDone(object_, false);
    return false;
  }
  TakeNow(where);
  execution.PollDone(object_, true);
  return true;
}

void Mutex::unlock(std::source_location where) {
  Execution& execution = Execution::Current("Mutex::unlock");
  const TraceEvent& event = execution.ReleaseStep(object_, where);
  if (execution.unwinding()) return;
  const ObjectInfo& info = execution.object(object_);
  const ThreadId self = execution.current_thread();
  if (info.owner != self) [[unlikely]] {
    // The message only on this path: an unlock is a step of every critical section.
    const std::string unlocker = "thread '" + execution.thread_name(self) + "'";
    const std::string at = SourceLine::From(where).ToString();
    const LockMisuse misuse{event.step, self, object_, info.owner, SourceLine::From(where)};
    if (info.owner == kNoThread) {
      throw MisuseError("unlock of unlocked mutex '" + info.name + "' by " + unlocker + " at " + at,
                        misuse);
    }
    throw MisuseError("mutex '" + info.name + "' unlocked by " + unlocker + " at " + at +
                          ", but it is held by thread '" + execution.thread_name(info.owner) +
                          "' (locked at " + locked_at_.ToString() + ")",
                      misuse);
  }
  execution.Publish(object_);
  execution.SetOwner(object_, kNoThread);
}

}  // namespace interleave
