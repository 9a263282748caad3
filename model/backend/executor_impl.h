// The model backend's definitions of Future<T> and ThreadPoolExecutor::submit
// (model/executor.h), and what the SWALLOWED EXCEPTION detector reads of futures in a trace.
#ifndef INTERLEAVE_MODEL_BACKEND_EXECUTOR_IMPL_H_
#define INTERLEAVE_MODEL_BACKEND_EXECUTOR_IMPL_H_

#include <exception>
#include <functional>
#include <memory>
#include <source_location>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include "model/error.h"
#include "model/executor.h"
#include "model/text.h"
#include "model/trace.h"

namespace interleave {

// The start of the value of a future's `set` event when its task threw.
inline constexpr std::string_view kFutureRaised = "raised ";

// The `set` events (their steps) of futures whose task raised an exception that no result() or
// exception() ever retrieved.
std::vector<int> SwallowedExceptions(const Trace& trace);

template <typename T>
T Future<T>::result(std::source_location where) {
  TraceEvent* event = internal::AwaitFuture(Core("Future::result"), "Future::result", where);
  if (event == nullptr) return Void();  // The thread is being killed: no effect.
  if (state_->exception) {
    event->value = "result() raised " + ExceptionText(state_->exception);
    std::rethrow_exception(state_->exception);
  }
  if constexpr (std::is_void_v<T>) {
    event->value = "result() = None";
  } else {
    event->value = "result() = " + ToText(*state_->value);
    return *state_->value;
  }
}

template <typename T>
std::exception_ptr Future<T>::exception(std::source_location where) {
  TraceEvent* event = internal::AwaitFuture(Core("Future::exception"), "Future::exception", where);
  if (event == nullptr) return nullptr;
  event->value = "exception() = " +
                 (state_->exception ? ExceptionText(state_->exception) : std::string("None"));
  return state_->exception;
}

template <typename T>
bool Future<T>::done(std::source_location where) const {
  return internal::PollFuture(Core("Future::done"), where);
}

template <typename T>
T Future<T>::Void() const {
  if constexpr (!std::is_void_v<T>) {
    if (state_->value) return *state_->value;
    if constexpr (std::is_default_constructible_v<T>) {
      return T{};
    } else {
      throw ModelError("Future::result() in a thread that is being killed");
    }
  }
}

template <typename F>
Future<std::invoke_result_t<F&>> ThreadPoolExecutor::submit(F fn, std::source_location where) {
  using R = std::invoke_result_t<F&>;
  auto state = std::make_shared<typename Future<R>::State>();
  std::function<std::string()> run = [state, fn = std::move(fn)]() mutable -> std::string {
    if constexpr (std::is_void_v<R>) {
      fn();
      return "";
    } else {
      state->value.emplace(fn());
      return ToText(*state->value);
    }
  };
  Enqueue(state, std::move(run), where);
  return Future<R>(std::move(state));
}

}  // namespace interleave

#endif  // INTERLEAVE_MODEL_BACKEND_EXECUTOR_IMPL_H_
