// <shared_mutex> in the std mirror: shared_mutex, shared_timed_mutex and shared_lock, with the
// std signatures (each operation also takes a defaulted std::source_location, for the report).
//
// - One writer (lock) or any number of readers (lock_shared). A lock waits until there is
//   neither a writer nor a reader; a lock_shared until there is no writer. No preference
//   between them: which waiter goes first is a scheduling choice the search explores (so a
//   reader may take the lock while a writer waits, as with glibc's default rwlock).
// - Owner-checked, as mutex is: an unlock by a thread that is not the writer, or an
//   unlock_shared by a thread that holds no shared lock, is LOCK MISUSE. Locking again what the
//   thread holds (lock after lock or lock_shared, lock_shared after lock) blocks for ever: a
//   DEADLOCK. The report's holder (ObjectInfo::owner) is the writer, or the newest reader.
// - The object is of kind semaphore, not lock: dpor's rules for locks assume that an acquire
//   and the release before it cannot be reordered, which readers that overlap break
//   (checker/dpor.h); a semaphore's operations get the plain dependence rule, which is sound.
// - Happens-before: a writer's unlock happens before every later lock and lock_shared; a
//   reader's unlock_shared happens before every later lock, but not before another reader's
//   lock_shared (readers are not ordered among themselves, as ThreadSanitizer models rwlocks:
//   two readers that write under a shared lock race).
// - Timed locks (try_lock_for/until, try_lock_shared_for/until) may time out whenever they would
//   block in time mode any, at their deadline on the virtual clock; the _until forms convert
//   their time point to a duration when called.
// - shared_lock's destructor unlocks at a scheduling point, so it is noexcept(false), as
//   unique_lock's (std/mutex.h).
#ifndef INTERLEAVE_STD_SHARED_MUTEX_H_
#define INTERLEAVE_STD_SHARED_MUTEX_H_

#include <chrono>
#include <cstdint>
#include <exception>
#include <shared_mutex>
#include <source_location>
#include <string>
#include <system_error>
#include <utility>
#include <vector>

#include "model/execution.h"
#include "model/guard.h"
#include "model/object_handle.h"
#include "model/spin_frame.h"
#include "std/mutex.h"
#include "std/object.h"

namespace interleave::sync {

namespace sync_detail {

// A shared mutex in one execution.
class SharedMutexState {
 public:
  SharedMutexState(std::string name, bool);
  SharedMutexState(const SharedMutexState&) = delete;
  SharedMutexState& operator=(const SharedMutexState&) = delete;

  // Exclusive (shared = false) or shared. `blocking` false: a try, which never waits; else it
  // waits at most `microseconds` (kForever: no limit). True when it got the lock. A try is a
  // spin loop's poll (Execution::PollStep) with the caller's frame `spin` (or null).
  INTERLEAVE_ZERO_SCRATCH_ON_RETURN
  bool Lock(bool shared, bool blocking, int64_t microseconds, const SourceLine& where,
            const SpinFrame* spin = nullptr);
  void Unlock(bool shared, const SourceLine& where);

 private:
  bool Free(bool shared) const { return writer_ == kNoThread && (shared || readers_.empty()); }
  void UpdateOwner(Execution& execution);

  ObjectHandle object_;
  // Readers publish here, writers observe it too: readers are not ordered among themselves.
  ObjectHandle readers_clock_;
  ThreadId writer_ = kNoThread;
  std::vector<ThreadId> readers_;  // One entry per shared lock held, oldest first.
  SourceLine locked_at_;           // The writer's lock.
};

}  // namespace sync_detail

class shared_mutex {
 public:
  shared_mutex(std::source_location declared = std::source_location::current())
      : state_("shared_mutex", declared) {}
  shared_mutex(const shared_mutex&) = delete;
  shared_mutex& operator=(const shared_mutex&) = delete;

  void lock(std::source_location where = std::source_location::current()) {
    state_.Get("shared_mutex::lock").Lock(false, true, kForever, where);
  }
  bool try_lock(std::source_location where = std::source_location::current()) {
    sync_detail::SharedMutexState& state = state_.Get("shared_mutex::try_lock");
    SpinFrame frame;
    return state.Lock(false, false, 0, where,
                      Execution::Current("shared_mutex::try_lock").SpinFrameIfCandidate(&frame));
  }
  void unlock(std::source_location where = std::source_location::current()) {
    state_.Get("shared_mutex::unlock").Unlock(false, where);
  }
  void lock_shared(std::source_location where = std::source_location::current()) {
    state_.Get("shared_mutex::lock_shared").Lock(true, true, kForever, where);
  }
  bool try_lock_shared(std::source_location where = std::source_location::current()) {
    sync_detail::SharedMutexState& state = state_.Get("shared_mutex::try_lock_shared");
    SpinFrame frame;
    return state.Lock(
        true, false, 0, where,
        Execution::Current("shared_mutex::try_lock_shared").SpinFrameIfCandidate(&frame));
  }
  void unlock_shared(std::source_location where = std::source_location::current()) {
    state_.Get("shared_mutex::unlock_shared").Unlock(true, where);
  }

 protected:
  shared_mutex(const char* type, const std::source_location& declared) : state_(type, declared) {}
  sync_internal::PerExecution<sync_detail::SharedMutexState> state_;
};

class shared_timed_mutex : public shared_mutex {
 public:
  shared_timed_mutex(std::source_location declared = std::source_location::current())
      : shared_mutex("shared_timed_mutex", declared) {}

  template <typename Rep, typename Period>
  bool try_lock_for(const std::chrono::duration<Rep, Period>& duration,
                    std::source_location where = std::source_location::current()) {
    return state_.Get("shared_timed_mutex::try_lock_for")
        .Lock(false, true, sync_detail::Micros(duration), where);
  }
  template <typename Clock, typename Duration>
  bool try_lock_until(const std::chrono::time_point<Clock, Duration>& deadline,
                      std::source_location where = std::source_location::current()) {
    return state_.Get("shared_timed_mutex::try_lock_until")
        .Lock(false, true, sync_detail::MicrosUntil(deadline), where);
  }
  template <typename Rep, typename Period>
  bool try_lock_shared_for(const std::chrono::duration<Rep, Period>& duration,
                           std::source_location where = std::source_location::current()) {
    return state_.Get("shared_timed_mutex::try_lock_shared_for")
        .Lock(true, true, sync_detail::Micros(duration), where);
  }
  template <typename Clock, typename Duration>
  bool try_lock_shared_until(const std::chrono::time_point<Clock, Duration>& deadline,
                             std::source_location where = std::source_location::current()) {
    return state_.Get("shared_timed_mutex::try_lock_shared_until")
        .Lock(true, true, sync_detail::MicrosUntil(deadline), where);
  }
};

namespace sync_detail {
// shared_lock's side of a shared mutex (OwningLock in std/mutex.h).
struct SharedSide {
  static constexpr const char* kLockName = "shared_lock";
  template <typename M>
  static void Lock(M& m, const std::source_location& where) {
    m.lock_shared(where);
  }
  template <typename M>
  static bool TryLock(M& m, const std::source_location& where) {
    return m.try_lock_shared(where);
  }
  template <typename M, typename Time>
  static bool TryLockFor(M& m, const Time& duration, const std::source_location& where) {
    return m.try_lock_shared_for(duration, where);
  }
  template <typename M, typename Time>
  static bool TryLockUntil(M& m, const Time& deadline, const std::source_location& where) {
    return m.try_lock_shared_until(deadline, where);
  }
  template <typename M>
  static void Unlock(M& m, const std::source_location& where) {
    m.unlock_shared(where);
  }
};
}  // namespace sync_detail

// shared_lock: unique_lock's interface over the shared side of a shared mutex.
template <typename Mutex>
class shared_lock : public sync_detail::OwningLock<Mutex, sync_detail::SharedSide> {
 public:
  using sync_detail::OwningLock<Mutex, sync_detail::SharedSide>::OwningLock;
};
INTERLEAVE_OWNING_LOCK_GUIDES_(shared_lock);

template <typename M>
void swap(shared_lock<M>& a, shared_lock<M>& b) noexcept {
  a.swap(b);
}

}  // namespace interleave::sync

// std::lock_guard, std::unique_lock, std::scoped_lock and std::shared_lock over these would
// compile, then end the program when an unlock in their noexcept destructor unwinds: each is a
// compile error naming what to use instead (model/guard.h).
INTERLEAVE_FORBID_STD_LOCKS(interleave::sync::shared_mutex,
                            "sync::lock_guard, sync::unique_lock or sync::scoped_lock");
INTERLEAVE_FORBID_STD_LOCKS(interleave::sync::shared_timed_mutex,
                            "sync::lock_guard, sync::unique_lock or sync::scoped_lock");
template <>
INTERLEAVE_FORBIDDEN_LOCK_(shared_lock, interleave::sync::shared_mutex, "sync::shared_lock",
                           interleave::sync::shared_mutex);
template <>
INTERLEAVE_FORBIDDEN_LOCK_(shared_lock, interleave::sync::shared_timed_mutex, "sync::shared_lock",
                           interleave::sync::shared_timed_mutex);

#endif  // INTERLEAVE_STD_SHARED_MUTEX_H_
