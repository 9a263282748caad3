// LivelockDetector: suspected LIVELOCK (a warning): an execution hit the step bound.
//
// Rule: EndReason::kStepBound. A correct program's executions end well below the bound, so the
// likely cause is a spin or polling loop that keeps some thread busy without progress. The
// finding looks at the last kWindow steps (or all, when fewer): the threads that took at least
// a quarter of them, most first, and for each the source lines it repeated there, most
// frequent first (at most kLines). It is a suspicion: the bound may simply be too low.
//
// Invariants: at most one finding per execution; marks the first step of the window and the
// last step; certain at the last step.
#ifndef INTERLEAVE_CHECKER_DETECTORS_LIVELOCK_H_
#define INTERLEAVE_CHECKER_DETECTORS_LIVELOCK_H_

#include "checker/detector.h"

namespace interleave {

class LivelockDetector : public Detector {
 public:
  static constexpr int kWindow = 200;
  static constexpr int kLines = 4;
  std::string_view name() const override { return "livelock"; }
  void Inspect(const Trace& trace, std::vector<Finding>& findings) const override;
};

}  // namespace interleave

#endif  // INTERLEAVE_CHECKER_DETECTORS_LIVELOCK_H_
