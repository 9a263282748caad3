#include "checker/split.h"

#include <algorithm>
#include <stdexcept>

namespace interleave {
namespace {

// splitmix64's finalizer: neighbouring names land in unrelated parts.
uint64_t Mix(uint64_t x) {
  x ^= x >> 30;
  x *= 0xbf58476d1ce4e5b9ULL;
  x ^= x >> 27;
  x *= 0x94d049bb133111ebULL;
  x ^= x >> 31;
  return x;
}

int OwnDepth(int parts) {
  int log2 = 0;
  while ((1 << log2) < parts) ++log2;
  return std::min(TopSplit::kDefaultDepth, 4 + 2 * log2);
}

}  // namespace

TopSplit::TopSplit(int part, int parts, int own_depth) : part_(part), parts_(parts) {
  if (parts < 1 || part < 0 || part >= parts) {
    throw std::invalid_argument("part " + std::to_string(part + 1) + " of " +
                                std::to_string(parts) +
                                ": a part is from 1 to the number of parts");
  }
  depth_ = kDefaultDepth;
  own_depth_ = own_depth >= 0 ? std::min(own_depth, depth_) : OwnDepth(parts);
}

uint64_t TopSplit::Extend(uint64_t name, int choice) {
  return Mix(name + static_cast<uint64_t>(choice) + 1);
}

bool TopSplit::Owns(uint64_t name) const {
  return parts_ <= 1 || Mix(name) % static_cast<uint64_t>(parts_) == static_cast<uint64_t>(part_);
}

std::string TopSplit::Describe() const {
  return "part " + std::to_string(part_ + 1) + " of " + std::to_string(parts_);
}

std::string PartCoverage(int part, int parts) {
  return "part " + std::to_string(part + 1) + " of " + std::to_string(parts) +
         ": exhaustive over its part; merge all parts for the whole (interleave merge)";
}

}  // namespace interleave
