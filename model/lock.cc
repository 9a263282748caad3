#include "model/lock.h"

#include <utility>

#include "model/error.h"
#include "model/execution.h"

namespace interleave {

Lock::Lock(std::string name)
    : object_(Execution::Current("Lock").AddObject(ObjectKind::kLock, std::move(name))) {}

void Lock::acquire(std::source_location where) {
  Execution& execution = Execution::Current("Lock::acquire");
  const ObjectId object = object_;
  execution.Step(OpKind::kAcquire, object, where,
                 [&execution, object] { return execution.object(object).owner == kNoThread; });
  execution.SetOwner(object_, execution.current_thread());
}

void Lock::release(std::source_location where) {
  Execution& execution = Execution::Current("Lock::release");
  execution.Step(OpKind::kRelease, object_, where);
  if (execution.tearing_down()) return;
  if (execution.object(object_).owner == kNoThread) {
    throw ModelError("release of unlocked lock '" + execution.object(object_).name + "' at " +
                     SourceLine::From(where).ToString());
  }
  execution.SetOwner(object_, kNoThread);
}

bool Lock::locked() const {
  return Execution::Current("Lock::locked").object(object_).owner != kNoThread;
}

LockGuard::LockGuard(Lock& lock, std::source_location where) : lock_(lock), where_(where) {
  lock_.acquire(where_);
}

LockGuard::~LockGuard() noexcept(false) { lock_.release(where_); }

}  // namespace interleave
