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
//
// Subclass style (Python's `class MyThread(Thread): def run(self): ...`): derive, call the
// protected constructor, override run(), and create the object with make_thread<MyThread>(...)
// below. The execution owns it, so that it outlives its thread wherever the scenario lets go of
// it (a subclass's own members are destroyed before ~Thread could wait); when the scenario body
// returns, the program waits for it, or cuts it off if it is a daemon, then destroys it.
//
// One declaration for both backends of the model API (model/backend/members.h).
#ifndef INTERLEAVE_MODEL_THREAD_H_
#define INTERLEAVE_MODEL_THREAD_H_

#include <functional>
#include <memory>
#include <source_location>
#include <string>
#include <utility>

#include "model/backend/members.h"

namespace interleave {

class Thread {
 public:
  // `name` defaults to "Thread-N", N counting the threads constructed in this execution.
  explicit Thread(std::function<void()> target, std::string name = "", bool daemon = false);
  Thread(Thread&& other) noexcept;
  Thread& operator=(Thread&&) = delete;
  Thread(const Thread&) = delete;
  virtual ~Thread() noexcept(false);

  void start(std::source_location where = std::source_location::current());
  void join(std::source_location where = std::source_location::current());
  // join(timeout): returns when the thread has finished or `seconds` have passed; like Python,
  // it says nothing: ask is_alive().
  void join(double seconds, std::source_location where = std::source_location::current());
  // Started and not yet finished.
  bool is_alive(std::source_location where = std::source_location::current()) const;

  const std::string& name() const;
  bool daemon() const;
  // Like Python's `t.daemon = True`: only before start().
  void set_daemon(bool daemon);
  // Declares this thread a member of the symmetry group `group` (only before start()): the
  // scenario states that every member runs the same function with equal arguments and that
  // nothing tells the members apart but their own steps (their names appear in reports only;
  // the checks and outcomes are the same whichever member did what). Under --symmetry
  // (ExploreOptions::symmetry, checker/symmetry.h) the search then explores one class of
  // interleavings per permutation of the members; without it the declaration does nothing.
  // The runtime checks what it can (the same closure type, no is_alive or timed join of a
  // member, a member does not read its own name, members joined together): a violation is an
  // ERROR, never a silently smaller search.
  void set_symmetric(std::string group);
  const std::string& symmetry_group() const;

  // Program exit for this thread: a non-daemon is waited for; a daemon, once every non-daemon
  // has finished, is killed. Nothing if it never started or was joined; the exit-wait is a step
  // even when the thread has finished (whether it had is what a reduction must order). Once
  // only: a scenario that calls it (Python keeps every started thread alive) and the
  // destructor that runs after do one exit-wait between them.
  void wait_at_exit();

 protected:
  // For subclasses, which override run().
  explicit Thread(std::string name = "", bool daemon = false);
  // What the thread does: the target, or a subclass's override.
  virtual void run();

 private:
  // The backend's members (model/backend/members.h).
#include "model/backend/thread.inc"
};

namespace internal {
// The backend's program exit: `callback` runs when the scenario body has returned
// (Execution::AtProgramExit in the model, native::AtProgramExit in the native backend).
void AtProgramExit(std::function<void()> callback);
}  // namespace internal

// Creates a Thread (or Process) subclass owned by the execution: see "Subclass style" above.
template <typename T, typename... Args>
T& make_thread(Args&&... args) {
  auto owned = std::make_shared<T>(std::forward<Args>(args)...);
  internal::AtProgramExit([owned] { owned->wait_at_exit(); });
  return *owned;
}

}  // namespace interleave

#endif  // INTERLEAVE_MODEL_THREAD_H_
