#include "checker/watchdog.h"

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <utility>

#include "model/execution.h"

namespace interleave {

Watchdog::Watchdog(std::string scenario, double stall_seconds)
    : scenario_(std::move(scenario)), stall_seconds_(stall_seconds) {
  if (stall_seconds_ > 0) thread_ = std::thread([this] { Watch(); });
}

Watchdog::~Watchdog() {
  if (!thread_.joinable()) return;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stop_ = true;
  }
  stop_signal_.notify_one();
  thread_.join();
}

void Watchdog::Watch() {
  using Clock = std::chrono::steady_clock;
  const auto stall = std::chrono::duration<double>(stall_seconds_);
  const auto poll = std::chrono::duration<double>(std::min(0.1, stall_seconds_ / 4));
  Execution::Progress last = Execution::LastProgress();
  auto last_change = Clock::now();
  std::unique_lock<std::mutex> lock(mutex_);
  while (!stop_signal_.wait_for(lock, poll, [this] { return stop_; })) {
    const Execution::Progress now = Execution::LastProgress();
    if (now.steps != last.steps) {
      last = now;
      last_change = Clock::now();
      continue;
    }
    if (Clock::now() - last_change < stall) continue;
    std::fprintf(stderr,
                 "ERROR  %s: no step for %.1f s: the scenario blocks outside the model after "
                 "%s:%d (a real std::mutex, a real sleep or real I/O?). Scenarios must block "
                 "only through model primitives (Lock, sleep, Queue, ...).\n",
                 scenario_.c_str(), stall_seconds_, last.file, last.line);
    std::fflush(stderr);
    std::_Exit(1);
  }
}

}  // namespace interleave
