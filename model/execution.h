// Execution: the runtime that runs one interleaving of a scenario.
//
// The scenario body is the main thread; every thread it starts is a fiber (Boost.Context) on the
// calling OS thread, so one execution is single-threaded and fully deterministic given the
// choices of its Chooser. Each visible operation of a primitive calls Step(), which hands control
// back to the scheduler loop; the loop asks the Chooser which enabled thread performs its next
// operation and resumes it. Plain code between two Step() calls runs atomically.
//
// Step() is the one wait/wake mechanism: a primitive that may block passes a `ready` predicate,
// and the thread is enabled only while it holds (an acquire is ready when the lock is free, a
// join when the target has finished). Deadlock is the loop finding no enabled thread while some
// thread has not finished. The primitive performs its effect after Step() returns, so an
// operation and its effect are one atomic step.
//
// Invariants:
// - At most one fiber runs at a time; `current_` is the thread whose code is running.
// - A thread runs eagerly from its start to its first visible operation (inside the operation
//   that started it), so every unfinished thread always has a pending operation.
// - No scheduling point while an exception propagates (std::uncaught_exceptions() > 0):
//   destructors that run during unwinding perform their operations at once.
// - When the execution ends (deadlock, bound, error) the unfinished threads are unwound (an
//   internal exception thrown from the Step() each is suspended in), newest thread first and
//   main last, so objects a thread borrowed from its creator outlive it. Scenario code must
//   not swallow it with `catch (...)`; destructors that reach a scheduling point are
//   noexcept(false) for it to pass.
#ifndef INTERLEAVE_MODEL_EXECUTION_H_
#define INTERLEAVE_MODEL_EXECUTION_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <source_location>
#include <string>
#include <string_view>
#include <vector>

#include "model/function_ref.h"
#include "model/trace.h"

namespace interleave {

// What the scheduler loop asks at each scheduling point.
struct SchedulePoint {
  int step = 0;                          // The step about to run (1-based).
  const std::vector<ThreadId>* enabled;  // Ascending; never empty.
  ThreadId previous = kNoThread;         // The thread that ran the step before.
};

// The checker's side of the runtime: picks the thread that runs next. Must return a member of
// `*point.enabled`.
class Chooser {
 public:
  virtual ~Chooser() = default;
  virtual ThreadId ChooseThread(const SchedulePoint& point) = 0;
};

struct ExecutionLimits {
  int64_t max_steps = 100'000;
};

class Execution {
 public:
  // Runs `body` as the main thread of a new execution until every thread has finished, no
  // thread can run, the step bound is hit, or the scenario raises a ModelError.
  static Trace Run(const std::function<void()>& body, Chooser& chooser,
                   const ExecutionLimits& limits = {});

  // The execution running on this OS thread. Throws ModelError naming `what` when there is
  // none (a model object used outside an execution).
  static Execution& Current(std::string_view what);

  // Registers a model object; its id indexes Trace::objects.
  ObjectId AddObject(ObjectKind kind, std::string name);
  const ObjectInfo& object(ObjectId id) const { return trace_.objects[id]; }
  void SetOwner(ObjectId id, ThreadId owner) { trace_.objects[id].owner = owner; }
  int CountObjects(ObjectKind kind) const;

  // Creates a thread running `body` and runs it up to its first visible operation.
  ThreadId Spawn(ObjectId object, std::string name, std::function<void()> body);
  bool IsFinished(ThreadId thread) const;
  ThreadId current_thread() const { return current_; }
  const std::string& thread_name(ThreadId thread) const;

  // The scheduling point before a visible operation of the current thread. Returns once the
  // scheduler has chosen this thread and `ready` (if given) holds; the caller then performs the
  // operation's effect and may fill in the returned event's value.
  Event& Step(OpKind kind, ObjectId object, const std::source_location& where,
              FunctionRef<bool()> ready = {});

  // Records a failed `expect`; the execution goes on.
  void RecordFailedExpect(std::string message, const std::source_location& where);
  void RecordOutcome(std::string name, std::string value);

  // True while the execution unwinds its threads after it ended; operations are then no-ops.
  bool tearing_down() const { return tearing_down_; }

  Execution(const Execution&) = delete;
  Execution& operator=(const Execution&) = delete;
  ~Execution();

 private:
  struct Thread;

  Execution(Chooser& chooser, const ExecutionLimits& limits);
  void Schedule();
  std::vector<ThreadId> EnabledThreads() const;
  void Resume(ThreadId thread);
  void Unwind();
  bool IsEnabled(const Thread& thread) const;

  Chooser& chooser_;
  ExecutionLimits limits_;
  Trace trace_;
  std::vector<std::unique_ptr<Thread>> threads_;
  ThreadId current_ = kNoThread;
  bool tearing_down_ = false;
  Event discarded_;  // What Step() returns when an operation is not recorded.
};

}  // namespace interleave

#endif  // INTERLEAVE_MODEL_EXECUTION_H_
