// Native backend: RLock (Python's threading.RLock) as in model/rlock.h: an owner and a level on
// a std::mutex and a condition variable. Releasing an RLock the thread does not own throws
// ModelError (Python's RuntimeError). Condition waits on it releasing every level at once.
#ifndef INTERLEAVE_NATIVE_MODEL_RLOCK_H_
#define INTERLEAVE_NATIVE_MODEL_RLOCK_H_

#include <condition_variable>
#include <mutex>
#include <source_location>
#include <string>
#include <thread>

#include "model/guard.h"

namespace interleave {

class Condition;

class RLock {
 public:
  explicit RLock(std::string name = "rlock");
  RLock(const RLock&) = delete;
  RLock& operator=(const RLock&) = delete;

  void acquire(std::source_location where = std::source_location::current());
  bool acquire(bool blocking, double timeout = -1,
               std::source_location where = std::source_location::current());
  void release(std::source_location where = std::source_location::current());

 private:
  friend class Condition;

  bool IsOwned() const;
  int ReleaseAll(const std::source_location& where);  // Returns the level to restore.
  void AcquireRestore(int levels);

  std::string name_;
  mutable std::mutex mu_;
  std::condition_variable freed_;
  int levels_ = 0;
  std::thread::id owner_;
};

using RLockGuard = Guard<RLock>;

}  // namespace interleave

#endif  // INTERLEAVE_NATIVE_MODEL_RLOCK_H_
