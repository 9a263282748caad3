// std::this_thread in the std mirror (yield, sleep_for, sleep_until, get_id) and the thread id
// type that std::thread::id names.
//
// yield() is a scheduling point with no effect (a sleep of zero). sleep_for(d) is the model's
// sleep: a yield in time mode any; on the virtual clock the thread runs again d later.
// sleep_until converts its time point to a duration when called (the model has no wall clock).
// get_id() is the model thread's number, stable within an execution (MainThread is 0), so two
// executions that make the same choices see the same ids.
#ifndef INTERLEAVE_STD_THIS_THREAD_H_
#define INTERLEAVE_STD_THIS_THREAD_H_

#include <chrono>
#include <compare>
#include <cstddef>
#include <functional>
#include <ostream>
#include <source_location>

#include "model/trace.h"

namespace interleave::sync {

class thread_id {
 public:
  thread_id() noexcept = default;
  explicit thread_id(ThreadId thread) noexcept : thread_(thread) {}
  auto operator<=>(const thread_id&) const = default;
  ThreadId model_thread() const noexcept { return thread_; }

  friend std::ostream& operator<<(std::ostream& out, const thread_id& id) {
    if (id.thread_ == kNoThread) return out << "thread::id of a non-executing thread";
    return out << id.thread_;
  }

 private:
  ThreadId thread_ = kNoThread;
};

namespace this_thread {

void yield(std::source_location where = std::source_location::current());
thread_id get_id();
// Microseconds, as the model's clock counts them.
void sleep_for_microseconds(int64_t microseconds,
                            std::source_location where = std::source_location::current());

template <typename Rep, typename Period>
void sleep_for(const std::chrono::duration<Rep, Period>& duration,
               std::source_location where = std::source_location::current()) {
  const auto micros = std::chrono::ceil<std::chrono::microseconds>(duration).count();
  sleep_for_microseconds(micros < 0 ? 0 : static_cast<int64_t>(micros), where);
}

template <typename Clock, typename Duration>
void sleep_until(const std::chrono::time_point<Clock, Duration>& deadline,
                 std::source_location where = std::source_location::current()) {
  sleep_for(deadline - Clock::now(), where);
}

}  // namespace this_thread
}  // namespace interleave::sync

template <>
struct std::hash<interleave::sync::thread_id> {
  std::size_t operator()(const interleave::sync::thread_id& id) const noexcept {
    return std::hash<interleave::ThreadId>()(id.model_thread());
  }
};

#endif  // INTERLEAVE_STD_THIS_THREAD_H_
