// <condition_variable> in the std mirror: condition_variable (over unique_lock<mutex>) and
// condition_variable_any (over any lockable), with the std signatures.
//
// - A wait is four steps: joining the waiters (a wait step on the condition variable, value
//   "waiting"), the lock's release, the wait (until a notify wakes the thread), the lock's
//   re-acquire. The thread counts as a waiter from its first step, so a notify between the
//   release and the wait wakes it: the release and the start of the wait are atomic, as the
//   standard requires. The first step is not part of the thread's step before (the acquire,
//   say), so that a notify without the lock races with it (std/dpor_cover_test.cc).
// - notify_one/notify_all need not hold the lock (the standard allows both). notify_one wakes
//   any one of the waiters (the standard does not say which): with two or more waiting, which
//   one is a choice the search explores. The notify step records how many it woke ("0":
//   nobody waited, which the LOST WAKEUP detector reads).
// - Spurious wake-ups: with ExploreOptions::spurious_wakeups (time mode any), every wait
//   without a predicate may return without a notify, and the search explores that.
// - Timed waits return cv_status::timeout (or the predicate's value) when the time passed: in
//   time mode any whenever the wait would block, on the virtual clock at the deadline.
//   wait_until converts its time point to a duration when called.
// - A wait by a thread that does not hold the lock is undefined behaviour: LOCK MISUSE, as the
//   lock's unlock reports it.
#ifndef INTERLEAVE_STD_CONDITION_VARIABLE_H_
#define INTERLEAVE_STD_CONDITION_VARIABLE_H_

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <source_location>
#include <string>
#include <utility>
#include <vector>

#include "model/execution.h"
#include "model/function_ref.h"
#include "model/object_handle.h"
#include "std/mutex.h"
#include "std/object.h"
#include "std/thread.h"

namespace interleave::sync {

using std::cv_status;

namespace sync_detail {

// The waiters of one condition variable in one execution.
class WaitQueue {
 public:
  WaitQueue(std::string name, bool);
  WaitQueue(const WaitQueue&) = delete;
  WaitQueue& operator=(const WaitQueue&) = delete;

  // One wait: joins the waiters, `unlock`s the caller's lock, waits for a notify
  // (`microseconds`, or kForever), `relock`s. True when notified (or woken spuriously), false
  // when the time passed.
  bool Wait(int64_t microseconds, FunctionRef<void()> unlock, FunctionRef<void()> relock,
            const SourceLine& where);
  void Notify(bool all, const SourceLine& where);

 private:
  struct Waiter {
    bool notified = false;
  };
  ObjectHandle object_;
  // Not yet notified, in the order they started waiting. A vector: it allocates only once a
  // thread waits (a deque allocates as it is built, in every execution).
  std::vector<Waiter*> waiters_;
};

// The predicate loops of wait and wait_for/wait_until with a predicate.
template <typename Waiting, typename Predicate>
void WaitUntilTrue(Waiting wait_once, Predicate& predicate) {
  while (!predicate()) {
    wait_once();
    if (Execution::Current("condition_variable::wait").unwinding()) return;
  }
}
// A timed predicate loop: on the virtual clock the time left shrinks as the clock moves; in
// time mode any a wait that timed out means the whole time has passed.
bool WaitWithin(int64_t microseconds, FunctionRef<bool(int64_t)> wait_once,
                FunctionRef<bool()> predicate);

}  // namespace sync_detail

class condition_variable {
 public:
  condition_variable(std::source_location declared = std::source_location::current())
      : state_("condition_variable", declared) {}
  condition_variable(const condition_variable&) = delete;
  condition_variable& operator=(const condition_variable&) = delete;

  void notify_one(std::source_location where = std::source_location::current()) {
    state_.Get("condition_variable::notify_one").Notify(false, where);
  }
  void notify_all(std::source_location where = std::source_location::current()) {
    state_.Get("condition_variable::notify_all").Notify(true, where);
  }

  void wait(unique_lock<mutex>& lock,
            std::source_location where = std::source_location::current()) {
    WaitOnce(lock, kForever, where);
  }
  template <typename Predicate>
  void wait(unique_lock<mutex>& lock, Predicate predicate,
            std::source_location where = std::source_location::current()) {
    sync_detail::WaitUntilTrue([&] { WaitOnce(lock, kForever, where); }, predicate);
  }

  template <typename Rep, typename Period>
  cv_status wait_for(unique_lock<mutex>& lock, const std::chrono::duration<Rep, Period>& duration,
                     std::source_location where = std::source_location::current()) {
    return WaitOnce(lock, sync_detail::Micros(duration), where) ? cv_status::no_timeout
                                                                : cv_status::timeout;
  }
  template <typename Rep, typename Period, typename Predicate>
  bool wait_for(unique_lock<mutex>& lock, const std::chrono::duration<Rep, Period>& duration,
                Predicate predicate, std::source_location where = std::source_location::current()) {
    return sync_detail::WaitWithin(
        sync_detail::Micros(duration), [&](int64_t left) { return WaitOnce(lock, left, where); },
        [&] { return static_cast<bool>(predicate()); });
  }
  template <typename Clock, typename Duration>
  cv_status wait_until(unique_lock<mutex>& lock,
                       const std::chrono::time_point<Clock, Duration>& deadline,
                       std::source_location where = std::source_location::current()) {
    return wait_for(lock, deadline - Clock::now(), where);
  }
  template <typename Clock, typename Duration, typename Predicate>
  bool wait_until(unique_lock<mutex>& lock,
                  const std::chrono::time_point<Clock, Duration>& deadline, Predicate predicate,
                  std::source_location where = std::source_location::current()) {
    return wait_for(lock, deadline - Clock::now(), std::move(predicate), where);
  }

 private:
  bool WaitOnce(unique_lock<mutex>& lock, int64_t microseconds, const std::source_location& where) {
    sync_detail::WaitQueue& queue = state_.Get("condition_variable::wait");
    return queue.Wait(
        microseconds, [&] { lock.mutex()->unlock(where); }, [&] { lock.mutex()->lock(where); },
        where);
  }

  sync_internal::PerExecution<sync_detail::WaitQueue> state_;
};

class condition_variable_any {
 public:
  condition_variable_any(std::source_location declared = std::source_location::current())
      : state_("condition_variable_any", declared),
        stop_guard_("condition_variable_any's mutex", declared) {}
  condition_variable_any(const condition_variable_any&) = delete;
  condition_variable_any& operator=(const condition_variable_any&) = delete;

  void notify_one(std::source_location where = std::source_location::current()) {
    state_.Get("condition_variable_any::notify_one").Notify(false, where);
  }
  void notify_all(std::source_location where = std::source_location::current()) {
    state_.Get("condition_variable_any::notify_all").Notify(true, where);
  }

  template <typename Lock>
  void wait(Lock& lock, std::source_location where = std::source_location::current()) {
    WaitOnce(lock, kForever, where);
  }
  template <typename Lock, typename Predicate>
  void wait(Lock& lock, Predicate predicate,
            std::source_location where = std::source_location::current()) {
    sync_detail::WaitUntilTrue([&] { WaitOnce(lock, kForever, where); }, predicate);
  }
  template <typename Lock, typename Rep, typename Period>
  cv_status wait_for(Lock& lock, const std::chrono::duration<Rep, Period>& duration,
                     std::source_location where = std::source_location::current()) {
    return WaitOnce(lock, sync_detail::Micros(duration), where) ? cv_status::no_timeout
                                                                : cv_status::timeout;
  }
  template <typename Lock, typename Rep, typename Period, typename Predicate>
  bool wait_for(Lock& lock, const std::chrono::duration<Rep, Period>& duration, Predicate predicate,
                std::source_location where = std::source_location::current()) {
    return sync_detail::WaitWithin(
        sync_detail::Micros(duration), [&](int64_t left) { return WaitOnce(lock, left, where); },
        [&] { return static_cast<bool>(predicate()); });
  }
  template <typename Lock, typename Clock, typename Duration>
  cv_status wait_until(Lock& lock, const std::chrono::time_point<Clock, Duration>& deadline,
                       std::source_location where = std::source_location::current()) {
    return wait_for(lock, deadline - Clock::now(), where);
  }
  template <typename Lock, typename Clock, typename Duration, typename Predicate>
  bool wait_until(Lock& lock, const std::chrono::time_point<Clock, Duration>& deadline,
                  Predicate predicate,
                  std::source_location where = std::source_location::current()) {
    return wait_for(lock, deadline - Clock::now(), std::move(predicate), where);
  }

  // The interruptible waits (C++20): they also end when a stop is requested on `token`, and
  // then return the predicate's value. As in std, request_stop wakes every waiter of this
  // condition variable (a stop_callback), under an internal mutex that a waiter holds from
  // its look at the token until it has joined the waiters, so that no stop falls between the
  // two unseen.
  template <typename Lock, typename Predicate>
  bool wait(Lock& lock, stop_token token, Predicate predicate,
            std::source_location where = std::source_location::current()) {
    if (token.stop_requested(where)) return predicate();
    stop_callback wake(token, [this, where] { WakeForStop(where); });
    while (!predicate()) {
      if (!WaitOnceUnlessStopped(lock, token, kForever, where)) return predicate();
      if (Execution::Current("condition_variable_any::wait").unwinding()) return false;
    }
    return true;
  }
  template <typename Lock, typename Rep, typename Period, typename Predicate>
  bool wait_for(Lock& lock, stop_token token, const std::chrono::duration<Rep, Period>& duration,
                Predicate predicate, std::source_location where = std::source_location::current()) {
    if (token.stop_requested(where)) return predicate();
    stop_callback wake(token, [this, where] { WakeForStop(where); });
    return sync_detail::WaitWithin(
        sync_detail::Micros(duration),
        [&](int64_t left) { return WaitOnceUnlessStopped(lock, token, left, where); },
        [&] { return static_cast<bool>(predicate()); });
  }
  template <typename Lock, typename Clock, typename Duration, typename Predicate>
  bool wait_until(Lock& lock, stop_token token,
                  const std::chrono::time_point<Clock, Duration>& deadline, Predicate predicate,
                  std::source_location where = std::source_location::current()) {
    return wait_for(lock, std::move(token), deadline - Clock::now(), std::move(predicate), where);
  }

 private:
  template <typename Lock>
  bool WaitOnce(Lock& lock, int64_t microseconds, const std::source_location& where) {
    sync_detail::WaitQueue& queue = state_.Get("condition_variable_any::wait");
    return queue.Wait(
        microseconds, [&] { Unlock(lock, where); }, [&] { Relock(lock, where); }, where);
  }
  // One wait that returns false at once when a stop was requested, or when the time passed.
  template <typename Lock>
  bool WaitOnceUnlessStopped(Lock& lock, const stop_token& token, int64_t microseconds,
                             const std::source_location& where) {
    Mutex& guard = stop_guard_.Get("condition_variable_any::wait");
    guard.lock(where);
    if (token.stop_requested(where)) {
      guard.unlock(where);
      return false;
    }
    sync_detail::WaitQueue& queue = state_.Get("condition_variable_any::wait");
    return queue.Wait(
        microseconds,
        [&] {
          // Joined the waiters: no stop is lost from here. The caller's lock last, the one
          // the wait's step names.
          guard.unlock(where);
          Unlock(lock, where);
        },
        [&] { Relock(lock, where); }, where);
  }
  // The caller's lock, released and taken again at the wait's line when it takes a line (the
  // mirror's locks: the report then shows the release as the wait's), else as it can.
  template <typename Lock>
  static void Unlock(Lock& lock, const std::source_location& where) {
    if constexpr (requires { lock.unlock(where); }) {
      lock.unlock(where);
    } else {
      lock.unlock();
    }
  }
  template <typename Lock>
  static void Relock(Lock& lock, const std::source_location& where) {
    if constexpr (requires { lock.lock(where); }) {
      lock.lock(where);
    } else {
      lock.lock();
    }
  }
  // The interruptible waits' stop callback, in request_stop's thread.
  void WakeForStop(const std::source_location& where) {
    Mutex& guard = stop_guard_.Get("condition_variable_any::wait");
    guard.lock(where);
    state_.Get("condition_variable_any::wait").Notify(true, where);
    guard.unlock(where);
  }

  sync_internal::PerExecution<sync_detail::WaitQueue> state_;
  // The internal mutex of the interruptible waits ("condition_variable_any's mutex@<line>").
  sync_internal::PerExecution<Mutex> stop_guard_;
};

}  // namespace interleave::sync

#endif  // INTERLEAVE_STD_CONDITION_VARIABLE_H_
