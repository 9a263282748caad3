// <barrier> in the std mirror: barrier<CompletionFunction>, with the std signatures (each
// operation also takes a defaulted std::source_location).
//
// A barrier runs in phases. Each phase expects `expected` arrivals; arrive(n) counts n of them
// (an update step) and returns an arrival_token for the phase; wait(token) blocks until that
// phase has completed (a wait step; at once for a phase completed already). The arrival that
// completes a phase runs the completion function in its own thread, as libstdc++ does, before
// any waiter of the phase returns (an arrival meanwhile waits for it); then the next phase starts,
// expecting `expected` again, less the arrivals dropped by arrive_and_drop(). arrive_and_wait() is
// arrive() then wait(). Every arrival of a phase, and its completion, happen before every return
// from a wait on it.
//
// The completion function is copied into each execution's state from the one the barrier was
// built with, so a completion with state of its own starts afresh in every execution (it must
// be copyable). A barrier whose phase never gets all its arrivals leaves its waiters blocked:
// DEADLOCK. Undefined behaviour in a real program is LOCK MISUSE here: arrive(n) with n < 1 or
// more than the phase still expects, a wait with a token of another barrier. A negative `expected`
// is an ERROR.
#ifndef INTERLEAVE_STD_BARRIER_H_
#define INTERLEAVE_STD_BARRIER_H_

#include <cstddef>
#include <cstdint>
#include <limits>
#include <source_location>
#include <string>
#include <type_traits>
#include <utility>

#include "model/execution.h"
#include "model/object_handle.h"
#include "std/object.h"

namespace interleave::sync {

namespace sync_detail {

// The default completion: nothing.
struct NoCompletion {
  void operator()() noexcept {}
};

// The counting of a barrier in one execution; the completion is run by the caller.
class BarrierCore {
 public:
  BarrierCore(std::string name, std::ptrdiff_t expected);
  BarrierCore(const BarrierCore&) = delete;
  BarrierCore& operator=(const BarrierCore&) = delete;

  // One arrival of `update` (dropping one party for later phases when `drop`): the phase it
  // arrived in, and whether it completed that phase (the caller then runs the completion and
  // calls EndPhase).
  std::pair<int64_t, bool> Arrive(std::ptrdiff_t update, bool drop, const SourceLine& where);
  // After the completion (a step when it ran one: what it did is then ordered before it).
  void EndPhase(bool ran_completion, const SourceLine& where);
  void Wait(const void* barrier, const void* token_barrier, int64_t phase, const SourceLine& where);

 private:
  ObjectHandle object_;
  std::ptrdiff_t expected_;  // Arrivals each phase expects.
  std::ptrdiff_t pending_;   // Arrivals the current phase still expects.
  int64_t phase_ = 0;        // Phases completed.
  bool completing_ = false;  // The last arrival of the phase runs the completion.
};

}  // namespace sync_detail

template <typename CompletionFunction = sync_detail::NoCompletion>
class barrier {
  struct State;

 public:
  class arrival_token {
   public:
    arrival_token(arrival_token&&) = default;
    arrival_token& operator=(arrival_token&&) = default;

   private:
    friend class barrier;
    arrival_token(const void* barrier, int64_t phase) : barrier_(barrier), phase_(phase) {}
    const void* barrier_;
    int64_t phase_;
  };

  static constexpr std::ptrdiff_t max() noexcept {
    return std::numeric_limits<std::ptrdiff_t>::max();
  }

  explicit barrier(std::ptrdiff_t expected, CompletionFunction f = CompletionFunction(),
                   std::source_location declared = std::source_location::current())
      : state_("barrier", declared, Init{expected, std::move(f)}) {}
  barrier(const barrier&) = delete;
  barrier& operator=(const barrier&) = delete;

  [[nodiscard]] arrival_token arrive(std::ptrdiff_t update = 1,
                                     std::source_location where = std::source_location::current()) {
    return Arrive(state_.Get("barrier::arrive"), update, false, where);
  }
  void wait(arrival_token&& arrival,
            std::source_location where = std::source_location::current()) const {
    state_.Get("barrier::wait").core.Wait(this, arrival.barrier_, arrival.phase_, where);
  }
  void arrive_and_wait(std::source_location where = std::source_location::current()) {
    State& state = state_.Get("barrier::arrive_and_wait");
    arrival_token token = Arrive(state, 1, false, where);
    state.core.Wait(this, token.barrier_, token.phase_, where);
  }
  void arrive_and_drop(std::source_location where = std::source_location::current()) {
    (void)Arrive(state_.Get("barrier::arrive_and_drop"), 1, true, where);
  }

 private:
  struct Init {
    std::ptrdiff_t expected = 0;
    CompletionFunction completion;
  };
  struct State {
    State(std::string name, const Init& init)
        : core(std::move(name), init.expected), completion(init.completion) {}
    sync_detail::BarrierCore core;
    CompletionFunction completion;
  };

  arrival_token Arrive(State& state, std::ptrdiff_t update, bool drop,
                       const std::source_location& where) {
    const auto [phase, completed] = state.core.Arrive(update, drop, where);
    if (completed) {
      state.completion();
      state.core.EndPhase(!std::is_same_v<CompletionFunction, sync_detail::NoCompletion>, where);
    }
    return arrival_token(this, phase);
  }

  mutable sync_internal::PerExecution<State, Init> state_;
};

}  // namespace interleave::sync

#endif  // INTERLEAVE_STD_BARRIER_H_
