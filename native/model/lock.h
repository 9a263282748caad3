// Native backend: Lock (Python's threading.Lock) as in model/lock.h, on a std::mutex and a
// condition variable: a flag `locked` that any thread may clear (Python's Lock has no owner, so
// std::mutex, which only its owner may unlock, does not fit). A release happens before the
// acquire that takes the lock next, for TSan too (Publish/Observe, runtime.h); the internal
// mutex is invisible to TSan, so locked() and a failed acquire order nothing, as in the model.
// Releasing an unlocked lock throws ModelError (Python's RuntimeError).
#ifndef INTERLEAVE_NATIVE_MODEL_LOCK_H_
#define INTERLEAVE_NATIVE_MODEL_LOCK_H_

#include <condition_variable>
#include <mutex>
#include <source_location>
#include <string>

#include "model/guard.h"

namespace interleave {

class Lock {
 public:
  explicit Lock(std::string name = "lock");
  Lock(const Lock&) = delete;
  Lock& operator=(const Lock&) = delete;

  void acquire(std::source_location where = std::source_location::current());
  bool acquire(bool blocking, double timeout = -1,
               std::source_location where = std::source_location::current());
  void release(std::source_location where = std::source_location::current());
  bool locked() const;
  const std::string& name() const { return name_; }

 private:
  std::string name_;
  mutable std::mutex mu_;
  std::condition_variable freed_;
  bool locked_ = false;
};

using LockGuard = Guard<Lock>;

}  // namespace interleave

#endif  // INTERLEAVE_NATIVE_MODEL_LOCK_H_
