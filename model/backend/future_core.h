// The model backend's core of a Future (model/executor.h): the future's object in the
// execution and the task's exception. Its waits are steps of the execution.
#ifndef INTERLEAVE_MODEL_BACKEND_FUTURE_CORE_H_
#define INTERLEAVE_MODEL_BACKEND_FUTURE_CORE_H_

#include <exception>
#include <source_location>
#include <string_view>

#include "model/trace.h"

namespace interleave::internal {

// What a Future shares with the task that completes it.
struct FutureCore {
  ObjectId object = kNoObject;
  bool done = false;
  std::exception_ptr exception;
};

// The wait of result() and exception(): returns the wait event once the future is done, or
// nullptr when the current thread's operations are void.
TraceEvent* AwaitFuture(FutureCore& core, std::string_view what, const std::source_location& where);
// done(): a visible read.
bool PollFuture(FutureCore& core, const std::source_location& where);

}  // namespace interleave::internal

#endif  // INTERLEAVE_MODEL_BACKEND_FUTURE_CORE_H_
