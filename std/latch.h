// <latch> in the std mirror: latch, with the std signatures (each operation also takes a
// defaulted std::source_location).
//
// A latch counts down from its initial value, once: count_down(n) subtracts n (an update
// step), wait() blocks until the counter is zero (a wait step), try_wait() reads it without
// blocking, arrive_and_wait(n) is count_down(n) then wait() (two steps). Every count_down
// happens before every wait or try_wait that sees zero. A latch counted down too few times
// leaves its waiters blocked: DEADLOCK (or HANG AT EXIT). count_down(n) with n < 0 or more than
// the counter is undefined behaviour in a real program: LOCK MISUSE here. The latch is an
// object of kind barrier in the report.
#ifndef INTERLEAVE_STD_LATCH_H_
#define INTERLEAVE_STD_LATCH_H_

#include <cstddef>
#include <limits>
#include <source_location>
#include <string>

#include "model/execution.h"
#include "model/object_handle.h"
#include "std/object.h"

namespace interleave::sync {

namespace sync_detail {

// A latch in one execution.
class LatchState {
 public:
  LatchState(std::string name, const std::ptrdiff_t& expected);
  LatchState(const LatchState&) = delete;
  LatchState& operator=(const LatchState&) = delete;

  void CountDown(std::ptrdiff_t update, const SourceLine& where);
  bool TryWait(const SourceLine& where);
  void Wait(const SourceLine& where);

 private:
  ObjectHandle object_;
  std::ptrdiff_t counter_;
};

}  // namespace sync_detail

class latch {
 public:
  static constexpr std::ptrdiff_t max() noexcept {
    return std::numeric_limits<std::ptrdiff_t>::max();
  }

  explicit latch(std::ptrdiff_t expected,
                 std::source_location declared = std::source_location::current())
      : state_("latch", declared, expected) {}
  latch(const latch&) = delete;
  latch& operator=(const latch&) = delete;

  void count_down(std::ptrdiff_t update = 1,
                  std::source_location where = std::source_location::current()) {
    state_.Get("latch::count_down").CountDown(update, where);
  }
  bool try_wait(std::source_location where = std::source_location::current()) const {
    return state_.Get("latch::try_wait").TryWait(where);
  }
  void wait(std::source_location where = std::source_location::current()) const {
    state_.Get("latch::wait").Wait(where);
  }
  void arrive_and_wait(std::ptrdiff_t update = 1,
                       std::source_location where = std::source_location::current()) {
    sync_detail::LatchState& state = state_.Get("latch::arrive_and_wait");
    state.CountDown(update, where);
    state.Wait(where);
  }

 private:
  // Mutable: wait and try_wait are const in std, and the first use registers the state.
  mutable sync_internal::PerExecution<sync_detail::LatchState, std::ptrdiff_t> state_;
};

}  // namespace interleave::sync

#endif  // INTERLEAVE_STD_LATCH_H_
