// <semaphore> in the std mirror: counting_semaphore<LeastMaxValue> and binary_semaphore, with
// the std signatures (each operation also takes a defaulted std::source_location).
//
// - acquire() blocks while the counter is zero, then decrements it; try_acquire() never
//   blocks; try_acquire_for/until may time out whenever they would block in time mode any, at
//   their deadline on the virtual clock (_until converts its time point to a duration when
//   called). Which blocked acquirer a release lets go is a scheduling choice the search
//   explores. A release happens before every acquire that takes one of its units.
// - The standard's preconditions are undefined behaviour in a real program; the model reports
//   them as LOCK MISUSE naming the semaphore, the thread and the line: release(n) with n < 0,
//   or past max() (a binary_semaphore released twice: the classic misuse). An initial value
//   outside [0, max()] is an ERROR.
// - max() is LeastMaxValue (the default: PTRDIFF_MAX).
#ifndef INTERLEAVE_STD_SEMAPHORE_H_
#define INTERLEAVE_STD_SEMAPHORE_H_

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <source_location>
#include <string>

#include "model/execution.h"
#include "model/object_handle.h"
#include "model/spin_frame.h"
#include "std/mutex.h"
#include "std/object.h"

namespace interleave::sync {

namespace sync_detail {

// A semaphore in one execution.
class SemaphoreState {
 public:
  struct Init {
    std::ptrdiff_t desired = 0;
    std::ptrdiff_t max = 0;
  };
  SemaphoreState(std::string name, const Init& init);
  SemaphoreState(const SemaphoreState&) = delete;
  SemaphoreState& operator=(const SemaphoreState&) = delete;

  void Release(std::ptrdiff_t update, const SourceLine& where);
  // `blocking` false: a try, a spin loop's poll (Execution::PollStep) with the caller's frame
  // `spin` (or null); else waits at most `microseconds` (kForever: no limit).
  INTERLEAVE_ZERO_SCRATCH_ON_RETURN
  bool Acquire(bool blocking, int64_t microseconds, const SourceLine& where,
               const SpinFrame* spin = nullptr);

 private:
  ObjectHandle object_;
  std::ptrdiff_t value_;
  std::ptrdiff_t max_;
};

}  // namespace sync_detail

template <std::ptrdiff_t LeastMaxValue = std::numeric_limits<std::ptrdiff_t>::max()>
class counting_semaphore {
  static_assert(LeastMaxValue >= 0, "counting_semaphore's LeastMaxValue must be >= 0");

 public:
  static constexpr std::ptrdiff_t max() noexcept { return LeastMaxValue; }

  explicit counting_semaphore(std::ptrdiff_t desired,
                              std::source_location declared = std::source_location::current())
      : state_("counting_semaphore", declared, {desired, LeastMaxValue}) {}
  counting_semaphore(const counting_semaphore&) = delete;
  counting_semaphore& operator=(const counting_semaphore&) = delete;

  void release(std::ptrdiff_t update = 1,
               std::source_location where = std::source_location::current()) {
    state_.Get("counting_semaphore::release").Release(update, where);
  }
  void acquire(std::source_location where = std::source_location::current()) {
    state_.Get("counting_semaphore::acquire").Acquire(true, kForever, where);
  }
  bool try_acquire(std::source_location where = std::source_location::current()) {
    sync_detail::SemaphoreState& state = state_.Get("counting_semaphore::try_acquire");
    SpinFrame frame;
    return state.Acquire(
        false, 0, where,
        Execution::Current("counting_semaphore::try_acquire").SpinFrameIfCandidate(&frame));
  }
  template <typename Rep, typename Period>
  bool try_acquire_for(const std::chrono::duration<Rep, Period>& duration,
                       std::source_location where = std::source_location::current()) {
    return state_.Get("counting_semaphore::try_acquire_for")
        .Acquire(true, sync_detail::Micros(duration), where);
  }
  template <typename Clock, typename Duration>
  bool try_acquire_until(const std::chrono::time_point<Clock, Duration>& deadline,
                         std::source_location where = std::source_location::current()) {
    return state_.Get("counting_semaphore::try_acquire_until")
        .Acquire(true, sync_detail::MicrosUntil(deadline), where);
  }

 private:
  sync_internal::PerExecution<sync_detail::SemaphoreState, sync_detail::SemaphoreState::Init>
      state_;
};

using binary_semaphore = counting_semaphore<1>;

}  // namespace interleave::sync

#endif  // INTERLEAVE_STD_SEMAPHORE_H_
