// DataRaceDetector: two accesses to the same Shared<T>, at least one a write, that no
// happens-before edge orders (DATA RACE).
//
// How: FastTrack (Flanagan and Freund, PLDI 2009) over the finished trace. Every event carries
// its thread's vector clock; an access a happens before a later access b exactly when b's clock
// has seen a's own step (b.clock[a.thread] >= a.clock[a.thread]), an O(1) test. Per Shared
// object the detector keeps the last write and the reads since that write: a write is checked
// against the last write and those reads, a read against the last write. The reads are one
// event while each happens before the next (FastTrack's read epoch: ordered before a write,
// the last one orders all of them before it), else, once two are unordered, the last read of
// each thread (the read-shared state: a thread's earlier read happens before its later one).
// Cost: linear in the trace, times the number of threads for writes after unordered reads. It
// returns at once when no Shared object exists, or no two threads access one.
//
// Atomic operations on a Shared object (an unmodified program's atomics, whose words are
// Shared objects: TraceEvent::order is not kNone) race with plain accesses only, as in C++:
// two atomic operations never race. Per object the detector then also keeps, per thread, the
// last atomic write and the last atomic read; a plain access is checked against those too, an
// atomic one against the last plain write (and, if it writes, the plain reads since).
//
// Invariants: one finding per variable, its first race (the race whose second access comes
// first); accesses of one thread never race with each other. A finding names both accesses
// (step, thread, line, value), marks both steps, and is certain at the second access.
#ifndef INTERLEAVE_CHECKER_DETECTORS_DATA_RACE_H_
#define INTERLEAVE_CHECKER_DETECTORS_DATA_RACE_H_

#include "checker/detector.h"

namespace interleave {

class DataRaceDetector : public Detector {
 public:
  std::string_view name() const override { return "data race"; }
  void Inspect(const Trace& trace, std::vector<Finding>& findings) const override;
};

}  // namespace interleave

#endif  // INTERLEAVE_CHECKER_DETECTORS_DATA_RACE_H_
