#include "model/executor.h"

#include <cstddef>
#include <set>

#include "model/default_names.h"
#include "model/execution.h"
#include "model/threading.h"

namespace interleave {

std::vector<int> SwallowedExceptions(const Trace& trace) {
  std::set<ObjectId> retrieved;
  for (const TraceEvent& event : trace.events) {
    if (event.kind == OpKind::kWait && !event.timed_out && event.object != kNoObject &&
        trace.objects[event.object].kind == ObjectKind::kFuture) {
      retrieved.insert(event.object);
    }
  }
  std::vector<int> swallowed;
  for (const TraceEvent& event : trace.events) {
    if (event.kind == OpKind::kSet && event.object != kNoObject &&
        trace.objects[event.object].kind == ObjectKind::kFuture &&
        event.value.starts_with(kFutureRaised) && !retrieved.contains(event.object)) {
      swallowed.push_back(event.step);
    }
  }
  return swallowed;
}

namespace internal {

TraceEvent* AwaitFuture(FutureCore& core, std::string_view what,
                        const std::source_location& where) {
  Execution& execution = Execution::Current(what);
  const FutureCore* future = &core;
  TraceEvent& event =
      execution.Step(OpKind::kWait, core.object, where, [future] { return future->done; });
  if (execution.unwinding()) return nullptr;
  execution.Observe(core.object);
  return &event;
}

bool PollFuture(FutureCore& core, const std::source_location& where) {
  Execution& execution = Execution::Current("Future::done");
  TraceEvent& event = execution.Step(OpKind::kRead, core.object, where);
  if (execution.unwinding()) return core.done;
  if (core.done) execution.Observe(core.object);
  event.value = core.done ? "done" : "not done";
  return core.done;
}

}  // namespace internal

ThreadPoolExecutor::ThreadPoolExecutor(int max_workers, std::source_location where)
    : max_workers_(max_workers), created_at_(where) {
  Execution& execution = Execution::Current("ThreadPoolExecutor");
  if (max_workers <= 0) {
    throw ModelError("ThreadPoolExecutor(" + std::to_string(max_workers) + ") at " +
                     SourceLine::From(where).ToString() + ": max_workers must be greater than 0");
  }
  constexpr std::string_view kPrefix = "ThreadPoolExecutor-";
  name_ = std::string(kPrefix) +
          std::to_string(internal::CountNumbered(execution, ObjectKind::kQueue, kPrefix));
  object_ = execution.AddObject(ObjectKind::kQueue, name_);
  idle_object_ = execution.AddObject(ObjectKind::kSemaphore, name_ + "_idle_semaphore");
}

ThreadPoolExecutor::~ThreadPoolExecutor() noexcept(false) {
  if (Execution::Current("ThreadPoolExecutor").unwinding()) return;
  shutdown(true, created_at_);
}

void ThreadPoolExecutor::Enqueue(std::shared_ptr<internal::FutureCore> future,
                                 std::function<std::string()> run,
                                 const std::source_location& where) {
  Execution& execution = Execution::Current("ThreadPoolExecutor::submit");
  const std::string future_name =
      "future-" + std::to_string(execution.CountObjects(ObjectKind::kFuture));
  future->object = execution.AddObject(ObjectKind::kFuture, future_name);
  TraceEvent& event = execution.Step(OpKind::kPut, object_, where);
  if (execution.unwinding()) return;
  if (shutdown_) {
    throw ModelError("submit to " + name_ + " at " + SourceLine::From(where).ToString() +
                     ": cannot schedule new futures after shutdown");
  }
  event.value = future_name;
  tasks_.push_back(Task{std::move(future), std::move(run), where});
  execution.Publish(object_);
  AdjustThreadCount(where);
}

void ThreadPoolExecutor::AdjustThreadCount(const std::source_location& where) {
  // Python: if self._idle_semaphore.acquire(timeout=0): return
  Execution& execution = Execution::Current("ThreadPoolExecutor::submit");
  TraceEvent& acquire = execution.Step(OpKind::kAcquire, idle_object_, where);
  if (execution.unwinding()) return;
  if (idle_ > 0) {
    --idle_;
    execution.Observe(idle_object_);
    acquire.value = "value " + std::to_string(idle_);
    return;
  }
  acquire.value = kNotAcquired;
  if (static_cast<int>(workers_.size()) >= max_workers_) return;
  workers_.emplace_back([this, where] { Work(where); },
                        name_ + "_" + std::to_string(workers_.size()));
  workers_.back().start(where);
}

void ThreadPoolExecutor::Work(const std::source_location& where) {
  Execution& execution = Execution::Current("ThreadPoolExecutor");
  auto has_work = [this] { return !tasks_.empty() || shutdown_; };
  while (true) {
    TraceEvent& get = execution.Step(OpKind::kGet, object_, where, has_work);
    if (execution.unwinding()) return;
    execution.Observe(object_);
    if (tasks_.empty()) {  // Shut down, and nothing left to do.
      get.value = "None (shut down)";
      return;
    }
    Task task = std::move(tasks_.front());
    tasks_.pop_front();
    const ObjectId future = task.future->object;
    get.value = execution.object(future).name;
    execution.SetOwner(future, execution.current_thread());

    std::string outcome;
    try {
      const std::string value = task.run();
      outcome = value.empty() ? "returned" : "returned " + value;
    } catch (const ModelError&) {
      throw;  // The scenario broke a rule of the model: the execution ends in ERROR.
    } catch (...) {
      if (execution.unwinding()) throw;  // This thread is being killed.
      task.future->exception = std::current_exception();
      outcome = std::string(kFutureRaised) + ExceptionText(task.future->exception);
    }

    TraceEvent& set = execution.Step(OpKind::kSet, future, task.where);
    if (execution.unwinding()) return;
    set.value = std::move(outcome);
    task.future->done = true;
    execution.SetOwner(future, kNoThread);
    execution.Publish(future);

    // Python: executor._idle_semaphore.release(), a step of its own on the semaphore, which
    // the next submit's acquire reads: whether that submit starts a new worker depends on it.
    TraceEvent& release = execution.Step(OpKind::kRelease, idle_object_, task.where);
    if (execution.unwinding()) return;
    ++idle_;
    execution.Publish(idle_object_);
    release.value = "value " + std::to_string(idle_);
  }
}

void ThreadPoolExecutor::shutdown(bool wait, std::source_location where) {
  Execution& execution = Execution::Current("ThreadPoolExecutor::shutdown");
  if (!shutdown_) {
    TraceEvent& event = execution.Step(OpKind::kPut, object_, where);
    if (execution.unwinding()) return;
    event.value = "None (shutdown)";
    shutdown_ = true;
    execution.Publish(object_);
  }
  if (!wait) return;
  // By index: a submit in another thread that passed its put before this shutdown may still
  // start a worker while these joins wait (a deque's iterators would not survive it), and that
  // worker is joined too when it starts before the loop ends. (CPython's submit holds the
  // shutdown lock from its put to the start of the worker, so a shutdown never sees a submit
  // half done; here a worker started after this loop is not waited for: not modelled.)
  for (std::size_t i = 0; i < workers_.size(); ++i) workers_[i].join(where);
}

}  // namespace interleave
