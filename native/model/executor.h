// Native backend: ThreadPoolExecutor and Future (concurrent.futures) as in model/executor.h, on
// native Threads named "ThreadPoolExecutor-N_K", created lazily as CPython does (a submit starts
// a new worker unless an idle one is signalled or max_workers run). submit(fn) -> Future<R>;
// map(fn, items) returns the results in order (rethrowing the first failure); shutdown(wait)
// stops new submissions (a submit after it throws ModelError) and with wait joins the workers;
// the destructor does shutdown(true). Future::result() blocks and returns the value or rethrows
// the task's exception; exception() returns it; done() polls. A future whose task raised and
// whose exception nobody retrieved is recorded as an error of the run ("SWALLOWED EXCEPTION")
// when the last reference to it goes.
#ifndef INTERLEAVE_NATIVE_MODEL_EXECUTOR_H_
#define INTERLEAVE_NATIVE_MODEL_EXECUTOR_H_

#include <condition_variable>
#include <deque>
#include <exception>
#include <functional>
#include <initializer_list>
#include <memory>
#include <mutex>
#include <optional>
#include <ranges>
#include <source_location>
#include <string>
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

#include "model/error.h"
#include "model/executor_map.h"
#include "model/runtime.h"
#include "model/text.h"
#include "model/thread.h"

namespace interleave {

class ThreadPoolExecutor;

namespace internal {

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

}  // namespace internal

template <typename T>
class Future {
 public:
  Future() = default;

  T result(std::source_location = std::source_location::current()) {
    Core("Future::result").Await();
    if (state_->exception) std::rethrow_exception(state_->exception);
    if constexpr (!std::is_void_v<T>) return *state_->value;
  }

  std::exception_ptr exception(std::source_location = std::source_location::current()) {
    Core("Future::exception").Await();
    return state_->exception;
  }

  bool done(std::source_location = std::source_location::current()) const {
    return Core("Future::done").Poll();
  }

 private:
  friend class ThreadPoolExecutor;
  struct State : internal::FutureCore {
    std::conditional_t<std::is_void_v<T>, std::monostate, std::optional<T>> value;
  };

  explicit Future(std::shared_ptr<State> state) : state_(std::move(state)) {}

  internal::FutureCore& Core(const char* what) const {
    if (state_ == nullptr) throw ModelError(std::string(what) + " on an empty Future");
    return *state_;
  }

  std::shared_ptr<State> state_;
};

class ThreadPoolExecutor {
 public:
  explicit ThreadPoolExecutor(int max_workers,
                              std::source_location where = std::source_location::current());
  ThreadPoolExecutor(const ThreadPoolExecutor&) = delete;
  ThreadPoolExecutor& operator=(const ThreadPoolExecutor&) = delete;
  ~ThreadPoolExecutor() noexcept(false);

  template <typename F>
  Future<std::invoke_result_t<F&>> submit(
      F fn, std::source_location where = std::source_location::current()) {
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

  // map(fn, items): one task per item, each result awaited in order (internal::MapTasks).
  template <typename F, std::ranges::input_range Range>
  auto map(F fn, const Range& items, std::source_location where = std::source_location::current()) {
    return internal::MapTasks(*this, std::move(fn), items, where);
  }

  template <typename F, typename T>
  auto map(F fn, std::initializer_list<T> items,
           std::source_location where = std::source_location::current()) {
    return map(std::move(fn), std::vector<T>(items), where);
  }

  void shutdown(bool wait = true, std::source_location where = std::source_location::current());

  const std::string& name() const { return name_; }
  int max_workers() const { return max_workers_; }

 private:
  struct Task {
    std::shared_ptr<internal::FutureCore> future;
    std::function<void()> run;
  };

  void Enqueue(std::shared_ptr<internal::FutureCore> future, std::function<void()> run,
               const std::source_location& where);
  void Work();

  int max_workers_;
  std::string name_;
  std::mutex mu_;  // Guards the fields below.
  std::condition_variable changed_;
  std::deque<Task> tasks_;
  bool shutdown_ = false;
  int idle_ = 0;
  std::deque<Thread> workers_;  // Last: joined before the rest goes.
};

}  // namespace interleave

#endif  // INTERLEAVE_NATIVE_MODEL_EXECUTOR_H_
