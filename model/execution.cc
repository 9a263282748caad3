#include "model/execution.h"

#include <cxxabi.h>
#include <execinfo.h>
#include <pthread.h>
#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <boost/context/fiber.hpp>
#include <boost/context/protected_fixedsize_stack.hpp>
#include <cmath>
#include <cstring>
#include <exception>
#include <mutex>
#include <stdexcept>
#include <utility>

#include "model/atomic.h"
#include "model/backend/members.h"
#include "model/crash.h"
#include "model/error.h"
#include "model/misuse_error.h"
#include "model/output_capture.h"
#include "model/sanitizer_fibers.h"
#ifdef INTERLEAVE_ASAN
#include <sanitizer/lsan_interface.h>
#endif
#include "model/text.h"

namespace interleave {
namespace {

namespace ctx = boost::context;

// The page size, read once when the library loads. Not Boost's stack_traits::page_size(): that
// calls std::call_once, so pthread_once, which the exec runtime interposes; from the crash
// handler (InStackGuard), in a scenario's thread, that call was a step of the crashed thread,
// whose line lookup in the signal stack faulted again inside libdw: some runs of a program that
// crashed reported a stall ERROR or a crash "outside the scenario's code" instead.
const std::size_t kPageSize = static_cast<std::size_t>(sysconf(_SC_PAGESIZE));

// Read by watchdogs on other OS threads (Execution::LastProgress). The step count is bumped
// with release and read with acquire: whatever the search did before its last step (the
// chooser's decision included) happens before a watcher that gives it up, so the watcher's
// caller may then destroy what the search used.
// One slot per OS thread (the workers of one search each have theirs): a single shared counter
// bumped at every step by two workers made its cache line bounce between their cores, which
// cost a two-worker search more than half its time.
struct alignas(64) ProgressSlot {
  std::atomic<uint64_t> steps{0};
  std::atomic<const char*> file{""};
  std::atomic<int> line{0};
  std::atomic<bool> plain_read{false};
};
constexpr int kProgressSlots = 64;  // OS threads beyond share slots: the counts still move.
ProgressSlot g_progress[kProgressSlots];
std::atomic<int> g_next_progress_slot{0};

}  // namespace

// Per OS thread, read at every step: its progress slot (a ProgressSlot*) and libstdc++'s
// exception state (an EhGlobals*, ThisThreadEhGlobals). Initial-exec TLS, a plain load: in
// libinterleave_rt.so the default model called __tls_get_addr at every step (3% of the pthread
// increments' search). External linkage, as model/crash.cc's g_departure, for GNU ld's sake.
__attribute__((tls_model("initial-exec"))) constinit thread_local void* g_thread_progress_slot =
    nullptr;
__attribute__((tls_model("initial-exec"))) constinit thread_local void* g_thread_eh_globals =
    nullptr;

namespace {

[[gnu::noinline]] ProgressSlot* TakeProgressSlot() {
  ProgressSlot* const slot =
      &g_progress[g_next_progress_slot.fetch_add(1, std::memory_order_relaxed) % kProgressSlots];
  g_thread_progress_slot = slot;
  return slot;
}

inline ProgressSlot& ThisThreadProgress() {
  auto* slot = static_cast<ProgressSlot*>(g_thread_progress_slot);
  if (slot == nullptr) [[unlikely]] {
    slot = TakeProgressSlot();
  }
  return *slot;
}
// Executions started in this process: each one's serial number (ObjectHandle).
std::atomic<uint64_t> g_executions{0};

// The sizes of the last execution's trace on this OS thread: the next one reserves as much,
// since the executions of one search are alike.
thread_local std::size_t g_events_hint = 64;
thread_local std::size_t g_decisions_hint = 64;
thread_local std::size_t g_objects_hint = 8;
thread_local std::size_t g_threads_hint = 4;

// Whether `thread` is in `enabled` (ascending), whose members below 64 are the bits of `set`.
inline bool IsIn(const std::vector<ThreadId>& enabled, uint64_t set, ThreadId thread) {
  if (thread >= 0 && thread < 64) return (set >> thread & 1) != 0;
  return std::binary_search(enabled.begin(), enabled.end(), thread);
}

// Whether an operation of this kind can observe a thread (Execution::ObservedThread); asked at
// every step, most often false.
inline bool MayObserve(OpKind kind) {
  return kind == OpKind::kRead || kind == OpKind::kKill || kind == OpKind::kCancel ||
         kind == OpKind::kJoin || kind == OpKind::kExitWait;
}

// libstdc++'s exception state of this OS thread (unwind-cxx.h, x86-64): the exceptions being
// handled and how many are propagating. The fibers of an execution share it; a thread that
// leaves its fiber for good (Execution::LeaveThread) leaves its part there, which Resume puts
// back as it was (else a count of propagating exceptions that never ends would stop every later
// scheduling point of this OS thread, and a stale exception would stay "current").
struct EhGlobals {
  void* caught_exceptions;
  unsigned int uncaught_exceptions;
};

// Asked at every step (Resume, Suspend): the address is cached per OS thread
// (g_thread_eh_globals), since __cxa_get_globals reaches libstdc++'s thread-local through
// __tls_get_addr (3% of a search).
EhGlobals& ThisThreadEhGlobals() {
  if (g_thread_eh_globals == nullptr) [[unlikely]] {
    g_thread_eh_globals = abi::__cxa_get_globals();
  }
  return *static_cast<EhGlobals*>(g_thread_eh_globals);
}

// Thrown inside a suspended thread, from Step(), to unwind its stack when it is killed or the
// execution ends before it does. Not a std::exception, so scenario code catching those lets
// it pass.
struct Unwinding {};

// Recycles fiber stacks across executions: mapping a stack with a guard page costs more than a
// whole short execution, and an exhaustive search runs many thousands of them. Keyed by the
// mapping's size (ExecutionLimits::stack_size rounded up to pages, plus the guard page), and
// within a size by thread number: thread i of every execution runs on the same stack, so an
// address on a thread's stack (a pointer the program stores, a name the report gives) is the
// same in every execution that takes the same schedule. A free list in release order would
// hand thread 1 another thread's stack in the next execution, and a re-run of the same
// schedule would store other pointers (an ERROR "not deterministic").
class StackPool {
 public:
  ctx::stack_context Allocate(std::size_t size, int thread) {
    std::vector<Slot>& slots = Slots(MappedSize(size));
    const auto index = static_cast<std::size_t>(thread);
    if (index >= slots.size() || !slots[index].free) {
      return ctx::protected_fixedsize_stack(size).allocate();
    }
    slots[index].free = false;
    const ctx::stack_context stack = slots[index].stack;
    sanitizer::StackReused({static_cast<char*>(stack.sp) - stack.size, stack.size});
    return stack;
  }
  void Deallocate(ctx::stack_context& stack, int thread) {
    std::vector<Slot>& slots = Slots(stack.size);
    const auto index = static_cast<std::size_t>(thread);
    if (index >= slots.size()) slots.resize(index + 1);
    Slot& slot = slots[index];
    if (slot.stack.sp == nullptr || slot.stack.sp == stack.sp) {
      slot.stack = stack;
      slot.free = true;
    } else {
      // Another stack serves this thread number (two executions at once on this OS thread: a
      // re-run inside a search): keep that one.
      ctx::protected_fixedsize_stack(stack.size).deallocate(stack);
    }
  }
  ~StackPool() {
    for (auto& [size, slots] : slots_) {
      // deallocate() unmaps stack.size bytes below stack.sp, whatever size it was made for.
      for (Slot& slot : slots) {
        if (slot.free) ctx::protected_fixedsize_stack(size).deallocate(slot.stack);
      }
    }
  }

  // What protected_fixedsize_stack maps for `size`: whole pages, and the guard page below.
  static std::size_t MappedSize(std::size_t size) {
    return ((size + kPageSize - 1) / kPageSize + 1) * kPageSize;
  }

 private:
  struct Slot {
    ctx::stack_context stack;
    bool free = false;  // Mapped and not in use.
  };

  // A search uses one size: a short list searched in order costs less than a map.
  std::vector<Slot>& Slots(std::size_t mapped) {
    for (auto& [size, slots] : slots_) {
      if (size == mapped) return slots;
    }
    return slots_.emplace_back(mapped, std::vector<Slot>()).second;
  }

  std::vector<std::pair<std::size_t, std::vector<Slot>>> slots_;
};

StackPool& Pool() {
  thread_local StackPool pool;
  return pool;
}

// Boost.Context's StackAllocator concept over this OS thread's pool.
struct PooledStack {
  std::size_t size = ExecutionLimits::kDefaultStackSize;
  int thread = 0;
  ctx::stack_context allocate() { return Pool().Allocate(size, thread); }
  void deallocate(ctx::stack_context& stack) noexcept { Pool().Deallocate(stack, thread); }
};

}  // namespace

std::string_view TimeModeName(TimeMode mode) {
  return mode == TimeMode::kVirtual ? "virtual" : "any";
}

std::optional<TimeMode> ParseTimeMode(std::string_view name) {
  if (name == "any") return TimeMode::kAny;
  if (name == "virtual") return TimeMode::kVirtual;
  return std::nullopt;
}

// Whether a scheduled thread switches to the next one itself (Execution::SwitchTo): not under
// the sanitizers, whose fiber annotations are made around the loop's switches.
#if defined(INTERLEAVE_ASAN) || defined(INTERLEAVE_TSAN)
constexpr bool kDirectSwitch = false;
#else
constexpr bool kDirectSwitch = true;
#endif

int64_t Microseconds(double seconds) {
  if (!(seconds > 0)) return 0;
  if (seconds >= 1e12) return kForever;
  return std::llround(seconds * 1e6);
}

struct Execution::Thread {
  ~Thread() { sanitizer::DestroyTsanFiber(tsan_fiber); }
  // Whether the record can serve another thread (Recycle): its fibers are gone (it finished,
  // or was never started), as after Unwind.
  bool Recyclable() const { return !fiber && !caller; }
  // Back to a new thread's state, keeping the storage of its name and vectors.
  void Recycle() {
    sanitizer::DestroyTsanFiber(tsan_fiber);
    tsan_fiber = nullptr;
    caller_tsan_fiber = nullptr;
    id = kNoThread;
    name.clear();
    object = kNoObject;
    body = nullptr;
    daemon = false;
    stack = {};
    caller_stack = {};
    finished = false;
    killed = false;
    killed_at = 0;
    killed_idle = false;
    clock = VectorClock();
    pending = OpKind::kLog;
    pending_object = kNoObject;
    pending_where = {};
    ready = {};
    deadline = kForever;
    not_before = 0;
    timed_out_before = false;
    touched_since_timeout.clear();
    thrown = nullptr;
    throw_frames = 0;
    pooled = {};
  }

  ThreadId id = kNoThread;
  std::string name;
  ObjectId object = kNoObject;
  std::function<void()> body;
  bool daemon = false;
  ctx::fiber fiber;                     // The thread while it is suspended.
  ctx::fiber caller;                    // Whom to switch back to while it runs.
  sanitizer::StackBounds stack;         // This thread's stack.
  sanitizer::StackBounds caller_stack;  // The stack of whom it switches back to.
  void* tsan_fiber = nullptr;
  void* caller_tsan_fiber = nullptr;
  bool finished = false;
  bool killed = false;
  int killed_at = 0;         // The step of its kill.
  bool killed_idle = false;  // Killed while blocked with nothing to wake it but another thread.
  VectorClock clock;

  // The operation it is suspended before.
  OpKind pending = OpKind::kLog;
  ObjectId pending_object = kNoObject;
  SourceLine pending_where;
  FunctionRef<bool()> ready;    // Empty: always ready.
  int64_t deadline = kForever;  // A timed wait's timeout (virtual time in kVirtual).
  int64_t not_before = 0;       // A virtual sleep's wake-up time.

  // For the polling rule of time mode any: whether it has timed out before, and each object it
  // has touched since its last timeout, with the step of its first touch then.
  bool timed_out_before = false;
  std::vector<std::pair<ObjectId, int>> touched_since_timeout;

  // The last exception its scenario code threw (Execution::NoteThrow), and the backtrace of the
  // throw: the line an uncaught exception is reported at.
  const void* thrown = nullptr;
  int throw_frames = 0;
  void* throw_stack[32];
  // Its stack as the pool gave it (DropThread returns it there, and ~Execution that of a
  // thread that left for good).
  ctx::stack_context pooled{};
  bool left = false;  // It left for good (OnThreadLeft): its fiber is gone, not its stack.
};

// Vectors an execution hands to the next one on the same OS thread, empty but with their
// capacity: an exhaustive search runs many thousands of alike executions.
struct Execution::Storage {
  std::vector<std::unique_ptr<Thread>> threads;
  // Thread records of ended executions, emptied (Thread::Recycle), for the next ones' Spawn.
  std::vector<std::unique_ptr<Thread>> spare_threads;
  std::vector<uint8_t> finished;
  std::vector<uint8_t> killed;
  std::vector<ThreadId> kills;
  std::vector<VectorClock> object_clocks;
  std::vector<ObjectChange> object_changes;
  std::vector<PendingOp> pending;
  std::vector<ThreadId> enabled;
  std::vector<SpinWindow> spins;
  std::vector<uint8_t> spin_waiting;
  std::vector<std::pair<ObjectId, int>> spurious_failure_on;
};

Execution::Storage& Execution::SpareStorage() {
  thread_local Storage spare;
  return spare;
}

Execution::Execution(Chooser& chooser, const ExecutionLimits& limits, Trace&& storage)
    : chooser_(chooser), limits_(limits), serial_(++g_executions) {
  live_executions_.fetch_add(1, std::memory_order_relaxed);
  Storage& spare = SpareStorage();
  threads_ = std::move(spare.threads);
  finished_ = std::move(spare.finished);
  spins_ = std::move(spare.spins);
  spin_waiting_ = std::move(spare.spin_waiting);
  spurious_failure_on_ = std::move(spare.spurious_failure_on);
  killed_ = std::move(spare.killed);
  kills_ = std::move(spare.kills);
  object_clocks_ = std::move(spare.object_clocks);
  object_changes_ = std::move(spare.object_changes);
  pending_ = std::move(spare.pending);
  enabled_ = std::move(spare.enabled);
  // A fresh trace with the storage of `storage`'s vectors: the fields that another execution
  // filled are emptied, every other field keeps its default.
  trace_.events = std::move(storage.events);
  trace_.events.clear();
  trace_.objects = std::move(storage.objects);
  trace_.objects.clear();
  trace_.threads = std::move(storage.threads);
  trace_.threads.clear();
  trace_.decisions = std::move(storage.decisions);
  trace_.decisions.clear();
  trace_.outcome = std::move(storage.outcome);
  trace_.outcome.clear();
  trace_.events.reserve(g_events_hint);
  trace_.decisions.reserve(g_decisions_hint);
  trace_.objects.reserve(g_objects_hint);
  object_clocks_.reserve(g_objects_hint);
  threads_.reserve(g_threads_hint);
  trace_.time = limits.time;
  trace_.spurious_wakeups = spurious_wakeups();
  trace_.memory_model = limits.memory_model;
  trace_.plain_accesses_inline = false;  // Until a plain access goes without a decision.
  trace_.releases_inline = false;        // Until a release does.
  trace_.release_reduction_broken = false;
  memory_.Reset(limits.memory_model);
}

Execution::~Execution() {
  live_executions_.fetch_sub(1, std::memory_order_relaxed);
  // The scenario's closures go first (as before, hooks then threads); the emptied vectors are
  // left to the next execution on this OS thread.
  at_exit_.clear();
  Storage& spare = SpareStorage();
  for (std::unique_ptr<Thread>& thread : threads_) {
    if (thread->left) {  // Its stack, kept while the execution ran (OnThreadLeft).
#ifdef INTERLEAVE_ASAN
      __lsan_unregister_root_region(static_cast<const char*>(thread->stack.bottom) + kPageSize,
                                    thread->stack.size - kPageSize);
#endif
      Pool().Deallocate(thread->pooled, thread->id);
      thread->left = false;
    }
    if (!thread->Recyclable()) continue;  // Destroyed with threads_.
    thread->Recycle();
    spare.spare_threads.push_back(std::move(thread));
  }
  threads_.clear();
  finished_.clear();
  killed_.clear();
  pending_.clear();
  kills_.clear();
  object_clocks_.clear();
  object_changes_.clear();
  spins_.clear();
  spin_waiting_.clear();
  spurious_failure_on_.clear();
  spare.threads = std::move(threads_);
  spare.finished = std::move(finished_);
  spare.killed = std::move(killed_);
  spare.kills = std::move(kills_);
  spare.object_clocks = std::move(object_clocks_);
  spare.object_changes = std::move(object_changes_);
  spare.pending = std::move(pending_);
  spare.enabled = std::move(enabled_);
  spare.spins = std::move(spins_);
  spare.spin_waiting = std::move(spin_waiting_);
  spare.spurious_failure_on = std::move(spurious_failure_on_);
}

Trace Execution::Run(const std::function<void()>& body, Chooser& chooser,
                     const ExecutionLimits& limits) {
  Trace trace;
  Run(body, chooser, limits, trace);
  return trace;
}

void Execution::Run(const std::function<void()>& body, Chooser& chooser,
                    const ExecutionLimits& limits, Trace& trace) {
  if (current_execution_ != nullptr) {
    throw ModelError("an execution cannot start inside another execution");
  }
  if (limits.stack_size < ExecutionLimits::kMinStackSize ||
      limits.stack_size > ExecutionLimits::kMaxStackSize) {
    throw ModelError("stack size " + std::to_string(limits.stack_size / 1024) +
                     " KiB out of range: from " +
                     std::to_string(ExecutionLimits::kMinStackSize / 1024) + " KiB to " +
                     std::to_string(ExecutionLimits::kMaxStackSize / 1024) + " KiB");
  }
  crash::PrepareThisThread();  // Crash handlers, this OS thread's alternate signal stack.
  Execution execution(chooser, limits, std::move(trace));
  execution.expected_steps_ = chooser.ReplayedSteps();
  // What the search did before this execution (its chooser's StartExecution and
  // ReplayedSteps) happens before a watchdog that gives it up, even if it is stuck before its
  // first step (LastProgress).
  ProgressSlot& progress = ThisThreadProgress();
  progress.steps.store(progress.steps.load(std::memory_order_relaxed), std::memory_order_release);
  current_execution_ = &execution;
  struct ClearCurrent {
    ~ClearCurrent() { current_execution_ = nullptr; }
  } clear_current;

  // What the execution writes to stdout and stderr, when captured: into its trace at its end.
  output_capture::BeginExecution();
  struct EndCapture {
    std::string* output;
    ~EndCapture() {
      if (output != nullptr) output_capture::EndExecution(*output);
    }
  } end_capture{&execution.trace_.output};
  const ObjectId main_object = execution.AddObject(ObjectKind::kThread, "MainThread");
  try {
    execution.Spawn(main_object, "MainThread", [&execution, &body] {
      body();
      execution.trace_.main_returned = true;  // Program exit: the hooks below wait or kill.
      execution.trace_.main_returned_after_step = static_cast<int>(execution.trace_.events.size());
      while (!execution.at_exit_.empty()) {
        std::function<void()> hook = std::move(execution.at_exit_.back());
        execution.at_exit_.pop_back();
        hook();
      }
    });
    execution.Schedule();
  } catch (const std::exception& e) {
    // A broken chooser: end the execution cleanly, so its threads are still unwound.
    execution.trace_.end = EndReason::kError;
    execution.trace_.error = std::string("internal error: ") + e.what();
  }

  for (const auto& thread : execution.threads_) {
    ThreadInfo info;
    info.name = thread->name;
    info.object = thread->object;
    info.finished = thread->finished;
    info.daemon = thread->daemon;
    if (thread->id < static_cast<ThreadId>(execution.symmetry_groups_.size()) &&
        execution.symmetry_groups_[thread->id] >= 0) {
      info.symmetry_group = execution.symmetry_names_[execution.symmetry_groups_[thread->id]];
    }
    if (!thread->finished || thread->killed) {  // A killed thread: where it was cut off.
      info.pending = thread->pending;
      info.pending_object = thread->pending_object;
      info.pending_where = thread->pending_where;
      info.blocked = thread->finished ? thread->killed_idle : !execution.IsEnabled(*thread);
      info.spinning = info.blocked && !thread->finished &&
                      execution.spin_waiting_[static_cast<std::size_t>(thread->id)] != 0;
    }
    execution.trace_.threads.push_back(std::move(info));
  }
  // Kills were recorded as they happened; carry them into the thread records.
  for (const ThreadId killed : execution.kills_) {
    const TraceEvent& event = execution.trace_.events[execution.threads_[killed]->killed_at - 1];
    const ThreadId victim = execution.trace_.objects[event.object].owner;
    ThreadInfo& info = execution.trace_.threads[victim];
    info.killed = true;
    info.killed_at_step = event.step;
    info.killed_reason = event.value;
  }
  execution.Unwind();
  execution.at_exit_.clear();  // Unrun hooks may own model objects: drop them while unwinding.
  g_events_hint = execution.trace_.events.size();
  g_decisions_hint = execution.trace_.decisions.size();
  g_objects_hint = execution.trace_.objects.size();
  g_threads_hint = execution.trace_.threads.size();
  execution.memory_.Finish(execution.trace_);
  output_capture::EndExecution(execution.trace_.output);
  end_capture.output = nullptr;
  trace = std::move(execution.trace_);
}

void Execution::NoExecution(std::string_view what) {
  throw ModelError(std::string(what) +
                   " used outside an execution: model objects exist only while a "
                   "scenario runs under the checker");
}

ObjectId Execution::AddObject(ObjectKind kind, std::string name) {
  trace_.objects.push_back(ObjectInfo{kind, std::move(name), kNoThread});
  ++object_counts_[static_cast<std::size_t>(kind)];
  object_clocks_.emplace_back();
  object_changes_.emplace_back();
  return static_cast<ObjectId>(trace_.objects.size() - 1);
}

void ObjectHandle::Release() noexcept {
  if (state_ != kAlive || id_ == kNoObject) return;
  state_ = kDestroyed;
  Execution::ObjectDestroyed(execution_, id_);
}

void Execution::ObjectDestroyed(uint64_t serial, ObjectId object) noexcept {
  Execution* const execution = current_execution_;
  if (execution == nullptr || execution->serial_ != serial || object == kNoObject) return;
  static constexpr auto kNever = [] { return false; };
  for (const auto& thread : execution->threads_) {
    // The running thread's pending fields are stale; a finished one has no next operation.
    if (thread->finished || thread->id == execution->current_ || thread->pending_object != object) {
      continue;
    }
    // Never ready, and no timeout or wake-up either: it must not run on into the primitive.
    thread->ready = kNever;
    thread->deadline = kForever;
    thread->not_before = 0;
    // Void: the execution is over and being unwound, or the destroyer is a killed thread (its
    // stack unwinds; what it leaves blocked is reported as such). Or an error is recorded already
    // (an exception leaving a thread records its own when it is caught at the thread's top).
    if (execution->unwinding() || execution->trace_.end == EndReason::kError ||
        execution->trace_.end == EndReason::kMisuse ||
        execution->trace_.end == EndReason::kFailure) {
      continue;
    }
    const ObjectInfo& info = execution->trace_.objects[object];
    if (std::uncaught_exceptions() > 0) execution->error_while_propagating_ = execution->current_;
    execution->trace_.end = EndReason::kError;
    execution->trace_.error = "'" + info.name + "' was destroyed while thread '" + thread->name +
                              "' was in an operation on it (" +
                              std::string(OpKindName(thread->pending)) + " at " +
                              thread->pending_where.ToString() +
                              "): a model object must outlive every thread that uses it";
  }
}

ThreadId Execution::Spawn(ObjectId object, std::string name, std::function<void()> body,
                          bool daemon) {
  const auto id = static_cast<ThreadId>(threads_.size());
  // A record an ended execution left (Recycle), else a new one, default-initialised (value-
  // initialising would first zero all of it, its backtrace buffer too).
  std::vector<std::unique_ptr<Thread>>& spare_threads = SpareStorage().spare_threads;
  std::unique_ptr<Thread> thread;
  if (spare_threads.empty()) {
    thread.reset(new Thread);
  } else {
    thread = std::move(spare_threads.back());
    spare_threads.pop_back();
  }
  thread->id = id;
  thread->name = std::move(name);
  thread->object = object;
  thread->body = std::move(body);
  thread->daemon = daemon;
  // The start edge: the new thread has seen everything its creator has.
  if (current_ != kNoThread) thread->clock = threads_[current_]->clock;
  ctx::stack_context stack = Pool().Allocate(limits_.stack_size, id);
  thread->pooled = stack;
  thread->stack = {static_cast<char*>(stack.sp) - stack.size, stack.size};
  thread->tsan_fiber = sanitizer::CreateTsanFiber();
  // The thread's fiber: its body, and what an exception that leaves it means.
  auto run = [this, id](ctx::fiber&& caller) {
    Thread& self = *threads_[id];
    sanitizer::FinishSwitch(nullptr, &self.caller_stack);
    self.caller = std::move(caller);
    try {
      in_scenario_ = true;
      self.body();
      in_scenario_ = false;
    } catch (const Unwinding&) {
      // Killed, or the execution ended before this thread; its stack is unwound.
    } catch (const MisuseError& e) {
      trace_.end = EndReason::kMisuse;
      trace_.error = e.what();
      trace_.misuse = e.misuse();
    } catch (const ModelError& e) {
      trace_.end = EndReason::kError;
      trace_.error = e.what();
    } catch (const std::exception& e) {
      UncaughtException(id, e.what());
    } catch (...) {
      UncaughtException(id, nullptr);
    }
    in_scenario_ = false;  // Set again by whoever resumed this thread (Resume).
    self.finished = true;
    finished_[id] = 1;
    pending_[id] = PendingOf(self);
    // The join edge: whoever joins this thread sees its whole history.
    object_clocks_[self.object].Join(self.clock);
    sanitizer::StartSwitch(nullptr, self.caller_stack);
    sanitizer::SwitchTsanFiber(self.caller_tsan_fiber);
    return std::move(self.caller);
  };
  thread->fiber = ctx::fiber(std::allocator_arg, ctx::preallocated(stack.sp, stack.size, stack),
                             PooledStack{limits_.stack_size, id}, std::move(run));
  trace_.objects[object].owner = id;
  pending_stale_ = true;  // What operations on `object` observe has changed.
  threads_.push_back(std::move(thread));
  finished_.push_back(0);
  killed_.push_back(0);
  spins_.emplace_back();
  spin_waiting_.push_back(0);
  spurious_failure_on_.emplace_back(kNoObject, -1);
  pending_.emplace_back();

  const ThreadId parent = current_;
  Resume(id);
  current_ = parent;
  return id;
}

bool Execution::IsDaemon(ThreadId thread) const { return threads_[thread]->daemon; }

void Execution::CutOffAtExit(ThreadId thread) {
  threads_[thread]->daemon = true;
  pending_stale_ = true;  // What an exit-wait on its object observes has changed.
}

const std::string& Execution::thread_name(ThreadId thread) const { return threads_[thread]->name; }

void Execution::Kill(ThreadId victim, std::string reason, const SourceLine& where) {
  Thread& thread = *threads_[victim];
  if (thread.finished || unwinding()) return;
  TraceEvent& event = Record(OpKind::kKill, thread.object, where);
  event.observes = victim;
  event.value = std::move(reason);
  thread.killed = true;
  thread.killed_at = event.step;
  killed_[victim] = 1;
  kills_.push_back(victim);
  // Idle: blocked (say in a get on an empty queue) with no timeout or wake-up time to come.
  thread.killed_idle = !IsEnabled(thread) && thread.deadline == kForever &&
                       !(limits_.time == TimeMode::kVirtual && thread.not_before > now_);
  const ThreadId killer = current_;
  if (victim == killer) throw Unwinding{};
  if (drop_threads_.load(std::memory_order_relaxed)) {
    DropThread(victim);
    return;
  }
  Resume(victim);  // It unwinds from the Step() it is suspended in and finishes.
  current_ = killer;
}

bool Execution::ReadyNow(const Thread& thread) const { return !thread.ready || thread.ready(); }

bool Execution::MayTimeOut(const Thread& thread) const {
  if (thread.deadline == kForever) return false;
  if (limits_.time == TimeMode::kVirtual) return thread.deadline <= now_;
  // kAny: any time it would block; after a timeout, again only once another thread has
  // changed something this thread has touched since (else it would only repeat itself).
  if (!thread.timed_out_before) return true;
  for (const auto& [object, step] : thread.touched_since_timeout) {
    if (object_changes_[object].ChangedByOtherSince(thread.id, step)) return true;
  }
  return false;
}

bool Execution::ObjectChange::ChangedByOtherSince(ThreadId thread, int step) const {
  return (last_thread != thread ? last_step : other_step) > step;
}

void Execution::ObjectChange::Note(ThreadId thread, int step) {
  if (thread != last_thread) {
    other_step = last_step;
    last_thread = thread;
  }
  last_step = step;
}

bool Execution::InTimedWait(const Thread& thread) {
  return !thread.finished && thread.deadline != kForever;
}

bool Execution::ExclusiveRuns() const {
  if (exclusive_ == kNoThread || exclusive_ >= static_cast<ThreadId>(threads_.size())) {
    return false;
  }
  const Thread& thread = *threads_[exclusive_];
  if (thread.finished) return false;
  if (limits_.time == TimeMode::kVirtual && thread.not_before > now_) return false;
  return ReadyNow(thread) || MayTimeOut(thread);
}

bool Execution::StepsInline(const Thread& thread) {
  if (prune_pending_ || Abandoned() || trace_.end == EndReason::kError ||
      trace_.end == EndReason::kMisuse || trace_.end == EndReason::kFailure ||
      static_cast<int64_t>(trace_.events.size()) >= limits_.max_steps) {
    return false;  // Decide ends the execution.
  }
  if (trace_.events.size() % kLimitCheckSteps == kLimitCheckSteps - 1 && !InReplayedPrefix() &&
      OverLimits()) {
    return false;
  }
  if (limits_.time == TimeMode::kVirtual && thread.not_before > now_) return false;
  return ReadyNow(thread);
}

[[gnu::always_inline]] inline bool Execution::IsEnabledInline(const Thread& thread) const {
  if (thread.finished) return false;
  if (exclusive_ != kNoThread && thread.id != exclusive_ && ExclusiveRuns()) [[unlikely]] {
    return false;
  }
  if (limits_.time == TimeMode::kVirtual && thread.not_before > now_) return false;
  return ReadyNow(thread) || MayTimeOut(thread);
}

bool Execution::IsEnabled(const Thread& thread) const { return IsEnabledInline(thread); }

// Inlined into its callers: it runs at every step.
[[gnu::always_inline]] inline void Execution::EnabledThreads(std::vector<ThreadId>& enabled) {
  // This runs before every step: IsEnabled is inlined, and the set is built as bits as well,
  // which answers Decide's membership tests.
  enabled.clear();
  uint64_t set = 0;
  if (exclusive_ != kNoThread && ExclusiveRuns()) [[unlikely]] {
    enabled.push_back(exclusive_);
    enabled_set_ = exclusive_ < 64 ? uint64_t{1} << exclusive_ : 0;
    return;
  }
  const auto count = static_cast<ThreadId>(threads_.size());
  for (ThreadId id = 0; id < count; ++id) {
    const Thread& thread = *threads_[id];
    if (thread.finished) continue;
    if (limits_.time == TimeMode::kVirtual && thread.not_before > now_) continue;
    if (ReadyNow(thread) || MayTimeOut(thread)) {
      enabled.push_back(id);
      if (id < 64) set |= uint64_t{1} << id;
    }
  }
  enabled_set_ = set;
}

std::optional<int64_t> Execution::NextWakeUp() const {
  std::optional<int64_t> next;
  auto consider = [&next](int64_t time) {
    if (!next || time < *next) next = time;
  };
  for (const auto& thread : threads_) {
    if (thread->finished) continue;
    if (thread->not_before > now_) {
      consider(thread->not_before);
    } else if (thread->deadline != kForever && thread->deadline > now_) {
      consider(thread->deadline);
    }
  }
  return next;
}

void Execution::Resume(ThreadId id) {
  current_ = id;
  Thread& thread = *threads_[id];
  void* fake_stack = nullptr;
  thread.caller_tsan_fiber = sanitizer::CurrentTsanFiber();
  sanitizer::StartSwitch(&fake_stack, thread.stack);
  sanitizer::SwitchTsanFiber(thread.tsan_fiber);
  // Scenario code may resume a thread (start, kill): it is scenario code again afterwards.
  const bool in_scenario = in_scenario_;
  in_scenario_ = false;
  EhGlobals& eh = ThisThreadEhGlobals();
  const EhGlobals eh_before = eh;
  // The thread that switches back may be another than `id`: threads resumed by the scheduler
  // loop hand over to each other directly (SwitchTo). The one that comes back is current_.
  ctx::fiber back = std::move(thread.fiber).resume();
  threads_[current_]->fiber = std::move(back);
  sanitizer::FinishSwitch(fake_stack, nullptr);
  if (left_ != kNoThread && left_ == current_) [[unlikely]] {
    eh = eh_before;  // What the thread that left was handling or propagating stays with it.
    OnThreadLeft(current_);
  }
  in_scenario_ = in_scenario;
}

void Execution::SwitchTo(ThreadId next) {
  // Only between threads that the scheduler loop runs: the caller's `caller` is the loop's
  // continuation, and goes to `next` as its caller; the caller's own continuation is kept as
  // its fiber, where the loop's Resume or another SwitchTo finds it. As the loop would have:
  // `next` is the thread scheduled and current.
  const ThreadId self = current_;
  scheduled_ = next;
  current_ = next;
  ctx::fiber target = std::move(threads_[next]->fiber);
  threads_[self]->caller = std::move(target).resume_with([this, self](ctx::fiber&& from) {
    Thread& left_behind = *threads_[self];
    left_behind.fiber = std::move(from);
    return std::move(left_behind.caller);
  });
}

bool Execution::InStackGuard(const void* address, const void* sp) const {
  if (current_ == kNoThread) return false;
  const Thread& thread = *threads_[current_];
  const auto bottom = reinterpret_cast<uintptr_t>(thread.stack.bottom);
  const auto fault = reinterpret_cast<uintptr_t>(address);
  const auto stack_pointer = reinterpret_cast<uintptr_t>(sp);
  // The guard page is the mapping's lowest page (protected_fixedsize_stack); a frame larger
  // than a page may leave the stack pointer below it.
  return fault >= bottom && fault < bottom + kPageSize && stack_pointer + (1 << 20) >= bottom &&
         stack_pointer < bottom + thread.stack.size;
}

void Execution::LeaveThread() {
  Thread& self = *threads_[current_];
  left_ = current_;
  in_scenario_ = false;
  sanitizer::StartSwitch(nullptr, self.caller_stack);
  sanitizer::SwitchTsanFiber(self.caller_tsan_fiber);
  std::move(self.caller).resume();
  __builtin_unreachable();  // Nobody resumes a thread that left.
}

void Execution::OnThreadLeft(ThreadId id) {
  left_ = kNoThread;
  Thread& thread = *threads_[id];
  // Never destroyed: destroying a ctx::fiber resumes it to unwind its stack, which must not
  // happen to a crashed thread (its context is a signal handler's, on the alternate signal
  // stack). The handle is only a pointer into the stack. The stack, and what the scenario had
  // on it, stay mapped until the execution ends (pointers into it held by other threads stay
  // valid), then go back to the pool (~Execution): kept for good, a search whose executions
  // mostly fail (an assert in most interleavings) grew by a stack per execution, to gigabytes.
  alignas(ctx::fiber) static thread_local unsigned char sink[sizeof(ctx::fiber)];
  new (sink) ctx::fiber(std::move(thread.fiber));
  thread.left = true;
#ifdef INTERLEAVE_ASAN
  // What the leaked stack points to is leaked with it, on purpose: not a leak to report.
  // Without the guard page, which cannot be read.
  __lsan_register_root_region(static_cast<const char*>(thread.stack.bottom) + kPageSize,
                              thread.stack.size - kPageSize);
#endif
  thread.finished = true;
  finished_[id] = 1;
  pending_[id] = PendingOf(thread);
  crash::Departure& departure = crash::ThisThreadDeparture();
  if (departure.signal == 0) return;  // An escape: its error is recorded.
  const int signal = departure.signal;
  departure.signal = 0;
  // The handler left without sigreturn: the signal mask is still the handler's.
  pthread_sigmask(SIG_SETMASK, &departure.mask, nullptr);
  const std::optional<SourceLine> line =
      crash::ScenarioLine(departure.pc, departure.stack, departure.frames);
  if (departure.overflow) {
    RecordFailure(FailureKind::kCrash, id,
                  "stack overflow (stack " + std::to_string(limits_.stack_size / 1024) +
                      " KiB; --stack-size raises it)",
                  line);
  } else {
    RecordFailure(FailureKind::kCrash, id,
                  crash::SignalDescription(signal, departure.code, departure.address), line);
  }
}

void Execution::UncaughtException(ThreadId id, const char* what) {
  // The program would end here (std::terminate): a finding, with the interleaving. An error
  // recorded while the exception unwound this thread (an object it owned destroyed under a
  // waiting thread) is its consequence: the failure replaces it.
  in_scenario_ = false;
  if (trace_.end == EndReason::kError && error_while_propagating_ == id) {
    trace_.end = EndReason::kFinished;
  }
  RecordFailure(FailureKind::kUncaughtException, id, crash::ExceptionText(what), ThrowLine(id));
}

void Execution::NoteThrow(const void* object) {
  if (current_ == kNoThread) return;
  Thread& self = *threads_[current_];
  self.thrown = object;
  in_scenario_ = false;  // The unwinder may take a real lock.
  self.throw_frames = backtrace(self.throw_stack, 32);
  in_scenario_ = true;
}

std::optional<SourceLine> Execution::ThrowLine(ThreadId id) {
  Thread& thread = *threads_[id];
  // The exception being handled: libstdc++'s exception_ptr holds the thrown object's address,
  // the one __cxa_throw was given.
  const std::exception_ptr current = std::current_exception();
  const void* object = nullptr;
  static_assert(sizeof current == sizeof object);
  std::memcpy(&object, &current, sizeof object);
  if (object == nullptr || object != thread.thrown) return std::nullopt;
  return crash::ScenarioLine(nullptr, thread.throw_stack, thread.throw_frames);
}

void Execution::Fail(FailureKind kind, const std::string& message, std::optional<SourceLine> where,
                     const std::string& detail) {
  if (before_failure_ != nullptr) before_failure_();
  in_scenario_ = false;  // The symbolizer takes a real lock.
  if (!where) {
    void* frames[64];
    const int count = backtrace(frames, 64);
    where = crash::ScenarioLine(nullptr, frames, count);
  }
  RecordFailure(kind, current_, message, where, detail);
  crash::ThisThreadDeparture().signal = 0;
  LeaveThread();
}

void Execution::Misuse(const std::string& message, const LockMisuse& misuse) {
  in_scenario_ = false;
  if (trace_.end != EndReason::kError && trace_.end != EndReason::kFailure &&
      trace_.end != EndReason::kMisuse && !tearing_down_ && !Abandoned() &&
      killed_[current_] == 0) {
    trace_.end = EndReason::kMisuse;
    trace_.error = message;
    trace_.misuse = misuse;
  }
  LeaveThread();
}

void Execution::RecordFailure(FailureKind kind, ThreadId thread, std::string message,
                              std::optional<SourceLine> where, std::string detail) {
  if (trace_.end == EndReason::kError || trace_.end == EndReason::kFailure) return;
  if (tearing_down_ || Abandoned() || killed_[thread] != 0) return;
  ProgramFailure& failure = trace_.failure;
  failure.kind = kind;
  failure.thread = thread;
  failure.after_step = static_cast<int>(trace_.events.size());
  failure.message = std::move(message);
  failure.detail = std::move(detail);
  failure.where_is_last_step = !where.has_value();
  failure.where = where ? *where : LastStepOf(thread);
  trace_.end = EndReason::kFailure;
}

std::string Execution::ScenarioCallSite() {
  in_scenario_ = false;  // The symbolizer takes a real lock.
  void* frames[64];
  const int count = backtrace(frames, 64);
  std::string where = " in thread '" + threads_[current_]->name + "'";
  if (const std::optional<SourceLine> line = crash::ScenarioLine(nullptr, frames, count)) {
    where += " at " + line->ToString();
  } else if (const SourceLine last = LastStepOf(current_); last.line > 0) {
    where += " after its step at " + last.ToString();
  }
  return where;
}

void Execution::Escape(const std::string& what) {
  RecordError("the scenario blocked outside the model: " + what + ScenarioCallSite() +
              "; scenarios must wait only through model primitives (sleep, Lock, Condition, "
              "Queue, ...), which the checker schedules");
  crash::ThisThreadDeparture().signal = 0;
  LeaveThread();
}

void Execution::Unmodelled(const std::string& what) {
  RecordError("the program called " + what + ScenarioCallSite() +
              ", which the model does not support: its interleavings cannot be checked");
  crash::ThisThreadDeparture().signal = 0;
  LeaveThread();
}

void Execution::RecordError(std::string message) {
  if (trace_.end == EndReason::kError) return;  // The first error is the cause.
  trace_.end = EndReason::kError;
  trace_.error = std::move(message);
}

SourceLine Execution::LastStepOf(ThreadId thread) const {
  for (auto event = trace_.events.rbegin(); event != trace_.events.rend(); ++event) {
    if (event->thread == thread) return event->where;
  }
  return {};
}

void Execution::Schedule() {
  while (true) {
    ThreadId next = kNoThread;
    if (decided_) {  // The thread that ran last took the decision when it suspended.
      decided_ = false;
      next = decision_;
    } else {
      next = Decide();
    }
    if (next == kNoThread) break;
    scheduled_ = next;
    Resume(next);
    scheduled_ = kNoThread;
  }
  if (!internal_error_.empty()) throw std::logic_error(internal_error_);
}

bool Execution::OverLimits() {
  if (std::chrono::steady_clock::now() >= limits_.deadline) {
    trace_.end = EndReason::kTimeBound;
    return true;
  }
  // Each event, its value's text and its clock's threads beyond the inline ones.
  for (; trace_bytes_counted_ < trace_.events.size(); ++trace_bytes_counted_) {
    const TraceEvent& event = trace_.events[trace_bytes_counted_];
    trace_bytes_ += static_cast<int64_t>(sizeof(TraceEvent) + event.value.capacity() +
                                         event.clock.OverflowBytes());
  }
  if (trace_bytes_ > limits_.max_trace_bytes) {
    trace_.end = EndReason::kMemoryBound;
    return true;
  }
  return false;
}

// Inlined into Decide: the decision of most steps.
[[gnu::always_inline]] inline ThreadId Execution::Replay(int step,
                                                         const Chooser::Replayed& replayed) {
  const ThreadId chosen = replayed.chosen;
  // Enabled, or only by Decide's fallback for timed waits when nothing else can run.
  const bool may_run = chosen >= 0 && chosen < static_cast<ThreadId>(threads_.size()) &&
                       (IsEnabledInline(*threads_[chosen]) || InTimedWait(*threads_[chosen]));
  if (!may_run) {
    trace_.end = EndReason::kError;
    trace_.error = "the scenario is not deterministic: at step " + std::to_string(step) +
                   " the same schedule reached a point where the recorded thread cannot run "
                   "(nondeterminism outside the model, e.g. real time or real randomness)";
    return kNoThread;
  }
  const bool previous_enabled =
      previous_ >= 0 && previous_ < 64 && (replayed.enabled >> previous_ & 1) != 0;
  trace_.decisions.emplace_back(step, replayed.enabled_count, chosen, previous_, previous_enabled);
  previous_ = chosen;
  return chosen;
}

ThreadId Execution::Decide() {
  // Not within the prefix an earlier execution took: the decisions it replays are the
  // strategy's, which an end there would take for nondeterminism.
  if (trace_.events.size() % kLimitCheckSteps == kLimitCheckSteps - 1 && !InReplayedPrefix() &&
      OverLimits()) [[unlikely]] {
    return kNoThread;
  }
  while (trace_.end != EndReason::kError && trace_.end != EndReason::kMisuse &&
         trace_.end != EndReason::kFailure) {
    if (prune_pending_) [[unlikely]] {
      trace_.end = EndReason::kPruned;
      return kNoThread;
    }
    if (Abandoned()) {
      trace_.end = EndReason::kError;
      trace_.error = "the search was given up: the scenario blocked outside the model";
      return kNoThread;
    }
    if (replaying_ && limits_.time == TimeMode::kAny &&
        static_cast<int64_t>(trace_.events.size()) < limits_.max_steps) {
      const int step = static_cast<int>(trace_.events.size()) + 1;
      Chooser::Replayed replayed;
      if (chooser_.ReplayedThread(step, replayed)) return Replay(step, replayed);
      replaying_ = false;
    }
    EnabledThreads(enabled_);
    if (enabled_.empty() && limits_.time == TimeMode::kVirtual) {
      if (const std::optional<int64_t> wake_up = NextWakeUp()) {
        now_ = *wake_up;
        continue;
      }
    }
    if (enabled_.empty() && limits_.time == TimeMode::kAny) {
      // Nothing can run and nothing is left to change what the pollers look at: time passes
      // and every timed wait may time out (the polling rule yields only to other threads).
      for (ThreadId id = 0; id < static_cast<ThreadId>(threads_.size()); ++id) {
        if (InTimedWait(*threads_[id])) {
          enabled_.push_back(id);
          if (id < 64) enabled_set_ |= uint64_t{1} << id;
        }
      }
    }
    if (enabled_.empty()) {
      const bool all_finished =
          std::all_of(threads_.begin(), threads_.end(), [](const auto& t) { return t->finished; });
      trace_.end = all_finished ? EndReason::kFinished : EndReason::kDeadlock;
      return kNoThread;
    }
    if (static_cast<int64_t>(trace_.events.size()) >= limits_.max_steps) {
      trace_.end = EndReason::kStepBound;
      return kNoThread;
    }
    const int step = static_cast<int>(trace_.events.size()) + 1;
    ThreadId chosen = kNoThread;
    try {
      chosen = chooser_.ChooseThread({.step = step,
                                      .enabled = &enabled_,
                                      .previous = previous_,
                                      .enabled_set = enabled_set_,
                                      .execution = this});
    } catch (const PruneExecution&) {
      trace_.end = EndReason::kPruned;
      return kNoThread;
    } catch (const ModelError& e) {
      trace_.end = EndReason::kError;
      trace_.error = e.what();
      return kNoThread;
    } catch (const std::exception& e) {
      // A broken chooser; Decide() may run in a fiber, so the loop reports it (Schedule).
      internal_error_ = e.what();
      return kNoThread;
    }
    if (!IsIn(enabled_, enabled_set_, chosen)) {
      internal_error_ = "the chooser picked a thread that cannot run";
      return kNoThread;
    }
    const bool previous_enabled = IsIn(enabled_, enabled_set_, previous_);
    // In place: step, enabled, chosen, previous, previous_enabled; a thread decision.
    trace_.decisions.emplace_back(step, static_cast<int>(enabled_.size()), chosen, previous_,
                                  previous_enabled);
    previous_ = chosen;
    return chosen;
  }
  return kNoThread;
}

void Execution::SetAbandonFlag(const std::atomic<bool>* flag) { abandon_flag_ = flag; }

Execution::Progress Execution::LastProgress() {
  // The steps: the sum over the slots. The line: that of the slot that moved last as far as
  // the calls of this function saw (a watchdog polls it), else the one seen before.
  static std::mutex mutex;
  static uint64_t seen[kProgressSlots] = {};
  static int last_moved = 0;
  const std::lock_guard<std::mutex> lock(mutex);
  uint64_t total = 0;
  for (int i = 0; i < kProgressSlots; ++i) {
    const uint64_t steps = g_progress[i].steps.load(std::memory_order_acquire);
    total += steps;
    if (steps != seen[i]) {
      seen[i] = steps;
      last_moved = i;
    }
  }
  const ProgressSlot& slot = g_progress[last_moved];
  return {total, slot.file.load(std::memory_order_relaxed),
          slot.line.load(std::memory_order_relaxed),
          slot.plain_read.load(std::memory_order_relaxed)};
}

// Inlined into its callers: it runs at every step.
[[gnu::always_inline]] inline TraceEvent& Execution::Record(OpKind kind, ObjectId object,
                                                            const SourceLine& where, bool timed_out,
                                                            bool plain) {
  // A plain store (no read-modify-write): the watchdog needs only to see it move, even when
  // the workers of one search (ExploreOptions::jobs) bump it at once.
  // The line first: a watcher that sees the new count (acquire) sees this step's line.
  ProgressSlot& progress = ThisThreadProgress();
  progress.file.store(where.file, std::memory_order_relaxed);
  progress.line.store(where.line, std::memory_order_relaxed);
  progress.plain_read.store(plain && kind == OpKind::kRead, std::memory_order_relaxed);
  progress.steps.store(progress.steps.load(std::memory_order_relaxed) + 1,
                       std::memory_order_release);
  Thread& self = *threads_[current_];
  self.clock.Tick(current_);
  // A step on an object private to the thread (MarkPrivateTo) leaves it fresh for symmetry.
  if (current_ < 64 && (private_to_.empty() || !IsPrivateStep(object))) [[likely]] {
    stepped_ |= uint64_t{1} << current_;
  }
  SpinWindow& spin = spins_[static_cast<std::size_t>(current_)];
  if (spin.open && kind != OpKind::kSleep && !spin.polling &&
      !((kind == OpKind::kRead || kind == OpKind::kUpdate) && object != kNoObject &&
        trace_.objects[object].kind == ObjectKind::kAtomic)) {
    spin.Close();
  }
  const int step = static_cast<int>(trace_.events.size()) + 1;
  if (static_cast<std::size_t>(step) <= expected_steps_.size()) {
    const StepPrint& expected = expected_steps_[static_cast<std::size_t>(step) - 1];
    if (expected.thread != current_ || expected.kind != kind || expected.object != object)
        [[unlikely]] {
      StepDiffers(step, expected, kind, object, where);
    }
  }
  if (object != kNoObject) {
    // A timeout changed nothing, though its kind (a get, an acquire) would.
    if (!timed_out && OpModifies(kind)) {
      ObjectChange& change = object_changes_[object];
      change.Note(current_, step);
      if (!spin.polling) ++change.version;  // A failed poll changes nothing (PollDone).
    }
    if (timed_out) {
      self.timed_out_before = true;
      self.touched_since_timeout.clear();
    }
    if (self.timed_out_before &&
        std::none_of(self.touched_since_timeout.begin(), self.touched_since_timeout.end(),
                     [object](const auto& touched) { return touched.first == object; })) {
      self.touched_since_timeout.emplace_back(object, step);
    }
  }
  // Built in place, with an empty value; the operation may fill it in.
  return trace_.events.emplace_back(step, current_, object, kind, where, now_, timed_out,
                                    self.clock);
}

ObjectHandle::ObjectHandle(ObjectId id)
    : id_(id), execution_(Execution::Current("a model object").serial()), state_(kAlive) {}

void Execution::ObjectOutOfLife(const ObjectHandle& object, OpKind kind, const SourceLine& where) {
  if (unwinding()) return;  // The operation is void: it touches nothing.
  const std::string thread =
      current_ != kNoThread ? "thread '" + threads_[current_]->name + "'" : "the scenario";
  std::string what;
  if (object.execution() == serial_ && object.destroyed() && object.id() >= 0 &&
      object.id() < static_cast<ObjectId>(trace_.objects.size())) {
    const ObjectInfo& info = trace_.objects[object.id()];
    what = std::string(ObjectKindName(info.kind)) + " '" + info.name +
           "' after it was destroyed (a model object must outlive every thread that uses it: "
           "declare it before the threads, in an enclosing scope)";
  } else if (object.execution() != serial_ && !object.destroyed() && object.execution() != 0) {
    what = "a model object created in another execution (execution " +
           std::to_string(object.execution()) + ", this is " + std::to_string(serial_) +
           "): a static or global model object outlives the execution that created it; create "
           "model objects in the scenario body";
  } else {
    what = "a model object that is not alive in this execution (destroyed, or never created)";
  }
  std::string message =
      thread + " " + std::string(OpKindName(kind)) + " at " + where.ToString() + " used " + what;
  if (trace_.end != EndReason::kError) {
    trace_.end = EndReason::kError;
    trace_.error = message;
  }
  throw ModelError(message);
}

void Execution::StepDiffers(int step, const StepPrint& expected, OpKind kind, ObjectId object,
                            const SourceLine& where) {
  if (trace_.end == EndReason::kError) return;  // The first error is the one reported.
  auto thread_name = [this](ThreadId t) {
    return t >= 0 && t < static_cast<ThreadId>(threads_.size()) ? "'" + threads_[t]->name + "'"
                                                                : "thread #" + std::to_string(t);
  };
  auto object_name = [this](ObjectId o) -> std::string {
    if (o == kNoObject) return "";
    if (o >= 0 && o < static_cast<ObjectId>(trace_.objects.size())) {
      return " '" + trace_.objects[o].name + "'";
    }
    return " object #" + std::to_string(o) + " (not created in this execution)";
  };
  trace_.end = EndReason::kError;
  trace_.error = "the scenario is not deterministic: at step " + std::to_string(step) +
                 " the same schedule ran " + thread_name(current_) + ": " +
                 std::string(OpKindName(kind)) + object_name(object) + " (" + where.ToString() +
                 "), where an earlier execution with the same decisions ran " +
                 thread_name(expected.thread) + ": " + std::string(OpKindName(expected.kind)) +
                 object_name(expected.object) +
                 " (nondeterminism outside the model: real time, real randomness, or state kept "
                 "from one execution to the next)";
}

const std::vector<PendingOp>& Execution::PendingOps() const {
  // Each entry was built when its thread suspended (or finished). What an operation on a
  // thread's object observes depends on that object's owner, which changes when the thread is
  // started: then every entry is built anew.
  if (pending_stale_) {
    for (std::size_t t = 0; t < threads_.size(); ++t) {
      const Thread& thread = *threads_[t];
      pending_[t].observes = ObservedThread(thread.pending, thread.pending_object, thread.deadline);
    }
    pending_stale_ = false;
  }
  return pending_;
}

// Inlined into its callers: it runs at every step.
[[gnu::always_inline]] inline PendingOp Execution::PendingOf(const Thread& thread) const {
  const OpKind kind = thread.pending;
  const ObjectId object = thread.pending_object;
  // MayObserve first: most operations observe no thread, and this runs at every step.
  return {kind, object, thread.finished, IsGlobalOp(kind, object),
          MayObserve(kind) ? ObservedThread(kind, object, thread.deadline) : kNoThread};
}

bool Execution::IsGlobalOp(OpKind kind, ObjectId object) const {
  // enumerate() and active_count() read every thread's state (they read the main thread's
  // object).
  return (kind == OpKind::kRead && object == 0) ||
         (object != kNoObject && trace_.objects[object].global);
}

ThreadId Execution::ObservedThread(OpKind kind, ObjectId object, int64_t deadline) const {
  if (!MayObserve(kind)) return kNoThread;
  if (object == kNoObject || object == 0) return kNoThread;
  const ObjectInfo& info = trace_.objects[object];
  if (info.kind != ObjectKind::kThread) return kNoThread;
  // A join or exit-wait waits for the thread's end (and a timed one is global): it cannot be
  // reordered with the thread's steps, so only is_alive and kill observe it.
  // A timed join may time out while the thread runs.
  if (kind == OpKind::kJoin && deadline != kForever) return info.owner;
  // The program's exit-wait on a daemon is followed, in the same step, by its kill.
  if (kind == OpKind::kExitWait && info.owner != kNoThread && IsDaemon(info.owner)) {
    return info.owner;
  }
  // is_alive, exitcode; kill; terminate (a cancel of the thread's object, then its kill).
  return kind == OpKind::kRead || kind == OpKind::kKill || kind == OpKind::kCancel ? info.owner
                                                                                   : kNoThread;
}

[[gnu::flatten]] TraceEvent& Execution::Suspend(OpKind kind, ObjectId object,
                                                const SourceLine& where, FunctionRef<bool()> ready,
                                                int64_t deadline, int64_t not_before) {
  // The runtime's code from here; the scenario's again when this returns or throws.
  in_scenario_ = false;
  const bool plain = plain_step_;  // PlainStep's, for this step only.
  plain_step_ = false;
  const bool plain_access = plain_access_;
  plain_access_ = false;
  struct ScenarioAgain {
    ~ScenarioAgain() { in_scenario_ = true; }
  } scenario_again;
  // unwinding() and the abandon test, each asked once: this runs at every step.
  const bool abandoned = Abandoned();
  // std::uncaught_exceptions() != 0, without its call into libstdc++.
  const bool propagating = ThisThreadEhGlobals().uncaught_exceptions != 0;
  if (abandoned && !tearing_down_ && !propagating) {
    throw Unwinding{};  // Woken after the search gave up on it: leave the scenario's code.
  }
  if (tearing_down_ || abandoned || (current_ != kNoThread && killed_[current_] != 0)) {
    discarded_ = TraceEvent{};
    return discarded_;
  }
  bool timed_out = false;
  bool global = false;  // PendingOp::global, once the pending op is built.
  // While an exception propagates (an error in this thread), no other fiber may run: the
  // operation is performed at once.
  if (propagating) {
    global = IsGlobalOp(kind, object);
  } else {
    Thread& self = *threads_[current_];
    self.pending = kind;
    self.pending_object = object;
    self.pending_where = where;
    self.ready = ready;
    self.deadline = deadline;
    self.not_before = not_before;
    const PendingOp& pending = pending_[current_] = PendingOf(self);
    global = pending.global;  // Objects are global from their creation on (SetGlobal).
    // The exclusive thread's step that can run now is taken without a scheduling point: no
    // decision, so that a race with it is reversed at the decision before the atomic block.
    // So is a plain access under the race-free reduction (PlainStep): it follows the thread's
    // previous step at once, as if part of it.
    bool chosen_inline =
        (plain || exclusive_ == current_) && current_ == scheduled_ && StepsInline(self);
    if (chosen_inline && plain) {
      (kind == OpKind::kRelease ? trace_.releases_inline : trace_.plain_accesses_inline) = true;
    }
    bool switched = false;
    if (current_ == scheduled_ && !chosen_inline) {
      // Resumed by the scheduler loop: take its next decision here, and when it is this thread
      // again, go on without the two fiber switches through the loop.
      const ThreadId next = Decide();
      chosen_inline = next == current_;
      if (!chosen_inline && next != kNoThread && kDirectSwitch) {
        // Another thread: switch to it directly, one fiber switch instead of two through the
        // loop (SwitchTo). This thread goes on here when it is resumed.
        SwitchTo(next);
        switched = true;
        if (unwinding()) throw Unwinding{};
      } else if (!chosen_inline) {
        decided_ = true;
        decision_ = next;
      }
    }
    if (!chosen_inline && !switched) {
      void* fake_stack = nullptr;
      sanitizer::StartSwitch(&fake_stack, self.caller_stack);
      sanitizer::SwitchTsanFiber(self.caller_tsan_fiber);
      self.caller = std::move(self.caller).resume();
      sanitizer::FinishSwitch(fake_stack, &self.caller_stack);
      if (unwinding()) throw Unwinding{};
    }
    // A thread resumed is enabled (ready), or times out: only a timed wait can be resumed
    // while its `ready` does not hold (Decide, Replay, StepsInline).
    timed_out = self.deadline != kForever && !ReadyNow(self);
    self.ready = {};
    self.deadline = kForever;
    self.not_before = 0;
  }
  TraceEvent& event = Record(kind, object, where, timed_out, plain_access);
  event.global = global;
  if (MayObserve(kind)) event.observes = ObservedThread(kind, object, deadline);
  if (!symmetry_groups_.empty()) [[unlikely]] {
    CheckSymmetricUse(kind, object, deadline, where);
  }
  return event;
}

[[gnu::flatten]] TraceEvent* Execution::InlinePlainStep(OpKind kind, ObjectId object,
                                                        const SourceLine& where) {
  // What Suspend asks before it takes a plain access inline (StepsInline), else nullptr: it
  // decides. The limit check's step is left to it too.
  if (current_ == kNoThread || current_ != scheduled_ || tearing_down_ || killed_[current_] != 0 ||
      prune_pending_ || Abandoned() || ThisThreadEhGlobals().uncaught_exceptions != 0 ||
      trace_.end == EndReason::kError || trace_.end == EndReason::kMisuse ||
      trace_.end == EndReason::kFailure ||
      static_cast<int64_t>(trace_.events.size()) >= limits_.max_steps ||
      trace_.events.size() % kLimitCheckSteps == kLimitCheckSteps - 1 ||
      (limits_.time == TimeMode::kVirtual && threads_[current_]->not_before > now_)) {
    return nullptr;
  }
  // The runtime's code from here; the scenario's again when this returns or throws.
  in_scenario_ = false;
  struct ScenarioAgain {
    ~ScenarioAgain() { in_scenario_ = true; }
  } scenario_again;
  (kind == OpKind::kRelease ? trace_.releases_inline : trace_.plain_accesses_inline) = true;
  TraceEvent& event = Record(kind, object, where, false, kind != OpKind::kRelease);
  event.global = IsGlobalOp(kind, object);
  // Only a thread's object is observed (is_alive reads it); a plain access's is a variable.
  if (MayObserve(kind) && object > 0 && trace_.objects[object].kind == ObjectKind::kThread) {
    event.observes = ObservedThread(kind, object, kForever);
  }
  if (!symmetry_groups_.empty()) [[unlikely]] {
    CheckSymmetricUse(kind, object, kForever, where);
  }
  return &event;
}

void Execution::SetSymmetryGroup(ThreadId thread, const std::string& group,
                                 const std::type_info& target, const std::string& name,
                                 bool daemon) {
  if (!limits_.symmetry || thread < 0) return;
  const auto found = std::find(symmetry_names_.begin(), symmetry_names_.end(), group);
  const int number = static_cast<int>(found - symmetry_names_.begin());
  if (found == symmetry_names_.end()) {
    symmetry_names_.push_back(group);
    symmetry_targets_.push_back(&target);
  } else if (*symmetry_targets_[number] != target) {
    RecordError("--symmetry: thread '" + name + "' joins symmetry group '" + group +
                "' with another function than its other members (threads of one group must "
                "run the same function, with equal arguments)");
  }
  if (daemon) {
    RecordError("--symmetry: daemon thread '" + name + "' in symmetry group '" + group +
                "': only non-daemon threads may be declared symmetric (where each daemon is "
                "cut off would tell them apart)");
  }
  if (thread >= 64) {
    RecordError("--symmetry: thread '" + name +
                "' is numbered 64 or more: symmetry groups hold threads 0 to 63 only");
  }
  const auto size = std::max(threads_.size(), static_cast<std::size_t>(thread) + 1);
  symmetry_groups_.resize(size, -1);
  joining_group_.resize(size, -1);
  joining_left_.resize(size, 0);
  symmetry_groups_[thread] = number;
}

void Execution::SetSymmetryGroupByValue(ThreadId thread, const std::type_info& target,
                                        std::string_view bytes, const std::string& what,
                                        const SourceLine& where, const std::string& name) {
  // Threads 64 and up are left out (the reduction's sets hold threads 0 to 63).
  if (!limits_.symmetry || thread < 0 || thread >= 64) return;
  auto key = std::find_if(symmetry_keys_.begin(), symmetry_keys_.end(), [&](const SymmetryKey& k) {
    return *k.target == target && k.bytes == bytes;
  });
  if (key == symmetry_keys_.end()) {
    symmetry_keys_.push_back({.target = &target, .bytes = std::string(bytes)});
    key = symmetry_keys_.end() - 1;
  }
  if (key->group >= 0) {
    SetSymmetryGroup(thread, symmetry_names_[key->group], target, name, false);
    return;
  }
  const ThreadId first = key->first;
  const bool first_fresh = first != kNoThread && first < 64 &&
                           (stepped_ & (uint64_t{1} << first)) == 0 && finished_[first] == 0;
  if (!first_fresh) {
    // This thread waits for a second member; its group is named after its line.
    key->first = thread;
    key->first_name = name;
    const std::string base = what + " at " + where.ToString();
    key->group_name = base;
    for (int n = 2; std::any_of(
             symmetry_keys_.begin(), symmetry_keys_.end(),
             [&](const SymmetryKey& k) { return &k != &*key && k.group_name == key->group_name; });
         ++n) {
      key->group_name = base + " #" + std::to_string(n);
    }
    return;
  }
  SetSymmetryGroup(first, key->group_name, target, key->first_name, false);
  SetSymmetryGroup(thread, key->group_name, target, name, false);
  key->group = symmetry_groups_[thread];
}

void Execution::MarkPrivateTo(ObjectId object, ThreadId thread) {
  if (object < 0) return;
  if (private_to_.size() <= static_cast<std::size_t>(object)) {
    private_to_.resize(static_cast<std::size_t>(object) + 1, kNoThread);
  }
  private_to_[static_cast<std::size_t>(object)] = thread;
}

bool Execution::IsPrivateStep(ObjectId object) const {
  return object >= 0 && static_cast<std::size_t>(object) < private_to_.size() &&
         private_to_[static_cast<std::size_t>(object)] == current_;
}

void Execution::NoteMemberResultRead(ThreadId member) {
  if (member < 0 || member >= static_cast<ThreadId>(symmetry_groups_.size()) ||
      symmetry_groups_[member] < 0) {
    return;
  }
  RecordError("--symmetry: thread '" + threads_[current_]->name + "' read the result of thread '" +
              threads_[member]->name + "' of symmetry group '" +
              symmetry_names_[symmetry_groups_[member]] +
              "' by its handle (pthread_join), which may tell the group's threads apart: drop "
              "--symmetry");
}

void Execution::NoteSymmetryDetach(ThreadId thread) {
  for (SymmetryKey& key : symmetry_keys_) {
    if (key.group < 0 && key.first == thread) key.first = kNoThread;
  }
  if (thread < 0 || thread >= static_cast<ThreadId>(symmetry_groups_.size()) ||
      symmetry_groups_[thread] < 0) {
    return;
  }
  RecordError("--symmetry: thread '" + threads_[thread]->name + "' of symmetry group '" +
              symmetry_names_[symmetry_groups_[thread]] +
              "' was detached (where it is cut off at program exit would tell the group's threads "
              "apart): drop --symmetry");
}

void Execution::NoteOwnIdentityRead(const char* what) {
  if (current_ == kNoThread || current_ >= static_cast<ThreadId>(symmetry_groups_.size()) ||
      symmetry_groups_[current_] < 0) {
    return;
  }
  RecordError("--symmetry: thread '" + threads_[current_]->name + "' of symmetry group '" +
              symmetry_names_[symmetry_groups_[current_]] + "' reads its own identity (" + what +
              "), which tells the group's threads apart: drop --symmetry or the declaration");
}

// The reduction keeps one execution of every class of interleavings up to a permutation of a
// group's members (checker/symmetry.h). That holds when nothing but the members' own steps
// tells them apart. The runtime checks what it can see: no thread observes a member's
// liveness (is_alive, a timed join, a kill), no thread reads its own identity, the threads are
// not enumerated, and a thread that joins a member joins every member started by then before
// any other visible operation (what it did in between could depend on which member finished
// first). Anything else ends the execution in an error naming the operation.
void Execution::CheckSymmetricUse(OpKind kind, ObjectId object, int64_t deadline,
                                  const SourceLine& where) {
  const ThreadId self = current_;
  if (self == kNoThread || trace_.end == EndReason::kError) return;
  if (program_exiting_ && kind == OpKind::kExitWait) return;
  const auto size = std::max(threads_.size(), symmetry_groups_.size());
  symmetry_groups_.resize(size, -1);
  joining_group_.resize(size, -1);
  joining_left_.resize(size, 0);
  auto fail = [&](const std::string& why) {
    RecordError("--symmetry: thread '" + threads_[self]->name + "' " +
                std::string(OpKindName(kind)) +
                (object != kNoObject ? " '" + trace_.objects[object].name + "'" : "") + " at " +
                where.ToString() + " " + why +
                ", which may tell the threads of a symmetry group apart: drop --symmetry (or, "
                "in a model scenario, the group's Thread::set_symmetric declaration)");
  };
  ThreadId member = kNoThread;
  if (object != kNoObject && object != 0 && trace_.objects[object].kind == ObjectKind::kThread) {
    const ThreadId owner = trace_.objects[object].owner;
    if (owner >= 0 && owner < static_cast<ThreadId>(symmetry_groups_.size()) &&
        symmetry_groups_[owner] >= 0 && owner != self) {
      member = owner;
    }
  }
  // A plain access to a variable, by a member or between the joins of a group (below).
  const bool plain_access = (kind == OpKind::kRead || kind == OpKind::kWrite) &&
                            object != kNoObject &&
                            trace_.objects[object].kind == ObjectKind::kShared;
  if (plain_access) {
    between_joins_.resize(trace_.objects.size(), 0);
    if (symmetry_groups_[self] >= 0) {
      if (between_joins_[object] & kJoinerTouched) {
        fail("touches a variable that a thread read or wrote between its joins of the group");
        return;
      }
      between_joins_[object] |= kMemberTouched;
    }
  }
  const bool joins = (kind == OpKind::kJoin && deadline == kForever) || kind == OpKind::kExitWait;
  const int joining = joining_group_[self];
  // (A member's private objects count as touched by it: its steps on them before its group
  // formed were not seen here.)
  const auto private_owner = static_cast<std::size_t>(object) < private_to_.size()
                                 ? private_to_[static_cast<std::size_t>(object)]
                                 : kNoThread;
  const bool member_private = private_owner != kNoThread &&
                              private_owner < static_cast<ThreadId>(symmetry_groups_.size()) &&
                              symmetry_groups_[private_owner] >= 0;
  if (joining >= 0 && plain_access && (between_joins_[object] & kMemberTouched) == 0 &&
      !member_private) {
    // A variable no member touches in this execution (a member's later touch is an error,
    // above): the access commutes with every member's step, so where it falls among the joins
    // tells no member apart (a join loop reads its array of handles between the joins).
    between_joins_[object] |= kJoinerTouched;
    return;
  }
  if (joining >= 0) {
    if (member != kNoThread && joins && symmetry_groups_[member] == joining) {
      if (member < 64) {
        joining_left_[self] &= ~(uint64_t{1} << member);
        symmetric_joined_ |= uint64_t{1} << member;
      }
      if (joining_left_[self] == 0) joining_group_[self] = -1;
      return;
    }
    fail("before joining every member of symmetry group '" + symmetry_names_[joining] +
         "' it had begun to join");
    return;
  }
  if (kind == OpKind::kRead && object == 0) {
    fail("(enumerate or active_count) lists which threads are alive");
    return;
  }
  if (member == kNoThread || kind == OpKind::kStart) return;
  if (!joins) {
    fail("observes a symmetric thread's liveness");
    return;
  }
  const int group = symmetry_groups_[member];
  uint64_t left = 0;
  for (ThreadId t = 0; t < static_cast<ThreadId>(symmetry_groups_.size()) && t < 64; ++t) {
    if (symmetry_groups_[t] == group && t != member) left |= uint64_t{1} << t;
  }
  // Members joined before (by any thread) do not count again.
  if (member < 64) symmetric_joined_ |= uint64_t{1} << member;
  left &= ~symmetric_joined_;
  if (left != 0) {
    joining_group_[self] = group;
    joining_left_[self] = left;
  }
}

[[gnu::flatten]] TraceEvent& Execution::Step(OpKind kind, ObjectId object, const SourceLine& where,
                                             FunctionRef<bool()> ready, int64_t timeout) {
  int64_t deadline = kForever;
  if (timeout != kForever) {
    deadline = limits_.time == TimeMode::kVirtual ? now_ + timeout : 0;
  }
  TraceEvent& event = Suspend(kind, object, where, ready, deadline, 0);
  if (kind == OpKind::kAcquire && (!ready || timeout != kForever)) NoteMayFail(event);
  return event;
}

TraceEvent& Execution::TryAcquireStep(ObjectId object, const SourceLine& where,
                                      FunctionRef<bool()> may_run) {
  TraceEvent& event = Suspend(OpKind::kAcquire, object, where, may_run, kForever, 0);
  NoteMayFail(event);
  return event;
}

void Execution::NoteMayFail(TraceEvent& event) {
  if (&event == &discarded_) return;
  event.may_fail = true;
  if (limits_.releases_inline && event.object != kNoObject &&
      trace_.objects[event.object].kind == ObjectKind::kLock) {
    trace_.release_reduction_broken = true;  // A left-moved release may have hidden its failure.
  }
}

TraceEvent& Execution::Sleep(int64_t duration, const SourceLine& where) {
  const int64_t not_before = limits_.time == TimeMode::kVirtual ? now_ + duration : 0;
  return Suspend(OpKind::kSleep, kNoObject, where, {}, kForever, not_before);
}

int Execution::Choose(int lo, int hi, const SourceLine& where) {
  if (lo > hi) {
    throw ModelError("choose(" + std::to_string(lo) + ", " + std::to_string(hi) + ") at " +
                     where.ToString() + ": empty range");
  }
  TraceEvent& event = Step(OpKind::kChoose, kNoObject, where);
  if (unwinding()) return lo;
  const int value = ChooseInStep(event, lo, hi);
  event.value = std::to_string(value);
  return value;
}

int Execution::ChooseInStep(const TraceEvent& event, int lo, int hi) {
  int value = lo;
  if (hi > lo) {
    in_scenario_ = false;  // The chooser's code (which may take a real lock).
    value = chooser_.ChooseValue(event.step, lo, hi);
    in_scenario_ = true;
    if (value < lo || value > hi) throw std::logic_error("the chooser picked a value out of range");
  }
  trace_.decisions.push_back(Decision{.step = event.step,
                                      .enabled = hi - lo + 1,
                                      .chosen = value,
                                      .previous = current_,
                                      .previous_enabled = true,
                                      .is_value = true,
                                      .lo = lo});
  return value;
}

ObjectId Execution::AddAtomic(std::string name) {
  const ObjectId id = AddObject(ObjectKind::kAtomic, std::move(name));
  memory_.AddLocation(id);
  return id;
}

AtomicAccess Execution::AccessFor(TraceEvent& event) {
  // A single candidate is no decision (as under sc, where every load has one).
  return AtomicAccess{current_, threads_[current_]->clock, event, [this, &event](int count) {
                        return count == 1 ? 0 : ChooseInStep(event, 0, count - 1);
                      }};
}

#if INTERLEAVE_HAS_SPIN_FRAME
// CaptureSpinFrame (model/spin_frame.h): the callee-saved registers as the caller has them,
// and the caller's stack pointer (past the return address).
asm(R"(
  .text
  .globl interleave_capture_spin_frame
  .type interleave_capture_spin_frame, @function
interleave_capture_spin_frame:
  movq %rbx, 0(%rdi)
  movq %rbp, 8(%rdi)
  movq %r12, 16(%rdi)
  movq %r13, 24(%rdi)
  movq %r14, 32(%rdi)
  movq %r15, 40(%rdi)
  leaq 8(%rsp), %rax
  movq %rax, 48(%rdi)
  ret
  .size interleave_capture_spin_frame, .-interleave_capture_spin_frame
)");
#endif

namespace {

uint64_t HashSpinFrame(const SpinFrame& frame, const void* stack_top) {
  uint64_t hash = 0xcbf29ce484222325ULL;
  auto mix = [&hash](uint64_t word) {
    hash ^= word;
    hash *= 0x100000001b3ULL;
    hash ^= hash >> 29;
  };
  for (int i = 0; i < 6; ++i) mix(frame.registers[i]);
  const auto* from = reinterpret_cast<const uint64_t*>(frame.registers[6]);
  const auto* to = static_cast<const uint64_t*>(stack_top);
  for (const uint64_t* word = from; word < to; ++word) mix(*word);
  return hash == 0 ? 1 : hash;
}

}  // namespace

Execution::SpinDecision Execution::SpinCheck(ObjectId object, const SourceLine& where,
                                             const SpinFrame* spin) {
  SpinWindow& window = spins_[static_cast<std::size_t>(current_)];
  if (spin == nullptr || !window.open) return {};
  const Thread& self = *threads_[current_];
  const char* top = static_cast<const char*>(self.stack.bottom) + self.stack.size;
  const auto from = reinterpret_cast<const char*>(spin->registers[6]);
  if (from < static_cast<const char*>(self.stack.bottom) || from >= top) return {};
  const uint64_t state = HashSpinFrame(*spin, top);
  const auto visit = std::find_if(
      window.visits.begin(), window.visits.end(),
      [&](const SpinWindow::Visit& v) { return v.state == state && v.where == where; });
  if (visit == window.visits.end()) {
    if (window.visits.size() == kMaxSpinVisits) window.visits.erase(window.visits.begin());
    window.visits.push_back({where, state, window.reads.size()});
    return {};
  }
  // An iteration: from that state back to it, only these reads.
  std::vector<std::pair<ObjectId, int>> iteration(
      window.reads.begin() + static_cast<std::ptrdiff_t>(visit->first_read), window.reads.end());
  SpinDecision decision;
  decision.redundant =
      window.loop_state == state && window.loop_where == where && window.loop_reads == iteration;
  decision.waits = !decision.redundant;
  if (iteration.size() == 1 && iteration.front().first == object) {
    decision.after = iteration.front().second;
  }
  window.loop_where = where;
  window.loop_state = state;
  window.loop_reads = std::move(iteration);
  window.reads.clear();
  window.visits.assign(1, SpinWindow::Visit{where, state, 0});
  return decision;
}

void Execution::NoteSpinRead(ObjectId object, int message) {
  SpinWindow& window = spins_[static_cast<std::size_t>(current_)];
  window.reads.emplace_back(object, message);
  window.open = true;
}

TraceEvent& Execution::AtomicOperationStep(OpKind kind, const ObjectHandle& object,
                                           const SourceLine& where, const SpinDecision& decision) {
  if (decision.redundant) prune_pending_ = true;  // Ends the execution at this step.
  if (!decision.waits) return Step(kind, object, where);
  const ThreadId thread = current_;
  spin_waiting_[static_cast<std::size_t>(thread)] = 1;
  TraceEvent& event = Step(kind, object, where, [this, thread] { return SpinReadChanged(thread); });
  spin_waiting_[static_cast<std::size_t>(thread)] = 0;
  return event;
}

bool Execution::SpinReadChanged(ThreadId thread) const {
  for (const auto& [object, seen] : spins_[static_cast<std::size_t>(thread)].loop_reads) {
    if (trace_.objects[object].kind == ObjectKind::kAtomic
            ? memory_.HasNewer(object, seen)
            : object_changes_[object].version != seen) {
      return true;
    }
  }
  return false;
}

TraceEvent& Execution::PollStep(OpKind kind, const ObjectHandle& object, const SourceLine& where,
                                const SpinFrame* spin) {
  const SpinDecision decision = SpinCheck(object.id(), where, spin);
  // By index: spins_ grows while the thread waits in the step.
  const auto thread = static_cast<std::size_t>(current_);
  spins_[thread].polling = true;
  struct PollOver {
    std::vector<SpinWindow>& spins;
    std::size_t thread;
    ~PollOver() { spins[thread].polling = false; }
  } poll_over{spins_, thread};
  TraceEvent& event = AtomicOperationStep(kind, object, where, decision);
  if (kind == OpKind::kAcquire) NoteMayFail(event);
  return event;
}

bool SpinCandidateNow() {
  const Execution* const execution = Execution::Running();
  return execution != nullptr && execution->SpinCandidate();
}

void Execution::PollDone(ObjectId object, bool acquired) {
  if (acquired) {
    ++object_changes_[object].version;
    spins_[static_cast<std::size_t>(current_)].Close();  // An effect: the loop ends here.
  } else {
    NoteSpinRead(object, object_changes_[object].version);
  }
}

int Execution::AtomicLoad(const ObjectHandle& object, MemoryOrder order, const SourceLine& where,
                          const SpinFrame* spin, FunctionRef<std::string(int)> describe) {
  const SpinDecision spin_decision = SpinCheck(object.id(), where, spin);
  TraceEvent& event = AtomicOperationStep(OpKind::kRead, object, where, spin_decision);
  if (unwinding()) return -1;
  const int message = LoadInStep(event, object.id(), order, spin_decision.after);
  event.value = describe(message);
  NoteSpinRead(object.id(), message);
  return message;
}

int Execution::LoadInStep(TraceEvent& event, ObjectId object, MemoryOrder order, int after) {
  int message = memory_.Load(AccessFor(event), object, order, after);
  if (message < 0) {
    NoConsistentChoice(event);
    message = 0;
  }
  if (limits_.memory_model == MemoryModel::kSc) Observe(object);
  return message;
}

void Execution::AtomicStore(const ObjectHandle& object, MemoryOrder order, const SourceLine& where,
                            FunctionRef<void()> append, FunctionRef<std::string()> describe) {
  TraceEvent& event = Step(OpKind::kWrite, object, where);
  if (unwinding()) return;
  append();
  StoreInStep(event, object.id(), order);
  event.value = describe();
}

int Execution::StoreInStep(TraceEvent& event, ObjectId object, MemoryOrder order) {
  const int message = memory_.Store(AccessFor(event), object, order);
  if (message < 0) NoConsistentChoice(event);
  if (limits_.memory_model == MemoryModel::kSc) Publish(object);
  return message;
}

RmwResult Execution::AtomicUpdate(const ObjectHandle& object, MemoryOrder success,
                                  MemoryOrder failure, const SourceLine& where,
                                  const SpinFrame* spin, bool allow_spurious,
                                  FunctionRef<RmwOutcome(int)> outcome,
                                  FunctionRef<bool(int)> write,
                                  FunctionRef<std::string(const RmwResult&)> describe) {
  const SpinDecision spin_decision = SpinCheck(object.id(), where, spin);
  TraceEvent& event = AtomicOperationStep(OpKind::kUpdate, object, where, spin_decision);
  if (unwinding()) return RmwResult{-1, false};
  bool unchanged = false;  // It wrote the value it read.
  auto write_value = [&](int read) { unchanged = write(read); };
  const RmwResult result = UpdateInStep(event, object.id(), success, failure, allow_spurious,
                                        outcome, write_value, spin_decision.after);
  const bool spurious = !result.wrote && outcome(result.read) != RmwOutcome::kFails;
  event.value = describe(result);
  if (result.wrote && unchanged) {
    // No change to the value: a spin loop's step, which waits for another store after its own.
    NoteSpinRead(object.id(), memory_.MessageCount(object.id()) - 1);
  } else if (result.wrote || spurious) {
    spins_[static_cast<std::size_t>(current_)].Close();  // A write, or a retry to come.
  } else {
    NoteSpinRead(object.id(), result.read);
  }
  return result;
}

RmwResult Execution::UpdateInStep(TraceEvent& event, ObjectId object, MemoryOrder success,
                                  MemoryOrder failure, bool allow_spurious,
                                  FunctionRef<RmwOutcome(int)> outcome,
                                  FunctionRef<void(int)> write, int after) {
  if (limits_.memory_model == MemoryModel::kSc) Observe(object);
  // No spurious failure again on the store one failed on (a retry fails only for a reason).
  std::pair<ObjectId, int>& spurious_on = spurious_failure_on_[static_cast<std::size_t>(current_)];
  RmwResult result =
      memory_.Update(AccessFor(event), object, success, failure, outcome, write, allow_spurious,
                     spurious_on.first == object ? spurious_on.second : -1, after);
  if (result.read < 0) {
    NoConsistentChoice(event);
    result = RmwResult{0, false};
  }
  if (result.wrote && limits_.memory_model == MemoryModel::kSc) Publish(object);
  const bool spurious = !result.wrote && outcome(result.read) != RmwOutcome::kFails;
  if (spurious) {
    spurious_on = {object, result.read};
  } else if (result.wrote && spurious_on.first == object) {
    spurious_on = {kNoObject, -1};
  }
  return result;
}

void Execution::NoConsistentChoice(const TraceEvent& event) {
  RecordError("internal error: the memory model found no consistent choice for step " +
              std::to_string(event.step) + " (" + trace_.Describe(event) + " at " +
              event.where.ToString() + ")");
}

void Execution::Fence(MemoryOrder order, const SourceLine& where) {
  TraceEvent& event = Step(OpKind::kFence, kNoObject, where);
  if (unwinding()) return;
  memory_.Fence(AccessFor(event), order);
}

void atomic_fence(std::memory_order order, SourceLine where) {
  Execution::Current("atomic_fence").Fence(ToMemoryOrder(order), where);
}

void Execution::Publish(ObjectId object) {
  if (unwinding()) return;
  object_clocks_[object].Join(threads_[current_]->clock);
}

void Execution::Observe(ObjectId object) {
  if (unwinding()) return;
  Thread& self = *threads_[current_];
  self.clock.Join(object_clocks_[object]);
  if (!trace_.events.empty() && trace_.events.back().thread == current_) {
    trace_.events.back().clock = self.clock;  // The step that observed carries the edge.
  }
}

void Execution::ObserveFinishedThreads() {
  for (const auto& thread : threads_) {
    if (thread->finished) Observe(thread->object);
  }
}

void Execution::AtProgramExit(std::function<void()> hook) { at_exit_.push_back(std::move(hook)); }

void Execution::RecordFailedExpect(std::string message, const SourceLine& where) {
  trace_.failed_expects.push_back(
      FailedExpect{current_, static_cast<int>(trace_.events.size()), std::move(message), where});
}

void Execution::RecordOutcome(std::string name, std::string value) {
  for (auto& entry : trace_.outcome) {
    if (entry.first == name) {
      entry.second = std::move(value);
      return;
    }
  }
  trace_.outcome.emplace_back(std::move(name), std::move(value));
}

void Execution::DropThread(ThreadId id) {
  Thread& thread = *threads_[id];
  // Never destroyed: destroying a suspended ctx::fiber resumes it to unwind its stack. The
  // handle is only a pointer into the stack, which goes back to the pool.
  alignas(ctx::fiber) static thread_local unsigned char sink[sizeof(ctx::fiber)];
  new (sink) ctx::fiber(std::move(thread.fiber));
  Pool().Deallocate(thread.pooled, id);
  thread.finished = true;
  finished_[id] = 1;
  pending_[id] = PendingOf(thread);
}

void Execution::Unwind() {
  tearing_down_ = true;
  for (auto id = static_cast<ThreadId>(threads_.size()) - 1; id >= 0; --id) {
    // Every unfinished thread is suspended in Step(), which throws Unwinding when resumed now.
    if (threads_[id]->finished) continue;
    if (drop_threads_.load(std::memory_order_relaxed)) {
      DropThread(id);
    } else {
      Resume(id);
    }
  }
  current_ = kNoThread;
}

}  // namespace interleave
