// Native backend: Thread on std::thread, with the model's interface and program-exit rules
// (model/thread.h):
// - start() starts a real thread; join() joins it; join(seconds) waits at most that long
//   (scaled, runtime.h); is_alive() is "started and not finished".
// - A started, unjoined non-daemon Thread that goes out of scope is waited for (joined); for
//   TSan its end happens before what follows, as at CPython's exit (runtime.h).
// - join() (and join(seconds) when the thread ended), is_alive() false: the thread's end
//   happens before what follows, for TSan too (Publish/Observe, runtime.h).
// - A daemon Thread that goes out of scope in the main thread first waits for every
//   non-daemon thread (program exit), then is abandoned (detached) if still running; in any
//   other thread it is abandoned at once. Real threads cannot be killed: an abandoned daemon
//   runs on until the runner ends the process, right after the scenario body returns. One that
//   touches the scenario's locals after they are gone is undefined behaviour the model does not
//   have (there it is killed at that point).
// - Subclass style: derive, override run(), create with make_thread<T>(...); the object is kept
//   alive to the end of the run and waited for at program exit (after the body returns).
// - An exception escaping a thread's function ends that thread and is recorded as an error of
//   the run (Python prints it); the run goes on.
#ifndef INTERLEAVE_NATIVE_MODEL_THREAD_H_
#define INTERLEAVE_NATIVE_MODEL_THREAD_H_

#include <functional>
#include <memory>
#include <source_location>
#include <string>
#include <utility>

#include "model/runtime.h"

namespace interleave {

class Thread {
 public:
  explicit Thread(std::function<void()> target, std::string name = "", bool daemon = false);
  Thread(Thread&& other) noexcept = default;
  Thread& operator=(Thread&&) = delete;
  Thread(const Thread&) = delete;
  virtual ~Thread() noexcept(false);

  void start(std::source_location where = std::source_location::current());
  void join(std::source_location where = std::source_location::current());
  void join(double seconds, std::source_location where = std::source_location::current());
  bool is_alive(std::source_location where = std::source_location::current()) const;

  const std::string& name() const { return core_->name; }
  bool daemon() const { return core_->daemon; }
  void set_daemon(bool daemon);
  // The model's symmetry declaration (model/thread.h): real threads are explored by nobody.
  void set_symmetric(const std::string& /*group*/) {}

  void wait_at_exit();

  // Native only: the shared state of the thread (Process::terminate uses it).
  const std::shared_ptr<native::ThreadCore>& core() const { return core_; }

 protected:
  explicit Thread(std::string name = "", bool daemon = false);
  virtual void run();

 private:
  std::shared_ptr<native::ThreadCore> core_;
  std::function<void()> target_;
  bool subclass_ = false;  // Run run() on this object rather than target_.
  bool joined_ = false;
};

template <typename T, typename... Args>
T& make_thread(Args&&... args) {
  auto owned = std::make_shared<T>(std::forward<Args>(args)...);
  native::AtProgramExit([owned] { owned->wait_at_exit(); });
  return *owned;
}

}  // namespace interleave

#endif  // INTERLEAVE_NATIVE_MODEL_THREAD_H_
