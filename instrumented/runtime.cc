// The runtime of unmodified programs: model objects by address (runtime.h).
#include "instrumented/runtime.h"

#include <setjmp.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <deque>
#include <memory>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "instrumented/naming.h"
#include "model/execution.h"

namespace interleave::instrumented {

int g_runtime_depth = 0;

bool Active() { return g_runtime_depth == 0 && Execution::InScenarioCode(); }

namespace {

// A call into the model that may switch to other fibers: each has its own depth, which it
// restores when it is resumed here (a new thread starts at 0).
template <typename F>
decltype(auto) Switching(F&& f) {
  struct Restore {
    int saved = g_runtime_depth;
    ~Restore() { g_runtime_depth = saved; }
  } restore;
  return f();
}

struct ThreadRecord {
  ThreadId id = kNoThread;
  ObjectId object = kNoObject;
  void* (*start)(void*) = nullptr;
  void* arg = nullptr;
  void* result = nullptr;
  bool detached = false;
  bool joined = false;
  int atomic_depth = 0;                // Inside __VERIFIER_atomic_* functions.
  std::vector<uint8_t> atomic_frames;  // Per instrumented frame: it began an atomic section.
  jmp_buf exit_jump;                   // pthread_exit, exit: back to the thread's top.
  uintptr_t stack_base = 0;            // A frame address at the thread's top (names its locals).
};

struct MutexState {
  ObjectId object = kNoObject;
  int type = 0;   // PTHREAD_MUTEX_NORMAL, RECURSIVE, ERRORCHECK.
  int count = 0;  // Recursion depth of the holder.
};

struct CondState {
  ObjectId object = kNoObject;
  std::vector<std::pair<ThreadId, bool>> waiters;  // Thread, woken.
};

struct SemState {
  ObjectId object = kNoObject;
  int64_t value = 0;
};

struct BarrierState {
  ObjectId object = kNoObject;
  unsigned count = 0;
  unsigned arrived = 0;
  uint64_t generation = 0;
};

struct RwState {
  ObjectId object = kNoObject;
  int readers = 0;
  ThreadId writer = kNoThread;
};

// Per execution; cleared (capacity kept) when the next one starts.
struct State {
  std::unordered_map<uintptr_t, ObjectId> words;
  std::unordered_map<uintptr_t, MutexState> mutexes;
  std::unordered_map<uintptr_t, CondState> conds;
  std::unordered_map<uintptr_t, SemState> sems;
  std::unordered_map<uintptr_t, BarrierState> barriers;
  std::unordered_map<uintptr_t, RwState> rwlocks;
  std::unordered_map<uintptr_t, int> onces;  // 0 new, 1 running, 2 done.
  std::unordered_map<uintptr_t, ObjectId> once_objects;
  // pthread keys: per key, the value of each thread (by id).
  std::unordered_map<unsigned, std::unordered_map<ThreadId, void*>> keys;
  unsigned next_key = 0;
  std::deque<ThreadRecord> threads;     // By model thread id.
  ObjectId atomic_section = kNoObject;  // The lock behind __VERIFIER_atomic_*.
  // Threads not joined yet, main included: while it is 1, every other thread was joined (or
  // none was started), so start and join edges order the current thread's accesses against
  // all others and an access cannot race: no step. A thread that finished unjoined still
  // counts: nothing orders its accesses before main's next ones.
  int live = 1;
  bool main_exited_thread = false;  // main called pthread_exit.
  bool exiting = false;
};
State& S() {
  static auto* const state = new State;
  return *state;
}

// Across executions: names and lines by address.
std::unordered_map<uintptr_t, std::string>& Names() {
  static auto* const names = new std::unordered_map<uintptr_t, std::string>;
  return *names;
}
std::unordered_map<uintptr_t, SourceLine>& Lines() {
  static auto* const lines = new std::unordered_map<uintptr_t, SourceLine>;
  return *lines;
}
std::unordered_map<uintptr_t, bool>& VerifierAtomic() {
  static auto* const atomic = new std::unordered_map<uintptr_t, bool>;
  return *atomic;
}

SourceLine Where(const void* pc) {
  ++g_runtime_depth;  // Also inside Switching: the symbolizer's locks are the runtime's.
  struct Leave {
    ~Leave() { --g_runtime_depth; }
  } leave;
  const auto key = reinterpret_cast<uintptr_t>(pc);
  auto [it, inserted] = Lines().try_emplace(key);
  if (inserted) {
    it->second = LineOf(key);
    if (it->second.file == nullptr || it->second.file[0] == '\0') {
      it->second = SourceLine("(unknown)", 0);
    }
  }
  return it->second;
}

std::string Hex(uintptr_t value) {
  char text[32];
  std::snprintf(text, sizeof text, "0x%lx", static_cast<unsigned long>(value));
  return text;
}

const std::string& NameFor(uintptr_t address);

Execution& Exec() { return *Execution::Running(); }

// Names that are the same in every process (replay tokens check them): a global by its symbol
// (naming.h), a heap block by its offset in this execution's heap, a local by its thread and
// its distance from the thread's top frame; never a raw address that ASLR moves.
const std::string& NameFor(uintptr_t address) {
  static auto* const scratch = new std::string;
  if (const int64_t offset = HeapOffset(address); offset >= 0) {
    *scratch = "heap+" + Hex(static_cast<uintptr_t>(offset));
    return *scratch;
  }
  Execution& execution = Exec();
  for (const ThreadRecord& thread : S().threads) {
    if (thread.stack_base >= address && thread.stack_base - address < execution.stack_size()) {
      *scratch = execution.thread_name(thread.id) + " stack-" + Hex(thread.stack_base - address);
      return *scratch;
    }
  }
  auto [it, inserted] = Names().try_emplace(address);
  if (inserted) it->second = NameOf(address);
  return it->second;
}
ThreadRecord& Self() { return S().threads[static_cast<std::size_t>(Exec().current_thread())]; }

// The object of `address` (a word), named after `named`, the first address touched in it.
ObjectId ObjectAt(std::unordered_map<uintptr_t, ObjectId>& map, uintptr_t address, ObjectKind kind,
                  uintptr_t named = 0) {
  auto [it, inserted] = map.try_emplace(address, kNoObject);
  if (inserted) it->second = Exec().AddObject(kind, NameFor(named != 0 ? named : address));
  return it->second;
}

template <typename T>
T& StateAt(std::unordered_map<uintptr_t, T>& map, const void* address, ObjectKind kind) {
  const auto key = reinterpret_cast<uintptr_t>(address);
  auto [it, inserted] = map.try_emplace(key);
  if (inserted) it->second.object = Exec().AddObject(kind, NameFor(key));
  return it->second;
}

std::string ValueText(uintptr_t address, std::size_t size) {
  uint64_t value = 0;
  switch (size) {
    case 1:
      value = *reinterpret_cast<const uint8_t*>(address);
      break;
    case 2:
      value = *reinterpret_cast<const uint16_t*>(address);
      break;
    case 4:
      value = *reinterpret_cast<const uint32_t*>(address);
      break;
    case 8:
      value = *reinterpret_cast<const uint64_t*>(address);
      break;
    default:
      return "";
  }
  if (size == 4) return std::to_string(static_cast<int32_t>(value));
  if (size == 8) return std::to_string(static_cast<int64_t>(value));
  return std::to_string(value);
}

}  // namespace

void StartExecution() {
  RuntimeScope scope;
  State& s = S();
  s.words.clear();
  s.mutexes.clear();
  s.conds.clear();
  s.sems.clear();
  s.barriers.clear();
  s.rwlocks.clear();
  s.onces.clear();
  s.once_objects.clear();
  s.keys.clear();
  s.next_key = 0;
  s.threads.clear();
  s.threads.emplace_back();
  s.threads.back().id = 0;
  s.threads.back().object = 0;  // MainThread is the execution's first object.
  s.atomic_section = kNoObject;
  s.live = 1;
  s.main_exited_thread = false;
  s.exiting = false;
}

void ProgramExit() {
  State& s = S();
  s.exiting = true;
  Execution& execution = Exec();
  const ThreadId self = execution.current_thread();
  for (ThreadId t = execution.thread_count() - 1; t >= 0; --t) {
    if (t == self || execution.IsFinished(t)) continue;
    Switching([&] {
      execution.Kill(t, "thread ended by the program's exit", execution.LastStepOf(self));
    });
  }
}

int RunMain(const std::function<int()>& main) {
  ThreadRecord& self = S().threads[0];
  volatile int code = 0;
  self.stack_base = reinterpret_cast<uintptr_t>(__builtin_frame_address(0));
  if (setjmp(self.exit_jump) == 0) code = main();
  // main returned, called exit(), or pthread_exit().
  if (!S().main_exited_thread) {
    RuntimeScope scope;
    ProgramExit();
  }
  return code;
}

// ---- Memory -------------------------------------------------------------------------------
// An access is a visible step unless every thread but main has been joined (before the first
// pthread_create, after the last join: the happens-before of start and join orders it against
// every other access, so nothing can interleave with it) or it lies inside an
// SV-COMP atomic section (which the section's lock orders). A variable is its start address:
// accesses of up to 8 bytes are one object by address, wider ones (16 bytes, ranges) one per
// 8 bytes from their start. Accesses of different sizes that overlap at different start
// addresses (a union, a struct read whole and by field) are different objects: a dependence
// the search does not see (README "Unmodified programs").
void Access(const void* address, std::size_t size, bool write, const void* pc) {
  State& s = S();
  if (s.live <= 1 || size == 0) return;
  RuntimeScope scope;
  if (s.threads[static_cast<std::size_t>(Exec().current_thread())].atomic_depth > 0) return;
  const auto first = reinterpret_cast<uintptr_t>(address);
  const uintptr_t last = size <= 8 ? first : first + size - 1;
  const SourceLine where = Where(pc);
  for (uintptr_t at = first; at <= last; at += 8) {
    const ObjectId object = ObjectAt(s.words, at, ObjectKind::kShared);
    TraceEvent& event = Switching([&]() -> TraceEvent& {
      return Exec().Step(write ? OpKind::kWrite : OpKind::kRead, object, where);
    });
    if (!write && size <= 8) event.value = ValueText(first, size);
  }
}

void FunctionEntry(const void* pc) {
  RuntimeScope scope;
  const auto key = reinterpret_cast<uintptr_t>(pc);
  auto [it, inserted] = VerifierAtomic().try_emplace(key, false);
  if (inserted) it->second = FunctionOf(key).starts_with("__VERIFIER_atomic_");
  ThreadRecord& self = Self();
  self.atomic_frames.push_back(it->second ? 1 : 0);
  if (it->second) {
    g_runtime_depth--;
    AtomicBegin(pc);
    g_runtime_depth++;
  }
}

void FunctionExit() {
  RuntimeScope scope;
  ThreadRecord& self = Self();
  if (self.atomic_frames.empty()) return;
  const bool atomic = self.atomic_frames.back() != 0;
  self.atomic_frames.pop_back();
  if (atomic) {
    g_runtime_depth--;
    AtomicEnd(nullptr);
    g_runtime_depth++;
  }
}

namespace {
TraceEvent* g_atomic_event = nullptr;  // AtomicBefore's step, for AtomicAfter.
ObjectId g_atomic_object = kNoObject;
}  // namespace

bool AtomicBefore(const void* address, const void* pc) {
  State& s = S();
  if (s.live <= 1) return false;
  RuntimeScope scope;
  Execution& execution = Exec();
  const ObjectId object =
      ObjectAt(s.words, reinterpret_cast<uintptr_t>(address), ObjectKind::kShared);
  // An update: dependent with every other atomic operation on the word (sequentially
  // consistent), and an edge both ways (release and acquire).
  TraceEvent& event = Switching(
      [&]() -> TraceEvent& { return execution.Step(OpKind::kUpdate, object, Where(pc)); });
  execution.Observe(object);
  g_atomic_event = &event;
  g_atomic_object = object;
  return true;
}

void AtomicAfter(int64_t result) {
  RuntimeScope scope;
  Exec().Publish(g_atomic_object);
  g_atomic_event->value = std::to_string(result);
}

// ---- SV-COMP ------------------------------------------------------------------------------
// An atomic section is a lock every section takes: sections exclude each other. Accesses
// inside are invisible; those of other threads outside any section still interleave with it
// (more schedules than SV-COMP's semantics allow: a PASS stays a proof).
void AtomicBegin(const void* pc) {
  State& s = S();
  RuntimeScope scope;
  ThreadRecord& self = Self();
  if (self.atomic_depth++ > 0) return;
  if (s.live <= 1 && s.atomic_section == kNoObject) return;
  Execution& execution = Exec();
  if (s.atomic_section == kNoObject) {
    s.atomic_section = execution.AddObject(ObjectKind::kLock, "__VERIFIER_atomic");
  }
  const ObjectId lock = s.atomic_section;
  Switching([&] {
    execution.Step(OpKind::kAcquire, lock, Where(pc),
                   [&execution, lock] { return execution.object(lock).owner == kNoThread; });
  });
  execution.SetOwner(lock, execution.current_thread());
  execution.Observe(lock);
}

void AtomicEnd(const void* pc) {
  State& s = S();
  RuntimeScope scope;
  ThreadRecord& self = Self();
  if (self.atomic_depth == 0 || --self.atomic_depth > 0) return;
  Execution& execution = Exec();
  const ObjectId lock = s.atomic_section;
  if (lock == kNoObject || execution.object(lock).owner != execution.current_thread()) return;
  Switching([&] {
    execution.Step(OpKind::kRelease, lock,
                   pc != nullptr ? Where(pc) : execution.LastStepOf(execution.current_thread()));
  });
  execution.Publish(lock);
  execution.SetOwner(lock, kNoThread);
}

int Nondet(int lo, int hi, const void* pc) {
  RuntimeScope scope;
  return Switching([&] { return Exec().Choose(lo, hi, Where(pc)); });
}

void ErrorReached(const char* what, const void* pc) {
  RuntimeScope scope;
  Exec().Fail(FailureKind::kAssertion, std::string(what) + " reached", Where(pc));
}

// ---- Threads ------------------------------------------------------------------------------
// pthread_t values of model threads: kThreadBase + id, never a real thread's.
constexpr uintptr_t kThreadBase = 0x1000;

int ThreadCreate(uintptr_t* handle, void* (*start)(void*), void* arg, bool detached,
                 const void* pc) {
  State& s = S();
  RuntimeScope scope;
  Execution& execution = Exec();
  const auto id = static_cast<ThreadId>(execution.thread_count());
  const ObjectId object = execution.AddObject(ObjectKind::kThread, "Thread-" + std::to_string(id));
  Switching([&] { execution.Step(OpKind::kStart, object, Where(pc)); });
  s.threads.emplace_back();
  ThreadRecord& record = s.threads.back();
  record.id = id;
  record.object = object;
  record.start = start;
  record.arg = arg;
  record.detached = detached;
  *handle = kThreadBase + static_cast<uintptr_t>(id);
  ++s.live;
  Switching([&] {
    execution.Spawn(object, "Thread-" + std::to_string(id), [id] {
      g_runtime_depth = 0;
      ThreadRecord& self = S().threads[static_cast<std::size_t>(id)];
      self.stack_base = reinterpret_cast<uintptr_t>(__builtin_frame_address(0));
      if (setjmp(self.exit_jump) == 0) self.result = self.start(self.arg);
    });
  });
  return 0;
}

ThreadRecord* Record(uintptr_t handle) {
  State& s = S();
  if (handle < kThreadBase || handle - kThreadBase >= s.threads.size()) return nullptr;
  return &s.threads[handle - kThreadBase];
}

int ThreadJoin(uintptr_t handle, void** result, const void* pc) {
  RuntimeScope scope;
  ThreadRecord* record = Record(handle);
  if (record == nullptr) return 3;  // ESRCH
  Execution& execution = Exec();
  if (record->id == execution.current_thread()) return 35;  // EDEADLK
  if (record->detached || record->joined) return 22;        // EINVAL
  const ThreadId thread = record->id;
  Switching([&] {
    execution.Step(OpKind::kJoin, record->object, Where(pc),
                   [&execution, thread] { return execution.IsFinished(thread); });
  });
  execution.Observe(record->object);
  record->joined = true;
  --S().live;
  if (result != nullptr) *result = record->result;
  return 0;
}

[[noreturn]] void ThreadExit(void* result) {
  ThreadRecord& self = Self();
  self.result = result;
  if (self.id == 0) S().main_exited_thread = true;
  g_runtime_depth = 0;
  longjmp(self.exit_jump, 1);
}

[[noreturn]] void Exit(int /*code*/) {
  {
    RuntimeScope scope;
    ProgramExit();
  }
  ThreadRecord& self = Self();
  g_runtime_depth = 0;
  longjmp(self.exit_jump, 1);
}

uintptr_t ThreadSelf() { return kThreadBase + static_cast<uintptr_t>(Exec().current_thread()); }

// ---- Mutexes ------------------------------------------------------------------------------
// glibc's pthread_mutex_t keeps its kind at byte 16 (PTHREAD_RECURSIVE_MUTEX_INITIALIZER_NP
// and pthread_mutex_init with an attribute both write it there).
int MutexKind(const void* mutex) {
  int kind = 0;
  std::memcpy(&kind, static_cast<const char*>(mutex) + 16, sizeof kind);
  return kind & 3;
}

MutexState& MutexAt(const void* mutex) {
  const auto key = reinterpret_cast<uintptr_t>(mutex);
  auto [it, inserted] = S().mutexes.try_emplace(key);
  if (inserted) {
    it->second.object = Exec().AddObject(ObjectKind::kLock, NameFor(key));
    it->second.type = MutexKind(mutex);
  }
  return it->second;
}

// 0, EBUSY (16), ETIMEDOUT (110), EDEADLK (35).
int MutexLock(void* mutex, bool try_only, int64_t timeout, const void* pc) {
  RuntimeScope scope;
  Execution& execution = Exec();
  MutexState& state = MutexAt(mutex);
  const ObjectId object = state.object;
  const ThreadId self = execution.current_thread();
  const bool recursive = state.type == 1;
  // A recursive mutex's nested lock and unlock change nothing another thread can see (the
  // holder stays the holder): no step. (A step there also hid the race between the outer
  // acquires from dpor.) An errorcheck mutex's relock fails at once.
  if (recursive && execution.object(object).owner == self) {
    ++state.count;
    return 0;
  }
  if (state.type == 2 && execution.object(object).owner == self) return 35;
  TraceEvent* event = nullptr;
  if (try_only) {
    event = &Switching(
        [&]() -> TraceEvent& { return execution.Step(OpKind::kAcquire, object, Where(pc)); });
    if (execution.object(object).owner != kNoThread) {
      event->value = "not acquired";
      return 16;
    }
  } else {
    event = &Switching([&]() -> TraceEvent& {
      return execution.Step(
          OpKind::kAcquire, object, Where(pc),
          [&execution, object] { return execution.object(object).owner == kNoThread; }, timeout);
    });
    if (event->timed_out) {
      event->value = "timed out";
      return 110;
    }
  }
  execution.SetOwner(object, self);
  execution.Observe(object);
  state.count = 1;
  return 0;
}

int SpinLock(void* lock, bool try_only, const void* pc) {
  {
    RuntimeScope scope;
    const auto key = reinterpret_cast<uintptr_t>(lock);
    auto [it, inserted] = S().mutexes.try_emplace(key);
    if (inserted) it->second.object = Exec().AddObject(ObjectKind::kLock, NameFor(key));
  }
  return MutexLock(lock, try_only, kForever, pc);
}

int MutexUnlock(void* mutex, const void* pc) {
  RuntimeScope scope;
  Execution& execution = Exec();
  MutexState& state = MutexAt(mutex);
  const ObjectId object = state.object;
  if (state.count > 1 && execution.object(object).owner == execution.current_thread()) {
    --state.count;  // A nested unlock of a recursive mutex: no step (MutexLock).
    return 0;
  }
  Switching([&] { execution.Step(OpKind::kRelease, object, Where(pc)); });
  if (execution.object(object).owner != execution.current_thread()) return 1;  // EPERM
  state.count = 0;
  execution.Publish(object);
  execution.SetOwner(object, kNoThread);
  return 0;
}

// ---- Condition variables ------------------------------------------------------------------
// wait: register, release the mutex (a step), wait until notified (a step), take the mutex
// back (a step). signal wakes one waiter (which one is a data choice), broadcast all.
int CondWait(void* cond, void* mutex, int64_t timeout, const void* pc) {
  RuntimeScope scope;
  Execution& execution = Exec();
  const auto key = reinterpret_cast<uintptr_t>(cond);
  CondState& state = StateAt(S().conds, cond, ObjectKind::kCondition);
  const ObjectId object = state.object;
  const ThreadId self = execution.current_thread();
  state.waiters.emplace_back(self, false);
  g_runtime_depth--;
  MutexUnlock(mutex, pc);
  g_runtime_depth++;
  auto woken = [key, self] {
    for (const auto& [thread, flag] : S().conds[key].waiters) {
      if (thread == self) return flag;
    }
    return true;
  };
  TraceEvent& event = Switching([&]() -> TraceEvent& {
    return execution.Step(OpKind::kWait, object, Where(pc), woken, timeout);
  });
  bool timed_out = false;
  {
    std::vector<std::pair<ThreadId, bool>>& waiters = S().conds[key].waiters;
    for (auto it = waiters.begin(); it != waiters.end(); ++it) {
      if (it->first != self) continue;
      timed_out = !it->second && event.timed_out;
      waiters.erase(it);
      break;
    }
  }
  if (timed_out) {
    event.value = "timed out";
  } else {
    execution.Observe(object);
  }
  g_runtime_depth--;
  MutexLock(mutex, false, kForever, pc);
  g_runtime_depth++;
  return timed_out ? 110 : 0;
}

int CondNotify(void* cond, bool all, const void* pc) {
  RuntimeScope scope;
  Execution& execution = Exec();
  CondState& state = StateAt(S().conds, cond, ObjectKind::kCondition);
  const ObjectId object = state.object;
  TraceEvent& event = Switching(
      [&]() -> TraceEvent& { return execution.Step(OpKind::kNotify, object, Where(pc)); });
  execution.Publish(object);
  std::vector<std::size_t> sleeping;
  for (std::size_t i = 0; i < state.waiters.size(); ++i) {
    if (!state.waiters[i].second) sleeping.push_back(i);
  }
  int woken = 0;
  if (all) {
    for (const std::size_t i : sleeping) state.waiters[i].second = true;
    woken = static_cast<int>(sleeping.size());
  } else if (!sleeping.empty()) {
    const int pick = sleeping.size() == 1
                         ? 0
                         : execution.ChooseInStep(event, 0, static_cast<int>(sleeping.size()) - 1);
    state.waiters[sleeping[static_cast<std::size_t>(pick)]].second = true;
    woken = 1;
  }
  event.value = std::to_string(woken);
  return 0;
}

// ---- Semaphores ---------------------------------------------------------------------------
int SemInit(void* sem, unsigned value) {
  RuntimeScope scope;
  SemState& state = StateAt(S().sems, sem, ObjectKind::kSemaphore);
  state.value = value;
  return 0;
}

int SemWait(void* sem, bool try_only, int64_t timeout, const void* pc) {
  RuntimeScope scope;
  Execution& execution = Exec();
  const auto key = reinterpret_cast<uintptr_t>(sem);
  SemState& state = StateAt(S().sems, sem, ObjectKind::kSemaphore);
  const ObjectId object = state.object;
  TraceEvent& event = Switching([&]() -> TraceEvent& {
    if (try_only) return execution.Step(OpKind::kAcquire, object, Where(pc));
    return execution.Step(
        OpKind::kAcquire, object, Where(pc), [key] { return S().sems[key].value > 0; }, timeout);
  });
  SemState& now = S().sems[key];
  if (now.value <= 0) {
    event.value = try_only ? "not acquired" : "timed out";
    return try_only ? 11 : 110;  // EAGAIN, ETIMEDOUT
  }
  --now.value;
  execution.Observe(object);
  return 0;
}

int SemPost(void* sem, const void* pc) {
  RuntimeScope scope;
  Execution& execution = Exec();
  SemState& state = StateAt(S().sems, sem, ObjectKind::kSemaphore);
  const ObjectId object = state.object;
  Switching([&] { execution.Step(OpKind::kRelease, object, Where(pc)); });
  execution.Publish(object);
  ++S().sems[reinterpret_cast<uintptr_t>(sem)].value;
  return 0;
}

// ---- Barriers, rwlocks, once, sleep --------------------------------------------------------
int BarrierInit(void* barrier, unsigned count) {
  RuntimeScope scope;
  BarrierState& state = StateAt(S().barriers, barrier, ObjectKind::kBarrier);
  state.count = count;
  state.arrived = 0;
  return 0;
}

int BarrierWait(void* barrier, const void* pc) {
  RuntimeScope scope;
  Execution& execution = Exec();
  const auto key = reinterpret_cast<uintptr_t>(barrier);
  BarrierState& state = StateAt(S().barriers, barrier, ObjectKind::kBarrier);
  const ObjectId object = state.object;
  Switching([&] { execution.Step(OpKind::kPut, object, Where(pc)); });
  execution.Publish(object);
  BarrierState& now = S().barriers[key];
  const uint64_t generation = now.generation;
  if (++now.arrived >= now.count) {
    now.arrived = 0;
    ++now.generation;
    execution.Observe(object);
    return -1;  // PTHREAD_BARRIER_SERIAL_THREAD
  }
  Switching([&] {
    execution.Step(OpKind::kWait, object, Where(pc),
                   [key, generation] { return S().barriers[key].generation != generation; });
  });
  execution.Observe(object);
  return 0;
}

// A reader-writer lock: one object, readers counted; a writer waits for none.
int RwLock(void* lock, bool write, bool try_only, const void* pc) {
  RuntimeScope scope;
  Execution& execution = Exec();
  const auto key = reinterpret_cast<uintptr_t>(lock);
  RwState& state = StateAt(S().rwlocks, lock, ObjectKind::kLock);
  const ObjectId object = state.object;
  auto free = [key, write] {
    const RwState& s = S().rwlocks[key];
    return s.writer == kNoThread && (!write || s.readers == 0);
  };
  Switching([&] {
    if (try_only) {
      execution.Step(OpKind::kAcquire, object, Where(pc));
    } else {
      execution.Step(OpKind::kAcquire, object, Where(pc), free);
    }
  });
  if (!free()) return 16;
  RwState& now = S().rwlocks[key];
  if (write) {
    now.writer = execution.current_thread();
    execution.SetOwner(object, now.writer);
  } else {
    ++now.readers;
  }
  execution.Observe(object);
  return 0;
}

int RwUnlock(void* lock, const void* pc) {
  RuntimeScope scope;
  Execution& execution = Exec();
  const auto key = reinterpret_cast<uintptr_t>(lock);
  RwState& state = StateAt(S().rwlocks, lock, ObjectKind::kLock);
  const ObjectId object = state.object;
  Switching([&] { execution.Step(OpKind::kRelease, object, Where(pc)); });
  execution.Publish(object);
  RwState& now = S().rwlocks[key];
  if (now.writer == execution.current_thread()) {
    now.writer = kNoThread;
    execution.SetOwner(object, kNoThread);
  } else if (now.readers > 0) {
    --now.readers;
  }
  return 0;
}

int Once(void* once, void (*init)(), const void* pc) {
  const auto key = reinterpret_cast<uintptr_t>(once);
  {
    RuntimeScope scope;
    Execution& execution = Exec();
    S().onces.try_emplace(key, 0);
    // The control word stands for itself: a lock that orders the runs.
    const ObjectId object = ObjectAt(S().once_objects, key, ObjectKind::kLock);
    Switching([&] {
      execution.Step(OpKind::kAcquire, object, Where(pc), [key] { return S().onces[key] != 1; });
    });
    execution.Observe(object);
    if (S().onces[key] == 2) return 0;
    S().onces[key] = 1;
  }
  init();
  RuntimeScope scope;
  Execution& execution = Exec();
  S().onces[key] = 2;
  const ObjectId object = ObjectAt(S().once_objects, key, ObjectKind::kLock);
  Switching([&] { execution.Step(OpKind::kRelease, object, Where(pc)); });
  execution.Publish(object);
  return 0;
}

// ---- Thread-specific data -----------------------------------------------------------------
// Keys are per execution and values per model thread (the OS thread's are shared by all the
// fibers). Destructors are not run.
unsigned KeyCreate() {
  RuntimeScope scope;
  const unsigned key = S().next_key++;
  S().keys[key];
  return key;
}

void* KeyGet(unsigned key) {
  RuntimeScope scope;
  auto it = S().keys.find(key);
  if (it == S().keys.end()) return nullptr;
  auto value = it->second.find(Exec().current_thread());
  return value == it->second.end() ? nullptr : value->second;
}

int KeySet(unsigned key, const void* value) {
  RuntimeScope scope;
  auto it = S().keys.find(key);
  if (it == S().keys.end()) return 22;  // EINVAL
  it->second[Exec().current_thread()] = const_cast<void*>(value);
  return 0;
}

void Sleep(int64_t microseconds, const void* pc) {
  RuntimeScope scope;
  Switching([&] { Exec().Sleep(microseconds, Where(pc)); });
}

}  // namespace interleave::instrumented
