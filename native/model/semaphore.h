// Native backend: Semaphore and BoundedSemaphore as in model/semaphore.h, a counter on a
// std::mutex and a condition variable. A negative initial value, release(n < 1), and a
// BoundedSemaphore released above its initial value throw ModelError (Python's ValueError).
#ifndef INTERLEAVE_NATIVE_MODEL_SEMAPHORE_H_
#define INTERLEAVE_NATIVE_MODEL_SEMAPHORE_H_

#include <condition_variable>
#include <mutex>
#include <source_location>
#include <string>
#include <utility>

#include "model/guard.h"

namespace interleave {

class Semaphore {
 public:
  explicit Semaphore(int value = 1, std::string name = "semaphore");
  Semaphore(const Semaphore&) = delete;
  Semaphore& operator=(const Semaphore&) = delete;

  void acquire(std::source_location where = std::source_location::current());
  bool acquire(bool blocking, double timeout = -1,
               std::source_location where = std::source_location::current());
  void release(int n = 1, std::source_location where = std::source_location::current());

 protected:
  Semaphore(int value, std::string name, bool bounded);

 private:
  std::string name_;
  std::mutex mu_;
  std::condition_variable released_;
  int value_ = 0;
  int initial_ = 0;
  bool bounded_ = false;
};

class BoundedSemaphore : public Semaphore {
 public:
  explicit BoundedSemaphore(int value = 1, std::string name = "semaphore")
      : Semaphore(value, std::move(name), /*bounded=*/true) {}
};

using SemaphoreGuard = Guard<Semaphore>;

}  // namespace interleave

#endif  // INTERLEAVE_NATIVE_MODEL_SEMAPHORE_H_
