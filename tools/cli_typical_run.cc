#include "tools/cli_typical_run.h"

#include <algorithm>

#include "checker/result.h"

namespace interleave {

bool TypicalRunStrategy::StartExecution() {
  if (started_) return false;
  started_ = true;
  last_run_.clear();
  return true;
}

ThreadId TypicalRunStrategy::ChooseThread(const SchedulePoint& point) {
  const std::vector<ThreadId>& enabled = *point.enabled;
  const auto last = [this](ThreadId t) {
    return t < static_cast<ThreadId>(last_run_.size()) ? last_run_[t] : -1;
  };
  ThreadId chosen = kNoThread;
  // 1. A thread that has never run (ascending: the first started).
  for (ThreadId t : enabled) {
    if (last(t) < 0) {
      chosen = t;
      break;
    }
  }
  // 2. The thread that ran before, unless it is about to sleep.
  if (chosen == kNoThread && point.previous != kNoThread &&
      std::find(enabled.begin(), enabled.end(), point.previous) != enabled.end()) {
    const std::vector<PendingOp>& pending = point.Pending();
    const bool sleeps = point.previous < static_cast<ThreadId>(pending.size()) &&
                        pending[point.previous].kind == OpKind::kSleep;
    if (!sleeps || enabled.size() == 1) chosen = point.previous;
  }
  // 3. The one that ran least recently (the previous one last, when it is about to sleep).
  if (chosen == kNoThread) {
    for (ThreadId t : enabled) {
      if (t == point.previous && enabled.size() > 1) continue;
      if (chosen == kNoThread || last(t) < last(chosen)) chosen = t;
    }
  }
  if (chosen >= static_cast<ThreadId>(last_run_.size())) last_run_.resize(chosen + 1, -1);
  last_run_[chosen] = point.step;
  return chosen;
}

int TypicalRunStrategy::ChooseValue(int /*step*/, int lo, int /*hi*/) { return lo; }

std::optional<Trace> TypicalRun(const std::string& scenario, const std::function<void()>& body,
                                ExploreOptions options) {
  TypicalRunStrategy strategy;
  options.jobs = 1;
  options.progress = nullptr;
  options.stop_on_first_bug = false;
  Result result = Explore(scenario, body, strategy, options);
  if (result.verdict == Verdict::kError) return std::nullopt;
  if (!result.examples.empty()) return std::move(result.examples.begin()->second.trace);
  if (result.counterexample) return std::move(result.counterexample);
  return std::nullopt;
}

}  // namespace interleave
