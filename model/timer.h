// Timer: Python's threading.Timer, a thread that waits `seconds`, then calls `function` unless
// it was cancelled first.
//
// start() starts the timer's thread (a model Thread, named like one: "Thread-N" by default).
// The thread makes one timed wait, Execution::Step(wait, <name>.finished, ready = cancelled,
// timeout = interval): if the wait returns because cancel() was called, the function is never
// called; if it times out, the timer fires and calls the function in the timer's thread. So:
// - time mode `any`: the timeout may fire at any moment after start, so a cancel() races the
//   firing: both "fired, then cancel() was too late" and "cancelled, never fired" are reachable.
// - time mode `virtual`: the timer fires at start time + interval unless cancel() ran before
//   that instant; a cancel at exactly that instant races the firing.
// cancel() is a visible operation (cancel <name>.finished). Like Python, cancelling a timer that
// has fired, or cancelling it twice, does nothing; cancelling it before start() makes it never
// fire. A cancel happens before the timer thread's wake-up that it causes.
//
// Lifetime is a Thread's: a started, unjoined, non-daemon Timer is waited for when it goes out
// of scope (so an uncancelled timer fires before the program ends), which is a scheduling
// point: the destructor is noexcept(false). The timer's thread calls `function` while the
// Timer is alive, so declare the Timer after the data the function uses.
//
// One declaration for both backends of the model API (model/backend/members.h).
#ifndef INTERLEAVE_MODEL_TIMER_H_
#define INTERLEAVE_MODEL_TIMER_H_

#include <functional>
#include <source_location>
#include <string>

#include "model/backend/members.h"
#include "model/thread.h"

namespace interleave {

class Timer {
 public:
  // threading.Timer(interval, function), with the thread's name (default "Thread-N").
  Timer(double seconds, std::function<void()> function, std::string name = "");
  Timer(const Timer&) = delete;
  Timer& operator=(const Timer&) = delete;
  ~Timer() noexcept(false) = default;

  void start(std::source_location where = std::source_location::current());
  // Stops the timer if it has not fired yet.
  void cancel(std::source_location where = std::source_location::current());
  void join(std::source_location where = std::source_location::current());
  void join(double seconds, std::source_location where = std::source_location::current());
  bool is_alive(std::source_location where = std::source_location::current()) const;

  const std::string& name() const { return thread_.name(); }
  // Like `t.daemon = True`: only before start().
  void set_daemon(bool daemon) { thread_.set_daemon(daemon); }

 private:
  // The backend's members (model/backend/members.h).
#include "model/backend/timer.inc"
};

}  // namespace interleave

#endif  // INTERLEAVE_MODEL_TIMER_H_
