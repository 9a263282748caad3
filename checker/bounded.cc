#include "checker/bounded.h"

#include <algorithm>
#include <string>

#include "model/error.h"

namespace interleave {

bool BoundedStrategy::StartExecution() {
  depth_ = 0;
  preemptions_ = 0;
  if (!started_) {
    started_ = true;
    return true;
  }
  while (!path_.empty() && path_.back().chosen + 1 >= path_.back().alternatives.size()) {
    path_.pop_back();
  }
  if (!path_.empty()) {
    ++path_.back().chosen;
    new_from_step_ = path_.back().step;
    return true;
  }
  new_from_step_ = 0;  // A new level starts from the root.
  // This level is done: either it covered everything, or go one preemption deeper.
  if (!cut_) {
    complete_ = true;
    return false;
  }
  if (level_ >= max_preemptions_) return false;
  ++level_;
  cut_ = false;
  return true;
}

int BoundedStrategy::Decide(int step, std::vector<int> alternatives) {
  if (depth_ < path_.size()) {
    const Branch& branch = path_[depth_++];
    if (branch.alternatives != alternatives) {
      throw ModelError(
          "the scenario is not deterministic: the same schedule reached different alternatives "
          "(nondeterminism outside the model, e.g. real time or real randomness)");
    }
    return branch.alternatives[branch.chosen];
  }
  path_.push_back(Branch{std::move(alternatives), 0, preemptions_, step});
  ++depth_;
  return path_.back().alternatives.front();
}

ThreadId BoundedStrategy::ChooseThread(const SchedulePoint& point) {
  const std::vector<ThreadId>& enabled = *point.enabled;
  const bool previous_enabled = std::binary_search(enabled.begin(), enabled.end(), point.previous);
  // The previous thread first (no preemption), then the others while the bound allows.
  std::vector<int> alternatives;
  if (previous_enabled) alternatives.push_back(point.previous);
  for (ThreadId t : enabled) {
    if (t == point.previous) continue;
    if (previous_enabled && preemptions_ >= level_) {
      cut_ = true;
      continue;
    }
    alternatives.push_back(t);
  }
  const ThreadId chosen =
      alternatives.size() == 1 ? alternatives.front() : Decide(point.step, std::move(alternatives));
  if (previous_enabled && chosen != point.previous) ++preemptions_;
  return chosen;
}

int BoundedStrategy::ChooseValue(int step, int lo, int hi) {
  std::vector<int> values;
  for (int v = lo; v <= hi; ++v) values.push_back(v);
  return Decide(step, std::move(values));
}

void BoundedStrategy::EndExecution(Trace& trace) {
  if (trace.end == EndReason::kError) return;
  steps_.Keep(trace, new_from_step_);
  // Fewer preemptions than this level: it ran at an earlier level already.
  if (trace.end != EndReason::kPruned && trace.Preemptions() < level_) {
    trace.end = EndReason::kPruned;
  }
}

std::string BoundedStrategy::Coverage() const {
  if (complete_) {
    return "exhaustive: every schedule explored, none needs more than " + std::to_string(level_) +
           " preemption" + (level_ == 1 ? "" : "s");
  }
  return "bounded: every schedule with at most " + std::to_string(level_) + " preemption" +
         (level_ == 1 ? "" : "s") + "; schedules with more were not tried";
}

}  // namespace interleave
