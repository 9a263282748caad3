#include "model/vector_clock.h"

#include <algorithm>

namespace interleave {

uint32_t& VectorClock::Entry(int thread) {
  if (thread < kInline) return inline_[thread];
  const auto index = static_cast<std::size_t>(thread - kInline);
  if (index >= overflow_.size()) overflow_.resize(index + 1, 0);
  return overflow_[index];
}

void VectorClock::JoinOverflow(const VectorClock& other) {
  if (other.overflow_.size() > overflow_.size()) overflow_.resize(other.overflow_.size(), 0);
  for (std::size_t i = 0; i < other.overflow_.size(); ++i) {
    overflow_[i] = std::max(overflow_[i], other.overflow_[i]);
  }
}

bool VectorClock::LessOrEqual(const VectorClock& other) const {
  for (int t = 0; t < kInline; ++t) {
    if (inline_[t] > other.inline_[t]) return false;
  }
  for (int t = kInline; t < Size(); ++t) {
    if (Get(t) > other.Get(t)) return false;
  }
  return true;
}

bool VectorClock::operator==(const VectorClock& other) const {
  return LessOrEqual(other) && other.LessOrEqual(*this);
}

std::string VectorClock::ToString() const {
  int last = Size() - 1;
  while (last > 0 && Get(last) == 0) --last;
  std::string text = "[";
  for (int t = 0; t <= last; ++t) {
    if (t > 0) text += ",";
    text += std::to_string(Get(t));
  }
  return text + "]";
}

}  // namespace interleave
