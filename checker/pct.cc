#include "checker/pct.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>

namespace interleave {

bool PctStrategy::StartExecution() {
  if (started_ >= runs_) return false;
  ++started_;
  priority_.clear();
  change_points_.clear();
  changes_done_ = 0;
  const int k = max_steps_seen_ > 0 ? max_steps_seen_ : 50;
  std::uniform_int_distribution<int> step(1, k);
  while (static_cast<int>(change_points_.size()) < std::min(depth_ - 1, k)) {
    change_points_.insert(step(random_));
  }
  return true;
}

ThreadId PctStrategy::ChooseThread(const SchedulePoint& point) {
  const std::vector<ThreadId>& enabled = *point.enabled;
  // New threads get a random priority above every change-point priority (1..d-1).
  while (priority_.size() <= static_cast<std::size_t>(enabled.back())) {
    priority_.push_back(depth_ + static_cast<int64_t>(random_() % 1'000'000'000));
  }
  // The step that reaches a change point lowers the priority of the thread about to run it.
  ThreadId best = enabled.front();
  for (ThreadId t : enabled) {
    if (priority_[t] > priority_[best]) best = t;
  }
  if (change_points_.count(point.step) != 0) {
    ++changes_done_;
    priority_[best] = changes_done_;
    for (ThreadId t : enabled) {
      if (priority_[t] > priority_[best]) best = t;
    }
  }
  return best;
}

int PctStrategy::ChooseValue(int, int lo, int hi) {
  return std::uniform_int_distribution<int>(lo, hi)(random_);
}

void PctStrategy::EndExecution(Trace& trace) {
  max_steps_seen_ = std::max(max_steps_seen_, static_cast<int>(trace.events.size()));
  max_threads_seen_ = std::max(max_threads_seen_, static_cast<int>(trace.threads.size()));
}

std::string PctStrategy::Coverage() const {
  const double n = max_threads_seen_;
  const double k = std::max(1, max_steps_seen_);
  const double per_run = 1.0 / (n * std::pow(k, depth_ - 1));
  const double missed = std::pow(1.0 - per_run, static_cast<double>(runs_));
  char text[256];
  std::snprintf(text, sizeof text,
                "sampled: %lld runs of pct d=%d (seed %llu); a bug of depth %d is missed with "
                "probability at most %.3g (n=%d threads, k=%d steps)",
                static_cast<long long>(runs_), depth_, static_cast<unsigned long long>(seed_),
                depth_, missed, max_threads_seen_, max_steps_seen_);
  return text;
}

}  // namespace interleave
