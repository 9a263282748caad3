#include "model/thread.h"

#include <utility>

#include "model/error.h"
#include "model/execution.h"

namespace interleave {

Thread::Thread(std::function<void()> target, std::string name)
    : name_(std::move(name)), target_(std::move(target)) {
  Execution& execution = Execution::Current("Thread");
  if (name_.empty()) {
    // MainThread is thread object 0, so the first thread a scenario makes is Thread-1.
    name_ = "Thread-" + std::to_string(execution.CountObjects(ObjectKind::kThread));
  }
  object_ = execution.AddObject(ObjectKind::kThread, name_);
}

Thread::Thread(Thread&& other) noexcept
    : object_(std::exchange(other.object_, kNoObject)),
      thread_(std::exchange(other.thread_, kNoThread)),
      name_(std::move(other.name_)),
      target_(std::move(other.target_)),
      joined_(other.joined_),
      started_at_(other.started_at_) {}

Thread::~Thread() noexcept(false) {
  if (thread_ == kNoThread || joined_) return;
  Execution& execution = Execution::Current("Thread");
  if (execution.tearing_down() || execution.IsFinished(thread_)) return;
  const ThreadId thread = thread_;
  execution.Step(OpKind::kExitWait, object_, started_at_,
                 [&execution, thread] { return execution.IsFinished(thread); });
}

void Thread::start(std::source_location where) {
  Execution& execution = Execution::Current("Thread::start");
  if (thread_ != kNoThread) {
    throw ModelError("thread '" + name_ + "' started twice (at " +
                     SourceLine::From(where).ToString() + ")");
  }
  execution.Step(OpKind::kStart, object_, where);
  started_at_ = where;
  thread_ = execution.Spawn(object_, name_, std::move(target_));
}

void Thread::join(std::source_location where) {
  Execution& execution = Execution::Current("Thread::join");
  if (thread_ == kNoThread) {
    throw ModelError("cannot join thread '" + name_ + "' before it is started (at " +
                     SourceLine::From(where).ToString() + ")");
  }
  const ThreadId thread = thread_;
  execution.Step(OpKind::kJoin, object_, where,
                 [&execution, thread] { return execution.IsFinished(thread); });
  joined_ = true;
}

}  // namespace interleave
