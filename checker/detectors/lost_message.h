// LostMessageDetector: items left in a queue that the scenario declared must drain (LOST
// MESSAGE).
//
// Rule: the execution ended (every thread finished, or none could run) and a Queue on which
// the scenario called expect_drained() (ObjectInfo::must_drain) still held items
// (ObjectInfo::items). The queue is first in, first out, so the items left are the last
// `items` successful puts (a put that raised Full or timed out put nothing); the finding names
// the queue, the count, and those puts (step, thread, line, item). An execution cut off by the
// step bound, or ended by a lock misuse, might still have drained it: not judged.
//
// Invariants: one finding per queue; marks the put of each item left; certain at the end of the
// execution.
#ifndef INTERLEAVE_CHECKER_DETECTORS_LOST_MESSAGE_H_
#define INTERLEAVE_CHECKER_DETECTORS_LOST_MESSAGE_H_

#include "checker/detector.h"

namespace interleave {

class LostMessageDetector : public Detector {
 public:
  std::string_view name() const override { return "lost message"; }
  void Inspect(const Trace& trace, std::vector<Finding>& findings) const override;
};

}  // namespace interleave

#endif  // INTERLEAVE_CHECKER_DETECTORS_LOST_MESSAGE_H_
