#include "std/future.h"

#include <string>
#include <utility>

#include "model/error.h"
#include "model/executor.h"

namespace interleave::sync::sync_detail {

void ThrowFutureError(future_errc code) { throw future_error(code); }

FutureCore::FutureCore(const char* type, const SourceLine& made) {
  Execution& execution = Execution::Current(type);
  object_ =
      execution.AddObject(ObjectKind::kFuture, sync_internal::ObjectName(execution, type, made));
}

void FutureCore::Retrieve() {
  if (retrieved_) ThrowFutureError(future_errc::future_already_retrieved);
  retrieved_ = true;
}

TraceEvent* FutureCore::BeginSet(const SourceLine& where) {
  Execution& execution = Execution::Current("promise::set_value");
  TraceEvent& event = execution.Step(OpKind::kSet, object_, where);
  if (execution.unwinding()) return nullptr;
  if (ready_) {
    event.value = "raised promise_already_satisfied";
    ThrowFutureError(future_errc::promise_already_satisfied);
  }
  return &event;
}

void FutureCore::MakeReady(TraceEvent& event, std::string text) {
  Execution& execution = Execution::Current("promise::set_value");
  ready_ = true;
  execution.SetOwner(object_, kNoThread);
  execution.Publish(object_);
  event.value = std::move(text);
}

void FutureCore::SetException(std::exception_ptr exception, const SourceLine& where) {
  if (exception == nullptr) {  // std: a null exception_ptr is undefined behaviour.
    throw ModelError("promise::set_exception with a null exception_ptr at " + where.ToString());
  }
  TraceEvent* event = BeginSet(where);
  if (event == nullptr) return;
  exception_ = std::move(exception);
  // "raised ...": what the SWALLOWED EXCEPTION detector reads (model/executor.h).
  MakeReady(*event, std::string(kFutureRaised) + ExceptionText(exception_));
}

void FutureCore::Abandon(const SourceLine& where) {
  if (ready_ || !retrieved_) return;  // Nobody can wait on a state whose future was never taken.
  TraceEvent* event = BeginSet(where);
  if (event == nullptr) return;
  exception_ = std::make_exception_ptr(future_error(future_errc::broken_promise));
  // Not "raised ...": a broken promise that nobody waits for is no swallowed exception.
  MakeReady(*event, "broken_promise (destroyed without a value)");
}

TraceEvent* FutureCore::Wait(const SourceLine& where) {
  Execution& execution = Execution::Current("future::wait");
  if (is_deferred_) {
    // launch::deferred: the first wait runs the task, in this thread. Which wait is first is
    // decided in a step on the state (two threads' waits on a shared_future race for it),
    // which every wait takes: skipped when the task was taken already, a wait would have no
    // step for dpor to order before the one that took it.
    TraceEvent& take = execution.Step(OpKind::kUpdate, object_, where);
    if (execution.unwinding()) return nullptr;
    if (deferred_) {
      take.value = "runs the deferred function";
      std::function<void()> run = std::move(deferred_);
      deferred_ = nullptr;
      run();
    } else {
      take.value = "the deferred function runs in another thread";
    }
  }
  TraceEvent& event = execution.Step(OpKind::kWait, object_, where, [this] { return ready_; });
  if (execution.unwinding()) return nullptr;
  execution.Observe(object_);
  event.value = exception_ ? "ready: an exception" : "ready";
  return &event;
}

future_status FutureCore::WaitFor(int64_t microseconds, const SourceLine& where) {
  Execution& execution = Execution::Current("future::wait_for");
  if (is_deferred_) {
    // A deferred state is "deferred" until its function has returned (as libstdc++: ready
    // first, else deferred), read in a step: another thread may run it.
    TraceEvent& event = execution.Step(OpKind::kRead, object_, where);
    if (execution.unwinding()) return future_status::timeout;
    if (ready_) {
      execution.Observe(object_);
      event.value = "ready";
      return future_status::ready;
    }
    event.value = "deferred";
    return future_status::deferred;
  }
  TraceEvent& event = execution.Step(
      OpKind::kWait, object_, where, [this] { return ready_; }, microseconds);
  if (execution.unwinding()) return future_status::timeout;
  if (!ready_) {
    event.timed_out = true;
    event.value = "timeout";
    return future_status::timeout;
  }
  execution.Observe(object_);
  event.value = "ready";
  return future_status::ready;
}

void FutureCore::StartThread(std::function<void()> body, const SourceLine& where) {
  Execution& execution = Execution::Current("async");
  // MainThread is thread object 0, so the first thread a program makes is Thread-1.
  const std::string name = "Thread-" + std::to_string(execution.CountObjects(ObjectKind::kThread));
  thread_object_ = execution.AddObject(ObjectKind::kThread, name);
  started_at_ = where;
  execution.Step(OpKind::kStart, thread_object_, where);
  if (execution.unwinding()) return;
  thread_ = execution.Spawn(thread_object_, name, std::move(body));
  // Until the task sets the state, a deadlock report names the thread that would (as the
  // model's executor does for its futures).
  if (!ready_) execution.SetOwner(object_, thread_);
}

TraceEvent* FutureCore::ReleaseHandle() {
  if (thread_ == kNoThread) return nullptr;
  Execution& execution = Execution::Current("future");
  TraceEvent& event = execution.Step(OpKind::kUpdate, object_, started_at_);
  if (execution.unwinding() || thread_ == kNoThread) return nullptr;
  return &event;
}

void FutureCore::JoinThread() {
  if (thread_ == kNoThread) return;
  Execution& execution = Execution::Current("future");
  const ThreadId target = thread_;
  execution.Step(OpKind::kJoin, thread_object_, started_at_,
                 [&execution, target] { return execution.IsFinished(target); });
  if (execution.unwinding()) return;
  execution.Observe(thread_object_);
  thread_ = kNoThread;
}

SourceLine AsyncCaller(const void* return_address) {
  return sync_internal::CallerLine(return_address);
}

}  // namespace interleave::sync::sync_detail
