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
//
// One declaration for both backends of the model API (model/backend/members.h): a future's
// core is the backend's model/backend/future_core.h, the members model/backend/executor.inc
// and future.inc, the templates' definitions model/backend/executor_impl.h.
#ifndef INTERLEAVE_MODEL_EXECUTOR_H_
#define INTERLEAVE_MODEL_EXECUTOR_H_

#include <exception>
#include <initializer_list>
#include <memory>
#include <optional>
#include <ranges>
#include <source_location>
#include <string>
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

#include "model/backend/future_core.h"
#include "model/backend/members.h"
#include "model/error.h"
#include "model/executor_map.h"
#include "model/thread.h"

namespace interleave {

class ThreadPoolExecutor;

template <typename T>
class Future {
 public:
  // An empty future, to assign one from submit() to later; using it is an error.
  Future() = default;

  // Blocks until the task has finished; its value, or its exception rethrown.
  T result(std::source_location where = std::source_location::current());
  // Blocks until the task has finished; the exception it raised, or null.
  std::exception_ptr exception(std::source_location where = std::source_location::current());
  // Whether the task has finished.
  bool done(std::source_location where = std::source_location::current()) const;

 private:
  friend class ThreadPoolExecutor;
  // What the future shares with the task: the backend's core (model/backend/future_core.h)
  // and the task's value.
  struct State : internal::FutureCore {
    std::conditional_t<std::is_void_v<T>, std::monostate, std::optional<T>> value;
  };

  explicit Future(std::shared_ptr<State> state) : state_(std::move(state)) {}

  internal::FutureCore& Core(const char* what) const {
    if (state_ == nullptr) throw ModelError(std::string(what) + " on an empty Future");
    return *state_;
  }

  // The backend's members (model/backend/members.h).
#include "model/backend/future.inc"

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
      F fn, std::source_location where = std::source_location::current());

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
  int max_workers_;
  std::string name_;  // "ThreadPoolExecutor-N".
  // The backend's members (model/backend/members.h).
#include "model/backend/executor.inc"
};

}  // namespace interleave

#include "model/backend/executor_impl.h"  // IWYU pragma: export

#endif  // INTERLEAVE_MODEL_EXECUTOR_H_
