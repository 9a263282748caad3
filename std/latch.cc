#include "std/latch.h"

#include <string>

#include "model/error.h"
#include "model/misuse_error.h"

namespace interleave::sync::sync_detail {

LatchState::LatchState(std::string name, const std::ptrdiff_t& expected) : counter_(expected) {
  Execution& execution = Execution::Current("latch");
  if (expected < 0) {
    throw ModelError("latch '" + name + "' initial count " + std::to_string(expected) +
                     " is negative (undefined behaviour)");
  }
  object_ = execution.AddObject(ObjectKind::kBarrier, std::move(name));
}

void LatchState::CountDown(std::ptrdiff_t update, const SourceLine& where) {
  Execution& execution = Execution::Current("latch::count_down");
  TraceEvent& event = execution.Step(OpKind::kUpdate, object_, where);
  if (execution.unwinding()) return;
  if (update < 0 || update > counter_) {
    const ThreadId self = execution.current_thread();
    throw MisuseError("latch '" + execution.object(object_).name + "' counted down by " +
                          std::to_string(update) + " by thread '" + execution.thread_name(self) +
                          "' at " + where.ToString() + " with its counter at " +
                          std::to_string(counter_) +
                          (update < 0 ? ": the update must not be negative"
                                      : ": below zero, counted down too many times") +
                          " (undefined behaviour)",
                      LockMisuse{event.step, self, object_, kNoThread, where});
  }
  counter_ -= update;
  execution.Publish(object_);
  event.value = "count " + std::to_string(counter_);
}

bool LatchState::TryWait(const SourceLine& where) {
  Execution& execution = Execution::Current("latch::try_wait");
  TraceEvent& event = execution.Step(OpKind::kRead, object_, where);
  if (execution.unwinding()) return false;
  event.value = "count " + std::to_string(counter_);
  if (counter_ != 0) return false;
  execution.Observe(object_);
  return true;
}

void LatchState::Wait(const SourceLine& where) {
  Execution& execution = Execution::Current("latch::wait");
  TraceEvent& event =
      execution.Step(OpKind::kWait, object_, where, [this] { return counter_ == 0; });
  if (execution.unwinding()) return;
  execution.Observe(object_);
  event.value = "count 0";
}

}  // namespace interleave::sync::sync_detail
