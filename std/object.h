// How an object of the std mirror lives in the executions that use it.
//
// A std-style program declares its mutexes, atomics and condition variables where it likes: as
// globals, as members of a class built before the checker runs, in arrays. The model's own
// primitives (model/) belong to the execution that creates them; a mirror object instead keeps
// its state per execution (PerExecution<State>): the first operation of an execution on it
// registers it with that execution and builds its state afresh from the values it was
// declared with, as a new process would. An object built inside an execution registers at
// once. So a global `sync::atomic<int> hits{0}` starts at 0 in every execution, and every
// execution sees the same objects in the same order.
//
// Names: std objects have none, so a mirror object is named by its type and where it was
// declared ("mutex@queue.h:12"; a member is named by its class's constructor line), with
// "#2", "#3" for more objects of the same type declared at the same place in one execution.
//
// Invariants:
// - A mirror object's state belongs to at most one execution at a time: the one whose serial
//   number it carries. A global used by two executions that run at once (a search spread over
//   several OS threads, ExploreOptions::jobs) would be shared by both: that is an ERROR that
//   names the object, never a silent mix of two executions.
// - A destroyed object is never registered again: its operations reach Execution::Step, which
//   reports the use after destruction.
// - The state's destructor must not operate on an execution: it runs when the object is
//   destroyed, or replaced in a later execution, possibly at static destruction.
#ifndef INTERLEAVE_STD_OBJECT_H_
#define INTERLEAVE_STD_OBJECT_H_

#include <cstdint>
#include <optional>
#include <source_location>
#include <string>
#include <type_traits>
#include <utility>

#include "model/execution.h"
#include "model/trace.h"

namespace interleave::sync_internal {

// The name of a mirror object of `type` declared at `declared`, unique in `execution`.
std::string ObjectName(const Execution& execution, const char* type, const SourceLine& declared);

// Records an error in `execution` when a global mirror object is used while other executions
// run on other OS threads at the same time (see the invariants above).
void CheckNotShared(Execution& execution, const char* type, const SourceLine& declared);

// The line of user code that called an operator of the mirror (`x += 1`, `flag = true`),
// which cannot take a defaulted std::source_location: `return_address` is the operator's
// __builtin_return_address(0), looked up in the binary's line table (libdw) once per call
// site. Without line information, the type's name and "?". Optimised code can lose the line:
// an operator called last in a function (`[] { hits++; }`) is reached by a jump, not a call,
// and the return address is then the function's caller's (the step shows "?").
SourceLine CallerLine(const void* return_address);

// The state of a mirror object in the execution using it. `State` is built as
// State(std::string name, const Init& init), or State(std::string name): it registers itself with
// the running execution (Execution::AddObject, through its ObjectHandle or a model primitive) under
// that name.
template <typename State, typename Init = bool>
class PerExecution {
 public:
  PerExecution(const char* type, const SourceLine& declared, Init init = {})
      : type_(type), declared_(declared), init_(std::move(init)) {
    if (Execution* execution = Execution::Running()) Build(*execution);
  }
  PerExecution(const PerExecution&) = delete;
  PerExecution& operator=(const PerExecution&) = delete;

  // The state in the running execution (a ModelError naming `operation` when none runs).
  State& Get(const char* operation) {
    Execution& execution = Execution::Current(operation);
    if (serial_ != execution.serial() && !destroyed_) [[unlikely]] {
      if (!built_inside_) CheckNotShared(execution, type_, declared_);
      Build(execution);
    }
    return *state_;
  }
  // The state, when the running execution has one; else nullptr (no execution, another one).
  State* Peek() {
    const Execution* execution = Execution::Running();
    return execution != nullptr && serial_ == execution->serial() ? &*state_ : nullptr;
  }

  const Init& init() const { return init_; }
  const char* type() const { return type_; }
  SourceLine declared() const { return declared_; }

 private:
  void Build(Execution& execution) {
    state_.reset();
    if constexpr (std::is_constructible_v<State, std::string, const Init&>) {
      state_.emplace(ObjectName(execution, type_, declared_), init_);
    } else {  // A model primitive, built from its name.
      state_.emplace(ObjectName(execution, type_, declared_));
    }
    serial_ = execution.serial();
  }

  const char* type_;
  SourceLine declared_;
  Init init_;
  std::optional<State> state_;
  uint64_t serial_ = 0;
  bool built_inside_ = Execution::Running() != nullptr;
  bool destroyed_ = false;
};

}  // namespace interleave::sync_internal

#endif  // INTERLEAVE_STD_OBJECT_H_
