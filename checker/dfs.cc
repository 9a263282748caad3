#include "checker/dfs.h"

#include <string>

#include "model/error.h"

namespace interleave {

bool DfsStrategy::StartExecution() {
  depth_ = 0;
  if (!started_) {
    started_ = true;
    return true;
  }
  while (!path_.empty() && path_.back().chosen + 1 >= path_.back().enabled.size()) {
    path_.pop_back();
  }
  if (path_.empty()) return false;
  ++path_.back().chosen;
  return true;
}

ThreadId DfsStrategy::ChooseThread(const SchedulePoint& point) {
  const std::vector<ThreadId>& enabled = *point.enabled;
  if (enabled.size() == 1) return enabled.front();
  if (depth_ < path_.size()) {
    const Branch& branch = path_[depth_++];
    if (branch.enabled != enabled) {
      throw ModelError("the scenario is not deterministic: at step " + std::to_string(point.step) +
                       " the same schedule reached a different set of runnable threads "
                       "(nondeterminism outside the model, e.g. real time or real randomness)");
    }
    return enabled[branch.chosen];
  }
  path_.push_back(Branch{enabled, 0});
  ++depth_;
  return enabled.front();
}

void DfsStrategy::EndExecution(Trace& trace) {
  if (trace.end != EndReason::kError && depth_ < path_.size()) {
    trace.end = EndReason::kError;
    trace.error = "the scenario is not deterministic: the same schedule ended after " +
                  std::to_string(depth_) + " choices where it had taken " +
                  std::to_string(path_.size());
    path_.resize(depth_);
  }
}

}  // namespace interleave
