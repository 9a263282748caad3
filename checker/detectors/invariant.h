// InvariantDetector: every failed `expect` is a finding (INVARIANT), with the thread, the line
// and the step after which it failed; certain at that step.
//
// One finding per defect: a failed expect that a LOST UPDATE finding of the same execution
// already explains (one checked after the overwriting write, LostUpdateDetector's
// certain_at_step) is left out, so it reads the findings of the detectors before it (lost
// update runs first, AllDetectors()). Other failed expects stay.
#ifndef INTERLEAVE_CHECKER_DETECTORS_INVARIANT_H_
#define INTERLEAVE_CHECKER_DETECTORS_INVARIANT_H_

#include "checker/detector.h"

namespace interleave {

class InvariantDetector : public Detector {
 public:
  std::string_view name() const override { return "invariant"; }
  void Inspect(const Trace& trace, std::vector<Finding>& findings) const override;
};

}  // namespace interleave

#endif  // INTERLEAVE_CHECKER_DETECTORS_INVARIANT_H_
