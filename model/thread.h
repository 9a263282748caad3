// Thread: a model thread, like Python's threading.Thread (target, name, start, join).
//
// Construction is invisible; start() and join() are visible operations. start() runs the new
// thread up to its first visible operation. When a started, unjoined Thread goes out of scope
// the current thread waits for it to finish (an exit-wait, the way CPython waits for
// non-daemon threads when the program ends), so that everything the thread borrowed from its
// creator's scope outlives it. That wait is a scheduling point, so the destructor may throw
// the execution's unwinding exception: it is noexcept(false).
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
  explicit Thread(std::function<void()> target, std::string name = "");
  Thread(Thread&& other) noexcept;
  Thread& operator=(Thread&&) = delete;
  Thread(const Thread&) = delete;
  ~Thread() noexcept(false);

  void start(std::source_location where = std::source_location::current());
  void join(std::source_location where = std::source_location::current());
  const std::string& name() const { return name_; }

 private:
  ObjectId object_ = kNoObject;
  ThreadId thread_ = kNoThread;
  std::string name_;
  std::function<void()> target_;
  bool joined_ = false;
  std::source_location started_at_;
};

}  // namespace interleave

#endif  // INTERLEAVE_MODEL_THREAD_H_
