// Mutex: an owner-checked lock, as C++ users know std::mutex. lock() blocks until the mutex is
// free, try_lock() does not block and says whether it got it, unlock() frees it. Unlike Python's
// Lock, only the thread that locked a Mutex may unlock it: an unlock by another thread, or of a
// Mutex nobody holds, is undefined behaviour for std::mutex, and the model ends the execution with
// a ModelError that names the mutex, both threads and the lines. Locking a Mutex the thread already
// holds blocks forever (a self-deadlock the deadlock detector reports), as std::mutex would in
// practice. An unlock happens before the lock that takes the mutex next.
//
// MutexGuard is std::lock_guard for a Mutex: it locks on construction and unlocks at the end of
// its scope. Use it, not std::lock_guard or std::unique_lock: their destructors are noexcept, and
// an unlock is a scheduling point that may throw the execution's unwinding exception, so
// MutexGuard's destructor is noexcept(false).
//
// One declaration for both backends of the model API (model/backend/members.h).
#ifndef INTERLEAVE_MODEL_MUTEX_H_
#define INTERLEAVE_MODEL_MUTEX_H_

#include <cstdint>
#include <exception>
#include <source_location>
#include <string>

#include "model/backend/members.h"
#include "model/guard.h"

namespace interleave {

class Mutex {
 public:
  explicit Mutex(std::string name = "mutex");
  Mutex(const Mutex&) = delete;
  Mutex& operator=(const Mutex&) = delete;

  void lock(std::source_location where = std::source_location::current());
  // Does not block; false when the mutex is held (by anyone, the caller included). A loop of
  // tries is a spin loop: it waits until the mutex changes, and one that nothing will change
  // is a deadlock (PollFrame, model/backend/members.h).
  bool try_lock(std::source_location where = std::source_location::current()) {
    SpinFrame frame;
    return Poll(where, PollFrame(&frame));
  }
  // Blocks at most `microseconds` (kForever: no limit); false when the time passed first
  // (std::timed_mutex::try_lock_for; on the virtual clock at the deadline, in time mode any
  // whenever it would block).
  bool try_lock_for(int64_t microseconds,
                    std::source_location where = std::source_location::current());
  void unlock(std::source_location where = std::source_location::current());

 private:
  // The backend's members (model/backend/members.h).
#include "model/backend/mutex.inc"
};

// `with mutex:`: acquires now, releases at the end of the scope (model/guard.h).
using MutexGuard = Guard<Mutex>;

}  // namespace interleave

INTERLEAVE_FORBID_STD_LOCKS(interleave::Mutex, "interleave::MutexGuard");

#endif  // INTERLEAVE_MODEL_MUTEX_H_
