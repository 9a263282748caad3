// The native backend's core of a Future (model/executor.h): the task's completion under a
// std::mutex (Quiet), a condition variable result() and exception() wait on, and whether the
// outcome was retrieved: a future whose task raised and whose exception nobody retrieved is
// recorded as an error of the run ("SWALLOWED EXCEPTION") when the last reference to it goes.
#ifndef INTERLEAVE_NATIVE_MODEL_BACKEND_FUTURE_CORE_H_
#define INTERLEAVE_NATIVE_MODEL_BACKEND_FUTURE_CORE_H_

#include <condition_variable>
#include <exception>
#include <mutex>
#include <string>

namespace interleave::internal {

struct FutureCore {
  FutureCore() = default;
  FutureCore(const FutureCore&) = delete;
  ~FutureCore();

  // Blocks until done; marks the outcome retrieved.
  void Await();
  bool Poll();
  void Finish(std::exception_ptr raised);

  std::mutex mu;
  std::condition_variable finished;
  bool done = false;
  bool retrieved = false;
  std::exception_ptr exception;
  std::string name;  // "future of the task submitted at file.cc:12".
};

}  // namespace interleave::internal

#endif  // INTERLEAVE_NATIVE_MODEL_BACKEND_FUTURE_CORE_H_
