// Execution: the runtime that runs one interleaving of a scenario.
//
// The scenario body is the main thread; every thread it starts is a fiber (Boost.Context) on the
// calling OS thread, so one execution is single-threaded and fully deterministic given the
// choices of its Chooser. Each visible operation of a primitive calls Step(), which hands control
// back to the scheduler loop; the loop asks the Chooser which enabled thread performs its next
// operation and resumes it. Plain code between two Step() calls runs atomically. (For speed,
// the thread the loop resumed asks the Chooser itself at its next Step(), and goes on without
// a fiber switch when it is chosen again; the decisions are the same.)
//
// Step() is the one wait/wake mechanism: a primitive that may block passes a `ready` predicate,
// and the thread is enabled only while it holds (an acquire is ready when the lock is free, a
// join when the target has finished). A timed wait also passes a timeout; when the thread is
// chosen while `ready` does not hold, the wait times out (TraceEvent::timed_out). Deadlock is the
// loop finding no enabled thread, and no wake-up to come, while some thread has not finished.
//
// Time (DESIGN.md "Time"):
// - kAny: sleep is a yield; a timed wait may time out whenever it would block. The polling
//   rule: a thread whose wait timed out may time out again only once another thread has
//   changed an object this thread touched since that timeout (the waited-on object included).
//   Until then its loop would read what it read before and only repeat itself (its own
//   counters aside), so a polling loop adds no state while nothing it looks at moves, and
//   exploration stays finite. Since only changes to what the poller looked at enable it,
//   dpor needs no dependence beyond objects for timeouts (checker/dpor.h). The rule only
//   yields to other threads: when no thread can run, every timed wait may time out (as real
//   time passes), so a loop that gives up after N timeouts does, and an endless poller that
//   nobody releases spins to the step bound (a suspected livelock), as on the virtual clock.
// - kVirtual: a clock in whole microseconds; operations take no time; a sleeping thread is
//   enabled from its wake-up time on, a timed wait times out at its deadline; when no thread is
//   enabled the clock jumps to the earliest wake-up or deadline. Threads enabled at the same
//   instant interleave in every order.
//
// Happens-before: every thread has a vector clock, ticked at each of its steps and stamped on
// its events. Primitives add edges with Publish(object) (release, set, put, notify) and
// Observe(object) (acquire, wait returns, get); start and join add theirs here.
//
// Invariants:
// - At most one fiber runs at a time; `current_` is the thread whose code is running.
// - A thread runs eagerly from its start to its first visible operation (inside the operation
//   that started it), so every unfinished thread always has a pending operation.
// - No scheduling point while an exception propagates (std::uncaught_exceptions() > 0):
//   destructors that run during unwinding perform their operations at once.
// - A killed thread (a daemon at program exit, a terminated process) and every thread when the
//   execution ends early are unwound by an internal exception thrown from the Step() they are
//   suspended in; the operations their destructors attempt on the way are void (a killed
//   process's lock stays held). Newest thread first, main last. Scenario code must not swallow
//   it with `catch (...)`; destructors that reach a scheduling point are noexcept(false).
#ifndef INTERLEAVE_MODEL_EXECUTION_H_
#define INTERLEAVE_MODEL_EXECUTION_H_

#include <array>
#include <atomic>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <limits>
#include <memory>
#include <optional>
#include <source_location>
#include <span>
#include <string>
#include <string_view>
#include <typeinfo>
#include <vector>

#include "model/function_ref.h"
#include "model/object_handle.h"
#include "model/spin_frame.h"
#include "model/trace.h"
#include "model/vector_clock.h"
#include "model/weak_memory.h"

namespace interleave {

// TimeMode itself is in trace.h (a trace records the mode it ran in).
std::string_view TimeModeName(TimeMode mode);  // "any", "virtual".
std::optional<TimeMode> ParseTimeMode(std::string_view name);

// The operation a thread will perform when it is next chosen (or is blocked in).
struct PendingOp {
  OpKind kind = OpKind::kLog;
  ObjectId object = kNoObject;
  bool finished = false;  // The thread has ended: it has no next operation.
  // Whether what the operation does may depend on every other thread's state (enumerate(),
  // active_count()). Reductions treat it as dependent with every operation.
  bool global = false;
  // The thread whose liveness the operation reads or changes (is_alive, a timed join, the
  // exit-wait and kill of a daemon): dependent with every operation of that thread.
  ThreadId observes = kNoThread;
};

class Execution;

// What the scheduler loop asks at each scheduling point.
struct SchedulePoint {
  int step = 0;                          // The step about to run (1-based).
  const std::vector<ThreadId>* enabled;  // Ascending; never empty.
  ThreadId previous = kNoThread;         // The thread that ran the step before.
  // *enabled as bits: bit t for enabled thread t, for the threads below 64 (a thread numbered
  // 64 or more appears in *enabled only).
  uint64_t enabled_set = 0;
  const Execution* execution = nullptr;  // The execution asking.

  // Per thread (by id): its next operation. Built when asked (a pass over every thread), so a
  // chooser that does not need it at this point pays nothing.
  const std::vector<PendingOp>& Pending() const;
};

// Thrown by a chooser to give up the execution as redundant (a partial-order reduction knows
// that every continuation was explored already). The execution ends with EndReason::kPruned.
struct PruneExecution {};

// The checker's side of the runtime.
class Chooser {
 public:
  virtual ~Chooser() = default;
  // The thread that runs next: a member of `*point.enabled`.
  virtual ThreadId ChooseThread(const SchedulePoint& point) = 0;
  // A data value in [lo, hi] for choose(lo, hi), at `step`.
  virtual int ChooseValue(int step, int lo, int hi) = 0;

  // A thread decision the chooser took already, in an earlier execution with the same prefix:
  // the thread it chose there and the threads that were enabled. While a chooser replays its
  // recorded prefix, answering here lets the runtime skip computing the enabled set, most of
  // the work of a step (time mode any only; it still checks that the chosen thread can run).
  // False: not replaying; the runtime asks ChooseThread, and does not ask here again until
  // the next execution (a replayed prefix comes first).
  struct Replayed {
    ThreadId chosen = kNoThread;
    uint64_t enabled = 0;  // As bits: the chooser keeps at most 64 threads.
    int enabled_count = 0;
  };
  virtual bool ReplayedThread(int /*step*/, Replayed& /*decision*/) { return false; }

  // The steps this execution replays: an earlier execution took the same decisions up to
  // them, so this one must take the same steps (StepPrint) there. Asked once, as the
  // execution starts; the span must stay valid until it ends. The runtime compares every one
  // of those steps as it runs it, on every path (the replay fast path included): a step that
  // differs is nondeterminism outside the model (real time, real randomness, state kept
  // across executions), and the execution ends in an error naming the step and both sides.
  virtual std::span<const StepPrint> ReplayedSteps() { return {}; }
};

struct ExecutionLimits {
  int64_t max_steps = 100'000;
  // The search's wall-time bound: an execution still running then ends (kTimeBound).
  std::chrono::steady_clock::time_point deadline = std::chrono::steady_clock::time_point::max();
  // About how much memory the execution's trace may take (kMemoryBound past it).
  int64_t max_trace_bytes = int64_t{1} << 30;
  TimeMode time = TimeMode::kAny;
  // Condition.wait may return without a notify (as POSIX and Python allow), in time mode any.
  bool spurious_wakeups = false;
  bool SpuriousWakeupsInEffect() const { return spurious_wakeups && time == TimeMode::kAny; }
  // What atomic loads may read (model/weak_memory.h).
  MemoryModel memory_model = MemoryModel::kRc11;
  // Bytes of stack per thread (each a fiber, with a guard page below it: overflowing it is a
  // CRASH naming the thread and its deepest line).
  std::size_t stack_size = kDefaultStackSize;
  // The symmetry reduction is on (ExploreOptions::symmetry; checker/symmetry.h): the threads
  // a scenario declared symmetric (Thread::set_symmetric) are reported to the chooser
  // (SymmetryGroups), and an operation that tells two of them apart ends the execution in an
  // error. Off: the declarations are inert.
  bool symmetry = false;
  // The race-free reduction (checker/explorer.h, ExploreOptions::plain_accesses): a plain
  // access (PlainStep) is taken without a scheduling point of its own, right after the
  // thread's previous step, unless it waits (a poll). Sound only while the executions
  // explored so far have no data race: the search checks that and starts over without it.
  bool plain_accesses_inline = false;
  // The release reduction, with the race-free one (ExploreOptions::releases_inline): a release
  // of a lock by the thread that holds it (ReleaseStep) is taken without a scheduling point of
  // its own, right after the thread's previous step. Such a release is a left mover (Lipton,
  // "Reduction: a method of proving properties of parallel programs", CACM 1975): while the
  // thread holds the lock, no other thread's step can touch it except an acquire that may
  // fail (non-blocking or timed) or a release by a thread that does not hold it, so it
  // commutes with every step another thread can take before it. Those two break the premise
  // (Trace::release_reduction_broken): the search checks that and starts over without it.
  bool releases_inline = false;
  static constexpr std::size_t kDefaultStackSize = 256 * 1024;
  static constexpr std::size_t kMinStackSize = 16 * 1024;
  static constexpr std::size_t kMaxStackSize = std::size_t{1} << 30;  // 1 GiB.
};

// A duration for a timed wait; kForever for none.
inline constexpr int64_t kForever = std::numeric_limits<int64_t>::max();
// Seconds (as the seeds write them) to whole microseconds, the virtual clock's unit.
int64_t Microseconds(double seconds);

class Execution {
 public:
  // Runs `body` as the main thread of a new execution until every thread has finished, no
  // thread can run, the step bound is hit, or the scenario raises a ModelError.
  static Trace Run(const std::function<void()>& body, Chooser& chooser,
                   const ExecutionLimits& limits = {});
  // The same, into `trace`, whose contents are replaced but whose storage is reused: a search
  // that passes one Trace to each of its executions allocates far less.
  static void Run(const std::function<void()>& body, Chooser& chooser,
                  const ExecutionLimits& limits, Trace& trace);

  // The execution running on this OS thread. Throws ModelError naming `what` when there is
  // none (a model object used outside an execution). Inline: every operation asks it.
  static Execution& Current(std::string_view what) {
    Execution* const execution = current_execution_;
    if (execution == nullptr) [[unlikely]] {
      NoExecution(what);
    }
    return *execution;
  }

  // Registers a model object; its id indexes Trace::objects.
  ObjectId AddObject(ObjectKind kind, std::string name);
  // Registers an atomic (kAtomic) with its initial value as message 0 (model/weak_memory.h).
  ObjectId AddAtomic(std::string name);

  // Atomic<T>'s side of the runtime (model/atomic.h, model/weak_memory.h).
  using RmwOutcome = interleave::RmwOutcome;
  using RmwResult = interleave::RmwResult;
  // Atomic operations, each one step. Spin loops: when a thread that has done nothing but
  // atomic loads (failed compare-exchanges, sleeps) since its last other operation comes back
  // to a state it was in at one of them (the same line and SpinFrame: registers and stack),
  // the loads in between were an iteration with no effect. It waits until one of the stores it
  // read then has a newer one in modification order, since reading the same stores again
  // would only repeat the iteration (GenMC's spin-assume, found at run time; state kept only
  // on the heap is not seen), and an execution in which it repeats the iteration anyway is
  // pruned, as redundant. A thread that waits so when no thread can run spins forever: a
  // deadlock (ThreadInfo::spinning). `spin` is null unless SpinCandidate said so. Each returns
  // the message read (Atomic<T> keeps values by message), or -1 when void.
  bool SpinCandidate() const {
    return INTERLEAVE_HAS_SPIN_FRAME && current_ != kNoThread &&
           spins_[static_cast<std::size_t>(current_)].open;
  }
  // `frame` taken as the caller's (always inlined: model/spin_frame.h) when SpinCandidate, for
  // PollStep; else null.
  [[gnu::always_inline]] const SpinFrame* SpinFrameIfCandidate(SpinFrame* frame) const {
    if (!SpinCandidate()) return nullptr;
    CaptureSpinFrame(frame);
    return frame;
  }
  INTERLEAVE_ZERO_SCRATCH_ON_RETURN
  int AtomicLoad(const ObjectHandle& object, MemoryOrder order, const SourceLine& where,
                 const SpinFrame* spin, FunctionRef<std::string(int)> describe);
  // `append` adds the stored value to Atomic<T>'s, once the step is taken; `describe` is
  // the event's text.
  void AtomicStore(const ObjectHandle& object, MemoryOrder order, const SourceLine& where,
                   FunctionRef<void()> append, FunctionRef<std::string()> describe);
  INTERLEAVE_ZERO_SCRATCH_ON_RETURN
  RmwResult AtomicUpdate(const ObjectHandle& object, MemoryOrder success, MemoryOrder failure,
                         const SourceLine& where, const SpinFrame* spin, bool allow_spurious,
                         FunctionRef<RmwOutcome(int)> outcome, FunctionRef<bool(int)> write,
                         FunctionRef<std::string(const RmwResult&)> describe);
  // atomic_thread_fence: a step of its own.
  void Fence(MemoryOrder order, const SourceLine& where);

  // The same memory model for a caller that takes the operation's step itself (the
  // instrumented runtime, which waits in it by its own spin rule: instrumented/runtime.cc):
  // each is called right after `event`, the current thread's step on `object`, and returns as
  // AtomicLoad/AtomicStore/AtomicUpdate do (under sc they also add the object's edges).
  // AddAtomicLocation makes `object` (of any kind) a location of the memory model, or starts
  // it again: message 0 is its value from then on, before every later operation (a value the
  // program wrote outside the model: before its threads started, after they were joined).
  void AddAtomicLocation(ObjectId object) { memory_.AddLocation(object); }
  int LoadInStep(TraceEvent& event, ObjectId object, MemoryOrder order, int after = -1);
  // The new message's value is already the caller's last.
  int StoreInStep(TraceEvent& event, ObjectId object, MemoryOrder order);
  // `write(read)` appends the value written (when it writes). Tracks spurious failures as
  // AtomicUpdate does.
  RmwResult UpdateInStep(TraceEvent& event, ObjectId object, MemoryOrder success,
                         MemoryOrder failure, bool allow_spurious,
                         FunctionRef<RmwOutcome(int)> outcome, FunctionRef<void(int)> write,
                         int after = -1);
  // Whether a store of `object` follows `message` in modification order; the last one.
  bool HasNewerStore(ObjectId object, int message) const {
    return memory_.HasNewer(object, message);
  }
  int LatestStore(ObjectId object) const { return memory_.Latest(object); }
  // A futex operation in `event` (instrumented/runtime.cc FutexWait, FutexWake): the kernel's
  // full barrier (an SC fence), and for a wait its read of the word: the latest store in
  // modification order, with no choice, kept for coherence (the thread's later loads of the
  // word read it or a newer one).
  void KernelFenceInStep(TraceEvent& event) { memory_.KernelFence(AccessFor(event)); }
  void ReadLatestInStep(TraceEvent& event, ObjectId object) {
    memory_.ReadLatest(AccessFor(event), object);
  }
  // The current execution repeats what an earlier one did (a spin loop's iteration read what
  // its last one read): it ends, pruned, at its next scheduling point.
  void PruneAtNextStep() { prune_pending_ = true; }
  // `thread` waits (or no longer waits) in a step by the instrumented runtime's spin rule: a
  // DEADLOCK then reports it as spinning (ThreadInfo::spinning), as AtomicLoad's waits are.
  void SetSpinWaiting(ThreadId thread, bool waiting) {
    if (thread >= 0 && static_cast<std::size_t>(thread) < spin_waiting_.size()) {
      spin_waiting_[static_cast<std::size_t>(thread)] = waiting ? 1 : 0;
    }
  }
  // The primitive behind `object` is being destroyed (its destructor, after any wait it makes).
  // A thread still suspended in an operation on it holds a ready predicate that reads the
  // primitive: the predicate is dropped (the thread can never run again) before the memory it
  // reads goes, and unless the execution is already ending this is an ERROR naming the object,
  // the thread and its line (an object must outlive every thread that uses it). Called by the
  // object's ObjectHandle as it is destroyed; a no-op unless `execution` (its serial) is the
  // current one.
  static void ObjectDestroyed(uint64_t execution, ObjectId object) noexcept;
  const ObjectInfo& object(ObjectId id) const { return trace_.objects[id]; }
  void SetOwner(ObjectId id, ThreadId owner) {
    ObjectInfo& info = trace_.objects[id];
    info.owner = owner;
    ++object_changes_[id].version;  // A poll waiting on it (PollStep) may try again.
    if (info.kind == ObjectKind::kThread) pending_stale_ = true;  // See PendingOps.
  }
  void SetItemsLeft(ObjectId id, int64_t items) { trace_.objects[id].items = items; }
  void SetMustDrain(ObjectId id) { trace_.objects[id].must_drain = true; }
  void SetGlobal(ObjectId id) { trace_.objects[id].global = true; }
  // How many objects of `kind` the execution has made so far (a thread's default name).
  int CountObjects(ObjectKind kind) const { return object_counts_[static_cast<std::size_t>(kind)]; }
  int object_count() const { return static_cast<int>(trace_.objects.size()); }
  // Executions running now, on every OS thread of the process (a search with several workers
  // runs one per worker): what tells a global object of the std mirror that it is shared.
  static int LiveExecutions() { return live_executions_.load(std::memory_order_relaxed); }

  // Creates a thread running `body` and runs it up to its first visible operation.
  ThreadId Spawn(ObjectId object, std::string name, std::function<void()> body,
                 bool daemon = false);
  // The thread that runs the next step without a preemption becomes `thread`, as though it had
  // run the last step (Thread::start in time mode virtual: CPython's start() returns only
  // once the new thread has started, so the new thread holds the CPU; model/thread.cc). It
  // changes which schedules count as preemptions, never which schedules exist.
  void HandOff(ThreadId thread) { previous_ = thread; }
  // Inline (from a flag per thread kept here): join and exit predicates ask it at every step.
  bool IsFinished(ThreadId thread) const { return finished_[thread] != 0; }
  bool IsDaemon(ThreadId thread) const;
  // The program's exit cuts `thread` off where it stands, as a daemon's exit does (C's exit():
  // the instrumented runtime's threads). The exit-wait step before its kill then observes it,
  // so a reduction tries the thread's next operations before the exit.
  void CutOffAtExit(ThreadId thread);
  ThreadId current_thread() const { return current_; }
  const std::string& thread_name(ThreadId thread) const;
  int thread_count() const { return static_cast<int>(threads_.size()); }
  // Symmetry (ExecutionLimits::symmetry; checker/symmetry.h). Declares `thread` (named
  // `name`), about to be spawned (thread_count() before Spawn), a member of the symmetry group
  // `group`: interchangeable with every other member (the same function with equal arguments,
  // told apart by nothing). `target` is the type of its function (a closure type names one
  // lambda expression); a group's members must share it, and none may be a daemon, else the
  // execution ends in an error. Ignored when the reduction is off.
  void SetSymmetryGroup(ThreadId thread, const std::string& group, const std::type_info& target,
                        const std::string& name, bool daemon);
  // The same for a front end whose programs declare nothing (the std mirror's thread, the
  // instrumented runtime's pthread_create), where --symmetry is the declaration: `thread`, about
  // to be spawned, is interchangeable with the threads started with the same function type
  // `target` and the same `bytes` (the object representation of the callable and of its
  // arguments, all trivially copyable: equal bytes are equal values). A group forms when its
  // second such thread starts while the first has not yet taken a step (a first that has
  // stepped, or was detached, is left out: no permutation moves it), and is named after the
  // first's line, `what` first ("std::thread at q.cc:12"; "... #2" for another group started
  // there). Ignored when the reduction is off.
  void SetSymmetryGroupByValue(ThreadId thread, const std::type_info& target,
                               std::string_view bytes, const std::string& what,
                               const SourceLine& where, const std::string& name);
  // `thread` was detached: a member of a group is an error (where it is cut off at exit would
  // tell it apart); a thread waiting for its group's second member is left out of it.
  void NoteSymmetryDetach(ThreadId thread);
  // The current thread read `member`'s result (a pthread_join's value): an error when
  // `member` is in a symmetry group, since what each member returned may tell them apart.
  void NoteMemberResultRead(ThreadId member);
  // `object` is `thread`'s alone from its start on (an unmodified program's std::thread state,
  // written before the start and used by no other thread): under the reduction, the thread's
  // steps on it leave it fresh (SteppedThreads), since every member of its group takes the
  // same steps on its own copy, and they commute with every other thread's.
  void MarkPrivateTo(ObjectId object, ThreadId thread);
  // The program is exiting (the instrumented runtime's exit, return from main): from here the
  // exiting thread only waits for and kills the threads still running, in the order of their
  // numbers, so its exit-waits tell no member of a symmetry group apart from another.
  void ProgramExiting() { program_exiting_ = true; }
  // Per thread (by id): its symmetry group's number, or -1. Empty when the reduction is off
  // or no thread was declared symmetric.
  std::span<const int> SymmetryGroups() const { return symmetry_groups_; }
  const std::vector<std::string>& SymmetryGroupNames() const { return symmetry_names_; }
  // Bit t: thread t (below 64) has taken a step of its own (its first visible operation ran).
  uint64_t SteppedThreads() const { return stepped_; }
  // The current thread reads its own identity (`what`: its name): under the reduction, an
  // error when it is a member of a symmetry group, since its members would then differ.
  void NoteOwnIdentityRead(const char* what);
  // The program read the clock (the instrumented runtime's clock_gettime, gettimeofday, time):
  // it got the virtual time, which the coverage statement says (Trace::clock_read).
  void NoteClockRead() { trace_.clock_read = true; }
  // Ends `thread` where it stands (a daemon at exit, a terminated process): its remaining
  // operations never happen, and the locks it holds stay held. `reason` is recorded.
  void Kill(ThreadId thread, std::string reason, const SourceLine& where);

  TimeMode time_mode() const { return limits_.time; }
  bool symmetry() const { return limits_.symmetry; }  // ExecutionLimits::symmetry.
  bool spurious_wakeups() const { return limits_.SpuriousWakeupsInEffect(); }
  int64_t now() const { return now_; }  // Virtual microseconds (0 in kAny).

  // An atomic block (SV-COMP's atomic sections, instrumented/runtime.cc): while `thread` is
  // exclusive and can run, no other thread is enabled, and its steps are taken without a
  // scheduling point (no thread decision), so they follow each other with no other thread's
  // in between, and a reduction reverses a race with any of them at the decision before the
  // block (checker/dpor.cc: a step with no decision of its own belongs to the one before it).
  // When it blocks (or ends) the others run again. kNoThread: none.
  void SetExclusive(ThreadId thread) { exclusive_ = thread; }
  ThreadId exclusive() const { return exclusive_; }

  // The scheduling point before a visible operation of the current thread. Returns once the
  // scheduler has chosen this thread and `ready` (if given) holds, or the `timeout` (in
  // microseconds; kForever for none) has passed, which the event says. The caller then
  // performs the operation's effect and may fill in the event's value.
  TraceEvent& Step(OpKind kind, ObjectId object, const SourceLine& where,
                   FunctionRef<bool()> ready = {}, int64_t timeout = kForever);
  // A non-blocking acquire of `object` (a trylock), which fails at once when the object is
  // held, but which a spin rule may hold back first: `may_run` says when the thread may take
  // the step (not whether the acquire succeeds). The event may fail (TraceEvent::may_fail), as
  // a Step of kind kAcquire without `ready` does.
  TraceEvent& TryAcquireStep(ObjectId object, const SourceLine& where, FunctionRef<bool()> may_run);
  // The model's non-blocking acquires (std mirror try_lock, try_lock_shared, try_acquire) as a
  // spin loop's poll, by the rule of AtomicLoad below: a thread that has done nothing but
  // polls and atomic reads since its last other operation, and comes back to a state it was in
  // at one of them (`spin`, taken in the caller's inline code; null: no rule), made an
  // iteration with no effect; it waits until an object it polled has changed (an acquire, a
  // release, a count: any modifying step on it, or a new owner) or an atomic it read has a
  // newer store, and an execution that repeats the iteration anyway is pruned. A holder that
  // never lets go is then a deadlock, not a run to the step bound. The step may fail
  // (TraceEvent::may_fail); PollDone(object, acquired) follows the operation's effect.
  TraceEvent& PollStep(OpKind kind, const ObjectHandle& object, const SourceLine& where,
                       const SpinFrame* spin);
  void PollDone(ObjectId object, bool acquired);
  // A plain access to a Shared variable (or an unmodified program's plain memory access): a
  // Step, which under ExecutionLimits::plain_accesses_inline has no scheduling point of its
  // own when nothing makes it wait (`ready` empty) and the thread can go on.
  TraceEvent& PlainStep(OpKind kind, ObjectId object, const SourceLine& where,
                        FunctionRef<bool()> ready = {}) {
    if (limits_.plain_accesses_inline && !ready) {
      if (TraceEvent* event = InlinePlainStep(kind, object, where)) return *event;
    }
    plain_step_ = limits_.plain_accesses_inline && !ready;
    plain_access_ = true;
    return Step(kind, object, where, ready);
  }
  TraceEvent& PlainStep(OpKind kind, const ObjectHandle& object, const SourceLine& where) {
    if (limits_.plain_accesses_inline && object.LivesIn(serial_)) {
      if (TraceEvent* event = InlinePlainStep(kind, object.id(), where)) return *event;
    }
    plain_step_ = limits_.plain_accesses_inline;
    plain_access_ = true;
    return Step(kind, object, where);
  }
  // The release of a lock (Lock, Mutex, RLock) on its own object: under
  // ExecutionLimits::releases_inline, by the thread that holds it, a step without a
  // scheduling point of its own when the thread can go on; by any other thread it breaks the
  // reduction's premise (the caller reports the misuse after the step).
  TraceEvent& ReleaseStep(const ObjectHandle& object, const SourceLine& where) {
    if (limits_.releases_inline && object.LivesIn(serial_)) {
      if (trace_.objects[object.id()].owner == current_) {
        if (TraceEvent* event = InlinePlainStep(OpKind::kRelease, object.id(), where)) {
          return *event;
        }
        plain_step_ = true;
      } else {
        trace_.release_reduction_broken = true;
      }
    }
    return Step(OpKind::kRelease, object, where);
  }  // A read of a lock's state by `event` (Lock::locked): a release moved left past it would
  // change what it read, so it breaks the release reduction's premise, as an acquire that may
  // fail does.
  void NoteLockRead(const TraceEvent& event) {
    if (limits_.releases_inline && &event != &discarded_) trace_.release_reduction_broken = true;
  }

  // The same on a primitive's own object, checking that it is alive and of this execution
  // (model/object_handle.h) when the thread reaches the step and again when it is scheduled
  // to perform it (the object may have died meanwhile); else the execution ends in an error.
  TraceEvent& Step(OpKind kind, const ObjectHandle& object, const SourceLine& where,
                   FunctionRef<bool()> ready = {}, int64_t timeout = kForever) {
    if (!object.LivesIn(serial_)) [[unlikely]] {
      ObjectOutOfLife(object, kind, where);
    }
    TraceEvent& event = Step(kind, object.id(), where, ready, timeout);
    if (!object.LivesIn(serial_)) [[unlikely]] {
      ObjectOutOfLife(object, kind, where);
    }
    return event;
  }
  // This execution's number, unique in the process (ObjectHandle stamps it).
  uint64_t serial() const { return serial_; }
  // sleep(d): a yield in kAny; in kVirtual the thread runs again at now + d.
  TraceEvent& Sleep(int64_t duration, const SourceLine& where);
  // A data choice in [lo, hi], explored like a schedule choice.
  int Choose(int lo, int hi, const SourceLine& where);
  // A data choice in [lo, hi] made by the operation of `event`, the current thread's step that
  // just ran, without a scheduling point of its own (which waiter a notify_one wakes).
  int ChooseInStep(const TraceEvent& event, int lo, int hi);
  // The events recorded so far, by index (a TraceEvent& from Step stays valid only until the
  // next step; its index stays): the instrumented runtime fills a write's value after the
  // write happened, at the thread's next step.
  std::size_t EventIndex(const TraceEvent& event) const {
    return static_cast<std::size_t>(&event - trace_.events.data());
  }
  std::size_t event_count() const { return trace_.events.size(); }
  TraceEvent& EventAt(std::size_t index) { return trace_.events[index]; }

  // Happens-before edges through `object`: Publish makes the current thread's history
  // visible to whoever later Observes the object.
  void Publish(ObjectId object);
  // The current thread sees every finished thread's history (enumerate() reads the thread
  // table under CPython's lock, which every thread takes as it ends).
  void ObserveFinishedThreads();
  void Observe(ObjectId object);

  // Runs `hook` in the main thread when the scenario body returns (program exit), hooks in the
  // reverse order of registration; an execution that ends otherwise drops them unrun.
  void AtProgramExit(std::function<void()> hook);

  // Records a failed `expect`; the execution goes on.
  void RecordFailedExpect(std::string message, const SourceLine& where);
  void RecordOutcome(std::string name, std::string value);

  // Steps taken by every execution on every OS thread so far, and the source line of the last
  // one: a watchdog on another OS thread reads them to tell an execution that is stuck
  // outside the model (a real mutex, a real sleep) from one that moves.
  struct Progress {
    uint64_t steps = 0;
    const char* file = "";
    int line = 0;
    bool plain_read = false;  // The last step read a plain (not atomic) variable.
  };
  static Progress LastProgress();
  // The search on this OS thread has been given up (it was stuck outside the model): once
  // `*flag` is set, the execution ends at its next scheduling point and every operation of
  // this OS thread is void. nullptr: never.
  static void SetAbandonFlag(const std::atomic<bool>* flag);
  static bool Abandoned() {
    const std::atomic<bool>* const flag = abandon_flag_;
    return flag != nullptr && flag->load(std::memory_order_relaxed);
  }

  // Threads are dropped, never unwound: a killed thread, and every unfinished thread when an
  // execution ends, is left where it stands (its fiber dropped without unwinding, its stack
  // back to the pool) instead of being unwound by an exception. For the runtime of unmodified
  // programs (instrumented/), whose frames (C, and C++ calling noexcept libc functions) cannot
  // be unwound, and whose state is reset before every execution anyway. Process-wide.
  static void SetDropThreads(bool drop) { drop_threads_.store(drop, std::memory_order_relaxed); }

  // True when the current thread's operations are void: the execution is unwinding its
  // threads after it ended, or the current thread is being killed.
  bool unwinding() const {
    return tearing_down_ || Abandoned() || (current_ != kNoThread && killed_[current_] != 0);
  }

  // For the crash handler and the interposed blocking calls (model/crash.h, model/escapes.cc).
  // The execution on this OS thread, or nullptr; async-signal-safe.
  static Execution* Running() { return current_execution_; }
  // Whether scenario code runs on this OS thread: a fiber of its execution between two
  // scheduling points (not the runtime's Step(), the scheduler loop or the chooser).
  static bool InScenarioCode() { return in_scenario_; }
  // The crash handler's code from here on is not the scenario's (LeaveThread's, below, or the
  // handler that had the signal before): backtrace()'s unwinder calls pthread_once and may
  // take a mutex, which the runtime of unmodified programs would otherwise take for the
  // scenario's and make a scheduling point of, suspending the crashed thread inside the
  // handler. Async-signal-safe.
  static void LeaveScenarioCode() { in_scenario_ = false; }
  // Whether `address` lies in the guard page below the running thread's stack, and `sp` in or
  // just below that stack (a fault of that thread's stack overflow). Async-signal-safe.
  bool InStackGuard(const void* address, const void* sp) const;
  // Leaves the running thread's fiber for the scheduler, for good: the fiber is never resumed
  // nor unwound (its stack and what lies on it are leaked), the thread counts as finished,
  // and the execution ends: with EndReason::kFailure for a crash signal or a stack overflow
  // (crash::ThisThreadDeparture() says which), else with what the caller recorded first (an
  // escape's error, Fail's failure). Async-signal-safe (the crash handler calls it).
  [[noreturn]] void LeaveThread();
  // A blocking call made by scenario code (model/escapes.cc): records an error naming `what`,
  // the thread and the scenario's line, and leaves the thread (LeaveThread).
  [[noreturn]] void Escape(const std::string& what);
  // Scenario code called `what`, which the model does not support (pthread_cancel, a futex
  // operation other than wait and wake): records an error naming it, the thread and the
  // scenario's line, and leaves the thread (LeaveThread).
  [[noreturn]] void Unmodelled(const std::string& what);
  // The running thread failed as a real process dies (a failed assert, std::terminate: see
  // model/crash.h): records the failure `message` of `kind` at `where` (nullopt: the first
  // scenario frame of the backtrace, else the thread's last step) and leaves the thread.
  [[noreturn]] void Fail(FailureKind kind, const std::string& message,
                         std::optional<SourceLine> where, const std::string& detail = "");
  // The running thread misused a lock where the back end cannot throw MisuseError through the
  // program's frames (the instrumented runtime: C code, undefined behaviour glibc does not
  // report): records `message` and `misuse` as a MisuseError leaving the thread does
  // (EndReason::kMisuse, unless the execution has ended otherwise) and leaves the thread.
  [[noreturn]] void Misuse(const std::string& message, const LockMisuse& misuse);
  // A back end's work before Fail records a failure, in the failing thread (the instrumented
  // runtime fills in the value of the thread's last write, which it reads at the next step).
  static void SetBeforeFailure(void (*hook)()) { before_failure_ = hook; }
  // Records `message` as the execution's error unless it has one, ending it at its next
  // scheduling point.
  void RecordError(std::string message);
  // Scenario code of the running thread throws `object` (the interposed __cxa_throw,
  // model/escapes.cc): its backtrace is kept, for the line of an exception nobody catches.
  void NoteThrow(const void* object);
  // Records that `thread` failed (Trace::failure), ending the execution at its next scheduling
  // point, unless the execution has an error or a failure already, or is being unwound (a
  // killed thread's or a torn-down execution's destructors do not run in a real process).
  // `where`: nullopt for the thread's last step.
  void RecordFailure(FailureKind kind, ThreadId thread, std::string message,
                     std::optional<SourceLine> where, std::string detail = "");
  // The source line of `thread`'s last step (none: an empty file).
  SourceLine LastStepOf(ThreadId thread) const;
  std::size_t stack_size() const { return limits_.stack_size; }

  // Every thread's next operation (SchedulePoint::Pending), built now.
  const std::vector<PendingOp>& PendingOps() const;

  Execution(const Execution&) = delete;
  Execution& operator=(const Execution&) = delete;
  ~Execution();

 private:
  struct Thread;
  struct Storage;
  static Storage& SpareStorage();  // This OS thread's.
  [[noreturn]] static void NoExecution(std::string_view what);
  // " in thread 'T' at file:line": the running thread and the scenario's line of the call
  // being made (the first frame outside the runtime), else its last step's.
  std::string ScenarioCallSite();

  // The execution running on this OS thread (Current), and its abandon flag (Abandoned).
  // Initial-exec TLS: a plain load, no call (the library is never dlopen'ed).
  __attribute__((tls_model(
      "initial-exec"))) static inline constinit thread_local Execution* current_execution_ =
      nullptr;
  __attribute__((
      tls_model("initial-exec"))) static inline constinit thread_local const std::atomic<bool>*
      abandon_flag_ = nullptr;

  static inline std::atomic<int> live_executions_{0};  // LiveExecutions.

  // Execution::InScenarioCode.
  __attribute__((
      tls_model("initial-exec"))) static inline constinit thread_local bool in_scenario_ = false;

  Execution(Chooser& chooser, const ExecutionLimits& limits, Trace&& storage);
  // Resume's side of LeaveThread, once the thread `id` has left its fiber for good.
  void OnThreadLeft(ThreadId id);
  // In the catch block at the top of thread `id`: the line that threw the exception being
  // handled (NoteThrow), or nullopt.
  std::optional<SourceLine> ThrowLine(ThreadId id);
  // In the catch block at the top of thread `id`: the exception being handled (`what`: its
  // what(), if a std::exception) left the thread's function: an UNCAUGHT EXCEPTION.
  void UncaughtException(ThreadId id, const char* what);
  void Schedule();
  // The decision before the next step: the thread that runs it, or kNoThread when the execution
  // ends (trace_.end says how; internal_error_ is set when the chooser broke its contract).
  ThreadId Decide();
  // Decide's fast path for a decision the chooser replays (Chooser::ReplayedThread).
  ThreadId Replay(int step, const Chooser::Replayed& replayed);
  // Fills `enabled` (reused across steps, so that the loop allocates nothing).
  void EnabledThreads(std::vector<ThreadId>& enabled);
  bool IsEnabled(const Thread& thread) const;
  bool IsEnabledInline(const Thread& thread) const;  // The same, inlined into Replay.
  bool ReadyNow(const Thread& thread) const;
  bool MayTimeOut(const Thread& thread) const;
  // Suspended in a wait with a timeout (it may time out once nothing else can run).
  static bool InTimedWait(const Thread& thread);
  // Every kLimitCheckSteps steps: whether the execution must end at the time or memory bound
  // (ExecutionLimits); if so, trace_.end says which.
  static constexpr std::size_t kLimitCheckSteps = 4096;
  bool OverLimits();
  // The next step is one of those an earlier execution took (Chooser::ReplayedSteps), or the
  // decision right after them: its prefix is replayed whatever the bounds.
  bool InReplayedPrefix() const { return trace_.events.size() <= expected_steps_.size(); }
  // The exclusive thread's next step runs without a scheduling point (SetExclusive): it can run
  // now, and the execution goes on.
  bool StepsInline(const Thread& thread);
  // The earliest virtual time at which a thread not enabled now may become enabled.
  std::optional<int64_t> NextWakeUp() const;
  // `plain`: a plain access's step (PlainStep), for the watchdog's Progress::plain_read.
  TraceEvent& Record(OpKind kind, ObjectId object, const SourceLine& where, bool timed_out = false,
                     bool plain = false);
  // An operation on an object that is not alive in this execution: an error, thrown (and
  // recorded first, so that a scenario's catch cannot hide it). Void while unwinding.
  void ObjectOutOfLife(const ObjectHandle& object, OpKind kind, const SourceLine& where);
  // Ends the execution in an error: step `step` is not the one `expected` said an earlier
  // execution with the same decisions took there.
  void StepDiffers(int step, const StepPrint& expected, OpKind kind, ObjectId object,
                   const SourceLine& where);
  // PendingOp::global and PendingOp::observes for an operation about to run.
  bool IsGlobalOp(OpKind kind, ObjectId object) const;
  // The PendingOp of `thread`'s pending operation (or of its end, once finished).
  PendingOp PendingOf(const Thread& thread) const;
  ThreadId ObservedThread(OpKind kind, ObjectId object, int64_t deadline) const;
  TraceEvent& Suspend(OpKind kind, ObjectId object, const SourceLine& where,
                      FunctionRef<bool()> ready, int64_t deadline, int64_t not_before);
  // An acquire that need not wait (non-blocking, or timed) may fail: dpor races it with the
  // release before it too (checker/dpor.cc), and a left-moved release may have hidden it.
  void NoteMayFail(TraceEvent& event);
  // PlainStep's fast path: the step of a plain access that Suspend would take inline (the
  // thread the loop resumed goes on, and nothing ends the execution here), recorded without
  // the scheduling point's bookkeeping; nullptr when Suspend must decide. The thread's pending
  // operation is left as it was: nobody reads it before the thread's next Suspend sets it.
  TraceEvent* InlinePlainStep(OpKind kind, ObjectId object, const SourceLine& where);
  void Resume(ThreadId thread);
  void Unwind();
  void DropThread(ThreadId id);  // SetDropThreads's way out for an unfinished thread.
  static inline std::atomic<bool> drop_threads_{false};
  static inline void (*before_failure_)() = nullptr;  // SetBeforeFailure.

  Chooser& chooser_;
  ExecutionLimits limits_;
  const uint64_t serial_;
  Trace trace_;
  std::vector<std::unique_ptr<Thread>> threads_;
  std::vector<uint8_t> finished_;           // Per thread: Thread::finished, for IsFinished.
  std::vector<uint8_t> killed_;             // Per thread: Thread::killed, for unwinding().
  std::vector<ThreadId> kills_;             // The threads killed, in the order they were.
  std::vector<VectorClock> object_clocks_;  // Per object: what its publishers had seen.
  // Per ObjectKind: the objects of that kind made so far (CountObjects).
  std::array<int, static_cast<std::size_t>(ObjectKind::kFuture) + 1> object_counts_{};
  // Per object: the last step that changed it and by whom, and the last change by any other
  // thread than that one (the polling rule of time mode any, MayTimeOut).
  struct ObjectChange {
    int last_step = 0;
    ThreadId last_thread = kNoThread;
    int other_step = 0;
    int version = 0;  // Bumped by each change but a failed poll's (PollStep).
    bool ChangedByOtherSince(ThreadId thread, int step) const;
    void Note(ThreadId thread, int step);
  };
  std::vector<ObjectChange> object_changes_;
  std::vector<std::function<void()>> at_exit_;
  // Per thread: its next operation (PendingOps), as of when it suspended or finished.
  mutable std::vector<PendingOp> pending_;
  // A thread object's owner changed since pending_'s observes were built.
  mutable bool pending_stale_ = false;
  // Symmetry (SetSymmetryGroup): per thread its group or -1 (empty: none declared), the
  // groups' names and closure types, and per thread the group whose members it has begun to
  // join (-1: none) with the members it still has to join (CheckSymmetricUse).
  std::vector<int> symmetry_groups_;
  std::vector<std::string> symmetry_names_;
  std::vector<const std::type_info*> symmetry_targets_;
  // SetSymmetryGroupByValue: per function type and bytes, the group formed (its number in
  // symmetry_names_), or -1 and the first thread started so (kNoThread: none left) with its
  // name and group name.
  struct SymmetryKey {
    const std::type_info* target;
    std::string bytes;
    int group = -1;
    ThreadId first = kNoThread;
    std::string first_name;
    std::string group_name;
  };
  std::vector<SymmetryKey> symmetry_keys_;
  std::vector<int> joining_group_;
  std::vector<uint64_t> joining_left_;
  uint64_t symmetric_joined_ = 0;     // The members joined so far.
  bool program_exiting_ = false;      // ProgramExiting.
  std::vector<ThreadId> private_to_;  // MarkPrivateTo, per object (kNoThread: shared).
  bool IsPrivateStep(ObjectId object) const;
  // Per variable (a Shared object): whether a member of a group has read or written it, and
  // whether a thread has between its joins of a group's members (CheckSymmetricUse).
  static constexpr uint8_t kMemberTouched = 1;
  static constexpr uint8_t kJoinerTouched = 2;
  std::vector<uint8_t> between_joins_;
  uint64_t stepped_ = 0;  // SteppedThreads.
  void CheckSymmetricUse(OpKind kind, ObjectId object, int64_t deadline, const SourceLine& where);
  ThreadId exclusive_ = kNoThread;  // SetExclusive.
  bool plain_step_ = false;         // PlainStep: the step being taken may go without a decision.
  bool plain_access_ = false;       // PlainStep: the step being taken is a plain access.
  // Whether the exclusive thread (if any) can run: then it is the only enabled thread.
  bool ExclusiveRuns() const;
  std::vector<ThreadId> enabled_;  // Reused by Decide() for SchedulePoint::enabled.
  uint64_t enabled_set_ = 0;       // The same as bits, for threads 0 to 63.
  ThreadId current_ = kNoThread;
  ThreadId previous_ = 0;  // The thread that ran the last step.
  // The thread the scheduler loop resumed, while it runs (kNoThread otherwise). When it reaches
  // its next scheduling point it takes the decision itself (Suspend), and goes on without a
  // fiber switch when it is chosen again; else it hands the decision to the loop.
  ThreadId scheduled_ = kNoThread;
  // A scheduled thread's hand-over to the next one, without the loop (Suspend).
  void SwitchTo(ThreadId next);
  bool decided_ = false;           // decision_ holds the next decision, taken inline.
  bool replaying_ = true;          // The chooser may still answer ReplayedThread.
  ThreadId decision_ = kNoThread;  // The thread to resume; kNoThread: the execution ends.
  std::string internal_error_;     // A broken chooser found by Decide(); Schedule() throws it.
  // The steps an earlier execution took with the same decisions (Chooser::ReplayedSteps).
  std::span<const StepPrint> expected_steps_;
  int64_t now_ = 0;
  // OverLimits's estimate of the trace's size, up to event `trace_bytes_counted_`.
  int64_t trace_bytes_ = 0;
  std::size_t trace_bytes_counted_ = 0;
  bool tearing_down_ = false;
  ThreadId left_ = kNoThread;  // The thread that left its fiber for good (LeaveThread).
  // The thread whose propagating exception destroyed an object another thread was in an
  // operation on (ObjectDestroyed's error): if the exception leaves that thread, the failure
  // replaces the error, its consequence.
  ThreadId error_while_propagating_ = kNoThread;
  TraceEvent discarded_;  // What Step() returns when an operation is void.
  WeakMemory memory_;     // The atomics' execution graph.
  // The spin-loop rule's record of a thread (AtomicLoad): the atomic reads since its last
  // other operation, the states it was in at them, and the last iteration found.
  struct SpinWindow {
    struct Visit {
      SourceLine where;
      uint64_t state = 0;          // The hash of its SpinFrame.
      std::size_t first_read = 0;  // Index into reads of the read made in that state.
    };
    bool open = false;     // Its operations since its last other one are atomic reads or sleeps.
    bool polling = false;  // In PollStep: its step leaves the window open.
    std::vector<Visit> visits;
    std::vector<std::pair<ObjectId, int>> reads;  // (object, message read).
    SourceLine loop_where;
    uint64_t loop_state = 0;
    std::vector<std::pair<ObjectId, int>> loop_reads;  // The last iteration's reads.
    void Close() {
      open = false;
      visits.clear();
      reads.clear();
      loop_state = 0;
      loop_reads.clear();
    }
  };
  static constexpr std::size_t kMaxSpinVisits = 16;  // A longer iteration is not recognised.
  struct SpinDecision {
    bool waits = false;      // An iteration was found: wait for a newer store.
    bool redundant = false;  // ... the same as the last one found: prune the execution.
    int after = -1;          // A one-load iteration's store: read only a newer one.
  };
  std::vector<SpinWindow> spins_;      // By thread.
  std::vector<uint8_t> spin_waiting_;  // By thread: waiting in the spin rule.
  // By thread: the (object, store) its last spurious compare-exchange failure read; no spurious
  // failure there again (a retry fails only for a reason) until it succeeds on the object.
  std::vector<std::pair<ObjectId, int>> spurious_failure_on_;
  SpinDecision SpinCheck(ObjectId object, const SourceLine& where, const SpinFrame* spin);
  void NoteSpinRead(ObjectId object, int message);
  // The step of an atomic operation, waiting or pruned as `decision` says.
  TraceEvent& AtomicOperationStep(OpKind kind, const ObjectHandle& object, const SourceLine& where,
                                  const SpinDecision& decision);
  // Whether something `thread`'s last spin iteration read has changed since: an atomic has a
  // newer store, a polled object a new version.
  bool SpinReadChanged(ThreadId thread) const;
  AtomicAccess AccessFor(TraceEvent& event);
  // A spin loop repeated an iteration it had made already (SpinCheck): the execution is
  // redundant and ends, pruned, at its next scheduling point.
  bool prune_pending_ = false;
  // An atomic operation found no RC11-consistent choice, which a consistent prefix always has:
  // an internal error, never a silent prune (a PASS must not skip executions).
  void NoConsistentChoice(const TraceEvent& event);
};

inline const std::vector<PendingOp>& SchedulePoint::Pending() const {
  return execution->PendingOps();
}

}  // namespace interleave

#endif  // INTERLEAVE_MODEL_EXECUTION_H_
