#include "model/semaphore.h"

#include <utility>

#include "model/error.h"
#include "model/execution.h"

namespace interleave {

Semaphore::Semaphore(int value, std::string name) : Semaphore(value, std::move(name), false) {}

Semaphore::Semaphore(int value, std::string name, bool bounded)
    : value_(value), initial_(value), bounded_(bounded) {
  Execution& execution = Execution::Current("Semaphore");
  if (value < 0) {
    throw ModelError("semaphore '" + name + "' initial value must be >= 0, not " +
                     std::to_string(value));
  }
  object_ = execution.AddObject(ObjectKind::kSemaphore, std::move(name));
}

void Semaphore::acquire(std::source_location where) { Acquire(true, -1, where, nullptr); }

bool Semaphore::Acquire(bool blocking, double timeout, const std::source_location& where,
                        const SpinFrame* spin) {
  Execution& execution = Execution::Current("Semaphore::acquire");
  auto positive = [this] { return value_ > 0; };
  // Not blocking: a spin loop's poll (Execution::PollStep).
  TraceEvent& event = blocking ? execution.Step(OpKind::kAcquire, object_, where, positive,
                                                timeout < 0 ? kForever : Microseconds(timeout))
                               : execution.PollStep(OpKind::kAcquire, object_, where, spin);
  if (execution.unwinding()) return false;
  if (!positive()) {  // Timed out, or not blocking and zero.
    event.timed_out = blocking;
    event.value = kNotAcquired;
    if (!blocking) execution.PollDone(object_, false);
    return false;
  }
  --value_;
  execution.Observe(object_);
  if (!blocking) execution.PollDone(object_, true);
  event.value = "value " + std::to_string(value_);
  return true;
}

void Semaphore::release(int n, std::source_location where) {
  Execution& execution = Execution::Current("Semaphore::release");
  TraceEvent& event = execution.Step(OpKind::kRelease, object_, where);
  if (execution.unwinding()) return;
  if (n < 1 || (bounded_ && value_ + n > initial_)) [[unlikely]] {
    // The message only on this path: a release is a step of every use of the semaphore.
    const std::string& name = execution.object(object_).name;
    const std::string at = SourceLine::From(where).ToString();
    if (n < 1) {
      throw ModelError("semaphore '" + name + "' released with n = " + std::to_string(n) + " at " +
                       at + ": n must be one or more");
    }
    throw ModelError("semaphore released too many times: bounded semaphore '" + name +
                     "' released by thread '" + execution.thread_name(execution.current_thread()) +
                     "' at " + at + " above its initial value " + std::to_string(initial_));
  }
  value_ += n;
  execution.Publish(object_);
  event.value = "value " + std::to_string(value_);
}

}  // namespace interleave
