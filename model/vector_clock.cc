#include "model/vector_clock.h"

#include <algorithm>

namespace interleave {

void VectorClock::Tick(int thread) {
  if (thread >= static_cast<int>(entries_.size())) entries_.resize(thread + 1, 0);
  ++entries_[thread];
}

void VectorClock::Join(const VectorClock& other) {
  if (other.entries_.size() > entries_.size()) entries_.resize(other.entries_.size(), 0);
  for (std::size_t i = 0; i < other.entries_.size(); ++i) {
    entries_[i] = std::max(entries_[i], other.entries_[i]);
  }
}

bool VectorClock::LessOrEqual(const VectorClock& other) const {
  for (std::size_t i = 0; i < entries_.size(); ++i) {
    if (entries_[i] > other.Get(static_cast<int>(i))) return false;
  }
  return true;
}

bool VectorClock::operator==(const VectorClock& other) const {
  return LessOrEqual(other) && other.LessOrEqual(*this);
}

std::string VectorClock::ToString() const {
  std::string text = "[";
  for (std::size_t i = 0; i < entries_.size(); ++i) {
    if (i > 0) text += ",";
    text += std::to_string(entries_[i]);
  }
  return text + "]";
}

}  // namespace interleave
