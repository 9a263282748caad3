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
  while (!path_.empty() && path_.back().chosen + 1 >= path_.back().alternatives.size()) {
    path_.pop_back();
  }
  if (path_.empty()) return false;
  ++path_.back().chosen;
  new_from_step_ = path_.back().step;
  // A new choice above the split depth leaves the subtree.
  if (path_.size() <= kSplitDepth) subtree_open_ = false;
  return true;
}

ThreadId DfsStrategy::ChooseThread(const SchedulePoint& point) {
  if (point.enabled->size() == 1) return point.enabled->front();
  return Decide(point.step, *point.enabled);
}

int DfsStrategy::ChooseValue(int step, int lo, int hi) {
  std::vector<int> values;
  for (int v = lo; v <= hi; ++v) values.push_back(v);
  return Decide(step, std::move(values));
}

std::vector<std::unique_ptr<Strategy>> DfsStrategy::Workers(int count) {
  if (parts_ > 1) return {};  // Already a part of a split: it runs on one OS thread.
  std::vector<std::unique_ptr<Strategy>> workers;
  for (int part = 0; part < count; ++part) {
    workers.push_back(std::make_unique<DfsStrategy>(part, count));
  }
  return workers;
}

bool DfsStrategy::Owns() { return subtrees_++ % parts_ == part_; }

int DfsStrategy::Decide(int step, std::vector<int> alternatives) {
  if (parts_ > 1 && depth_ == kSplitDepth && !subtree_open_) {
    // A new subtree below the split depth: this part's, or skipped as another part's.
    if (!Owns()) {
      path_.resize(kSplitDepth);
      throw PruneExecution{};
    }
    subtree_open_ = true;
  }
  if (depth_ < path_.size()) {
    const Branch& branch = path_[depth_++];
    if (branch.alternatives != alternatives) {
      throw ModelError("the scenario is not deterministic: at step " + std::to_string(step) +
                       " the same schedule reached different alternatives (runnable threads "
                       "or choose() range): nondeterminism outside the model, e.g. real time "
                       "or real randomness");
    }
    return branch.alternatives[branch.chosen];
  }
  path_.push_back(Branch{std::move(alternatives), 0, step});
  ++depth_;
  return path_.back().alternatives.front();
}

void DfsStrategy::EndExecution(Trace& trace) {
  if (trace.end != EndReason::kError) steps_.Keep(trace, new_from_step_);
  // An execution that never went below the split depth is a subtree of its own.
  if (parts_ > 1 && trace.end != EndReason::kPruned && trace.end != EndReason::kError &&
      !subtree_open_ && !Owns()) {
    trace.end = EndReason::kPruned;
    return;
  }
  if (trace.end != EndReason::kError && depth_ < path_.size()) {
    trace.end = EndReason::kError;
    trace.error = "the scenario is not deterministic: the same schedule ended after " +
                  std::to_string(depth_) + " choices where it had taken " +
                  std::to_string(path_.size());
    path_.resize(depth_);
  }
}

}  // namespace interleave
