// Native backend: Process (multiprocessing.Process) as a thread of the one program, as in the
// model (model/process.h): name "Process-N" by default, daemon, start, join, is_alive,
// exitcode, subclass style with make_thread<P>.
//
// terminate() is cooperative, since a real thread cannot be killed: it asks, and the process's
// thread ends with exitcode -15 at its next operation of this API (log, sleep, choose, any lock,
// condition, semaphore, event, barrier or queue operation), including while it is blocked in one
// (blocking waits wake every 10 ms to check). What it cannot do:
// - stop a thread that runs plain code (a loop over Shared<T> or its own variables) without
//   calling the API; it ends when it next calls it, or not at all;
// - leave held locks held: the unwinding runs destructors, so a LockGuard releases its lock
//   (SIGTERM in Python, and the model, skip them; a scenario that shows a lock left held by a
//   terminated process behaves differently here);
// - be synchronous: like Python's SIGTERM (and unlike the model), is_alive() may still be true
//   right after terminate() returns; join() to wait for the end.
// A `catch (...)` in the scenario would swallow the termination (it is an exception).
#ifndef INTERLEAVE_NATIVE_MODEL_PROCESS_H_
#define INTERLEAVE_NATIVE_MODEL_PROCESS_H_

#include <functional>
#include <optional>
#include <source_location>
#include <string>

#include "model/thread.h"

namespace interleave {

class Process {
 public:
  explicit Process(std::function<void()> target, std::string name = "", bool daemon = false);
  Process(const Process&) = delete;
  Process& operator=(const Process&) = delete;
  virtual ~Process() noexcept(false) = default;

  void start(std::source_location where = std::source_location::current());
  void join(std::source_location where = std::source_location::current());
  void join(double seconds, std::source_location where = std::source_location::current());
  bool is_alive(std::source_location where = std::source_location::current()) const;
  void terminate(std::source_location where = std::source_location::current());
  std::optional<int> exitcode(std::source_location where = std::source_location::current()) const;

  const std::string& name() const { return thread_.name(); }
  bool daemon() const { return thread_.daemon(); }
  void set_daemon(bool daemon) { thread_.set_daemon(daemon); }
  void wait_at_exit() { thread_.wait_at_exit(); }

 protected:
  explicit Process(std::string name = "", bool daemon = false);
  virtual void run() {}

 private:
  static std::string DefaultName(std::string name);

  std::function<void()> target_;
  Thread thread_;
};

}  // namespace interleave

#endif  // INTERLEAVE_NATIVE_MODEL_PROCESS_H_
