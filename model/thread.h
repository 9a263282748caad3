// Thread: a model thread, like Python's threading.Thread (target, name, daemon, start, join,
// join with timeout, is_alive).
//
// Construction is invisible; start(), join() and is_alive() are visible operations. start()
// runs the new thread up to its first visible operation.
//
// Program exit, as CPython does it, tied to the Thread object's scope (declare threads in the
// scenario body, after the data they use): when a started, unjoined non-daemon Thread goes out
// of scope, the current thread waits for it (an exit-wait). When a daemon Thread goes out of
// scope in the main thread, main first waits for every non-daemon thread to finish, then the
// daemon is killed wherever it is (DAEMON CUT OFF, if it had not finished). A daemon Thread that
// goes out of scope in another thread is killed at once. These waits are scheduling points, so
// the destructor may throw the execution's unwinding exception: it is noexcept(false).
#ifndef INTERLEAVE_MODEL_THREAD_H_
#define INTERLEAVE_MODEL_THREAD_H_

#include <functional>
#include <source_location>
#include <string>

#include "model/trace.h"

namespace interleave {

class Thread {
 public:
  // `name` defaults to "Thread-N", N counting the threads constructed in this execution.
  explicit Thread(std::function<void()> target, std::string name = "", bool daemon = false);
  Thread(Thread&& other) noexcept;
  Thread& operator=(Thread&&) = delete;
  Thread(const Thread&) = delete;
  ~Thread() noexcept(false);

  void start(std::source_location where = std::source_location::current());
  void join(std::source_location where = std::source_location::current());
  // join(timeout): returns when the thread has finished or `seconds` have passed; like Python,
  // it says nothing: ask is_alive().
  void join(double seconds, std::source_location where = std::source_location::current());
  // Started and not yet finished.
  bool is_alive(std::source_location where = std::source_location::current()) const;

  const std::string& name() const { return name_; }
  bool daemon() const { return daemon_; }
  // Like Python's `t.daemon = True`: only before start().
  void set_daemon(bool daemon);

 private:
  ObjectId object_ = kNoObject;
  ThreadId thread_ = kNoThread;
  std::string name_;
  std::function<void()> target_;
  bool daemon_ = false;
  bool joined_ = false;
  std::source_location started_at_;
};

}  // namespace interleave

#endif  // INTERLEAVE_MODEL_THREAD_H_
