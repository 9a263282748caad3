// DaemonCutOffDetector: a daemon thread killed at program exit before it finished its work
// (DAEMON CUT OFF, a warning).
//
// Rule: a thread with ThreadInfo::killed whose killed_reason says it was killed at program
// exit (a Process.terminate() is deliberate and says "terminated by ...": not this), and that
// could still have gone on when it was killed: it was runnable, sleeping, or in a timed wait.
// A daemon killed while blocked with nothing but another thread to wake it (an idle worker in
// get() on an empty queue; ThreadInfo::blocked) lost no work: the daemon-worker idiom, not a
// finding. The finding names the daemon, the operation and line it was cut off at, and the
// step after which main exited.
//
// Invariants: one finding per daemon cut off. It marks the daemon's own last step (what it
// got done), main's exit step and the kill step, in step order, and is certain at the kill.
#ifndef INTERLEAVE_CHECKER_DETECTORS_DAEMON_CUT_OFF_H_
#define INTERLEAVE_CHECKER_DETECTORS_DAEMON_CUT_OFF_H_

#include "checker/detector.h"

namespace interleave {

class DaemonCutOffDetector : public Detector {
 public:
  std::string_view name() const override { return "daemon cut off"; }
  void Inspect(const Trace& trace, std::vector<Finding>& findings) const override;
};

}  // namespace interleave

#endif  // INTERLEAVE_CHECKER_DETECTORS_DAEMON_CUT_OFF_H_
