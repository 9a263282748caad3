// InvariantDetector: every failed `expect` is a finding (INVARIANT), with the thread, the line
// and the step after which it failed.
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
