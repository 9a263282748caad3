// The record of one execution: its events (one per visible operation, in the order they ran),
// the objects and threads it created, the scheduling decisions taken, the expectations that
// failed, the outcome the scenario declared, and how it ended. A trace is plain data: the
// checker's detectors and the reports read it; nothing in it refers back to a live execution.
#ifndef INTERLEAVE_MODEL_TRACE_H_
#define INTERLEAVE_MODEL_TRACE_H_

#include <cstdint>
#include <source_location>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "model/source_line.h"
#include "model/vector_clock.h"

namespace interleave {

using ThreadId = int;  // 0 is the main thread; others in the order they were started.
using ObjectId = int;  // index into Trace::objects.
inline constexpr ThreadId kNoThread = -1;
inline constexpr ObjectId kNoObject = -1;

enum class ObjectKind {
  kThread,
  kLock,  // Lock, Mutex, RLock.
  kShared,
  kAtomic,
  kCondition,
  kSemaphore,
  kEvent,
  kQueue,
  kBarrier,
  kFuture,  // The last kind (Execution::CountObjects counts up to it).
};
std::string_view ObjectKindName(ObjectKind kind);

// Every kind of visible operation.
enum class OpKind {
  kStart,     // object: the thread started.
  kJoin,      // object: the thread joined.
  kExitWait,  // the program waits at exit for a non-daemon thread (object: that thread).
  kAcquire,   // object: the lock.
  kRelease,   // object: the lock.
  kRead,      // object: the Shared variable; value: the value read.
  kWrite,     // object: the Shared variable; value: the value written.
  kSleep,     // value: the duration asked for, in seconds.
  kLog,       // value: the message.
  kChoose,    // value: the value chosen.
  kKill,      // object: the thread killed (a daemon at exit, a terminated process).
  // The other primitives' operations; the object is the primitive, the value what it moved.
  kWait,      // Condition.wait, Event.wait, Barrier.wait, Future.result (blocks until ...).
  kNotify,    // Condition.notify / notify_all (value: how many).
  kSet,       // Event.set.
  kClear,     // Event.clear.
  kPut,       // Queue.put (value: the item).
  kGet,       // Queue.get (value: the item).
  kTaskDone,  // Queue.task_done.
  kCancel,    // Timer.cancel, Future.cancel.
  kUpdate,    // An atomic read-modify-write: exchange, compare-exchange, fetch-add.
  kFence,     // atomic_thread_fence (no object; TraceEvent::order says which).
};
std::string_view OpKindName(OpKind kind);

// Whether the operation changes the object it touches (the dependence relation's half).
// Inline: dpor asks it for every event it analyses.
inline bool OpModifies(OpKind kind) {
  switch (kind) {
    case OpKind::kRead:
    case OpKind::kLog:
    case OpKind::kChoose:
    case OpKind::kWait:
    case OpKind::kSleep:
    case OpKind::kJoin:
    case OpKind::kExitWait:
    case OpKind::kFence:
      return false;
    case OpKind::kStart:
    case OpKind::kAcquire:
    case OpKind::kRelease:
    case OpKind::kWrite:
    case OpKind::kKill:
    case OpKind::kNotify:
    case OpKind::kSet:
    case OpKind::kClear:
    case OpKind::kPut:
    case OpKind::kGet:
    case OpKind::kTaskDone:
    case OpKind::kCancel:
    case OpKind::kUpdate:
      return true;
  }
  return true;
}

// The memory model an execution runs under (DESIGN.md "Memory model"; model/weak_memory.h).
enum class MemoryModel {
  // RC11 (Lahav et al., PLDI 2017): an atomic load may read any store that coherence and
  // happens-before allow; only release/acquire pairs (and fences) synchronize.
  kRc11,
  // Sequential consistency: every atomic operation is seq_cst, a load reads the latest store.
  kSc,
};
std::string_view MemoryModelName(MemoryModel model);  // "rc11", "sc".

// The memory order of an atomic operation or fence as it ran (std::memory_order's values,
// consume read as acquire), or kNone for an operation that is not atomic.
enum class MemoryOrder : uint8_t { kNone, kRelaxed, kAcquire, kRelease, kAcqRel, kSeqCst };
std::string_view MemoryOrderName(MemoryOrder order);  // "relaxed", "acquire", ...

// The step number a load reads from when it reads an atomic's initial value.
inline constexpr int kInitialValue = 0;

struct TraceEvent {
  TraceEvent() = default;
  // A step as the runtime records it (Execution::Record), every other field at its default:
  // built in place, in one pass (copying a blank event and then setting the fields wrote most
  // of it twice, at every step of every execution).
  TraceEvent(int step_number, ThreadId by, ObjectId on, OpKind op, const SourceLine& at,
             int64_t at_time, bool timed_out_now, const VectorClock& clock_after)
      : step(step_number),
        thread(by),
        object(on),
        kind(op),
        where(at),
        time(at_time),
        timed_out(timed_out_now),
        clock(clock_after) {}
  // The fields in declaration order, as far as given (an event written out by hand: tests,
  // examples), as an aggregate's braces would take them.
  TraceEvent(int step_number, ThreadId by, ObjectId on, OpKind op, std::string text = {},
             SourceLine at = {}, int64_t at_time = 0, bool timed_out_now = false,
             bool may_fail_now = false, bool global_now = false, ThreadId observed = kNoThread,
             VectorClock clock_after = {}, MemoryOrder with_order = MemoryOrder::kNone,
             int read_from = -1)
      : step(step_number),
        thread(by),
        object(on),
        kind(op),
        value(std::move(text)),
        where(at),
        time(at_time),
        timed_out(timed_out_now),
        may_fail(may_fail_now),
        global(global_now),
        observes(observed),
        clock(std::move(clock_after)),
        order(with_order),
        reads_from(read_from) {}

  int step = 0;  // 1-based position in Trace::events.
  ThreadId thread = kNoThread;
  ObjectId object = kNoObject;
  OpKind kind = OpKind::kLog;
  std::string value;  // Read, written, logged or slept, as text; empty when none.
  SourceLine where;
  int64_t time = 0;        // Virtual microseconds when the step ran (0 in time mode any).
  bool timed_out = false;  // A timed wait that returned because its timeout passed.
  // An acquire that need not wait for the object (non-blocking, or with a timeout): it can
  // run while another thread holds the lock, and then fails, so for dpor it races with the
  // release before it too, not only with the acquire (checker/dpor.cc).
  bool may_fail = false;
  // Whether what the operation did may depend on every other thread's state (enumerate(),
  // active_count()): reductions order it against every operation of other threads.
  bool global = false;
  // A reentrant lock's acquire by the thread that holds it, or a release that leaves it held
  // (RLock's inner levels): only the holder's level changes, which no other thread can see,
  // so it commutes with every other thread's operation. For dpor it touches no object: the
  // races of the lock are those of the acquires that take it free (checker/dpor.cc).
  bool reentrant = false;
  // The thread whose liveness the operation read or changed (is_alive, a timed join, the
  // exit-wait and kill of a daemon; PendingOp::observes), or kNoThread.
  ThreadId observes = kNoThread;
  VectorClock clock;  // The thread's clock after the step (happens-before).
  // Atomics and fences: the order the operation ran with (kNone otherwise). A failed
  // compare-exchange records its failure order.
  MemoryOrder order = MemoryOrder::kNone;
  // An atomic access under RC11 whose store read, or place in modification order, was chosen
  // among every choice the graph allowed (model/weak_memory.h: once a weaker-than-seq_cst
  // operation ran). The interleaving order of two such accesses matters only where a read
  // runs before a store it could then read (checker/dpor.cc, races of weak locations).
  bool weak_choice = false;
  // Atomic loads and read-modify-writes: the step of the store read (kInitialValue: the
  // initial value); -1 for every other event.
  int reads_from = -1;
};

// The value of an acquire step that did not take its object (a try-lock, a timed acquire
// that gave up): the livelock detector and the state timeline read it.
inline constexpr std::string_view kNotAcquired = "not acquired";

// A step as the determinism check sees it: which thread did which operation to which object.
// Two executions that took the same decisions up to a step must agree on it (ids, not names:
// objects and threads are numbered in the order they were created, which the schedule fixes).
struct StepPrint {
  ThreadId thread = kNoThread;
  OpKind kind = OpKind::kLog;
  ObjectId object = kNoObject;

  static StepPrint Of(const TraceEvent& event) { return {event.thread, event.kind, event.object}; }
  bool operator==(const StepPrint& other) const = default;
};

struct ObjectInfo {
  ObjectKind kind = ObjectKind::kShared;
  std::string name;
  // For a thread object: the thread. For a lock: its holder when the execution ended.
  ThreadId owner = kNoThread;
  // For a queue: the items it held when the execution ended, and whether the scenario
  // declared that it must be empty then (Queue::expect_drained).
  int64_t items = 0;
  bool must_drain = false;
  // Every operation on it may depend on every object's state (the std mirror's lock of several
  // mutexes at once): reductions treat them as dependent with every operation.
  bool global = false;
  // For an atomic: its stores in modification order, as steps (kInitialValue first).
  std::vector<int> modification_order;
};

struct ThreadInfo {
  std::string name;
  ObjectId object = kNoObject;  // The thread's own object (what join touches).
  bool finished = false;
  // For an unfinished or killed thread: the operation it was about to perform, or blocked in
  // (for a killed one: when it was killed).
  OpKind pending = OpKind::kLog;
  ObjectId pending_object = kNoObject;
  SourceLine pending_where;
  // The pending operation could not run when the execution ended (a killed thread: when it
  // was killed, and nothing but another thread could have let it run: an idle worker).
  bool blocked = false;
  // Blocked in a spin loop that no thread can end: it re-reads an atomic nobody will store to
  // again (Execution::AtomicStep).
  bool spinning = false;
  bool daemon = false;
  // The symmetry group the scenario declared it a member of (Thread::set_symmetric), when the
  // search used the symmetry reduction; empty otherwise.
  std::string symmetry_group;
  // Killed before it finished (a daemon at program exit, a terminated process): by which
  // step, and why.
  bool killed = false;
  int killed_at_step = 0;
  std::string killed_reason;
};

// One decision of the chooser. A thread decision: before `step`, with `enabled` threads able
// to run, the scheduler chose thread `chosen`; `previous` ran the step before. A value
// decision (choose(lo, hi)): `chosen` is the value, one of `enabled` = hi - lo + 1.
struct Decision {
  int step = 0;
  int enabled = 0;  // How many alternatives there were.
  int chosen = kNoThread;
  ThreadId previous = kNoThread;
  bool previous_enabled = false;
  bool is_value = false;
  int lo = 0;  // For a value decision.

  bool IsBranch() const { return enabled > 1; }
  bool IsPreemption() const { return !is_value && previous_enabled && chosen != previous; }
  // What a replay needs: the thread, or the value's offset from lo.
  int Choice() const { return is_value ? chosen - lo : chosen; }
};

enum class TimeMode { kAny, kVirtual };

struct FailedExpect {
  ThreadId thread = kNoThread;
  int after_step = 0;  // The last step before the check.
  std::string message;
  SourceLine where;
};

enum class EndReason {
  kFinished,   // Every thread ran to its end.
  kDeadlock,   // No thread could run while some had not finished.
  kStepBound,  // The execution hit the bound on steps.
  kError,      // The scenario broke a rule of the model (see `error`).
  // A thread misused a lock the way a real program can (release of an unheld lock, a Mutex
  // unlocked by a non-owner): the execution ends there, `error` says what happened and
  // Trace::misuse the details. A finding (LOCK MISUSE), not an ERROR of the tool.
  kMisuse,
  // A thread of the program failed the way a real process dies: a failed assert(), an
  // uncaught exception, abort(), std::terminate, a crash signal, a stack overflow. The
  // execution ends there (as the process would); Trace::failure says what happened. A
  // finding (ASSERTION FAILED, UNCAUGHT EXCEPTION, CRASH), not an ERROR of the tool.
  kFailure,
  kPruned,  // The chooser gave it up as redundant (partial-order reduction).
  // The search's wall-time bound ran out during the execution, or its trace grew past the
  // memory bound (ExecutionLimits): cut off, not counted; the search stops INCOMPLETE.
  kTimeBound,
  kMemoryBound,
};
std::string_view EndReasonName(EndReason reason);

// What a misused lock operation did (EndReason::kMisuse).
struct LockMisuse {
  int step = 0;                 // The release that was not allowed.
  ThreadId thread = kNoThread;  // Who released.
  ObjectId lock = kNoObject;
  ThreadId holder = kNoThread;  // Who held the lock then (kNoThread: nobody).
  SourceLine where;
};

// How a thread of the program failed (EndReason::kFailure).
enum class FailureKind {
  kAssertion,          // assert() failed (glibc's __assert_fail, __assert_perror_fail).
  kUncaughtException,  // An exception left a thread's function.
  kCrash,              // abort(), std::terminate, a crash signal, a stack overflow.
};

struct ProgramFailure {
  FailureKind kind = FailureKind::kCrash;
  ThreadId thread = kNoThread;
  int after_step = 0;  // The execution's last step before the failure.
  // What failed, without the thread or the line: "assert(x == 2) failed",
  // "std::runtime_error: boom", "SIGSEGV (invalid address 0x0)".
  std::string message;
  std::string detail;  // More, for the details: "in function 'void f()'"; may be empty.
  SourceLine where;    // The scenario's line (an empty file when unknown).
  // Whether `where` is the failing thread's last step rather than the failure's own line
  // (no line information for it).
  bool where_is_last_step = false;
};

struct Trace {
  std::vector<TraceEvent> events;
  std::vector<ObjectInfo> objects;
  std::vector<ThreadInfo> threads;
  std::vector<Decision> decisions;
  std::vector<FailedExpect> failed_expects;
  std::vector<std::pair<std::string, std::string>> outcome;  // name=value, in order declared.
  EndReason end = EndReason::kFinished;
  std::string error;       // For kError and kMisuse.
  LockMisuse misuse;       // For kMisuse.
  ProgramFailure failure;  // For kFailure.
  // What the execution wrote to stdout and stderr, when its output was captured
  // (model/output_capture.h: `interleave exec` without --show-output); else empty.
  std::string output;
  // Main's body returned (the program began to exit), after step `main_returned_after_step`.
  // A Thread object local to the body waits for its thread at exit inside the body, before
  // this is set: a main blocked in exit-wait has reached program exit too.
  bool main_returned = false;
  int main_returned_after_step = 0;
  TimeMode time = TimeMode::kAny;
  bool spurious_wakeups = false;  // The run let Condition.wait wake without a notify.
  MemoryModel memory_model = MemoryModel::kRc11;
  // Under rc11, for an execution with a weak atomic operation (not seq_cst) or fence: a
  // fingerprint of its execution graph (events
  // and what they did, reads-from, modification order, and the order of the operations on
  // every other object), equal for two executions exactly when they are the same graph reached
  // through different interleavings. 0: none.
  uint64_t graph_print = 0;
  // Some plain access had no scheduling point of its own (ExecutionLimits::
  // plain_accesses_inline): a replay of this schedule needs the same.
  bool plain_accesses_inline = false;
  // Some release of a lock had no scheduling point of its own (ExecutionLimits::
  // releases_inline): a replay of this schedule needs the same.
  bool releases_inline = false;
  // Under ExecutionLimits::releases_inline, a step that breaks its premise ran: an acquire of
  // a lock that may fail (non-blocking or timed), or a release by a thread that does not hold
  // the lock. The search's executions so far may have missed orders: it starts over without
  // the reduction.
  bool release_reduction_broken = false;
  // The program read the clock (Execution::NoteClockRead): the virtual time, one value of the
  // many a real clock could give there.
  bool clock_read = false;

  // The choice of every branching decision (Decision::Choice): the schedule a replay needs.
  std::vector<int> Schedule() const;
  int Preemptions() const;
  // "value=1" or "a=1, b=2"; empty when the scenario declared no outcome.
  std::string OutcomeText() const;
  // "read value = 0", "acquire lock", "log "Thread 0: starting update"".
  std::string Describe(const TraceEvent& event) const;

 private:
  std::string DescribeOperation(const TraceEvent& event) const;
};

}  // namespace interleave

#endif  // INTERLEAVE_MODEL_TRACE_H_
