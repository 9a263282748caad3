// UnjoinedThreadDetector: main joins some of the threads it started but not all, and logs its
// last message while one it never joined is still running (UNJOINED THREAD: seed 001's join
// loop that joins only the last thread, so "all done" comes before the work is done).
//
// Rule: among the non-daemon threads main started (its start steps), at least one was joined
// by main (a join that returned, not one that timed out) and at least one never was; main's
// last log step ran while such an unjoined thread was still running: the thread takes a step
// after that log, or never finished. A main that joins none of its threads relies on the
// program waiting for them at exit (seed 000's "What if I don't join?"): not a finding; nor is
// a main that logs nothing. Daemons are DAEMON CUT OFF's business; a thread main is blocked
// joining when the execution ends (a DEADLOCK: it never finishes) counts as joined.
//
// Invariants: at most one finding per execution, naming every such thread with its start step,
// and main's log line. It marks the log step and each thread's first step after it, and is
// certain at the first of those (or at the end, for a thread that never moved again).
#ifndef INTERLEAVE_CHECKER_DETECTORS_UNJOINED_THREAD_H_
#define INTERLEAVE_CHECKER_DETECTORS_UNJOINED_THREAD_H_

#include "checker/detector.h"

namespace interleave {

class UnjoinedThreadDetector : public Detector {
 public:
  std::string_view name() const override { return "unjoined thread"; }
  void Inspect(const Trace& trace, std::vector<Finding>& findings) const override;
};

}  // namespace interleave

#endif  // INTERLEAVE_CHECKER_DETECTORS_UNJOINED_THREAD_H_
