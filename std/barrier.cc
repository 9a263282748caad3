#include "std/barrier.h"

#include <string>

#include "model/error.h"
#include "model/misuse_error.h"

namespace interleave::sync::sync_detail {

BarrierCore::BarrierCore(std::string name, std::ptrdiff_t expected)
    : expected_(expected), pending_(expected) {
  Execution& execution = Execution::Current("barrier");
  if (expected < 0) {
    throw ModelError("barrier '" + name + "' expects " + std::to_string(expected) +
                     " arrivals: the count must not be negative (undefined behaviour)");
  }
  object_ = execution.AddObject(ObjectKind::kBarrier, std::move(name));
}

std::pair<int64_t, bool> BarrierCore::Arrive(std::ptrdiff_t update, bool drop,
                                             const SourceLine& where) {
  Execution& execution = Execution::Current("barrier::arrive");
  // An arrival for the next phase waits for the completion of this one to end.
  TraceEvent& event =
      execution.Step(OpKind::kUpdate, object_, where, [this] { return !completing_; });
  if (execution.unwinding()) return {phase_, false};
  if (update < 1 || update > pending_) {
    const ThreadId self = execution.current_thread();
    throw MisuseError("barrier '" + execution.object(object_).name + "': arrival of " +
                          std::to_string(update) + " by thread '" + execution.thread_name(self) +
                          "' at " + where.ToString() + " while phase " + std::to_string(phase_) +
                          " expects " + std::to_string(pending_) +
                          (update < 1 ? ": the update must be positive"
                                      : ": more arrivals than the phase expects") +
                          " (undefined behaviour)",
                      LockMisuse{event.step, self, object_, kNoThread, where});
  }
  pending_ -= update;
  if (drop) --expected_;
  execution.Publish(object_);
  event.value = "phase " + std::to_string(phase_) + ": " + std::to_string(pending_) + " to come" +
                (drop ? " (dropped)" : "");
  if (pending_ != 0) return {phase_, false};
  event.value += ": phase complete";
  completing_ = true;
  execution.Observe(object_);  // The completion sees every arrival of the phase.
  return {phase_, true};
}

void BarrierCore::EndPhase(bool ran_completion, const SourceLine& where) {
  Execution& execution = Execution::Current("barrier::arrive");
  if (execution.unwinding()) return;
  if (ran_completion) {
    // A step of its own, after the completion's: the waiters it releases depend on it.
    TraceEvent& event = execution.Step(OpKind::kUpdate, object_, where);
    if (execution.unwinding()) return;
    event.value = "phase " + std::to_string(phase_) + ": completion done";
  }
  execution.Publish(object_);  // What the completion did, for the waiters.
  ++phase_;
  pending_ = expected_;
  completing_ = false;
}

void BarrierCore::Wait(const void* barrier, const void* token_barrier, int64_t phase,
                       const SourceLine& where) {
  Execution& execution = Execution::Current("barrier::wait");
  if (token_barrier != barrier) {  // Misuse: reported at the step, without waiting.
    const TraceEvent& event = execution.Step(OpKind::kWait, object_, where);
    if (execution.unwinding()) return;
    const ThreadId self = execution.current_thread();
    throw MisuseError("barrier '" + execution.object(object_).name + "' waited on by thread '" +
                          execution.thread_name(self) + "' at " + where.ToString() +
                          " with an arrival token of another barrier (undefined behaviour)",
                      LockMisuse{event.step, self, object_, kNoThread, where});
  }
  TraceEvent& event =
      execution.Step(OpKind::kWait, object_, where, [this, phase] { return phase_ > phase; });
  if (execution.unwinding()) return;
  execution.Observe(object_);
  event.value = "phase " + std::to_string(phase) + " complete";
}

}  // namespace interleave::sync::sync_detail
