#include "model/barrier.h"

#include <utility>

#include "model/error.h"
#include "model/execution.h"

namespace interleave {

Barrier::Barrier(int parties, std::string name) : parties_(parties) {
  Execution& execution = Execution::Current("Barrier");
  if (parties < 1) {
    throw ModelError("Barrier '" + name + "' needs at least one party, not " +
                     std::to_string(parties) + " (Python raises ValueError)");
  }
  object_ = execution.AddObject(ObjectKind::kBarrier, std::move(name));
}

int Barrier::wait(std::source_location where) { return Wait(kForever, where); }

int Barrier::wait(double seconds, std::source_location where) {
  return Wait(Microseconds(seconds), where);
}

int Barrier::Wait(int64_t timeout, const std::source_location& where) {
  Execution& execution = Execution::Current("Barrier::wait");
  TraceEvent& arrival = execution.Step(OpKind::kUpdate, object_, where);
  if (execution.unwinding()) return 0;
  if (broken_) {
    arrival.value = "raised BrokenBarrier";
    ThrowBroken(where);
  }
  const int index = count_++;
  arrival.value = "arrival " + std::to_string(count_) + " of " + std::to_string(parties_);
  execution.Publish(object_);
  if (count_ == parties_) {  // The last one releases the round.
    count_ = 0;
    ++generation_;
    execution.Observe(object_);
    arrival.value += ": released";
    return index;
  }

  const int64_t generation = generation_;
  auto passable = [this, generation] { return generation_ != generation || broken_; };
  TraceEvent& pass = execution.Step(OpKind::kWait, object_, where, passable, timeout);
  if (execution.unwinding()) return index;
  if (generation_ != generation) {
    execution.Observe(object_);
    pass.value = "index " + std::to_string(index);
    return index;
  }
  broken_ = true;  // Timed out (it breaks the barrier), or another thread broke it.
  pass.value = "raised BrokenBarrier";
  ThrowBroken(where);
}

void Barrier::abort(std::source_location where) {
  Execution& execution = Execution::Current("Barrier::abort");
  TraceEvent& event = execution.Step(OpKind::kUpdate, object_, where);
  if (execution.unwinding()) return;
  broken_ = true;
  event.value = "abort";
}

bool Barrier::broken(std::source_location where) const {
  Execution& execution = Execution::Current("Barrier::broken");
  TraceEvent& event = execution.Step(OpKind::kRead, object_, where);
  event.value = broken_ ? "broken" : "not broken";
  return broken_;
}

int Barrier::n_waiting(std::source_location where) const {
  Execution& execution = Execution::Current("Barrier::n_waiting");
  TraceEvent& event = execution.Step(OpKind::kRead, object_, where);
  const int waiting = broken_ ? 0 : count_;
  event.value = std::to_string(waiting) + " waiting";
  return waiting;
}

void Barrier::ThrowBroken(const std::source_location& where) const {
  throw BrokenBarrier("barrier '" + Execution::Current("Barrier").object(object_).name +
                      "' is broken (wait at " + SourceLine::From(where).ToString() + ")");
}

}  // namespace interleave
