#include "std/semaphore.h"

#include <string>

#include "model/error.h"
#include "model/misuse_error.h"

namespace interleave::sync::sync_detail {

SemaphoreState::SemaphoreState(std::string name, const Init& init)
    : value_(init.desired), max_(init.max) {
  Execution& execution = Execution::Current("counting_semaphore");
  if (init.desired < 0 || init.desired > init.max) {
    throw ModelError(
        "counting_semaphore '" + name + "' initial value " + std::to_string(init.desired) +
        " is outside [0, max() = " + std::to_string(init.max) + "] (undefined behaviour)");
  }
  object_ = execution.AddObject(ObjectKind::kSemaphore, std::move(name));
}

void SemaphoreState::Release(std::ptrdiff_t update, const SourceLine& where) {
  Execution& execution = Execution::Current("counting_semaphore::release");
  TraceEvent& event = execution.Step(OpKind::kRelease, object_, where);
  if (execution.unwinding()) return;
  if (update < 0 || update > max_ - value_) {
    const ThreadId self = execution.current_thread();
    const LockMisuse misuse{event.step, self, object_, kNoThread, where};
    const std::string name = "counting_semaphore '" + execution.object(object_).name + "'";
    const std::string by =
        " by thread '" + execution.thread_name(self) + "' at " + where.ToString();
    if (update < 0) {
      throw MisuseError(name + " released with update = " + std::to_string(update) + by +
                            ": the update must not be negative (undefined behaviour)",
                        misuse);
    }
    throw MisuseError(name + " released too many times: release(" + std::to_string(update) + ")" +
                          by + " with the counter at " + std::to_string(value_) +
                          " would pass max() = " + std::to_string(max_) + " (undefined behaviour)",
                      misuse);
  }
  value_ += update;
  execution.Publish(object_);
  event.value = "value " + std::to_string(value_);
}

bool SemaphoreState::Acquire(bool blocking, int64_t microseconds, const SourceLine& where,
                             const SpinFrame* spin) {
  Execution& execution = Execution::Current("counting_semaphore::acquire");
  auto positive = [this] { return value_ > 0; };
  TraceEvent& event = blocking
                          ? execution.Step(OpKind::kAcquire, object_, where, positive, microseconds)
                          : execution.PollStep(OpKind::kAcquire, object_, where, spin);
  if (execution.unwinding()) return false;
  if (!positive()) {  // Timed out, or a try that found zero.
    event.timed_out = blocking;
    event.value = kNotAcquired;
    if (!blocking) execution.PollDone(object_, false);
    return false;
  }
  --value_;
  execution.Observe(object_);
  event.value = "value " + std::to_string(value_);
  if (!blocking) execution.PollDone(object_, true);
  return true;
}

}  // namespace interleave::sync::sync_detail
