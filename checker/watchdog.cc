#include "checker/watchdog.h"

#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <exception>
#include <memory>
#include <mutex>
#include <thread>
#include <utility>

#include "model/crash.h"
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

// What the watchdog knows when it gives up: how long no step came (and the limit), the last
// step's line if this search took one, the scenario and the strategy. No guess at the cause:
// the blocking calls a scenario can make by mistake are caught at once (model/escapes.h), so
// what is left is plain code that does not end, or a wait the runtime cannot see.
Result StuckResult(const std::string& scenario, const std::string& strategy, double stall_seconds,
                   double waited, bool stepped, const Execution::Progress& last) {
  Result result;
  result.scenario = scenario;
  result.strategy = strategy;
  result.verdict = Verdict::kError;
  char text[1024];
  const std::string where = stepped && last.line > 0
                                ? "after the step at " + SourceLine{last.file, last.line}.ToString()
                                : std::string("before the search took its first step");
  std::snprintf(text, sizeof text,
                "the search was given up: no step for %.1f s (limit %g s) %s, in scenario '%s' "
                "under strategy %s; the code between two visible operations must end, and wait "
                "only through model primitives",
                waited, stall_seconds, where.c_str(), scenario.c_str(), strategy.c_str());
  result.error = text;
  // The classic: `while (!ready) {}` on a plain flag, compiled (-O2) to read it once and then
  // loop without a step. The same in the model API when the loop tests a copy of a Shared.
  if (stepped && last.plain_read) {
    result.error +=
        ". That step read a plain (not atomic) variable: a loop that waits for another thread "
        "to change such a variable may read it only once (the compiler may keep it in a "
        "register, since a data race is undefined behaviour) and then spin for ever; make the "
        "variable atomic, or wait through a lock and a condition variable";
  }
  return result;
}

}  // namespace

Result RunWatched(const std::string& scenario, const std::string& strategy, double stall_seconds,
                  std::function<Result(const std::atomic<bool>& abandoned)> search) {
  // Before the helper starts: whether this search took a step is told from this count.
  const Execution::Progress at_start = Execution::LastProgress();
  auto state = std::make_shared<Search>();
  // Named in the line printed if the process dies of a crash outside scenario code, or of a
  // model object used from a real thread (model/crash.h).
  crash::SetSearchName(scenario);
  struct ClearName {
    ~ClearName() { crash::SetSearchName(""); }
  } clear_name;
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
  Execution::Progress last = at_start;
  auto last_change = Clock::now();
  std::unique_lock<std::mutex> lock(state->mutex);
  while (!state->finished.wait_for(lock, poll, [&state] { return state->done; })) {
    const Execution::Progress now = Execution::LastProgress();
    if (now.steps != last.steps) {
      last = now;
      last_change = Clock::now();
    } else if (const auto waited = Clock::now() - last_change; waited >= stall) {
      state->abandoned = true;
      helper.detach();
      return StuckResult(scenario, strategy, stall_seconds,
                         std::chrono::duration<double>(waited).count(),
                         last.steps != at_start.steps, last);
    }
  }
  lock.unlock();
  helper.join();
  return std::move(state->result);
}

}  // namespace interleave
