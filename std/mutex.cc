#include "std/mutex.h"

#include <string>

#include "model/api.h"
#include "model/object_handle.h"

namespace interleave::sync {
namespace sync_detail {

void LockAll(Mutex* const* mutexes, int count, const SourceLine& where) {
  Execution& execution = Execution::Current("std::lock");
  // One object per execution stands for every lock of several mutexes: its steps are global
  // (they read and change every mutex they take). Per OS thread: each search worker runs its
  // own executions.
  thread_local uint64_t serial = 0;
  thread_local ObjectHandle object;
  if (serial != execution.serial()) {
    object = execution.AddObject(ObjectKind::kLock, "lock(several mutexes)");
    execution.SetGlobal(object.id());
    serial = execution.serial();
  }
  TraceEvent& event = execution.Step(OpKind::kAcquire, object, where, [mutexes, count] {
    for (int i = 0; i < count; ++i) {
      if (!mutexes[i]->IsFree()) return false;
    }
    return true;
  });
  if (execution.unwinding()) return;
  std::string taken;
  for (int i = 0; i < count; ++i) {
    mutexes[i]->TakeNow(where);
    taken += (i == 0 ? "" : ", ") + execution.object(mutexes[i]->id()).name;
  }
  event.value = taken;
}

}  // namespace sync_detail

once_flag::State::State(std::string name, bool) : lock(std::move(name)) {}

namespace this_thread {

void yield(std::source_location where) { interleave::sleep(0, where); }

thread_id get_id() {
  Execution& execution = Execution::Current("this_thread::get_id");
  execution.NoteOwnIdentityRead("std::this_thread::get_id()");
  return thread_id(execution.current_thread());
}

void sleep_for_microseconds(int64_t microseconds, std::source_location where) {
  interleave::sleep(static_cast<double>(microseconds) / 1e6, where);
}

}  // namespace this_thread
}  // namespace interleave::sync
