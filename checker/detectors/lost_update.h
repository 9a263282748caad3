// LostUpdateDetector: explains a failed `expect` as a lost update.
//
// A write W2 of thread B to a shared variable loses an update when B read the variable at step
// r, another thread A then wrote it (W1, at step s1 > r), and B wrote it again (W2, at step
// s2 > s1) without reading it in between: W2 is computed from a value older than W1, so W1's
// effect is gone. The finding names the lost write, the write that overwrote it and the stale
// read, and marks all three steps. It fires only when an expect failed after the overwrite,
// so a benign overwrite in a correct program is not reported as a bug; the finding explains
// the expects that failed after it (certain_at_step = the overwrite), and INVARIANT leaves
// those out.
#ifndef INTERLEAVE_CHECKER_DETECTORS_LOST_UPDATE_H_
#define INTERLEAVE_CHECKER_DETECTORS_LOST_UPDATE_H_

#include "checker/detector.h"

namespace interleave {

class LostUpdateDetector : public Detector {
 public:
  std::string_view name() const override { return "lost update"; }
  void Inspect(const Trace& trace, std::vector<Finding>& findings) const override;
};

}  // namespace interleave

#endif  // INTERLEAVE_CHECKER_DETECTORS_LOST_UPDATE_H_
