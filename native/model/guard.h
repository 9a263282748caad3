// Native backend (see "The native backend" in docs/implementation-notes.md): the same as
// model/'s file of this name, copied because "model/..." resolves to native/model/ here.
// Guard<L>: Python's `with lock:` for every lockable of the model (Lock, Mutex, RLock,
// Condition, Semaphore): acquires on construction, releases at the end of its scope.
//
// The release is a scheduling point, so the destructor is noexcept(false): the execution's
// unwinding may pass through it. While another exception propagates, a misuse found by the
// release (a ModelError) is dropped: the first error wins, since throwing a second would
// terminate. Do not use std::lock_guard or std::unique_lock with model lockables: their
// destructors are noexcept.
#ifndef INTERLEAVE_NATIVE_MODEL_GUARD_H_
#define INTERLEAVE_NATIVE_MODEL_GUARD_H_

#include <exception>
#include <source_location>

#include "model/error.h"

namespace interleave {

template <typename Lockable>
class Guard {
 public:
  explicit Guard(Lockable& lockable, std::source_location where = std::source_location::current())
      : lockable_(lockable), where_(where) {
    if constexpr (requires { lockable_.lock(where_); }) {
      lockable_.lock(where_);
    } else {
      lockable_.acquire(where_);
    }
  }
  Guard(const Guard&) = delete;
  Guard& operator=(const Guard&) = delete;

  ~Guard() noexcept(false) {
    if (std::uncaught_exceptions() == exceptions_) {
      Release();
      return;
    }
    try {
      Release();
    } catch (const ModelError&) {
      // Another exception is already on its way; it ends the thread.
    }
  }

 private:
  void Release() {
    if constexpr (requires { lockable_.unlock(where_); }) {
      lockable_.unlock(where_);
    } else if constexpr (requires { lockable_.release(where_); }) {
      lockable_.release(where_);
    } else {
      lockable_.release(1, where_);  // A semaphore gives back the one unit it took.
    }
  }

  Lockable& lockable_;
  std::source_location where_;
  int exceptions_ = std::uncaught_exceptions();
};

}  // namespace interleave

#endif  // INTERLEAVE_NATIVE_MODEL_GUARD_H_
