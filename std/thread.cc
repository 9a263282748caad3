#include "std/thread.h"

#include <algorithm>
#include <exception>
#include <string>

#include "model/error.h"

namespace interleave::sync {

thread::thread(Start, const SourceLine& where, std::function<void()> body,
               const sync_detail::StartedWith& with)
    : started_at_(where) {
  Execution& execution = Execution::Current("thread");
  // MainThread is thread object 0, so the first thread a program makes is Thread-1.
  const std::string name = "Thread-" + std::to_string(execution.CountObjects(ObjectKind::kThread));
  object_ = execution.AddObject(ObjectKind::kThread, name);
  execution.Step(OpKind::kStart, object_, where);
  if (execution.unwinding()) return;
  if (with.target != nullptr) {
    execution.SetSymmetryGroupByValue(execution.thread_count(), *with.target, with.bytes,
                                      "std::thread", where, name);
  }
  thread_ = execution.Spawn(object_, name, std::move(body));
}

thread::thread(thread&& other) noexcept
    : object_(std::move(other.object_)),
      thread_(std::exchange(other.thread_, kNoThread)),
      started_at_(other.started_at_) {}

thread& thread::operator=(thread&& other) noexcept(false) {
  TerminateIfJoinable("a joinable std::thread was assigned to");
  object_ = std::move(other.object_);
  thread_ = std::exchange(other.thread_, kNoThread);
  started_at_ = other.started_at_;
  return *this;
}

thread::~thread() noexcept(false) { TerminateIfJoinable("a joinable std::thread was destroyed"); }

void thread::TerminateIfJoinable(const char* why) const {
  if (thread_ == kNoThread) return;
  Execution* execution = Execution::Running();
  if (execution == nullptr || execution->unwinding() ||
      execution->serial() != object_.execution()) {
    return;
  }
  // std::terminate, as std::thread's destructor does: the checker reports it as a CRASH
  // finding with this execution's interleaving, at the line that destroyed the thread.
  (void)why;
  std::terminate();
}

void thread::join(std::source_location where) {
  Execution& execution = Execution::Current("thread::join");
  if (thread_ == kNoThread) {
    throw std::system_error(std::make_error_code(std::errc::invalid_argument),
                            "thread::join of a thread that is not joinable");
  }
  if (thread_ == execution.current_thread()) {
    throw std::system_error(std::make_error_code(std::errc::resource_deadlock_would_occur),
                            "thread::join of the calling thread");
  }
  const ThreadId target = thread_;
  execution.Step(OpKind::kJoin, object_, where,
                 [&execution, target] { return execution.IsFinished(target); });
  if (execution.unwinding()) return;
  execution.Observe(object_);
  thread_ = kNoThread;
}

void thread::detach(std::source_location where) {
  Execution& execution = Execution::Current("thread::detach");
  if (thread_ == kNoThread) {
    throw std::system_error(std::make_error_code(std::errc::invalid_argument),
                            "thread::detach of a thread that is not joinable");
  }
  const ThreadId target = thread_;
  const SourceLine at = where;
  Execution* const running = &execution;
  execution.NoteSymmetryDetach(target);
  // The program ends when main returns: a detached thread still running is cut off there.
  execution.AtProgramExit([running, target, at] {
    if (!running->IsFinished(target)) {
      running->Kill(target, "detached thread killed at program exit", at);
    }
  });
  thread_ = kNoThread;
}

void thread::swap(thread& other) noexcept {
  std::swap(object_, other.object_);
  std::swap(thread_, other.thread_);
  std::swap(started_at_, other.started_at_);
}

namespace sync_detail {

StopState::Value::Value(std::string name, bool)
    : object(Execution::Current("stop_source").AddObject(ObjectKind::kAtomic, std::move(name))) {}

bool RegisterStopCallback(const std::shared_ptr<StopState>& state,
                          std::function<void()>* callback) {
  StopState::Value& value = state->value.Get("stop_callback");
  Execution& execution = Execution::Current("stop_callback");
  // An update of the stop state: it adds to the list that request_stop runs in order, so two
  // registrations do not commute (as a read, dpor ran them in one order only); and it
  // synchronizes with the callback's invocation, as std says.
  TraceEvent& event =
      execution.Step(OpKind::kUpdate, value.object, std::source_location::current());
  if (execution.unwinding()) return false;
  execution.Observe(value.object);
  event.value = value.requested ? "stop requested: callback runs now" : "callback registered";
  if (value.requested) {
    (*callback)();
    return false;
  }
  state->callbacks.push_back(callback);
  execution.Publish(value.object);
  return true;
}

void UnregisterStopCallback(const std::shared_ptr<StopState>& state,
                            std::function<void()>* callback) {
  StopState::Value* const value = state->value.Peek();
  Execution* const execution = Execution::Running();
  if (value == nullptr || execution == nullptr || execution->unwinding()) {
    std::erase(state->callbacks, callback);
    return;
  }
  // A step on the stop state: whether request_stop runs the callback depends on which comes
  // first. When request_stop is running it in another thread, the step waits until it has
  // returned; when it has run already, the step reads request_stop's "stop callback returned"
  // step, so the callback's effects happen before the destructor returns either way (as
  // libstdc++'s, libc++'s and MSVC's destructors acquire the callback's completion).
  const ThreadId self = execution->current_thread();
  TraceEvent& event = execution->Step(
      OpKind::kRead, value->object, std::source_location::current(),
      [value, callback, self] { return value->running != callback || value->running_in == self; });
  if (execution->unwinding()) return;
  execution->Observe(value->object);
  std::erase(state->callbacks, callback);
  event.value = "stop callback deregistered";
}

}  // namespace sync_detail

stop_source::stop_source(std::source_location declared) : stop_source(SourceLine(declared)) {}

stop_source::stop_source(const SourceLine& declared)
    : state_(std::make_shared<sync_detail::StopState>(declared)) {}

bool stop_source::request_stop(std::source_location where) {
  if (state_ == nullptr) return false;
  sync_detail::StopState::Value& value = state_->value.Get("stop_source::request_stop");
  Execution& execution = Execution::Current("stop_source::request_stop");
  TraceEvent& event = execution.Step(OpKind::kUpdate, value.object, where);
  if (execution.unwinding()) return false;
  execution.Observe(value.object);
  if (value.requested) {
    event.value = "stop requested already";
    return false;
  }
  value.requested = true;
  execution.Publish(value.object);
  event.value = "stop requested";
  // The callbacks run in this thread, each once, in the order they registered; one deregistered
  // before its turn (its stop_callback destroyed, here or in another thread) does not run.
  while (!state_->callbacks.empty()) {
    std::function<void()>* const callback = state_->callbacks.front();
    state_->callbacks.erase(state_->callbacks.begin());
    value.running = callback;
    value.running_in = execution.current_thread();
    struct Returned {
      sync_detail::StopState::Value& value;
      ~Returned() { value.running = nullptr; }
    } returned{value};
    (*callback)();
    if (execution.unwinding()) return true;
    // Its stop_callback's destructor, in any thread, reads this step: it waits for it while
    // the callback runs, and the callback's effects happen before the destructor returns.
    TraceEvent& done = execution.Step(OpKind::kUpdate, value.object, where);
    if (execution.unwinding()) return true;
    execution.Publish(value.object);
    done.value = "stop callback returned";
  }
  return true;
}

namespace {
bool StopRequested(const std::shared_ptr<sync_detail::StopState>& state, const SourceLine& where) {
  if (state == nullptr) return false;
  sync_detail::StopState::Value& value = state->value.Get("stop_token::stop_requested");
  Execution& execution = Execution::Current("stop_token::stop_requested");
  TraceEvent& event = execution.Step(OpKind::kRead, value.object, where);
  if (execution.unwinding()) return false;
  execution.Observe(value.object);
  event.value = value.requested ? "true" : "false";
  return value.requested;
}
}  // namespace

bool stop_source::stop_requested(std::source_location where) const {
  return StopRequested(state_, where);
}

bool stop_token::stop_requested(std::source_location where) const {
  return StopRequested(state_, where);
}

jthread& jthread::operator=(jthread&& other) noexcept(false) {
  if (joinable()) {
    request_stop();
    join();
  }
  source_ = std::move(other.source_);
  thread_ = std::move(other.thread_);
  return *this;
}

jthread::~jthread() noexcept(false) {
  if (!joinable()) return;
  Execution* execution = Execution::Running();
  if (execution == nullptr || execution->unwinding()) return;
  request_stop();
  join();
}

}  // namespace interleave::sync
