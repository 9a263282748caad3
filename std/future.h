// <future> in the std mirror: promise, future, shared_future, packaged_task and async, with the
// std signatures (each operation also takes a defaulted std::source_location, for the report)
// and the std exceptions (std::future_error with std::future_errc).
//
// - A promise, packaged_task or async call makes one shared state: an object of kind future in
//   the report, named after the type and the line that made it ("promise@worker.cc:12"). Setting
//   it (set_value, set_exception, a packaged_task's call, an async task's end) is one set step;
//   get(), wait() and a wait_for/wait_until that finds it ready are wait steps that block until
//   it is set. The set happens before every wait that returns.
// - A promise (or packaged_task) destroyed before it set its state stores
//   future_error(broken_promise) there, in a set step of its destructor, so a waiter gets the
//   exception instead of blocking for ever; a promise never set and never destroyed leaves its
//   waiters blocked: DEADLOCK. The destructor is a scheduling point, so it is noexcept(false)
//   (as unique_lock's in std/mutex.h). Setting a state twice throws promise_already_satisfied;
//   get_future twice, future_already_retrieved; any operation on a moved-from or default-built
//   object, no_state; get() on an invalid future, no_state (as libstdc++ does).
// - An exception stored by set_exception (or thrown by a packaged_task or async task) that no
//   get() or wait ever retrieves is a SWALLOWED EXCEPTION, as for the model's executor: the set
//   step's value starts with "raised " (model/executor.h).
// - wait_for/wait_until may time out whenever they would block in time mode any, at their
//   deadline on the virtual clock; wait_until converts its time point to a duration when called.
// - async(launch::async, f, args...) runs f on a new model thread; the last future of its state
//   joins that thread in its destructor (std's blocking ~future), so `async(f);` alone runs f to
//   its end before the next statement. async(launch::deferred, ...) runs f in the first get() or
//   wait() (wait_for/wait_until then say future_status::deferred). async(f, args...) is
//   launch::async, as libstdc++ chooses. The thread is named "Thread-N", as std/thread.h names
//   its threads; until it sets the state it is the future's owner, so a deadlock report names it
//   as the thread that would release a waiter. async takes no source_location (its arguments
//   are a pack): its line is found from the caller's return address (std/object.h CallerLine).
//   Both overloads are constrained, so that they win over std::async when argument-dependent
//   lookup finds that too (an argument of a std type).
// - packaged_task's operator() takes the source_location after the task's arguments; called
//   through a std::function the line is the library's.
// - A promise or future held by a thread's callable (through a shared_ptr: std/thread.h wants
//   a copyable callable) is destroyed with the callable, which the runtime keeps until the
//   execution ends: such a promise breaks too late for a waiter, who blocks (DEADLOCK) where
//   std::thread would have destroyed the callable, and broken the promise, as the thread ended.
//   Move it into a local of the thread's body instead.
// - A promise declared outside the checker's executions (a global) gets a new shared state in
//   each execution, on its first use there.
// - Not modelled: set_value_at_thread_exit, set_exception_at_thread_exit,
//   make_ready_at_thread_exit, the allocator constructors.
#ifndef INTERLEAVE_STD_FUTURE_H_
#define INTERLEAVE_STD_FUTURE_H_

#include <chrono>
#include <cstdint>
#include <exception>
#include <functional>
#include <future>
#include <memory>
#include <optional>
#include <source_location>
#include <string>
#include <tuple>
#include <type_traits>
#include <utility>
#include <variant>

#include "model/execution.h"
#include "model/object_handle.h"
#include "model/text.h"
#include "std/mutex.h"
#include "std/object.h"

namespace interleave::sync {

using std::future_category;
using std::future_errc;
using std::future_error;
using std::future_status;
using std::launch;

template <typename R>
class future;
template <typename R>
class shared_future;
template <typename R>
class promise;
template <typename Signature>
class packaged_task;

namespace sync_detail {

[[noreturn]] void ThrowFutureError(future_errc code);

// The shared state of a promise, packaged_task or async call, in one execution: whether it is
// ready and with what (the value lives in FutureState<R>).
class FutureCore {
 public:
  // Registers the state (kind future) in the running execution, named `type`@`made`.
  FutureCore(const char* type, const SourceLine& made);
  FutureCore(const FutureCore&) = delete;
  FutureCore& operator=(const FutureCore&) = delete;
  virtual ~FutureCore() = default;

  // The set step: nullptr when the thread's operations are void; throws
  // promise_already_satisfied when the state is ready. The caller stores the value, then calls
  // MakeReady with the event and the value as text.
  TraceEvent* BeginSet(const SourceLine& where);
  void MakeReady(TraceEvent& event, std::string text);
  void SetException(std::exception_ptr exception, const SourceLine& where);
  // A promise that goes without setting its state: broken_promise, when a future may wait.
  void Abandon(const SourceLine& where);

  // Blocks until ready (running a deferred function first): the wait event, or nullptr when
  // the thread's operations are void.
  TraceEvent* Wait(const SourceLine& where);
  future_status WaitFor(int64_t microseconds, const SourceLine& where);
  // The async thread, joined by the last future of the state, at the async call's line (a
  // no-op for other states).
  void JoinThread();
  // A handle (future or shared_future) of an async state whose thread is not joined goes: a
  // step on the state, in which the caller reads whether it held the last handle (which two
  // handles' ends come first decides which one joins). nullptr when there is no thread to
  // join, or when unwinding.
  TraceEvent* ReleaseHandle();

  bool ready() const { return ready_; }
  const std::exception_ptr& exception() const { return exception_; }
  uint64_t serial() const { return object_.execution(); }
  // get_future: the first call marks it; a second throws future_already_retrieved.
  void Retrieve();

  // launch::deferred: what the first wait runs.
  void set_deferred(std::function<void()> run) {
    deferred_ = std::move(run);
    is_deferred_ = true;
  }
  // launch::async: starts the thread that sets the state (a start step at `where`, the thread
  // named "Thread-N" as std/thread.h names its threads).
  void StartThread(std::function<void()> body, const SourceLine& where);

 private:
  ObjectHandle object_;  // First: the waiters' predicates read what follows.
  bool ready_ = false;
  bool retrieved_ = false;
  std::exception_ptr exception_;
  std::function<void()> deferred_;  // Until a wait takes it.
  bool is_deferred_ = false;        // launch::deferred's state, taken or not.
  ObjectHandle thread_object_;      // launch::async: the thread's object, and the thread.
  ThreadId thread_ = kNoThread;
  SourceLine started_at_;
};

// What a state holds besides its core: the value (a pointer for R&, nothing for void).
template <typename R>
struct FutureState : FutureCore {
  using FutureCore::FutureCore;
  using Slot = std::conditional_t<
      std::is_void_v<R>, std::monostate,
      std::conditional_t<std::is_reference_v<R>, std::remove_reference_t<R>*, std::optional<R>>>;
  Slot value{};
};

// Stores `args` (one value, or none for void) into `state` in one set step.
template <typename R, typename... V>
void SetValue(FutureState<R>& state, const SourceLine& where, V&&... args) {
  TraceEvent* event = state.BeginSet(where);
  if (event == nullptr) return;
  if constexpr (std::is_void_v<R>) {
    state.MakeReady(*event, "set");
  } else if constexpr (std::is_reference_v<R>) {
    state.value = std::addressof(args...);
    state.MakeReady(*event, "set: " + ToText(*state.value));
  } else {
    state.value.emplace(std::forward<V>(args)...);
    state.MakeReady(*event, "set: " + ToText(*state.value));
  }
}

// The type a shared state is named after ("packaged_task"); nullptr: no state (a
// default-built packaged_task).
struct StateType {
  const char* name;
};

// What shared_future<R>::get returns: const R&, R& for R&, void for void.
template <typename R>
struct SharedGet {
  using type = const R&;
};
template <typename R>
struct SharedGet<R&> {
  using type = R&;
};
template <>
struct SharedGet<void> {
  using type = void;
};

// Builds a future on a state (its constructor is private, as std's).
struct FutureAccess {
  template <typename R>
  static future<R> Make(std::shared_ptr<FutureState<R>> state) {
    return future<R>(std::move(state));
  }
};

// The state of a future or shared_future, checked: no_state when there is none.
template <typename R>
FutureState<R>& Checked(const std::shared_ptr<FutureState<R>>& state) {
  if (state == nullptr) ThrowFutureError(future_errc::no_state);
  return *state;
}

// The end of a future or shared_future: the last one of an async state joins its thread.
template <typename R>
void LetGo(std::shared_ptr<FutureState<R>>& state, int exceptions_at_start) {
  if (state == nullptr) return;
  // Only from the scenario's code: not as its execution is destroyed (a future captured by a
  // thread's callable goes with the execution).
  Execution* execution = Execution::Running();
  if (execution == nullptr || execution->serial() != state->serial() ||
      !Execution::InScenarioCode()) {
    return;
  }
  ReleaseInDestructor(exceptions_at_start, [&] {
    // Whether this handle is the last is read in the release's step: only a holder copies a
    // handle, so no other thread can add one once the count is 1.
    TraceEvent* released = state->ReleaseHandle();
    if (released == nullptr) return;
    if (state.use_count() != 1) {
      released->value = "a handle goes";
      return;
    }
    released->value = "the last handle goes: it joins the async thread";
    state->JoinThread();
  });
}

// The promise side that promise<R>, promise<R&> and promise<void> share.
template <typename R>
class PromiseBase {
 public:
  PromiseBase(PromiseBase&& other) noexcept
      : state_(std::move(other.state_)),
        type_(other.type_),
        made_(other.made_),
        moved_(other.moved_) {
    other.moved_ = true;
  }
  PromiseBase& operator=(PromiseBase&& other) noexcept(false) {
    if (this != &other) {
      Abandon();
      state_ = std::move(other.state_);
      type_ = other.type_;
      made_ = other.made_;
      moved_ = std::exchange(other.moved_, true);
    }
    return *this;
  }
  PromiseBase(const PromiseBase&) = delete;
  PromiseBase& operator=(const PromiseBase&) = delete;
  ~PromiseBase() noexcept(false) { Abandon(); }

  // Internal (packaged_task::valid): whether it has a state, or will build one.
  bool has_state() const noexcept { return !moved_; }

  void swap(PromiseBase& other) noexcept {
    std::swap(state_, other.state_);
    std::swap(type_, other.type_);
    std::swap(made_, other.made_);
    std::swap(moved_, other.moved_);
  }

  future<R> get_future(std::source_location where = std::source_location::current()) {
    (void)where;
    FutureState<R>& state = Get("promise::get_future");
    state.Retrieve();
    return FutureAccess::Make(state_);
  }

  void set_exception(std::exception_ptr exception,
                     std::source_location where = std::source_location::current()) {
    Get("promise::set_exception").SetException(std::move(exception), where);
  }

 protected:
  PromiseBase(const char* type, const std::source_location& made) : type_(type), made_(made) {
    if (type == nullptr) {
      moved_ = true;  // No state.
    } else if (Execution::Running() != nullptr) {
      Build();
    }
  }

  // The state in the running execution: a declared-outside promise builds one per execution.
  FutureState<R>& Get(const char* operation) {
    Execution& execution = Execution::Current(operation);
    if (moved_) ThrowFutureError(future_errc::no_state);
    if (state_ == nullptr || state_->serial() != execution.serial()) Build();
    return *state_;
  }

 private:
  void Build() {
    state_ = std::make_shared<FutureState<R>>(type_, made_);
    moved_ = false;
  }
  // A state left unset: broken_promise (only in the execution that owns it).
  void Abandon() {
    if (state_ == nullptr) return;
    Execution* execution = Execution::Running();
    if (execution == nullptr || execution->serial() != state_->serial() || state_->ready() ||
        !Execution::InScenarioCode()) {
      return;  // Not in scenario code: the execution is over, and nobody waits any more.
    }
    ReleaseInDestructor(exceptions_, [this] { state_->Abandon(made_); });
  }

  std::shared_ptr<FutureState<R>> state_;
  const char* type_;  // "promise", "packaged_task".
  SourceLine made_;
  bool moved_ = false;
  int exceptions_ = std::uncaught_exceptions();
};

}  // namespace sync_detail

template <typename R>
class promise : public sync_detail::PromiseBase<R> {
 public:
  promise(std::source_location made = std::source_location::current())
      : sync_detail::PromiseBase<R>("promise", made) {}
  // Internal: a state named `type` (packaged_task's).
  promise(sync_detail::StateType type, const std::source_location& made)
      : sync_detail::PromiseBase<R>(type.name, made) {}

  void set_value(const R& value, std::source_location where = std::source_location::current()) {
    sync_detail::SetValue(this->Get("promise::set_value"), where, value);
  }
  void set_value(R&& value, std::source_location where = std::source_location::current()) {
    sync_detail::SetValue(this->Get("promise::set_value"), where, std::move(value));
  }
};

template <typename R>
class promise<R&> : public sync_detail::PromiseBase<R&> {
 public:
  promise(std::source_location made = std::source_location::current())
      : sync_detail::PromiseBase<R&>("promise", made) {}
  // Internal: a state named `type` (packaged_task's).
  promise(sync_detail::StateType type, const std::source_location& made)
      : sync_detail::PromiseBase<R&>(type.name, made) {}

  void set_value(R& value, std::source_location where = std::source_location::current()) {
    sync_detail::SetValue(this->Get("promise::set_value"), where, value);
  }
};

template <>
class promise<void> : public sync_detail::PromiseBase<void> {
 public:
  promise(std::source_location made = std::source_location::current())
      : sync_detail::PromiseBase<void>("promise", made) {}
  // Internal: a state named `type` (packaged_task's).
  promise(sync_detail::StateType type, const std::source_location& made)
      : sync_detail::PromiseBase<void>(type.name, made) {}

  void set_value(std::source_location where = std::source_location::current()) {
    sync_detail::SetValue(this->Get("promise::set_value"), where);
  }
};

template <typename R>
void swap(promise<R>& a, promise<R>& b) noexcept {
  a.swap(b);
}

template <typename R>
class future {
 public:
  future() noexcept = default;
  future(future&& other) noexcept : state_(std::move(other.state_)) {}
  future& operator=(future&& other) noexcept(false) {
    if (this != &other) {
      sync_detail::LetGo(state_, exceptions_);
      state_ = std::move(other.state_);
    }
    return *this;
  }
  future(const future&) = delete;
  future& operator=(const future&) = delete;
  ~future() noexcept(false) { sync_detail::LetGo(state_, exceptions_); }

  shared_future<R> share() noexcept { return shared_future<R>(std::move(*this)); }
  bool valid() const noexcept { return state_ != nullptr; }

  // Waits until ready; the value (moved out), or the stored exception rethrown. The future is
  // invalid afterwards.
  R get(std::source_location where = std::source_location::current()) {
    sync_detail::FutureState<R>& state = sync_detail::Checked(state_);
    TraceEvent* event = state.Wait(where);
    // The state goes with this future (joining an async thread first, when it is the last).
    std::shared_ptr<sync_detail::FutureState<R>> held = std::move(state_);
    struct Release {
      std::shared_ptr<sync_detail::FutureState<R>>& held;
      int exceptions;
      ~Release() noexcept(false) { sync_detail::LetGo(held, exceptions); }
    } release{held, std::uncaught_exceptions()};
    if (event == nullptr) {  // The thread is being killed: no effect.
      if constexpr (!std::is_void_v<R>) {
        if (!state.ready() || state.exception()) {
          throw ModelError("future::get() in a thread that is being killed");
        }
        return Value(state);
      } else {
        return;
      }
    }
    if (state.exception()) {
      event->value = "get() raised " + ExceptionText(state.exception());
      std::rethrow_exception(state.exception());
    }
    event->value = "get()";
    if constexpr (!std::is_void_v<R>) return Value(state);
  }

  void wait(std::source_location where = std::source_location::current()) const {
    sync_detail::Checked(state_).Wait(where);
  }
  template <typename Rep, typename Period>
  future_status wait_for(const std::chrono::duration<Rep, Period>& duration,
                         std::source_location where = std::source_location::current()) const {
    return sync_detail::Checked(state_).WaitFor(sync_detail::Micros(duration), where);
  }
  template <typename Clock, typename Duration>
  future_status wait_until(const std::chrono::time_point<Clock, Duration>& deadline,
                           std::source_location where = std::source_location::current()) const {
    return sync_detail::Checked(state_).WaitFor(sync_detail::MicrosUntil(deadline), where);
  }

 private:
  friend struct sync_detail::FutureAccess;
  friend class shared_future<R>;

  explicit future(std::shared_ptr<sync_detail::FutureState<R>> state) : state_(std::move(state)) {}

  static R Value(sync_detail::FutureState<R>& state) requires(!std::is_void_v<R>) {
    if constexpr (std::is_reference_v<R>) {
      return *state.value;
    } else {
      return std::move(*state.value);
    }
  }

  std::shared_ptr<sync_detail::FutureState<R>> state_;
  int exceptions_ = std::uncaught_exceptions();
};

template <typename R>
class shared_future {
 public:
  shared_future() noexcept = default;
  shared_future(const shared_future& other) noexcept : state_(other.state_) {}
  shared_future(shared_future&& other) noexcept : state_(std::move(other.state_)) {}
  shared_future(future<R>&& other) noexcept : state_(std::move(other.state_)) {}
  shared_future& operator=(const shared_future& other) noexcept(false) {
    if (this != &other) {
      sync_detail::LetGo(state_, exceptions_);
      state_ = other.state_;
    }
    return *this;
  }
  shared_future& operator=(shared_future&& other) noexcept(false) {
    if (this != &other) {
      sync_detail::LetGo(state_, exceptions_);
      state_ = std::move(other.state_);
    }
    return *this;
  }
  ~shared_future() noexcept(false) { sync_detail::LetGo(state_, exceptions_); }

  bool valid() const noexcept { return state_ != nullptr; }

  // Waits until ready; the value (shared), or the stored exception rethrown.
  typename sync_detail::SharedGet<R>::type get(
      std::source_location where = std::source_location::current()) const {
    sync_detail::FutureState<R>& state = sync_detail::Checked(state_);
    TraceEvent* event = state.Wait(where);
    if (event == nullptr && (!state.ready() || state.exception())) {
      throw ModelError("shared_future::get() in a thread that is being killed");
    }
    if (state.exception()) {
      if (event != nullptr) event->value = "get() raised " + ExceptionText(state.exception());
      std::rethrow_exception(state.exception());
    }
    if (event != nullptr) event->value = "get()";
    if constexpr (std::is_reference_v<R>) {
      return *state.value;
    } else if constexpr (!std::is_void_v<R>) {
      return *state.value;
    }
  }

  void wait(std::source_location where = std::source_location::current()) const {
    sync_detail::Checked(state_).Wait(where);
  }
  template <typename Rep, typename Period>
  future_status wait_for(const std::chrono::duration<Rep, Period>& duration,
                         std::source_location where = std::source_location::current()) const {
    return sync_detail::Checked(state_).WaitFor(sync_detail::Micros(duration), where);
  }
  template <typename Clock, typename Duration>
  future_status wait_until(const std::chrono::time_point<Clock, Duration>& deadline,
                           std::source_location where = std::source_location::current()) const {
    return sync_detail::Checked(state_).WaitFor(sync_detail::MicrosUntil(deadline), where);
  }

 private:
  std::shared_ptr<sync_detail::FutureState<R>> state_;
  int exceptions_ = std::uncaught_exceptions();
};

template <typename R, typename... Args>
class packaged_task<R(Args...)> {
 public:
  packaged_task() noexcept : promise_(sync_detail::StateType{nullptr}, made_) {}
  template <typename F>
  requires(
      !std::is_same_v<std::remove_cvref_t<F>, packaged_task> &&
      std::is_invocable_r_v<R, std::decay_t<F>&,
                            Args...>) explicit packaged_task(F&& f,
                                                             std::source_location made =
                                                                 std::source_location::current())
      : made_(made), promise_(sync_detail::StateType{"packaged_task"}, made) {
    // Held by a shared_ptr so that a move-only callable fits in a std::function.
    auto held = std::make_shared<std::decay_t<F>>(std::forward<F>(f));
    function_ = [held](Args... args) -> R {
      return std::invoke(*held, std::forward<Args>(args)...);
    };
  }
  // The promise is a plain member (not in a std::optional, whose noexcept destructor could not
  // let the execution's unwinding pass through the broken promise's set step).
  packaged_task(packaged_task&& other) noexcept
      : made_(other.made_),
        function_(std::move(other.function_)),
        promise_(std::move(other.promise_)),
        invoked_(other.invoked_) {}
  packaged_task& operator=(packaged_task&& other) noexcept(false) {
    if (this != &other) {
      made_ = other.made_;
      function_ = std::move(other.function_);
      promise_ = std::move(other.promise_);  // Ours breaks, if never set.
      invoked_ = other.invoked_;
    }
    return *this;
  }
  packaged_task(const packaged_task&) = delete;
  packaged_task& operator=(const packaged_task&) = delete;
  ~packaged_task() noexcept(false) = default;  // The promise breaks, if never set.

  bool valid() const noexcept { return promise_.has_state(); }
  void swap(packaged_task& other) noexcept {
    std::swap(made_, other.made_);
    std::swap(function_, other.function_);
    promise_.swap(other.promise_);
    std::swap(invoked_, other.invoked_);
  }

  future<R> get_future(std::source_location where = std::source_location::current()) {
    if (!valid()) sync_detail::ThrowFutureError(future_errc::no_state);
    return promise_.get_future(where);
  }

  // Runs the task and sets its state (its value, or what it threw).
  void operator()(Args... args, std::source_location where = std::source_location::current()) {
    if (!valid()) sync_detail::ThrowFutureError(future_errc::no_state);
    if (invoked_) sync_detail::ThrowFutureError(future_errc::promise_already_satisfied);
    invoked_ = true;
    std::exception_ptr thrown;
    try {
      if constexpr (std::is_void_v<R>) {
        function_(std::forward<Args>(args)...);
      } else if constexpr (std::is_reference_v<R>) {
        R result = function_(std::forward<Args>(args)...);
        promise_.set_value(result, where);
        return;
      } else {
        promise_.set_value(function_(std::forward<Args>(args)...), where);
        return;
      }
    } catch (const ModelError&) {
      throw;  // The tool's own: never the task's result.
    } catch (...) {
      if (Execution::Current("future").unwinding()) throw;  // The thread is being killed.
      thrown = std::current_exception();
    }
    if (thrown) {
      promise_.set_exception(thrown, where);
    } else if constexpr (std::is_void_v<R>) {
      promise_.set_value(where);
    }
  }

  // A new state: the old one breaks, if never set.
  void reset(std::source_location where = std::source_location::current()) {
    (void)where;
    if (!valid()) sync_detail::ThrowFutureError(future_errc::no_state);
    promise_ = promise<R>(sync_detail::StateType{"packaged_task"}, made_);
    invoked_ = false;
  }

 private:
  std::source_location made_;
  std::function<R(Args...)> function_;
  promise<R> promise_;
  bool invoked_ = false;
};

template <typename R, typename... Args>
void swap(packaged_task<R(Args...)>& a, packaged_task<R(Args...)>& b) noexcept {
  a.swap(b);
}

namespace sync_detail {

// The line of the code that called async, from the return address of the call.
SourceLine AsyncCaller(const void* return_address);

template <typename F, typename... Args>
using AsyncResult = std::invoke_result_t<std::decay_t<F>, std::decay_t<Args>...>;

// async, once its caller's line is known.
template <typename F, typename... Args>
future<AsyncResult<F, Args...>> Async(launch policy, const SourceLine& caller, F&& f,
                                      Args&&... args) {
  using R = AsyncResult<F, Args...>;
  if ((policy & (launch::async | launch::deferred)) == launch{}) {
    throw ModelError("async at " + caller.ToString() +
                     " with a launch policy that is neither async nor deferred");
  }
  auto state = std::make_shared<FutureState<R>>("async", caller);
  // The callable and its arguments, decay-copied as std::async does; the state outlives the
  // thread (its last future joins it), so the task refers to it by address.
  auto run = [state = state.get(), caller, f = std::decay_t<F>(std::forward<F>(f)),
              arguments =
                  std::make_tuple(std::decay_t<Args>(std::forward<Args>(args))...)]() mutable {
    std::exception_ptr thrown;
    try {
      if constexpr (std::is_void_v<R>) {
        std::apply(std::move(f), std::move(arguments));
        SetValue(*state, caller);
      } else if constexpr (std::is_reference_v<R>) {
        R result = std::apply(std::move(f), std::move(arguments));
        SetValue(*state, caller, result);
      } else {
        SetValue(*state, caller, std::apply(std::move(f), std::move(arguments)));
      }
    } catch (const ModelError&) {
      throw;  // The tool's own: never the task's result.
    } catch (...) {
      if (Execution::Current("future").unwinding()) throw;  // The thread is being killed.
      thrown = std::current_exception();
    }
    if (thrown) state->SetException(thrown, caller);
  };
  state->Retrieve();
  if ((policy & launch::async) != launch{}) {
    state->StartThread(std::move(run), caller);
  } else {
    state->set_deferred(std::move(run));
  }
  return FutureAccess::Make(std::move(state));
}

}  // namespace sync_detail

// async(policy, f, args...) and async(f, args...): see the file comment. Not inlined, so that
// the return address names the caller's line.
// Constrained, so that they are chosen over std::async when argument-dependent lookup finds
// that too (an argument of a std type): a more constrained template is more specialized.
template <typename F, typename... Args>
requires std::is_invocable_v<std::decay_t<F>, std::decay_t<Args>...>
[[gnu::noinline]] future<sync_detail::AsyncResult<F, Args...>> async(launch policy, F&& f,
                                                                     Args&&... args) {
  return sync_detail::Async(policy, sync_detail::AsyncCaller(__builtin_return_address(0)),
                            std::forward<F>(f), std::forward<Args>(args)...);
}

template <typename F, typename... Args>
requires(!std::is_same_v<std::decay_t<F>, launch> &&
         std::is_invocable_v<std::decay_t<F>, std::decay_t<Args>...>)
    [[gnu::noinline]] future<sync_detail::AsyncResult<F, Args...>> async(F&& f, Args&&... args) {
  return sync_detail::Async(launch::async, sync_detail::AsyncCaller(__builtin_return_address(0)),
                            std::forward<F>(f), std::forward<Args>(args)...);
}

}  // namespace interleave::sync

#endif  // INTERLEAVE_STD_FUTURE_H_
