// Watchdog: fails closed when a scenario blocks outside the model.
//
// A scenario must block only through model primitives; a real std::mutex, a real sleep or
// real I/O blocks the one OS thread every execution runs on, and the search would hang. While
// a Watchdog lives, a helper OS thread watches Execution::LastProgress(); if no step is taken
// for `stall_seconds`, it prints an ERROR naming the scenario and the last source line that
// ran, and ends the process with exit code 1 (the run cannot be resumed: the thread that is
// stuck is the one the checker runs on).
#ifndef INTERLEAVE_CHECKER_WATCHDOG_H_
#define INTERLEAVE_CHECKER_WATCHDOG_H_

#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>

namespace interleave {

class Watchdog {
 public:
  // No watchdog when stall_seconds <= 0.
  Watchdog(std::string scenario, double stall_seconds);
  ~Watchdog();
  Watchdog(const Watchdog&) = delete;
  Watchdog& operator=(const Watchdog&) = delete;

 private:
  void Watch();

  std::string scenario_;
  double stall_seconds_;
  std::mutex mutex_;
  std::condition_variable stop_signal_;
  bool stop_ = false;
  std::thread thread_;
};

}  // namespace interleave

#endif  // INTERLEAVE_CHECKER_WATCHDOG_H_
