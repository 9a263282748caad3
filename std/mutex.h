// <mutex> in the std mirror: mutex, timed_mutex, recursive_mutex, recursive_timed_mutex,
// lock_guard, unique_lock, scoped_lock, lock, try_lock, once_flag and call_once, with the std
// signatures (each operation also takes a defaulted std::source_location, for the report).
//
// - mutex and timed_mutex are the model's Mutex (model/mutex.h): owner-checked; an unlock by a
//   thread that does not hold it is a LOCK MISUSE; locking one the thread holds blocks for ever
//   (a self-deadlock). recursive_mutex and recursive_timed_mutex are the model's RLock.
// - A timed lock (try_lock_for, try_lock_until) may time out whenever it would block in time
//   mode any, at its deadline on the virtual clock. try_lock_until converts its time point to a
//   duration when called (the model has no wall clock).
// - lock(l1, l2, ...) and scoped_lock of several mutexes of the mirror take them all in one
//   step, once every one is free: the standard's deadlock-avoiding algorithm, without the retry
//   loop that an exhaustive search would unroll without end. That step depends on every other
//   operation (ObjectInfo::global), so reductions stay sound. Other lockables (a user's own)
//   get libstdc++'s algorithm: lock one, try the others, back off and block on the one that
//   failed.
// - The RAII types unlock in a destructor that may be a scheduling point, so their
//   destructors are noexcept(false) (model/guard.h says why); std::lock_guard and
//   std::unique_lock over mirror mutexes do not compile (see the end of this file).
// - call_once runs its callable in the first caller; the others block until it returned; an
//   exception lets the next caller try (the std rules). The flag is a lock in the report.
#ifndef INTERLEAVE_STD_MUTEX_H_
#define INTERLEAVE_STD_MUTEX_H_

#include <chrono>
#include <cstdint>
#include <functional>
#include <mutex>
#include <source_location>
#include <string>
#include <system_error>
#include <tuple>
#include <type_traits>
#include <utility>

#include "model/error.h"
#include "model/execution.h"
#include "model/guard.h"
#include "model/mutex.h"
#include "model/rlock.h"
#include "model/spin_frame.h"
#include "std/object.h"
#include "std/this_thread.h"

namespace interleave::sync {

using std::adopt_lock;
using std::adopt_lock_t;
using std::defer_lock;
using std::defer_lock_t;
using std::try_to_lock;
using std::try_to_lock_t;

namespace sync_detail {

// A duration as the model's microseconds (negative: zero).
template <typename Rep, typename Period>
int64_t Micros(const std::chrono::duration<Rep, Period>& duration) {
  const auto micros = std::chrono::ceil<std::chrono::microseconds>(duration).count();
  return micros < 0 ? 0 : static_cast<int64_t>(micros);
}
template <typename Clock, typename Duration>
int64_t MicrosUntil(const std::chrono::time_point<Clock, Duration>& deadline) {
  return Micros(deadline - Clock::now());
}

// Holds the std::unique_lock-style destructor rule: release unless an exception other than the
// execution's own is already propagating, in which case a misuse found by the release is
// dropped (model/guard.h).
template <typename Release>
void ReleaseInDestructor(int exceptions_at_start, Release release) {
  if (std::uncaught_exceptions() == exceptions_at_start) {
    release();
    return;
  }
  try {
    release();
  } catch (const ModelError&) {
  }
}

}  // namespace sync_detail

class mutex {
 public:
  mutex(std::source_location declared = std::source_location::current())
      : state_("mutex", declared) {}
  mutex(const mutex&) = delete;
  mutex& operator=(const mutex&) = delete;

  void lock(std::source_location where = std::source_location::current()) {
    state_.Get("mutex::lock").lock(where);
  }
  bool try_lock(std::source_location where = std::source_location::current()) {
    Mutex& mutex = state_.Get("mutex::try_lock");
    SpinFrame frame;  // A spin loop's poll: the caller's frame (Execution::PollStep).
    return mutex.Poll(where, Execution::Current("mutex::try_lock").SpinFrameIfCandidate(&frame));
  }
  void unlock(std::source_location where = std::source_location::current()) {
    state_.Get("mutex::unlock").unlock(where);
  }

  // The model's mutex in the running execution (lock of several mutexes at once).
  Mutex& model() { return state_.Get("mutex"); }

 protected:
  mutex(const char* type, const std::source_location& declared) : state_(type, declared) {}
  sync_internal::PerExecution<Mutex> state_;
};

class timed_mutex : public mutex {
 public:
  timed_mutex(std::source_location declared = std::source_location::current())
      : mutex("timed_mutex", declared) {}

  template <typename Rep, typename Period>
  bool try_lock_for(const std::chrono::duration<Rep, Period>& duration,
                    std::source_location where = std::source_location::current()) {
    return state_.Get("timed_mutex::try_lock_for")
        .try_lock_for(sync_detail::Micros(duration), where);
  }
  template <typename Clock, typename Duration>
  bool try_lock_until(const std::chrono::time_point<Clock, Duration>& deadline,
                      std::source_location where = std::source_location::current()) {
    return state_.Get("timed_mutex::try_lock_until")
        .try_lock_for(sync_detail::MicrosUntil(deadline), where);
  }
};

class recursive_mutex {
 public:
  recursive_mutex(std::source_location declared = std::source_location::current())
      : state_("recursive_mutex", declared) {}
  recursive_mutex(const recursive_mutex&) = delete;
  recursive_mutex& operator=(const recursive_mutex&) = delete;

  void lock(std::source_location where = std::source_location::current()) {
    state_.Get("recursive_mutex::lock").acquire(where);
  }
  bool try_lock(std::source_location where = std::source_location::current()) {
    RLock& lock = state_.Get("recursive_mutex::try_lock");
    SpinFrame frame;  // A spin loop's poll: the caller's frame (Execution::PollStep).
    return lock.Poll(where,
                     Execution::Current("recursive_mutex::try_lock").SpinFrameIfCandidate(&frame));
  }
  void unlock(std::source_location where = std::source_location::current()) {
    state_.Get("recursive_mutex::unlock").release(where);
  }

 protected:
  recursive_mutex(const char* type, const std::source_location& declared)
      : state_(type, declared) {}
  sync_internal::PerExecution<RLock> state_;
};

class recursive_timed_mutex : public recursive_mutex {
 public:
  recursive_timed_mutex(std::source_location declared = std::source_location::current())
      : recursive_mutex("recursive_timed_mutex", declared) {}

  template <typename Rep, typename Period>
  bool try_lock_for(const std::chrono::duration<Rep, Period>& duration,
                    std::source_location where = std::source_location::current()) {
    return state_.Get("recursive_timed_mutex::try_lock_for")
        .acquire(true, static_cast<double>(sync_detail::Micros(duration)) / 1e6, where);
  }
  template <typename Clock, typename Duration>
  bool try_lock_until(const std::chrono::time_point<Clock, Duration>& deadline,
                      std::source_location where = std::source_location::current()) {
    return state_.Get("recursive_timed_mutex::try_lock_until")
        .acquire(true, static_cast<double>(sync_detail::MicrosUntil(deadline)) / 1e6, where);
  }
};

namespace sync_detail {

// The model mutex behind a lockable of the mirror, or nullptr for any other lockable.
inline Mutex* ModelMutexOf(mutex& m) { return &m.model(); }
template <typename L>
Mutex* ModelMutexOf(L&) {
  return nullptr;
}

// Takes every mutex in `mutexes` in one step, once all are free (see the file comment).
void LockAll(Mutex* const* mutexes, int count, const SourceLine& where);

// Locks, or takes (after LockAll), each lockable of a std::lock call.
template <typename L>
void MarkLocked(L&) {}

}  // namespace sync_detail

template <typename Mutex>
class unique_lock;

namespace sync_detail {
template <typename M>
Mutex* ModelMutexOf(unique_lock<M>& lock);
template <typename M>
void MarkLocked(unique_lock<M>& lock);
}  // namespace sync_detail

// try_lock(l): one lockable.
template <typename L>
int try_lock(L& l) {
  return l.try_lock() ? -1 : 0;
}

// try_lock(l1, l2, ...): tries each in order; on a failure unlocks those it took and returns
// the index of the one that failed; -1 when it took them all.
template <typename L1, typename L2, typename... Ln>
int try_lock(L1& l1, L2& l2, Ln&... ln) {
  std::tuple<L1&, L2&, Ln&...> locks(l1, l2, ln...);
  int failed = -1;
  int taken = 0;
  std::apply(
      [&](auto&... each) {
        (([&] {
           if (failed >= 0) return;
           if (each.try_lock()) {
             ++taken;
           } else {
             failed = taken;
           }
         }()),
         ...);
      },
      locks);
  if (failed >= 0) {
    int index = 0;
    std::apply([&](auto&... each) { ((index++ < taken ? (each.unlock(), 0) : 0), ...); }, locks);
  }
  return failed;
}

// lock(l1, l2, ...): all or nothing, without deadlock.
template <typename L1, typename L2, typename... Ln>
void lock(L1& l1, L2& l2, Ln&... ln) {
  Mutex* models[] = {sync_detail::ModelMutexOf(l1), sync_detail::ModelMutexOf(l2),
                     sync_detail::ModelMutexOf(ln)...};
  bool all_model = true;
  for (Mutex* m : models) all_model = all_model && m != nullptr;
  if (all_model) {
    sync_detail::LockAll(models, static_cast<int>(std::size(models)),
                         SourceLine(std::source_location::current()));
    sync_detail::MarkLocked(l1);
    sync_detail::MarkLocked(l2);
    (sync_detail::MarkLocked(ln), ...);
    return;
  }
  // Other lockables: lock the first, try the others; on a failure let go and try again.
  for (;;) {
    l1.lock();
    if (sync::try_lock(l2, ln...) == -1) return;
    l1.unlock();
    this_thread::yield();
  }
}

template <typename Mutex>
class lock_guard {
 public:
  using mutex_type = Mutex;
  explicit lock_guard(Mutex& m, std::source_location where = std::source_location::current())
      : mutex_(m), where_(where) {
    mutex_.lock(where_);
  }
  lock_guard(Mutex& m, adopt_lock_t, std::source_location where = std::source_location::current())
      : mutex_(m), where_(where) {}
  lock_guard(const lock_guard&) = delete;
  lock_guard& operator=(const lock_guard&) = delete;
  ~lock_guard() noexcept(false) {
    sync_detail::ReleaseInDestructor(exceptions_, [this] { mutex_.unlock(where_); });
  }

 private:
  Mutex& mutex_;
  std::source_location where_;
  int exceptions_ = std::uncaught_exceptions();
};

namespace sync_detail {

// The side of a mutex a lock holds: unique_lock's (lock, unlock, ...) or shared_lock's
// (lock_shared, unlock_shared, ...; std/shared_mutex.h).
struct ExclusiveSide {
  static constexpr const char* kLockName = "unique_lock";
  template <typename M>
  static void Lock(M& m, const std::source_location& where) {
    m.lock(where);
  }
  template <typename M>
  static bool TryLock(M& m, const std::source_location& where) {
    return m.try_lock(where);
  }
  template <typename M, typename Time>
  static bool TryLockFor(M& m, const Time& duration, const std::source_location& where) {
    return m.try_lock_for(duration, where);
  }
  template <typename M, typename Time>
  static bool TryLockUntil(M& m, const Time& deadline, const std::source_location& where) {
    return m.try_lock_until(deadline, where);
  }
  template <typename M>
  static void Unlock(M& m, const std::source_location& where) {
    m.unlock(where);
  }
};

// unique_lock and shared_lock: a movable lock that may own one side of a mutex, with the std
// interface, errors and destructor rule (ReleaseInDestructor).
template <typename Mutex, typename Side>
class OwningLock {
 public:
  using mutex_type = Mutex;
  OwningLock() noexcept = default;
  explicit OwningLock(Mutex& m, std::source_location where = std::source_location::current())
      : mutex_(&m) {
    lock(where);
  }
  OwningLock(Mutex& m, defer_lock_t) noexcept : mutex_(&m) {}
  OwningLock(Mutex& m, try_to_lock_t, std::source_location where = std::source_location::current())
      : mutex_(&m) {
    owns_ = Side::TryLock(*mutex_, where);
  }
  OwningLock(Mutex& m, adopt_lock_t) noexcept : mutex_(&m), owns_(true) {}
  template <typename Rep, typename Period>
  OwningLock(Mutex& m, const std::chrono::duration<Rep, Period>& duration,
             std::source_location where = std::source_location::current())
      : mutex_(&m) {
    owns_ = Side::TryLockFor(*mutex_, duration, where);
  }
  template <typename Clock, typename Duration>
  OwningLock(Mutex& m, const std::chrono::time_point<Clock, Duration>& deadline,
             std::source_location where = std::source_location::current())
      : mutex_(&m) {
    owns_ = Side::TryLockUntil(*mutex_, deadline, where);
  }
  OwningLock(OwningLock&& other) noexcept
      : mutex_(std::exchange(other.mutex_, nullptr)), owns_(std::exchange(other.owns_, false)) {}
  OwningLock& operator=(OwningLock&& other) noexcept(false) {
    if (owns_) unlock();
    mutex_ = std::exchange(other.mutex_, nullptr);
    owns_ = std::exchange(other.owns_, false);
    return *this;
  }
  OwningLock(const OwningLock&) = delete;
  OwningLock& operator=(const OwningLock&) = delete;
  ~OwningLock() noexcept(false) {
    if (!owns_) return;
    ReleaseInDestructor(exceptions_, [this] { Side::Unlock(*mutex_, where_); });
  }

  void lock(std::source_location where = std::source_location::current()) {
    Check("lock", true);
    Side::Lock(*mutex_, where);
    owns_ = true;
    where_ = where;
  }
  bool try_lock(std::source_location where = std::source_location::current()) {
    Check("try_lock", true);
    owns_ = Side::TryLock(*mutex_, where);
    where_ = where;
    return owns_;
  }
  template <typename Rep, typename Period>
  bool try_lock_for(const std::chrono::duration<Rep, Period>& duration,
                    std::source_location where = std::source_location::current()) {
    Check("try_lock_for", true);
    owns_ = Side::TryLockFor(*mutex_, duration, where);
    where_ = where;
    return owns_;
  }
  template <typename Clock, typename Duration>
  bool try_lock_until(const std::chrono::time_point<Clock, Duration>& deadline,
                      std::source_location where = std::source_location::current()) {
    Check("try_lock_until", true);
    owns_ = Side::TryLockUntil(*mutex_, deadline, where);
    where_ = where;
    return owns_;
  }
  void unlock(std::source_location where = std::source_location::current()) {
    Check("unlock", false);
    Side::Unlock(*mutex_, where);
    owns_ = false;
  }

  void swap(OwningLock& other) noexcept {
    std::swap(mutex_, other.mutex_);
    std::swap(owns_, other.owns_);
    std::swap(where_, other.where_);
  }
  Mutex* release() noexcept {
    owns_ = false;
    return std::exchange(mutex_, nullptr);
  }
  bool owns_lock() const noexcept { return owns_; }
  explicit operator bool() const noexcept { return owns_; }
  Mutex* mutex() const noexcept { return mutex_; }

  // After lock(l1, l2, ...) took this lock's mutex (LockAll).
  void MarkLocked() noexcept { owns_ = true; }

 private:
  // std throws system_error: operation_not_permitted without a mutex, and
  // resource_deadlock_would_occur when it owns it already (unlock: when it does not).
  void Check(const char* operation, bool locking) const {
    if (mutex_ != nullptr && owns_ != locking) [[likely]] {
      return;  // Every lock and unlock asks: no message is built on this path.
    }
    const std::string name = std::string(Side::kLockName) + "::" + operation;
    if (mutex_ == nullptr) {
      throw std::system_error(std::make_error_code(std::errc::operation_not_permitted),
                              name + " without a mutex");
    }
    if (locking) {
      throw std::system_error(std::make_error_code(std::errc::resource_deadlock_would_occur),
                              name + " owns its mutex");
    }
    throw std::system_error(std::make_error_code(std::errc::operation_not_permitted),
                            name + " does not own its mutex");
  }

  Mutex* mutex_ = nullptr;
  bool owns_ = false;
  // Where it was locked: the destructor's unlock is recorded there (the end of the scope has
  // no source location of its own).
  std::source_location where_;
  int exceptions_ = std::uncaught_exceptions();
};

}  // namespace sync_detail

template <typename Mutex>
class unique_lock : public sync_detail::OwningLock<Mutex, sync_detail::ExclusiveSide> {
 public:
  using sync_detail::OwningLock<Mutex, sync_detail::ExclusiveSide>::OwningLock;
};

// Class template argument deduction, as std's locks have it (`sync::unique_lock lock(m)`).
#define INTERLEAVE_OWNING_LOCK_GUIDES_(Lock)                      \
  template <typename M>                                           \
  Lock(M&) -> Lock<M>;                                            \
  template <typename M>                                           \
  Lock(M&, defer_lock_t) -> Lock<M>;                              \
  template <typename M>                                           \
  Lock(M&, try_to_lock_t) -> Lock<M>;                             \
  template <typename M>                                           \
  Lock(M&, adopt_lock_t) -> Lock<M>;                              \
  template <typename M, typename Rep, typename Period>            \
  Lock(M&, const std::chrono::duration<Rep, Period>&) -> Lock<M>; \
  template <typename M, typename Clock, typename Duration>        \
  Lock(M&, const std::chrono::time_point<Clock, Duration>&)->Lock<M>
INTERLEAVE_OWNING_LOCK_GUIDES_(unique_lock);

namespace sync_detail {
template <typename M>
Mutex* ModelMutexOf(unique_lock<M>& lock) {
  if (lock.mutex() == nullptr || lock.owns_lock()) return nullptr;  // std::lock then throws.
  return ModelMutexOf(*lock.mutex());
}
template <typename M>
void MarkLocked(unique_lock<M>& lock) {
  lock.MarkLocked();
}
}  // namespace sync_detail

template <typename... Mutexes>
class scoped_lock {
 public:
  explicit scoped_lock(Mutexes&... mutexes) : mutexes_(mutexes...) {
    if constexpr (sizeof...(Mutexes) == 1) {
      std::get<0>(mutexes_).lock();
    } else if constexpr (sizeof...(Mutexes) > 1) {
      sync::lock(mutexes...);
    }
  }
  explicit scoped_lock(adopt_lock_t, Mutexes&... mutexes) : mutexes_(mutexes...) {}
  scoped_lock(const scoped_lock&) = delete;
  scoped_lock& operator=(const scoped_lock&) = delete;
  ~scoped_lock() noexcept(false) {
    sync_detail::ReleaseInDestructor(
        exceptions_, [this] { std::apply([](auto&... each) { (each.unlock(), ...); }, mutexes_); });
  }

 private:
  std::tuple<Mutexes&...> mutexes_;
  int exceptions_ = std::uncaught_exceptions();
};

template <typename M>
void swap(unique_lock<M>& a, unique_lock<M>& b) noexcept {
  a.swap(b);
}

// once_flag and call_once.
class once_flag {
 public:
  once_flag(std::source_location declared = std::source_location::current())
      : state_("once_flag", declared) {}
  once_flag(const once_flag&) = delete;
  once_flag& operator=(const once_flag&) = delete;

 private:
  template <typename Callable, typename... Args>
  friend void call_once(once_flag& flag, Callable&& f, Args&&... args);

  struct State {
    State(std::string name, bool);
    Mutex lock;  // Held by the thread running the callable.
    bool done = false;
  };
  sync_internal::PerExecution<State> state_;
};

template <typename Callable, typename... Args>
void call_once(once_flag& flag, Callable&& f, Args&&... args) {
  once_flag::State& state = flag.state_.Get("call_once");
  state.lock.lock();
  if (state.done) {
    state.lock.unlock();
    return;
  }
  try {
    std::invoke(std::forward<Callable>(f), std::forward<Args>(args)...);
  } catch (...) {
    state.lock.unlock();
    throw;
  }
  state.done = true;
  state.lock.unlock();
}

}  // namespace interleave::sync

INTERLEAVE_FORBID_STD_LOCKS(interleave::sync::mutex,
                            "sync::lock_guard, sync::unique_lock or sync::scoped_lock");
INTERLEAVE_FORBID_STD_LOCKS(interleave::sync::timed_mutex,
                            "sync::lock_guard, sync::unique_lock or sync::scoped_lock");
INTERLEAVE_FORBID_STD_LOCKS(interleave::sync::recursive_mutex,
                            "sync::lock_guard, sync::unique_lock or sync::scoped_lock");
INTERLEAVE_FORBID_STD_LOCKS(interleave::sync::recursive_timed_mutex,
                            "sync::lock_guard, sync::unique_lock or sync::scoped_lock");

#endif  // INTERLEAVE_STD_MUTEX_H_
