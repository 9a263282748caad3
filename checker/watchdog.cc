#include "checker/watchdog.h"

#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <exception>
#include <memory>
#include <mutex>
#include <thread>
#include <utility>

#include "model/execution.h"

namespace interleave {
namespace {

// Shared by the caller and the helper thread, which may outlive the call.
struct Search {
  std::mutex mutex;
  std::condition_variable finished;
  bool done = false;
  Result result;
  std::atomic<bool> abandoned{false};
};

Result StuckResult(const std::string& scenario, double stall_seconds,
                   const Execution::Progress& last) {
  Result result;
  result.scenario = scenario;
  result.verdict = Verdict::kError;
  char text[512];
  std::snprintf(text, sizeof text,
                "the scenario blocks outside the model: no step for %.1f s after %s:%d (a real "
                "std::mutex, a real sleep or real I/O?); scenarios must block only through model "
                "primitives (Lock, sleep, Queue, ...)",
                stall_seconds, SourceLine{last.file, last.line}.Basename().c_str(), last.line);
  result.error = text;
  return result;
}

}  // namespace

Result RunWatched(const std::string& scenario, double stall_seconds,
                  std::function<Result(const std::atomic<bool>& abandoned)> search) {
  auto state = std::make_shared<Search>();
  std::thread helper([state, search = std::move(search)] {
    Execution::SetAbandonFlag(&state->abandoned);
    Result result;
    try {
      result = search(state->abandoned);
    } catch (const std::exception& e) {
      result.verdict = Verdict::kError;
      result.error = std::string("internal error: ") + e.what();
    }
    std::lock_guard<std::mutex> lock(state->mutex);
    state->result = std::move(result);
    state->done = true;
    state->finished.notify_all();
  });

  using Clock = std::chrono::steady_clock;
  const auto stall = std::chrono::duration<double>(stall_seconds);
  const auto poll = std::chrono::duration<double>(std::min(0.1, stall_seconds / 4));
  Execution::Progress last = Execution::LastProgress();
  auto last_change = Clock::now();
  std::unique_lock<std::mutex> lock(state->mutex);
  while (!state->finished.wait_for(lock, poll, [&state] { return state->done; })) {
    const Execution::Progress now = Execution::LastProgress();
    if (now.steps != last.steps) {
      last = now;
      last_change = Clock::now();
    } else if (Clock::now() - last_change >= stall) {
      state->abandoned = true;
      helper.detach();
      return StuckResult(scenario, stall_seconds, last);
    }
  }
  lock.unlock();
  helper.join();
  return std::move(state->result);
}

}  // namespace interleave
