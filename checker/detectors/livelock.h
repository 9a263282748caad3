// LivelockDetector: suspected LIVELOCK (a warning): an execution hit the step bound.
//
// Rule: EndReason::kStepBound. A correct program's executions end well below the bound, so the
// likely cause is a spin or polling loop that keeps some thread busy without progress. The
// finding looks at the last kWindow steps (or all, when fewer): the threads that took at least
// a quarter of them, most first, and for each the source lines it repeated there, most
// frequent first (at most kLines). It is a suspicion: the bound may simply be too low.
//
// Not a livelock: an execution that hit the bound while every busy thread was making
// progress, doing distinct work: more than half of its changes in the window (writes,
// read-modify-writes, puts...: OpModifies, locks aside) are distinct (object, operation,
// value), as a counting loop's `value := 4984, 4985, ...` are, where a spin re-reads (no
// changes) or re-does the same change (a failed compare-exchange, a lock taken and released,
// the same item put again). Such an execution is only long: no finding, so the search, cut
// short by the bound, is INCOMPLETE (never PASS, never a WARNING); the report's coverage says
// that the step bound (--max-steps) stopped it. A loop that keeps changing state without
// getting anywhere (a retry counter) reads as progress too: it is INCOMPLETE then, not PASS.
// Nor is one cut off before any busy thread ran a line kMinRepeats times (--max-steps=1): too
// short to show a loop, it is INCOMPLETE too (before: a LIVELOCK warning at the first step).
//
// Lock back-off: when two busy threads or more each failed to take a lock and gave one back
// twice or more in the window, over two locks or more, a detail says so (std::lock's and
// std::scoped_lock's retries, livelocked only by a schedule that alternates every attempt).
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
  static constexpr int kMinRepeats = 3;  // Runs of one line that show a loop.
  static constexpr int kLines = 4;
  std::string_view name() const override { return "livelock"; }
  void Inspect(const Trace& trace, std::vector<Finding>& findings) const override;
};

}  // namespace interleave

#endif  // INTERLEAVE_CHECKER_DETECTORS_LIVELOCK_H_
