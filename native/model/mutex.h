// Native backend: Mutex (owner-checked, like std::mutex) as in model/mutex.h. An unlock by a
// thread that does not hold it throws ModelError (the model ends the execution with one);
// locking it again in its holder blocks forever, as std::mutex would in practice.
#ifndef INTERLEAVE_NATIVE_MODEL_MUTEX_H_
#define INTERLEAVE_NATIVE_MODEL_MUTEX_H_

#include <condition_variable>
#include <mutex>
#include <source_location>
#include <string>
#include <thread>

#include "model/guard.h"

namespace interleave {

class Mutex {
 public:
  explicit Mutex(std::string name = "mutex");
  Mutex(const Mutex&) = delete;
  Mutex& operator=(const Mutex&) = delete;

  void lock(std::source_location where = std::source_location::current());
  bool try_lock(std::source_location where = std::source_location::current());
  void unlock(std::source_location where = std::source_location::current());

 private:
  std::string name_;
  std::mutex mu_;
  std::condition_variable freed_;
  bool held_ = false;
  std::thread::id owner_;
};

using MutexGuard = Guard<Mutex>;

}  // namespace interleave

#endif  // INTERLEAVE_NATIVE_MODEL_MUTEX_H_
