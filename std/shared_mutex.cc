#include "std/shared_mutex.h"

#include <algorithm>
#include <string>

#include "model/error.h"
#include "model/misuse_error.h"

namespace interleave::sync::sync_detail {

SharedMutexState::SharedMutexState(std::string name, bool)
    : object_(Execution::Current("shared_mutex").AddObject(ObjectKind::kSemaphore, name)),
      readers_clock_(Execution::Current("shared_mutex")
                         .AddObject(ObjectKind::kSemaphore, name + " (its readers' releases)")) {}

void SharedMutexState::UpdateOwner(Execution& execution) {
  execution.SetOwner(object_, writer_ != kNoThread ? writer_
                              : readers_.empty()   ? kNoThread
                                                   : readers_.back());
}

bool SharedMutexState::Lock(bool shared, bool blocking, int64_t microseconds,
                            const SourceLine& where, const SpinFrame* spin) {
  Execution& execution =
      Execution::Current(shared ? "shared_mutex::lock_shared" : "shared_mutex::lock");
  TraceEvent& event = blocking ? execution.Step(
                                     OpKind::kAcquire, object_, where,
                                     [this, shared] { return Free(shared); }, microseconds)
                               : execution.PollStep(OpKind::kAcquire, object_, where, spin);
  if (execution.unwinding()) return false;
  if (!Free(shared)) {  // Timed out, or a try that found it taken.
    event.timed_out = blocking;
    event.value = (shared ? "shared: " : "") + std::string(kNotAcquired);
    if (!blocking) execution.PollDone(object_, false);
    return false;
  }
  const ThreadId self = execution.current_thread();
  execution.Observe(object_);
  if (shared) {
    readers_.push_back(self);
    event.value = "shared (" + std::to_string(readers_.size()) + " readers)";
  } else {
    execution.Observe(readers_clock_);
    writer_ = self;
    locked_at_ = where;
  }
  UpdateOwner(execution);
  if (!blocking) execution.PollDone(object_, true);
  return true;
}

void SharedMutexState::Unlock(bool shared, const SourceLine& where) {
  Execution& execution =
      Execution::Current(shared ? "shared_mutex::unlock_shared" : "shared_mutex::unlock");
  TraceEvent& event = execution.Step(OpKind::kRelease, object_, where);
  if (execution.unwinding()) return;
  const ThreadId self = execution.current_thread();
  const std::string& name = execution.object(object_).name;
  // The messages' parts, built only on a misuse: an unlock is a step of every critical section.
  const auto unlocker = [&] { return "thread '" + execution.thread_name(self) + "'"; };
  const auto at = [&] { return where.ToString(); };
  if (shared) {
    event.value = "shared";
    const auto it = std::find(readers_.rbegin(), readers_.rend(), self);
    if (it == readers_.rend()) {
      const ThreadId holder = writer_ != kNoThread ? writer_
                              : readers_.empty()   ? kNoThread
                                                   : readers_.back();
      const LockMisuse misuse{event.step, self, object_, holder, where};
      throw MisuseError("unlock_shared of shared mutex '" + name + "' by " + unlocker() + " at " +
                            at() + ", which holds no shared lock on it" +
                            (writer_ != kNoThread ? " (thread '" + execution.thread_name(writer_) +
                                                        "' holds it exclusively)"
                                                  : ""),
                        misuse);
    }
    readers_.erase(std::next(it).base());
    execution.Publish(readers_clock_);
  } else {
    const LockMisuse misuse{event.step, self, object_, writer_, where};
    if (writer_ == kNoThread) {
      throw MisuseError("unlock of shared mutex '" + name + "' by " + unlocker() + " at " + at() +
                            ", which nobody holds exclusively" +
                            (std::find(readers_.begin(), readers_.end(), self) != readers_.end()
                                 ? " (the thread holds a shared lock: unlock_shared releases it)"
                                 : ""),
                        misuse);
    }
    if (writer_ != self) {
      throw MisuseError("shared mutex '" + name + "' unlocked by " + unlocker() + " at " + at() +
                            ", but it is held by thread '" + execution.thread_name(writer_) +
                            "' (locked at " + locked_at_.ToString() + ")",
                        misuse);
    }
    writer_ = kNoThread;
    execution.Publish(object_);
  }
  UpdateOwner(execution);
}

}  // namespace interleave::sync::sync_detail
