// StepRecord: the steps of a strategy's last execution, so that the next execution, which
// replays a prefix of the same decisions, can be checked step by step against them
// (Chooser::ReplayedSteps). Determinism is what makes a stateless search sound: a prefix that
// does not repeat itself means the scenario depends on something outside the model, and the
// search could then miss executions while believing it covered them all.
#ifndef INTERLEAVE_CHECKER_STEP_RECORD_H_
#define INTERLEAVE_CHECKER_STEP_RECORD_H_

#include <algorithm>
#include <cstddef>
#include <span>
#include <vector>

#include "model/trace.h"

namespace interleave {

class StepRecord {
 public:
  // Keeps `trace`'s steps. The steps before `from` (1-based) are the ones kept already: the
  // execution replayed them, and the runtime checked they are the same.
  void Keep(const Trace& trace, int from = 1) {
    const std::size_t events = trace.events.size();
    const std::size_t first = std::min({events, prints_.size(), Index(from)});
    prints_.resize(events);
    for (std::size_t i = first; i < events; ++i) prints_[i] = StepPrint::Of(trace.events[i]);
  }
  // The steps before `step` (1-based): what an execution that takes a new decision at `step`
  // repeats.
  std::span<const StepPrint> Before(int step) const {
    return {prints_.data(), std::min(prints_.size(), Index(step))};
  }
  const std::vector<StepPrint>& prints() const { return prints_; }
  void Assign(std::vector<StepPrint> prints) { prints_ = std::move(prints); }

 private:
  static std::size_t Index(int step) { return static_cast<std::size_t>(std::max(0, step - 1)); }
  std::vector<StepPrint> prints_;
};

}  // namespace interleave

#endif  // INTERLEAVE_CHECKER_STEP_RECORD_H_
