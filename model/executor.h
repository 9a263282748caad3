// ThreadPoolExecutor and Future: Python's concurrent.futures.ThreadPoolExecutor and Future.
//
// ThreadPoolExecutor(max_workers) runs submitted callables on at most `max_workers` model
// threads, named as in Python: "ThreadPoolExecutor-N_K", N counting the executors of the
// execution, K the executor's workers. Workers are created lazily, as CPython 3.8+ does it:
// submit() puts the task on the executor's task list, then starts a new worker unless an idle
// one is signalled (each worker releases the idle semaphore once per task it completes, and
// submit tries to acquire it without blocking) or max_workers are running. Workers take tasks
// first in, first out; each waits through one Step with a ready predicate (a task is queued,
// or the executor is shut down).
// - submit(fn) -> Future<R>, R the callable's result type (void allowed). Arguments are bound
//   by the callable (a lambda), since the source location must be the last parameter. It is a
//   visible put on the executor's object (named "ThreadPoolExecutor-N", kind queue), then a
//   non-blocking acquire of its idle semaphore ("ThreadPoolExecutor-N_idle_semaphore"), then a
//   start when it creates a worker. A submit happens before the task runs; a worker's release
//   of the idle semaphore happens before the acquire that takes it.
// - map(fn, items) submits fn(item) for every item, then waits for the results in the order of
//   the items and returns them (a vector; nothing for void). Unlike Python's lazy iterator the
//   results are collected at once; the first failed task's exception is rethrown, after the
//   futures before it, and the remaining tasks still run (no cancellation).
// - shutdown(wait = true): no new tasks (submit after it is an ERROR, Python's RuntimeError);
//   every queued task still runs; with wait, joins every worker. The destructor does
//   shutdown(true), as leaving Python's `with` block does: it is a scheduling point and
//   noexcept(false).
//
// Future<T>: done() is a visible read; result() and exception() block until the task has
// finished (a wait on the future; the task's completion happens before the wait returns).
// result() returns the value or rethrows the task's exception; exception() returns it (null
// when the task returned). A task that throws does not end the execution: the exception is
// caught and stored in its future, as Python does (a ModelError, the tool's own, still ends it
// in ERROR). Unlike Python there is no cancel() and no timeout on result().
//
// What the trace records, for the SWALLOWED EXCEPTION detector (issue 5): every future is an
// object of kind future, named "future-K". The worker completes it with one `set` event whose
// value starts with "raised " (kFutureRaised) when the task threw, or is "returned ..." when it
// returned. Every result() or exception() that returns is a `wait` event on that future, and
// no wait on a future can return before its `set`. So an exception was swallowed exactly when a
// future has a "raised" set and no wait event at all: SwallowedExceptions(trace) lists those
// set events. done() is a `read`, which does not retrieve the exception. While a worker runs a
// task, the future's owner is that worker (a deadlock report names who would complete it).
#ifndef INTERLEAVE_MODEL_EXECUTOR_H_
#define INTERLEAVE_MODEL_EXECUTOR_H_

#include <deque>
#include <exception>
#include <functional>
#include <initializer_list>
#include <memory>
#include <optional>
#include <ranges>
#include <source_location>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

#include "model/error.h"
#include "model/execution.h"
#include "model/executor_map.h"
#include "model/text.h"
#include "model/thread.h"
#include "model/trace.h"

namespace interleave {

// The start of the value of a future's `set` event when its task threw.
inline constexpr std::string_view kFutureRaised = "raised ";

// The `set` events (their steps) of futures whose task raised an exception that no result() or
// exception() ever retrieved.
std::vector<int> SwallowedExceptions(const Trace& trace);

class ThreadPoolExecutor;

namespace internal {

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

}  // namespace internal

template <typename T>
class Future {
 public:
  // An empty future, to assign one from submit() to later; using it is an error.
  Future() = default;

  // Blocks until the task has finished; its value, or its exception rethrown.
  T result(std::source_location where = std::source_location::current()) {
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

  // Blocks until the task has finished; the exception it raised, or null.
  std::exception_ptr exception(std::source_location where = std::source_location::current()) {
    TraceEvent* event =
        internal::AwaitFuture(Core("Future::exception"), "Future::exception", where);
    if (event == nullptr) return nullptr;
    event->value = "exception() = " +
                   (state_->exception ? ExceptionText(state_->exception) : std::string("None"));
    return state_->exception;
  }

  // Whether the task has finished.
  bool done(std::source_location where = std::source_location::current()) const {
    return internal::PollFuture(Core("Future::done"), where);
  }

 private:
  friend class ThreadPoolExecutor;
  struct State : internal::FutureCore {
    std::conditional_t<std::is_void_v<T>, std::monostate, std::optional<T>> value;
  };

  explicit Future(std::shared_ptr<State> state) : state_(std::move(state)) {}

  internal::FutureCore& Core(std::string_view what) const {
    if (state_ == nullptr) throw ModelError(std::string(what) + " on an empty Future");
    return *state_;
  }

  T Void() const {
    if constexpr (!std::is_void_v<T>) {
      if (state_->value) return *state_->value;
      if constexpr (std::is_default_constructible_v<T>) {
        return T{};
      } else {
        throw ModelError("Future::result() in a thread that is being killed");
      }
    }
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
    std::function<std::string()> run;  // Runs the callable; its result as text.
    std::source_location where;        // The submit.
  };

  void Enqueue(std::shared_ptr<internal::FutureCore> future, std::function<std::string()> run,
               const std::source_location& where);
  void AdjustThreadCount(const std::source_location& where);
  void Work(const std::source_location& where);

  int max_workers_;
  std::string name_;
  ObjectHandle object_;  // The task list (Python's _work_queue).
  std::source_location created_at_;
  std::deque<Task> tasks_;
  bool shutdown_ = false;
  // Python's _idle_semaphore ("ThreadPoolExecutor-N_idle_semaphore"): each worker releases it
  // once per task it completes, in a step of its own after the future's set; each submit
  // tries to acquire it without blocking, in a step of its own after its put, and starts a
  // worker only when that fails. Its own object, so that dpor's dependence sees the submit
  // read what the worker changed (a counter changed under the future's set and read under the
  // put would be hidden from it: dpor missed every class in which a worker is reused).
  ObjectHandle idle_object_;
  int idle_ = 0;
  std::deque<Thread> workers_;  // Last: every worker has ended before the rest goes.
};

}  // namespace interleave

#endif  // INTERLEAVE_MODEL_EXECUTOR_H_
