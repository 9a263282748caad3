#include "model/rlock.h"

#include <utility>

#include "model/error.h"
#include "model/execution.h"
#include "model/misuse_error.h"

namespace interleave {

RLock::RLock(std::string name)
    : object_(Execution::Current("RLock").AddObject(ObjectKind::kLock, std::move(name))) {}

void RLock::acquire(std::source_location where) { Acquire(true, -1, where, nullptr); }

bool RLock::Acquire(bool blocking, double timeout, const std::source_location& where,
                    const SpinFrame* spin) {
  if (!blocking) return Poll(where, spin);
  Execution& execution = Execution::Current("RLock::acquire");
  const ObjectId object = object_;
  const ThreadId self = execution.current_thread();
  auto can_take = [&execution, object, self] {
    const ThreadId owner = execution.object(object).owner;
    return owner == kNoThread || owner == self;
  };
  TraceEvent& event = execution.Step(OpKind::kAcquire, object, where, can_take,
                                     timeout < 0 ? kForever : Microseconds(timeout));
  if (execution.unwinding()) return false;
  if (!can_take()) {  // Timed out.
    event.timed_out = true;
    event.value = kNotAcquired;
    return false;
  }
  Take(event);
  return true;
}

bool RLock::Poll(const SourceLine& where, const SpinFrame* spin) {
  Execution& execution = Execution::Current("RLock::acquire");
  TraceEvent& event = execution.PollStep(OpKind::kAcquire, object_, where, spin);
  if (execution.unwinding()) return false;
  const ThreadId owner = execution.object(object_).owner;
  if (owner != kNoThread && owner != execution.current_thread()) {
    event.value = kNotAcquired;
    execution.PollDone(object_, false);
    return false;
  }
  Take(event);
  execution.PollDone(object_, true);
  return true;
}

void RLock::Take(TraceEvent& event) {
  Execution& execution = Execution::Current("RLock::acquire");
  if (levels_ > 0) {
    ++levels_;
    event.value = "level " + std::to_string(levels_);
    event.reentrant = true;
    return;
  }
  levels_ = 1;
  execution.SetOwner(object_, execution.current_thread());
  execution.Observe(object_);
}

void RLock::release(std::source_location where) {
  Execution& execution = Execution::Current("RLock::release");
  TraceEvent& event = execution.ReleaseStep(object_, where);
  if (execution.unwinding()) return;
  CheckOwned(event.step, where);
  if (--levels_ > 0) {
    event.value = "level " + std::to_string(levels_);
    event.reentrant = true;
    return;
  }
  execution.Publish(object_);
  execution.SetOwner(object_, kNoThread);
}

bool RLock::IsOwned() const {
  const Execution& execution = Execution::Current("RLock");
  return execution.object(object_).owner == execution.current_thread();
}

void RLock::CheckOwned(int release_step, const std::source_location& where) const {
  const Execution& execution = Execution::Current("RLock");
  const ObjectInfo& info = execution.object(object_);
  if (info.owner == execution.current_thread()) return;
  std::string message = "cannot release un-acquired lock: rlock '" + info.name +
                        "' released by thread '" +
                        execution.thread_name(execution.current_thread()) + "' at " +
                        SourceLine::From(where).ToString();
  message += info.owner == kNoThread
                 ? ", but nobody holds it"
                 : ", but it is held by thread '" + execution.thread_name(info.owner) + "'";
  throw MisuseError(message, {release_step, execution.current_thread(), object_, info.owner,
                              SourceLine::From(where)});
}

int RLock::ReleaseAll(const std::source_location& where) {
  Execution& execution = Execution::Current("RLock::release");
  TraceEvent& event = execution.ReleaseStep(object_, where);
  if (execution.unwinding()) return 0;
  CheckOwned(event.step, where);
  const int levels = levels_;
  if (levels > 1) event.value = "all " + std::to_string(levels) + " levels";
  levels_ = 0;
  execution.Publish(object_);
  execution.SetOwner(object_, kNoThread);
  return levels;
}

void RLock::AcquireRestore(int levels, const std::source_location& where) {
  Execution& execution = Execution::Current("RLock::acquire");
  const ObjectId object = object_;
  TraceEvent& event = execution.Step(OpKind::kAcquire, object, where, [&execution, object] {
    return execution.object(object).owner == kNoThread;
  });
  if (execution.unwinding()) return;
  if (levels > 1) event.value = "level " + std::to_string(levels) + " restored";
  levels_ = levels;
  execution.SetOwner(object_, execution.current_thread());
  execution.Observe(object_);
}

}  // namespace interleave
