// <thread> and <stop_token> in the std mirror: thread, jthread, stop_source, stop_token and
// stop_callback, with the std signatures. this_thread is in std/this_thread.h.
//
// - thread(f, args...) starts a model thread (a start step) that runs f(args...) with its
//   arguments decay-copied, as std::thread does; its line is the constructor's caller's.
// - join() blocks until the thread has finished; detach() lets it run on: when main returns
//   the program ends, and a detached thread still running is killed there (DAEMON CUT OFF).
// - Destroying or assigning to a joinable thread calls std::terminate(), as std does (the
//   checker reports it as a finding of the execution). Joining oneself throws
//   resource_deadlock_would_occur; joining a thread that is not joinable, invalid_argument.
// - jthread requests a stop and joins in its destructor, and passes its stop_token first to a
//   callable that takes one.
// - stop_source/stop_token share a stop state; request_stop() and stop_requested() are steps
//   on it (a write and a read), so a thread polling its token interleaves with the request.
//   stop_callbacks run in the thread that requests the stop, or at once in the constructor
//   when the stop was requested already.
// - Under --symmetry (checker/symmetry.h) threads started with the same callable and equal
//   arguments, all trivially copyable, are interchangeable: compared by their bytes
//   (Execution::SetSymmetryGroupByValue). A member reading its own id
//   (this_thread::get_id) or detached is an error of the search.
#ifndef INTERLEAVE_STD_THREAD_H_
#define INTERLEAVE_STD_THREAD_H_

#include <functional>
#include <memory>
#include <source_location>
#include <string>
#include <system_error>
#include <thread>
#include <tuple>
#include <type_traits>
#include <utility>
#include <vector>

#include "model/execution.h"
#include "model/object_handle.h"
#include "std/object.h"
#include "std/this_thread.h"

namespace interleave::sync {

struct thread_start_tag {};  // Internal: thread's own constructor.

namespace sync_detail {
// A model thread's body from a callable that may be move-only (a packaged_task, a lambda
// owning a promise): the new thread takes the callable as it starts and destroys it when it
// returns, as std::thread destroys its copy of the callable and its arguments.
template <typename Call>
std::function<void()> ThreadBody(Call call) {
  return [held = std::make_shared<Call>(std::move(call))]() mutable {
    // A local, not the shared_ptr, destroys it: its destructor may take steps (a promise that
    // breaks), which must not run inside shared_ptr's noexcept release.
    Call mine = std::move(*held);
    held.reset();
    mine();
  };
}

// A thread's callable and its arguments, decay-copied (as std::thread keeps them).
template <typename F, typename... Args>
struct DecayedCall {
  F f;
  std::tuple<Args...> args;
  void operator()() {
    std::apply([this](auto&... a) { std::invoke(std::move(f), std::move(a)...); }, args);
  }
};

// What --symmetry compares of a new thread (Execution::SetSymmetryGroupByValue): its call's
// type, and the bytes of the callable and the arguments when every one is trivially copyable
// (its bytes are its value; an empty one has none). `target` nullptr: never grouped.
struct StartedWith {
  const std::type_info* target = nullptr;
  std::string bytes;
};

template <typename Call>
struct PreparedCall {
  StartedWith with;
  std::function<void()> body;
};

template <typename T>
void AppendValueBytes(std::string& bytes, const T& value) {
  if constexpr (!std::is_empty_v<T>) {
    bytes.append(reinterpret_cast<const char*>(std::addressof(value)), sizeof(T));
  }
}

template <typename F, typename... Args>
PreparedCall<DecayedCall<F, Args...>> Prepare(DecayedCall<F, Args...> call) {
  StartedWith with;
  if constexpr (std::is_trivially_copyable_v<F> && (std::is_trivially_copyable_v<Args> && ...)) {
    const Execution* execution = Execution::Running();
    if (execution != nullptr && execution->symmetry()) {
      with.target = &typeid(DecayedCall<F, Args...>);
      AppendValueBytes(with.bytes, call.f);
      std::apply([&with](const auto&... a) { (AppendValueBytes(with.bytes, a), ...); }, call.args);
    }
  }
  return {std::move(with), ThreadBody(std::move(call))};
}
}  // namespace sync_detail

class thread {
 public:
  using id = thread_id;

  thread() noexcept = default;
  template <typename F, typename... Args>
  requires(!std::is_same_v<std::remove_cvref_t<F>, thread> &&
           !std::is_same_v<std::remove_cvref_t<F>, struct thread_start_tag>)
      [[gnu::noinline]] explicit thread(F&& f, Args&&... args)
      : thread(
            Start{}, sync_internal::CallerLine(__builtin_return_address(0)),
            sync_detail::Prepare(sync_detail::DecayedCall<std::decay_t<F>, std::decay_t<Args>...>{
                std::decay_t<F>(std::forward<F>(f)),
                std::make_tuple(std::decay_t<Args>(std::forward<Args>(args))...)})) {}
  thread(thread&& other) noexcept;
  thread& operator=(thread&& other) noexcept(false);
  thread(const thread&) = delete;
  thread& operator=(const thread&) = delete;
  ~thread() noexcept(false);

  bool joinable() const noexcept { return thread_ != kNoThread; }
  id get_id() const noexcept { return id(thread_); }
  void join(std::source_location where = std::source_location::current());
  void detach(std::source_location where = std::source_location::current());
  void swap(thread& other) noexcept;
  static unsigned int hardware_concurrency() noexcept {
    return std::thread::hardware_concurrency();
  }

 private:
  friend class jthread;
  using Start = thread_start_tag;
  template <typename Call>
  thread(Start start, const SourceLine& where, sync_detail::PreparedCall<Call>&& prepared)
      : thread(start, where, std::move(prepared.body), prepared.with) {}
  // `with`: what --symmetry compares (none for a jthread: its stop state is its own).
  thread(Start, const SourceLine& where, std::function<void()> body,
         const sync_detail::StartedWith& with = {});
  // std::terminate unless the execution is unwinding (its threads are being torn down).
  void TerminateIfJoinable(const char* why) const;

  ObjectHandle object_;
  ThreadId thread_ = kNoThread;
  SourceLine started_at_;
};

inline void swap(thread& a, thread& b) noexcept { a.swap(b); }

// The state a stop_source shares with its tokens (one model object: reads and writes of it
// are the steps).
namespace sync_detail {
struct StopState;
}

class stop_token {
 public:
  stop_token() noexcept = default;
  bool stop_requested(std::source_location where = std::source_location::current()) const;
  bool stop_possible() const noexcept { return state_ != nullptr; }
  friend bool operator==(const stop_token& a, const stop_token& b) noexcept {
    return a.state_ == b.state_;
  }
  void swap(stop_token& other) noexcept { state_.swap(other.state_); }

 private:
  friend class stop_source;
  template <typename Callback>
  friend class stop_callback;
  explicit stop_token(std::shared_ptr<sync_detail::StopState> state) : state_(std::move(state)) {}
  std::shared_ptr<sync_detail::StopState> state_;
};

struct nostopstate_t {
  explicit nostopstate_t() = default;
};
inline constexpr nostopstate_t nostopstate{};

class stop_source {
 public:
  stop_source(std::source_location declared = std::source_location::current());
  explicit stop_source(nostopstate_t) noexcept {}
  bool request_stop(std::source_location where = std::source_location::current());
  bool stop_requested(std::source_location where = std::source_location::current()) const;
  bool stop_possible() const noexcept { return state_ != nullptr; }
  stop_token get_token() const noexcept { return stop_token(state_); }
  // A stop source declared at `declared` (jthread's, named after the jthread's line).
  explicit stop_source(const SourceLine& declared);
  friend bool operator==(const stop_source& a, const stop_source& b) noexcept {
    return a.state_ == b.state_;
  }
  void swap(stop_source& other) noexcept { state_.swap(other.state_); }

 private:
  std::shared_ptr<sync_detail::StopState> state_;
};

namespace sync_detail {

struct StopState {
  struct Value {
    Value(std::string name, bool);
    ObjectHandle object;
    bool requested = false;
    // The callback request_stop is running, in which thread (until its "stop callback
    // returned" step).
    std::function<void()>* running = nullptr;
    ThreadId running_in = kNoThread;
  };
  explicit StopState(const SourceLine& declared) : value("stop_source", declared) {}
  sync_internal::PerExecution<Value> value;
  // Registered callbacks (stop_callback's), run by request_stop.
  std::vector<std::function<void()>*> callbacks;
};

// Registers `callback` with `state`, or runs it at once when a stop was requested already.
bool RegisterStopCallback(const std::shared_ptr<StopState>& state, std::function<void()>* callback);
// Deregisters `callback`: it will not run. When request_stop runs it in another thread now,
// waits until it has returned (std::stop_callback's destructor).
void UnregisterStopCallback(const std::shared_ptr<StopState>& state,
                            std::function<void()>* callback);

}  // namespace sync_detail

template <typename Callback>
class stop_callback {
 public:
  using callback_type = Callback;
  template <typename C>
  explicit stop_callback(const stop_token& token, C&& callback)
      : state_(token.state_), callback_(std::forward<C>(callback)) {
    if (state_ != nullptr) {
      run_ = [this] { callback_(); };
      if (!sync_detail::RegisterStopCallback(state_, &run_)) state_ = nullptr;
    }
  }
  stop_callback(const stop_callback&) = delete;
  stop_callback& operator=(const stop_callback&) = delete;
  ~stop_callback() {
    if (state_ != nullptr) sync_detail::UnregisterStopCallback(state_, &run_);
  }

 private:
  std::shared_ptr<sync_detail::StopState> state_;
  Callback callback_;
  std::function<void()> run_;
};
template <typename Callback>
stop_callback(stop_token, Callback) -> stop_callback<Callback>;

class jthread {
 public:
  using id = thread_id;

  jthread() noexcept : source_(nostopstate) {}
  template <typename F, typename... Args>
  requires(!std::is_same_v<std::remove_cvref_t<F>, jthread>)
      [[gnu::noinline]] explicit jthread(F&& f, Args&&... args)
      : source_(sync_internal::CallerLine(__builtin_return_address(0))),
        thread_(thread::Start{}, sync_internal::CallerLine(__builtin_return_address(0)),
                sync_detail::ThreadBody(
                    [f = std::decay_t<F>(std::forward<F>(f)), token = source_.get_token(),
                     args = std::make_tuple(
                         std::decay_t<Args>(std::forward<Args>(args))...)]() mutable {
                      std::apply(
                          [&](auto&... a) {
                            if constexpr (std::is_invocable_v<std::decay_t<F>, stop_token,
                                                              std::decay_t<Args>...>) {
                              std::invoke(std::move(f), token, std::move(a)...);
                            } else {
                              std::invoke(std::move(f), std::move(a)...);
                            }
                          },
                          args);
                    })) {}
  jthread(jthread&&) noexcept = default;
  jthread& operator=(jthread&& other) noexcept(false);
  jthread(const jthread&) = delete;
  jthread& operator=(const jthread&) = delete;
  ~jthread() noexcept(false);

  bool joinable() const noexcept { return thread_.joinable(); }
  id get_id() const noexcept { return thread_.get_id(); }
  void join(std::source_location where = std::source_location::current()) { thread_.join(where); }
  void detach(std::source_location where = std::source_location::current()) {
    thread_.detach(where);
  }
  stop_source get_stop_source() noexcept { return source_; }
  stop_token get_stop_token() const noexcept { return source_.get_token(); }
  bool request_stop(std::source_location where = std::source_location::current()) {
    return source_.request_stop(where);
  }
  void swap(jthread& other) noexcept {
    source_.swap(other.source_);
    thread_.swap(other.thread_);
  }
  static unsigned int hardware_concurrency() noexcept { return thread::hardware_concurrency(); }

 private:
  stop_source source_;
  thread thread_;
};

}  // namespace interleave::sync

#endif  // INTERLEAVE_STD_THREAD_H_
