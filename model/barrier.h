// Barrier: Python's threading.Barrier(parties). Each of `parties` threads calls wait(); none
// returns before all have arrived. wait() returns the arrival index, 0 for the first thread
// to arrive up to parties - 1 for the last, which releases the others without blocking. The
// barrier then resets for the next round.
//
// wait(seconds) gives up after the timeout and breaks the barrier, as in Python: the threads
// waiting in it, and every later wait(), throw BrokenBarrier (Python's BrokenBarrierError).
// abort() breaks it too. A broken barrier stays broken (no reset(), and no `action`).
//
// Steps: the arrival is one visible step on the barrier object (an update: value "arrival
// k of n"); a thread that is not the last then blocks in a second step (a wait: value
// "index i") until the round is complete or the barrier breaks. In time mode `any` a timed
// wait may time out whenever it would block; in `virtual` at its deadline. Barrier(parties < 1)
// is an error (Python's ValueError).
//
// Happens-before: every arrival of a round happens before every return from that round.
//
// One declaration for both backends of the model API (model/backend/members.h).
#ifndef INTERLEAVE_MODEL_BARRIER_H_
#define INTERLEAVE_MODEL_BARRIER_H_

#include <cstdint>
#include <source_location>
#include <stdexcept>
#include <string>

#include "model/backend/members.h"

namespace interleave {

// threading.BrokenBarrierError.
class BrokenBarrier : public std::runtime_error {
 public:
  explicit BrokenBarrier(const std::string& message) : std::runtime_error(message) {}
};

class Barrier {
 public:
  explicit Barrier(int parties, std::string name = "barrier");
  Barrier(const Barrier&) = delete;
  Barrier& operator=(const Barrier&) = delete;

  int wait(std::source_location where = std::source_location::current());
  // Gives up after `seconds` (a negative timeout is 0), breaking the barrier.
  int wait(double seconds, std::source_location where = std::source_location::current());
  void abort(std::source_location where = std::source_location::current());
  bool broken(std::source_location where = std::source_location::current()) const;
  // The threads waiting in the current round.
  int n_waiting(std::source_location where = std::source_location::current()) const;
  int parties() const { return parties_; }

 private:
  // The backend's members (model/backend/members.h).
#include "model/backend/barrier.inc"
};

}  // namespace interleave

#endif  // INTERLEAVE_MODEL_BARRIER_H_
