// The native backend's threads: Thread, Process, Timer and the threading functions (see the
// headers in native/model/).
#include "model/thread.h"

#include <optional>
#include <string>
#include <utility>

#include "model/error.h"
#include "model/process.h"
#include "model/runtime.h"
#include "model/text.h"
#include "model/threading.h"
#include "model/timer.h"

namespace interleave {

using native::CheckTerminated;
using native::Observe;
using native::Quiet;
using native::ThreadCore;

namespace {

std::shared_ptr<ThreadCore> NewCore(std::string name, bool daemon) {
  auto core = std::make_shared<ThreadCore>();
  core->name =
      name.empty() ? "Thread-" + std::to_string(native::NextNumber("Thread-")) : std::move(name);
  core->daemon = daemon;
  return core;
}

}  // namespace

// ---- Thread ---------------------------------------------------------------------------------

Thread::Thread(std::function<void()> target, std::string name, bool daemon)
    : core_(NewCore(std::move(name), daemon)), target_(std::move(target)) {}

Thread::Thread(std::string name, bool daemon)
    : core_(NewCore(std::move(name), daemon)), subclass_(true) {}

Thread::Thread(Thread&& other) noexcept = default;

const std::string& Thread::name() const { return core_->name; }
bool Thread::daemon() const { return core_->daemon; }

Thread::~Thread() noexcept(false) {
  if (core_ == nullptr) return;  // Moved from.
  // Whichever way it ends, the core goes in a Quiet section: its thread's last accesses to it
  // need not happen before this (a daemon's abandonment adds no edge), and its free is the
  // runtime's, not the scenario's.
  struct DropCore {
    std::shared_ptr<ThreadCore>& core;
    ~DropCore() {
      Quiet quiet;
      core.reset();
    }
  } drop_core{core_};
  bool started = false;
  {
    Quiet quiet;
    std::lock_guard lock(core_->mu);
    started = core_->started;
  }
  if (!started) return;
  if (joined_ || !core_->daemon) {
    // A non-daemon is waited for where its object goes out of scope (an exit-wait). It observes
    // the thread's end, as CPython's exit joins its non-daemon threads (the model's exit-wait
    // has no edge; see "TSan fidelity" in docs/implementation-notes.md for why this one is).
    native::HandOff(*core_, /*detach=*/false);
    if (!joined_) Observe(core_.get());
    return;
  }
  // A daemon: in main, program exit first waits for the non-daemon threads.
  if (native::CurrentCore() == nullptr) native::WaitForNonDaemonThreads();
  native::HandOff(*core_, /*detach=*/true);
}

void Thread::run() {
  if (target_) target_();
}

void Thread::start(std::source_location where) {
  CheckTerminated();
  {
    Quiet quiet;
    std::lock_guard lock(core_->mu);
    if (core_->started) {
      throw ModelError("thread '" + core_->name + "' started twice at " + LineText(where) +
                       " (Python raises RuntimeError)");
    }
  }
  std::function<void()> body;
  if (subclass_) {
    body = [this] { run(); };  // make_thread keeps the object alive while it runs.
  } else {
    body = target_;
  }
  native::StartThread(core_, std::move(body));
}

void Thread::join(std::source_location where) {
  CheckTerminated();
  {
    Quiet quiet;
    std::unique_lock lock(core_->mu);
    if (!core_->started) {
      throw ModelError("join of thread '" + core_->name + "' before start at " + LineText(where) +
                       " (Python raises RuntimeError)");
    }
    if (core_.get() == native::CurrentCore()) {
      throw ModelError("thread '" + core_->name + "' joins itself at " + LineText(where) +
                       " (Python raises RuntimeError)");
    }
    native::WaitUntil(lock, core_->changed, [this] { return core_->finished; });
  }
  Observe(core_.get());  // The join edge.
  native::HandOff(*core_, /*detach=*/false);
  joined_ = true;
}

void Thread::join(double seconds, std::source_location where) {
  CheckTerminated();
  bool finished = false;
  {
    Quiet quiet;
    std::unique_lock lock(core_->mu);
    if (!core_->started) {
      throw ModelError("join of thread '" + core_->name + "' before start at " + LineText(where) +
                       " (Python raises RuntimeError)");
    }
    finished = native::WaitUntil(
        lock, core_->changed, [this] { return core_->finished; },
        native::Deadline(seconds < 0 ? 0 : seconds));
  }
  if (finished) {
    Observe(core_.get());  // The join edge; a join that timed out has none.
    native::HandOff(*core_, /*detach=*/false);
    joined_ = true;
  }
}

bool Thread::is_alive(std::source_location) const {
  CheckTerminated();
  bool started = false;
  bool finished = false;
  {
    Quiet quiet;
    std::lock_guard lock(core_->mu);
    started = core_->started;
    finished = core_->finished;
  }
  if (started && finished) Observe(core_.get());  // As the model: "not alive" sees its end.
  return started && !finished;
}

void Thread::set_daemon(bool daemon) {
  Quiet quiet;
  std::lock_guard lock(core_->mu);
  if (core_->started) {
    throw ModelError("cannot set daemon status of active thread '" + core_->name + "'");
  }
  core_->daemon = daemon;
}

void Thread::set_symmetric(std::string group) {
  // The model's checks, so that a scenario fails alike in both backends; the group is kept
  // only (real threads are explored by nobody).
  {
    Quiet quiet;
    std::lock_guard lock(core_->mu);
    if (core_->started) {
      throw ModelError("cannot declare active thread '" + core_->name + "' symmetric");
    }
  }
  if (group.empty()) {
    throw ModelError("thread '" + core_->name + "': a symmetry group needs a name");
  }
  symmetry_group_ = std::move(group);
}

const std::string& Thread::symmetry_group() const { return symmetry_group_; }

void Thread::wait_at_exit() {
  if (core_ == nullptr) return;
  {
    Quiet quiet;
    std::lock_guard lock(core_->mu);
    if (!core_->started) return;
  }
  if (!core_->daemon) {
    {
      Quiet quiet;
      std::unique_lock lock(core_->mu);
      native::WaitUntil(lock, core_->changed, [this] { return core_->finished; });
    }
    Observe(core_.get());                       // The exit-wait's edge, as in ~Thread.
    native::HandOff(*core_, /*detach=*/false);  // Joined: TSan reports no thread leak.
    return;
  }
  // A daemon is abandoned: the process ends after program exit.
  native::HandOff(*core_, /*detach=*/true);
}

// ---- Process --------------------------------------------------------------------------------

std::string Process::DefaultName(std::string name) {
  return name.empty() ? "Process-" + std::to_string(native::NextNumber("Process-"))
                      : std::move(name);
}

Process::Process(std::function<void()> target, std::string name, bool daemon)
    : target_(std::move(target)),
      thread_([this] { target_(); }, DefaultName(std::move(name)), daemon) {}

Process::Process(std::string name, bool daemon)
    : thread_([this] { run(); }, DefaultName(std::move(name)), daemon) {}

void Process::start(std::source_location where) { thread_.start(where); }
void Process::join(std::source_location where) { thread_.join(where); }
void Process::join(double seconds, std::source_location where) { thread_.join(seconds, where); }
bool Process::is_alive(std::source_location where) const { return thread_.is_alive(where); }

void Process::terminate(std::source_location) {
  CheckTerminated();
  // Relaxed: no edge to the victim (CheckTerminated, runtime.cc).
  thread_.core()->terminate_requested.store(true, std::memory_order_relaxed);
}

std::optional<int> Process::exitcode(std::source_location) const {
  CheckTerminated();
  const auto& core = thread_.core();
  bool finished = false;
  bool terminated = false;
  {
    Quiet quiet;
    std::lock_guard lock(core->mu);
    finished = core->finished;
    terminated = core->terminated;
  }
  if (!finished) return std::nullopt;
  Observe(core.get());  // As the model: an exit code sees the process's end.
  return terminated ? -15 : 0;
}

// ---- Timer ----------------------------------------------------------------------------------

Timer::Timer(double seconds, std::function<void()> function, std::string name)
    : interval_(seconds), function_(std::move(function)), thread_([this] { Run(); }, name) {}

void Timer::Run() {
  bool fired = false;
  {
    Quiet quiet;
    std::unique_lock lock(mu_);
    native::WaitUntil(
        lock, cancelled_cv_, [this] { return cancelled_; }, native::Deadline(interval_));
    fired = !cancelled_;
    cancelled_ = true;  // Fired: a later cancel() does nothing.
  }
  if (!fired) {
    Observe(this);  // Cancelled: as in the model, the timer sees what the canceller did.
    return;
  }
  function_();
}

void Timer::start(std::source_location where) { thread_.start(where); }

void Timer::cancel(std::source_location) {
  CheckTerminated();
  native::Publish(this);
  {
    Quiet quiet;
    std::lock_guard lock(mu_);
    cancelled_ = true;
    cancelled_cv_.notify_all();
  }
}

void Timer::join(std::source_location where) { thread_.join(where); }
void Timer::join(double seconds, std::source_location where) { thread_.join(seconds, where); }
bool Timer::is_alive(std::source_location where) const { return thread_.is_alive(where); }

// ---- threading ------------------------------------------------------------------------------

std::string current_thread_name() {
  const ThreadCore* core = native::CurrentCore();
  return core == nullptr ? "MainThread" : core->name;
}

std::string main_thread_name() { return "MainThread"; }

std::vector<std::string> enumerate_threads(std::source_location) {
  CheckTerminated();
  std::vector<std::string> names = native::AliveThreadNames();
  native::ObserveFinishedThreads();  // As the model.
  return names;
}

int active_count(std::source_location where) {
  return static_cast<int>(enumerate_threads(where).size());
}

namespace internal {

void AtProgramExit(std::function<void()> callback) { native::AtProgramExit(std::move(callback)); }

}  // namespace internal

}  // namespace interleave
