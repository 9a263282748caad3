#include "model/thread.h"

#include <typeinfo>
#include <utility>

#include "model/error.h"
#include "model/execution.h"

namespace interleave {

Thread::Thread(std::string name, bool daemon) : Thread(nullptr, std::move(name), daemon) {}

Thread::Thread(std::function<void()> target, std::string name, bool daemon)
    : name_(std::move(name)), target_(std::move(target)), daemon_(daemon) {
  Execution& execution = Execution::Current("Thread");
  if (name_.empty()) {
    // MainThread is thread object 0, so the first thread a scenario makes is Thread-1.
    name_ = "Thread-" + std::to_string(execution.CountObjects(ObjectKind::kThread));
  }
  object_ = execution.AddObject(ObjectKind::kThread, name_);
}

Thread::Thread(Thread&& other) noexcept
    : object_(std::move(other.object_)),
      thread_(std::exchange(other.thread_, kNoThread)),
      name_(std::move(other.name_)),
      target_(std::move(other.target_)),
      daemon_(other.daemon_),
      symmetry_group_(std::move(other.symmetry_group_)),
      joined_(other.joined_),
      waited_at_exit_(other.waited_at_exit_),
      started_at_(other.started_at_) {}

Thread::~Thread() noexcept(false) { wait_at_exit(); }

const std::string& Thread::name() const { return name_; }
bool Thread::daemon() const { return daemon_; }
const std::string& Thread::symmetry_group() const { return symmetry_group_; }

void Thread::wait_at_exit() {
  if (thread_ == kNoThread || joined_ || waited_at_exit_) return;
  Execution& execution = Execution::Current("Thread");
  if (execution.unwinding()) return;
  // The exit-wait is a step even when the thread has already finished: whether it had is a
  // read of the thread's state, which a reduction must see (and order against its last step).
  const ThreadId thread = thread_;
  if (!daemon_) {
    execution.Step(OpKind::kExitWait, object_, started_at_,
                   [&execution, thread] { return execution.IsFinished(thread); });
    waited_at_exit_ = !execution.unwinding();
    return;
  }
  if (execution.current_thread() == 0) {
    // The program ends: every non-daemon thread first, then the daemons are cut off.
    execution.Step(OpKind::kExitWait, object_, started_at_, [&execution] {
      for (ThreadId t = 1; t < execution.thread_count(); ++t) {
        if (!execution.IsDaemon(t) && !execution.IsFinished(t)) return false;
      }
      return true;
    });
  }
  if (!execution.IsFinished(thread)) {
    execution.Kill(thread, "daemon thread killed at program exit", started_at_);
  }
  waited_at_exit_ = true;
}

void Thread::run() {
  if (target_) target_();
}

void Thread::set_daemon(bool daemon) {
  if (thread_ != kNoThread) {
    throw ModelError("cannot set daemon status of active thread '" + name_ + "'");
  }
  daemon_ = daemon;
}

void Thread::set_symmetric(std::string group) {
  if (thread_ != kNoThread) {
    throw ModelError("cannot declare active thread '" + name_ + "' symmetric");
  }
  if (group.empty()) throw ModelError("thread '" + name_ + "': a symmetry group needs a name");
  symmetry_group_ = std::move(group);
}

void Thread::start(std::source_location where) {
  Execution& execution = Execution::Current("Thread::start");
  if (thread_ != kNoThread) {
    throw ModelError("thread '" + name_ + "' started twice (at " +
                     SourceLine::From(where).ToString() + ")");
  }
  execution.Step(OpKind::kStart, object_, where);
  started_at_ = where;
  // A target moves into the new thread, so a started Thread may still be moved (in a vector);
  // a subclass's run() needs this very object, which make_thread keeps in place.
  // The function's type, for a symmetry group (a lambda's closure type, or the subclass).
  const std::type_info& function_type = target_ ? target_.target_type() : typeid(*this);
  std::function<void()> body =
      target_ ? std::move(target_) : std::function<void()>([this] { run(); });
  // Before it runs: Spawn runs the new thread up to its first visible operation.
  if (!symmetry_group_.empty()) {
    execution.SetSymmetryGroup(execution.thread_count(), symmetry_group_, function_type, name_,
                               daemon_);
  }
  thread_ = execution.Spawn(object_, name_, std::move(body), daemon_);
  // CPython's Thread.start() waits on the new thread's _started event: the new thread runs
  // first and, holding the GIL, usually goes on to its first blocking call (seed 000's daemon
  // logs "Thread 1: starting" before main's next line). In time mode virtual, which reproduces
  // the seeds' timelines, the new thread therefore goes on without a preemption after a start
  // and main's next step is the preemption; the minimal counterexample then shows the new
  // thread starting, as the seed printed. (In `any` the convention stays "the thread that ran
  // the last step goes on": every schedule is possible there and its goldens and preemption
  // bounds count that way. Either way the set of schedules is the same.)
  if (execution.time_mode() == TimeMode::kVirtual && !execution.unwinding()) {
    execution.HandOff(thread_);
  }
}

void Thread::join(std::source_location where) { join(-1, where); }

void Thread::join(double seconds, std::source_location where) {
  Execution& execution = Execution::Current("Thread::join");
  if (thread_ == kNoThread) {
    throw ModelError("cannot join thread '" + name_ + "' before it is started (at " +
                     SourceLine::From(where).ToString() + ")");
  }
  const ThreadId thread = thread_;
  const TraceEvent& event = execution.Step(
      OpKind::kJoin, object_, where, [&execution, thread] { return execution.IsFinished(thread); },
      seconds < 0 ? kForever : Microseconds(seconds));
  if (execution.unwinding() || event.timed_out) return;
  execution.Observe(object_);
  joined_ = true;
}

bool Thread::is_alive(std::source_location where) const {
  Execution& execution = Execution::Current("Thread::is_alive");
  TraceEvent& event = execution.Step(OpKind::kRead, object_, where);
  const bool alive = thread_ != kNoThread && !execution.IsFinished(thread_);
  if (!alive && thread_ != kNoThread) execution.Observe(object_);
  event.value = alive ? "alive" : "not alive";
  return alive;
}

namespace internal {

void AtProgramExit(std::function<void()> callback) {
  Execution::Current("make_thread").AtProgramExit(std::move(callback));
}

}  // namespace internal

}  // namespace interleave
