#include "model/execution.h"

#include <algorithm>
#include <boost/context/fiber.hpp>
#include <boost/context/protected_fixedsize_stack.hpp>
#include <exception>
#include <stdexcept>
#include <utility>

#include "model/error.h"
#include "model/sanitizer_fibers.h"

namespace interleave {
namespace {

namespace ctx = boost::context;

thread_local Execution* g_current = nullptr;

// Thrown inside a suspended thread, from Step(), to unwind its stack when the execution ends
// before the thread does. Not a std::exception, so scenario code catching those lets it pass.
struct Unwinding {};

// Recycles fiber stacks across executions: mapping a stack with a guard page costs more than a
// whole short execution, and an exhaustive search runs many thousands of them.
class StackPool {
 public:
  static constexpr std::size_t kStackSize = 256 * 1024;

  ctx::stack_context Allocate() {
    if (free_.empty()) return allocator_.allocate();
    ctx::stack_context stack = free_.back();
    free_.pop_back();
    return stack;
  }
  void Deallocate(ctx::stack_context& stack) { free_.push_back(stack); }
  ~StackPool() {
    for (ctx::stack_context& stack : free_) allocator_.deallocate(stack);
  }

 private:
  ctx::protected_fixedsize_stack allocator_{kStackSize};
  std::vector<ctx::stack_context> free_;
};

StackPool& Pool() {
  thread_local StackPool pool;
  return pool;
}

// Boost.Context's StackAllocator concept over this OS thread's pool.
struct PooledStack {
  ctx::stack_context allocate() { return Pool().Allocate(); }
  void deallocate(ctx::stack_context& stack) noexcept { Pool().Deallocate(stack); }
};

}  // namespace

struct Execution::Thread {
  ~Thread() { sanitizer::DestroyTsanFiber(tsan_fiber); }

  std::string name;
  ObjectId object = kNoObject;
  std::function<void()> body;
  ctx::fiber fiber;                     // The thread while it is suspended.
  ctx::fiber caller;                    // Whom to switch back to while it runs.
  sanitizer::StackBounds stack;         // This thread's stack.
  sanitizer::StackBounds caller_stack;  // The stack of whom it switches back to.
  void* tsan_fiber = nullptr;
  void* caller_tsan_fiber = nullptr;
  bool finished = false;
  OpKind pending = OpKind::kLog;
  ObjectId pending_object = kNoObject;
  std::source_location pending_where;
  FunctionRef<bool()> ready;  // Empty: always ready.
};

Execution::Execution(Chooser& chooser, const ExecutionLimits& limits)
    : chooser_(chooser), limits_(limits) {}

Execution::~Execution() = default;

Trace Execution::Run(const std::function<void()>& body, Chooser& chooser,
                     const ExecutionLimits& limits) {
  if (g_current != nullptr) {
    throw ModelError("an execution cannot start inside another execution");
  }
  Execution execution(chooser, limits);
  g_current = &execution;
  struct ClearCurrent {
    ~ClearCurrent() { g_current = nullptr; }
  } clear_current;

  const ObjectId main_object = execution.AddObject(ObjectKind::kThread, "MainThread");
  execution.Spawn(main_object, "MainThread", body);
  execution.Schedule();

  for (const auto& thread : execution.threads_) {
    ThreadInfo info;
    info.name = thread->name;
    info.object = thread->object;
    info.finished = thread->finished;
    if (!thread->finished) {
      info.pending = thread->pending;
      info.pending_object = thread->pending_object;
      info.pending_where = SourceLine::From(thread->pending_where);
      info.blocked = !execution.IsEnabled(*thread);
    }
    execution.trace_.threads.push_back(std::move(info));
  }
  execution.Unwind();
  return std::move(execution.trace_);
}

Execution& Execution::Current(std::string_view what) {
  if (g_current == nullptr) {
    throw ModelError(std::string(what) +
                     " used outside an execution: model objects exist only while a "
                     "scenario runs under the checker");
  }
  return *g_current;
}

ObjectId Execution::AddObject(ObjectKind kind, std::string name) {
  trace_.objects.push_back(ObjectInfo{kind, std::move(name), kNoThread});
  return static_cast<ObjectId>(trace_.objects.size() - 1);
}

int Execution::CountObjects(ObjectKind kind) const {
  return static_cast<int>(std::count_if(trace_.objects.begin(), trace_.objects.end(),
                                        [kind](const ObjectInfo& o) { return o.kind == kind; }));
}

ThreadId Execution::Spawn(ObjectId object, std::string name, std::function<void()> body) {
  const auto id = static_cast<ThreadId>(threads_.size());
  auto thread = std::make_unique<Thread>();
  thread->name = std::move(name);
  thread->object = object;
  thread->body = std::move(body);
  ctx::stack_context stack = Pool().Allocate();
  thread->stack = {static_cast<char*>(stack.sp) - stack.size, stack.size};
  thread->tsan_fiber = sanitizer::CreateTsanFiber();
  thread->fiber = ctx::fiber(
      std::allocator_arg, ctx::preallocated(stack.sp, stack.size, stack), PooledStack{},
      [this, id](ctx::fiber&& caller) {
        Thread& self = *threads_[id];
        sanitizer::FinishSwitch(nullptr, &self.caller_stack);
        self.caller = std::move(caller);
        try {
          self.body();
        } catch (const Unwinding&) {
          // The execution ended before this thread; its stack is unwound.
        } catch (const ModelError& e) {
          trace_.end = EndReason::kError;
          trace_.error = e.what();
        } catch (const std::exception& e) {
          trace_.end = EndReason::kError;
          trace_.error = "uncaught exception in thread '" + self.name + "': " + e.what();
        } catch (...) {
          trace_.end = EndReason::kError;
          trace_.error = "uncaught exception of unknown type in thread '" + self.name + "'";
        }
        self.finished = true;
        sanitizer::StartSwitch(nullptr, self.caller_stack);
        sanitizer::SwitchTsanFiber(self.caller_tsan_fiber);
        return std::move(self.caller);
      });
  trace_.objects[object].owner = id;
  threads_.push_back(std::move(thread));

  const ThreadId parent = current_;
  Resume(id);
  current_ = parent;
  return id;
}

bool Execution::IsFinished(ThreadId thread) const { return threads_[thread]->finished; }

const std::string& Execution::thread_name(ThreadId thread) const { return threads_[thread]->name; }

bool Execution::IsEnabled(const Thread& thread) const {
  return !thread.finished && (!thread.ready || thread.ready());
}

std::vector<ThreadId> Execution::EnabledThreads() const {
  std::vector<ThreadId> enabled;
  for (ThreadId id = 0; id < static_cast<ThreadId>(threads_.size()); ++id) {
    if (IsEnabled(*threads_[id])) enabled.push_back(id);
  }
  return enabled;
}

void Execution::Resume(ThreadId id) {
  current_ = id;
  Thread& thread = *threads_[id];
  void* fake_stack = nullptr;
  thread.caller_tsan_fiber = sanitizer::CurrentTsanFiber();
  sanitizer::StartSwitch(&fake_stack, thread.stack);
  sanitizer::SwitchTsanFiber(thread.tsan_fiber);
  thread.fiber = std::move(thread.fiber).resume();
  sanitizer::FinishSwitch(fake_stack, nullptr);
}

void Execution::Schedule() {
  ThreadId previous = 0;
  std::vector<ThreadId> enabled;
  while (trace_.end != EndReason::kError) {
    enabled = EnabledThreads();
    if (enabled.empty()) {
      const bool all_finished =
          std::all_of(threads_.begin(), threads_.end(), [](const auto& t) { return t->finished; });
      trace_.end = all_finished ? EndReason::kFinished : EndReason::kDeadlock;
      return;
    }
    if (static_cast<int64_t>(trace_.events.size()) >= limits_.max_steps) {
      trace_.end = EndReason::kStepBound;
      return;
    }
    const int step = static_cast<int>(trace_.events.size()) + 1;
    ThreadId chosen = kNoThread;
    try {
      chosen = chooser_.ChooseThread({step, &enabled, previous});
    } catch (const ModelError& e) {
      trace_.end = EndReason::kError;
      trace_.error = e.what();
      return;
    }
    if (!std::binary_search(enabled.begin(), enabled.end(), chosen)) {
      throw std::logic_error("the chooser picked a thread that cannot run");
    }
    const bool previous_enabled = std::binary_search(enabled.begin(), enabled.end(), previous);
    trace_.decisions.push_back(
        Decision{step, static_cast<int>(enabled.size()), chosen, previous, previous_enabled});
    Resume(chosen);
    previous = chosen;
  }
}

Event& Execution::Step(OpKind kind, ObjectId object, const std::source_location& where,
                       FunctionRef<bool()> ready) {
  if (tearing_down_) {
    discarded_ = Event{};
    return discarded_;
  }
  // While an exception propagates (an error in this thread), no other fiber may run: the
  // operation is performed at once.
  if (std::uncaught_exceptions() == 0) {
    Thread& self = *threads_[current_];
    self.pending = kind;
    self.pending_object = object;
    self.pending_where = where;
    self.ready = ready;
    void* fake_stack = nullptr;
    sanitizer::StartSwitch(&fake_stack, self.caller_stack);
    sanitizer::SwitchTsanFiber(self.caller_tsan_fiber);
    self.caller = std::move(self.caller).resume();
    sanitizer::FinishSwitch(fake_stack, &self.caller_stack);
    self.ready = {};
    if (tearing_down_) throw Unwinding{};
  }
  trace_.events.push_back(Event{static_cast<int>(trace_.events.size()) + 1, current_, object, kind,
                                "", SourceLine::From(where)});
  return trace_.events.back();
}

void Execution::RecordFailedExpect(std::string message, const std::source_location& where) {
  trace_.failed_expects.push_back(FailedExpect{current_, static_cast<int>(trace_.events.size()),
                                               std::move(message), SourceLine::From(where)});
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

void Execution::Unwind() {
  tearing_down_ = true;
  for (auto id = static_cast<ThreadId>(threads_.size()) - 1; id >= 0; --id) {
    // Every unfinished thread is suspended in Step(), which throws Unwinding when resumed now.
    if (!threads_[id]->finished) Resume(id);
  }
  current_ = kNoThread;
}

}  // namespace interleave
