// Native backend: Timer (threading.Timer) as in model/timer.h: a Thread that waits the interval
// (scaled, runtime.h) for a cancel() and calls the function if none came. cancel() after it
// fired, or twice, does nothing; before start() it makes the timer never fire.
#ifndef INTERLEAVE_NATIVE_MODEL_TIMER_H_
#define INTERLEAVE_NATIVE_MODEL_TIMER_H_

#include <condition_variable>
#include <functional>
#include <mutex>
#include <source_location>
#include <string>

#include "model/thread.h"

namespace interleave {

class Timer {
 public:
  Timer(double seconds, std::function<void()> function, std::string name = "");
  Timer(const Timer&) = delete;
  Timer& operator=(const Timer&) = delete;
  ~Timer() noexcept(false) = default;

  void start(std::source_location where = std::source_location::current());
  void cancel(std::source_location where = std::source_location::current());
  void join(std::source_location where = std::source_location::current());
  void join(double seconds, std::source_location where = std::source_location::current());
  bool is_alive(std::source_location where = std::source_location::current()) const;

  const std::string& name() const { return thread_.name(); }
  void set_daemon(bool daemon) { thread_.set_daemon(daemon); }

 private:
  void Run();

  double interval_;
  std::function<void()> function_;
  std::mutex mu_;
  std::condition_variable cancelled_cv_;
  bool cancelled_ = false;
  Thread thread_;  // Last: destroyed (waited for) first.
};

}  // namespace interleave

#endif  // INTERLEAVE_NATIVE_MODEL_TIMER_H_
