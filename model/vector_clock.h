// VectorClock: happens-before between the steps of one execution (Lamport 1978; Mattern 1989).
// Entry t counts the steps of thread t that the owner of the clock has seen, directly or through
// a synchronisation edge (start, join, lock release -> acquire, ...). Step a happens before
// step b exactly when a's clock is <= b's clock in every entry and the two are not equal.
#ifndef INTERLEAVE_MODEL_VECTOR_CLOCK_H_
#define INTERLEAVE_MODEL_VECTOR_CLOCK_H_

#include <cstdint>
#include <string>
#include <vector>

namespace interleave {

class VectorClock {
 public:
  uint32_t Get(int thread) const {
    return thread < static_cast<int>(entries_.size()) ? entries_[thread] : 0;
  }
  // One more step of `thread`.
  void Tick(int thread);
  // Everything `other` has seen, this clock has now seen too (pointwise maximum).
  void Join(const VectorClock& other);
  // Every entry <= other's entry.
  bool LessOrEqual(const VectorClock& other) const;
  // Neither clock has seen the other: the two steps are concurrent.
  bool ConcurrentWith(const VectorClock& other) const {
    return !LessOrEqual(other) && !other.LessOrEqual(*this);
  }
  bool operator==(const VectorClock& other) const;
  std::string ToString() const;  // "[3,0,2]".

 private:
  std::vector<uint32_t> entries_;
};

}  // namespace interleave

#endif  // INTERLEAVE_MODEL_VECTOR_CLOCK_H_
