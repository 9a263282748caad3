// Guard<L>: Python's `with lock:` for every lockable of the model (Lock, Mutex, RLock,
// Condition, Semaphore): acquires on construction, releases at the end of its scope.
//
// The release is a scheduling point, so the destructor is noexcept(false): the execution's
// unwinding may pass through it. While another exception propagates, a misuse found by the
// release (a ModelError) is dropped: the first error wins, since throwing a second would
// terminate. Do not use std::lock_guard or std::unique_lock with model lockables: their
// destructors are noexcept.
#ifndef INTERLEAVE_MODEL_GUARD_H_
#define INTERLEAVE_MODEL_GUARD_H_

#include <exception>
#include <mutex>
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

// std::lock_guard, std::unique_lock and std::scoped_lock over a lockable of the model (or of
// the std mirror) would compile, and then end the program the first time an unlock in their
// noexcept destructor is a scheduling point that unwinds. This makes each such use a compile
// error that names the type to use instead. At namespace scope, after the lockable's class.
#define INTERLEAVE_FORBID_STD_LOCKS(Lockable, instead)                  \
  template <>                                                           \
  INTERLEAVE_FORBIDDEN_LOCK_(lock_guard, Lockable, instead, Lockable);  \
  template <>                                                           \
  INTERLEAVE_FORBIDDEN_LOCK_(unique_lock, Lockable, instead, Lockable); \
  template <>                                                           \
  INTERLEAVE_FORBIDDEN_LOCK_(scoped_lock, Lockable, instead, Lockable); \
  template <typename Other, typename... Others>                         \
  INTERLEAVE_FORBIDDEN_LOCK_(scoped_lock, Lockable, instead, Lockable, Other, Others...)

// One of them: the specialization std::Lock<...> whose every constructor fails to compile.
#define INTERLEAVE_FORBIDDEN_LOCK_(Lock, Lockable, instead, ...)                        \
  class std::Lock<__VA_ARGS__> {                                                        \
   public:                                                                              \
    template <typename... Args>                                                         \
    explicit Lock(Args&&...) {                                                          \
      static_assert(sizeof...(Args) < 0, "std::" #Lock " cannot hold a " #Lockable      \
                                         ": its destructor is noexcept; use " instead); \
    }                                                                                   \
  }

#endif  // INTERLEAVE_MODEL_GUARD_H_
