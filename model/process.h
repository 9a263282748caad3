// Process: Python's multiprocessing.Process, modelled as a thread of the one program.
//
// A Process shares nothing implicitly: the child has its own copy of the parent's memory, so
// whatever the scenario's target touches must be a model object meant for sharing between
// processes (Value, Array, Queue, Lock, Event, ...) that the scenario passes to it; plain
// variables it captures would be shared in the model but copied in Python. The model cannot
// check this: it is the scenario's rule.
//
// name (default "Process-N", N counting the default-named processes of the execution from 1),
// daemon, start, join, join with timeout, is_alive are a Thread's, and so is the lifetime: a
// started, unjoined non-daemon Process is waited for when it goes out of scope; a daemon is
// killed at program exit after every non-daemon has finished (DAEMON CUT OFF), which is what
// DESIGN.md asks (CPython's atexit terminates daemonic processes before joining the others).
//
// terminate() is a visible operation (cancel <process> "(terminate)"), after which the process
// is killed where it stands, through Execution::Kill: its remaining operations never happen and
// the operations its destructors would do on the way out are void, so a lock it holds stays
// held (as in Python, where SIGTERM runs no finally clauses). terminate() of a finished process
// does nothing. Unlike Python, the kill is synchronous: right after terminate() returns,
// is_alive() is false (Python's SIGTERM lands a little later, so the seed prints True).
//
// exitcode() is a visible read: nullopt (Python's None) before start and while alive, 0 when
// the target returned, -15 (-SIGTERM) when terminate() killed it.
//
// One declaration for both backends of the model API (model/backend/members.h).
#ifndef INTERLEAVE_MODEL_PROCESS_H_
#define INTERLEAVE_MODEL_PROCESS_H_

#include <functional>
#include <optional>
#include <source_location>
#include <string>

#include "model/backend/members.h"
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
  // join(timeout): returns when the process has ended or `seconds` have passed.
  void join(double seconds, std::source_location where = std::source_location::current());
  bool is_alive(std::source_location where = std::source_location::current()) const;
  // Kills the process at once, wherever it is; nothing if it has ended.
  void terminate(std::source_location where = std::source_location::current());
  // None (nullopt) until it has ended; then 0, or -15 if terminate() killed it.
  std::optional<int> exitcode(std::source_location where = std::source_location::current()) const;

  const std::string& name() const { return thread_.name(); }
  bool daemon() const { return thread_.daemon(); }
  // Like `p.daemon = True`: only before start().
  void set_daemon(bool daemon) { thread_.set_daemon(daemon); }
  // Program exit for this process (see Thread::wait_at_exit).
  void wait_at_exit() { thread_.wait_at_exit(); }

 protected:
  // Subclass style (`class P(Process): def run(self)`): override run() and create the object
  // with make_thread<P>(...) (model/thread.h), which keeps it alive while it runs.
  explicit Process(std::string name = "", bool daemon = false);
  virtual void run() {}

 private:
  // The backend's members (model/backend/members.h).
#include "model/backend/process.inc"
};

}  // namespace interleave

#endif  // INTERLEAVE_MODEL_PROCESS_H_
