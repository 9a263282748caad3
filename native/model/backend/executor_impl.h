// The native backend's definitions of Future<T> and ThreadPoolExecutor::submit
// (model/executor.h): map(fn, items) returns the results in order (rethrowing the first
// failure); shutdown(wait) stops new submissions (a submit after it throws ModelError) and with
// wait joins the workers; the destructor does shutdown(true). result() blocks and returns the
// value or rethrows the task's exception; exception() returns it; done() polls.
#ifndef INTERLEAVE_NATIVE_MODEL_BACKEND_EXECUTOR_IMPL_H_
#define INTERLEAVE_NATIVE_MODEL_BACKEND_EXECUTOR_IMPL_H_

#include <exception>
#include <functional>
#include <memory>
#include <source_location>
#include <type_traits>
#include <utility>

#include "model/executor.h"

namespace interleave {

template <typename T>
T Future<T>::result(std::source_location) {
  Core("Future::result").Await();
  if (state_->exception) std::rethrow_exception(state_->exception);
  if constexpr (!std::is_void_v<T>) return *state_->value;
}

template <typename T>
std::exception_ptr Future<T>::exception(std::source_location) {
  Core("Future::exception").Await();
  return state_->exception;
}

template <typename T>
bool Future<T>::done(std::source_location) const {
  return Core("Future::done").Poll();
}

template <typename F>
Future<std::invoke_result_t<F&>> ThreadPoolExecutor::submit(F fn, std::source_location where) {
  using R = std::invoke_result_t<F&>;
  auto state = std::make_shared<typename Future<R>::State>();
  std::function<void()> run = [state = state.get(), fn = std::move(fn)]() mutable {
    if constexpr (std::is_void_v<R>) {
      fn();
    } else {
      state->value.emplace(fn());
    }
  };
  Enqueue(state, std::move(run), where);
  return Future<R>(std::move(state));
}

}  // namespace interleave

#endif  // INTERLEAVE_NATIVE_MODEL_BACKEND_EXECUTOR_IMPL_H_
