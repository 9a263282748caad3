// VectorClock: happens-before between the steps of one execution (Lamport 1978; Mattern 1989).
// Entry t counts the steps of thread t that the owner of the clock has seen, directly or through
// a synchronisation edge (start, join, lock release -> acquire, ...). Step a happens before
// step b exactly when a's clock is <= b's clock in every entry and the two are not equal.
//
// Every event carries a copy, so the first kInline entries live inline: copying the clock of a
// scenario with up to kInline threads allocates nothing.
#ifndef INTERLEAVE_MODEL_VECTOR_CLOCK_H_
#define INTERLEAVE_MODEL_VECTOR_CLOCK_H_

#include <array>
#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

namespace interleave {

class VectorClock {
 public:
  VectorClock() = default;
  // Copies skip the overflow vector when neither clock uses it (the common case: events carry
  // copies, and copying an empty std::vector still costs a call).
  VectorClock(const VectorClock& other) : inline_(other.inline_) {
    if (!other.overflow_.empty()) overflow_ = other.overflow_;
  }
  VectorClock& operator=(const VectorClock& other) {
    inline_ = other.inline_;
    if (!overflow_.empty() || !other.overflow_.empty()) overflow_ = other.overflow_;
    return *this;
  }
  VectorClock(VectorClock&&) noexcept = default;
  VectorClock& operator=(VectorClock&&) noexcept = default;

  uint32_t Get(int thread) const {
    if (thread < kInline) return inline_[thread];
    const auto index = static_cast<std::size_t>(thread - kInline);
    return index < overflow_.size() ? overflow_[index] : 0;
  }
  // One more step of `thread`.
  void Tick(int thread) {
    if (thread < kInline) {
      ++inline_[thread];
    } else {
      ++Entry(thread);
    }
  }
  // Everything `other` has seen, this clock has now seen too (pointwise maximum).
  void Join(const VectorClock& other) {
    // Four entries at a time (GCC vector extensions; plain SSE2 on x86-64). The analyses join
    // clocks at nearly every event, and the scalar loop does not vectorise.
    using Lanes = uint32_t __attribute__((vector_size(16)));
    static_assert(kInline % 4 == 0);
    for (int t = 0; t < kInline; t += 4) {
      Lanes mine;
      Lanes theirs;
      std::memcpy(&mine, &inline_[t], sizeof(Lanes));
      std::memcpy(&theirs, &other.inline_[t], sizeof(Lanes));
      mine = mine < theirs ? theirs : mine;
      std::memcpy(&inline_[t], &mine, sizeof(Lanes));
    }
    if (!other.overflow_.empty()) JoinOverflow(other);
  }
  // Every entry <= other's entry.
  bool LessOrEqual(const VectorClock& other) const;
  // Neither clock has seen the other: the two steps are concurrent.
  bool ConcurrentWith(const VectorClock& other) const {
    return !LessOrEqual(other) && !other.LessOrEqual(*this);
  }
  bool operator==(const VectorClock& other) const;
  std::string ToString() const;  // "[3,0,2]": up to the last thread with a non-zero entry.
  // The heap memory of the threads beyond the inline ones.
  std::size_t OverflowBytes() const { return overflow_.capacity() * sizeof(uint32_t); }

 private:
  static constexpr int kInline = 8;
  uint32_t& Entry(int thread);
  void JoinOverflow(const VectorClock& other);
  int Size() const { return kInline + static_cast<int>(overflow_.size()); }

  std::array<uint32_t, kInline> inline_{};
  std::vector<uint32_t> overflow_;  // Threads kInline and up.
};

}  // namespace interleave

#endif  // INTERLEAVE_MODEL_VECTOR_CLOCK_H_
