#include "checker/symmetry.h"

#include <cstddef>

namespace interleave {

SymmetryMask SymmetryAt(std::span<const int> groups, uint64_t enabled, uint64_t stepped) {
  SymmetryMask mask;
  const std::size_t threads = groups.size() < 64 ? groups.size() : 64;
  // The groups that have a fresh member already (the first group numbers, as bits; a scenario
  // with more than 64 groups gets no reduction for the others).
  uint64_t groups_seen = 0;
  for (uint64_t candidates = enabled & ~stepped; candidates != 0; candidates &= candidates - 1) {
    const auto t = static_cast<std::size_t>(__builtin_ctzll(candidates));
    if (t >= threads) break;
    const int group = groups[t];
    if (group < 0 || group >= 64) continue;
    const uint64_t bit = uint64_t{1} << t;
    if ((groups_seen >> group & 1) != 0) {
      mask.forbidden |= bit;
    } else {
      groups_seen |= uint64_t{1} << group;
      mask.fresh |= bit;
    }
  }
  return mask;
}

uint64_t SymmetricImage(uint64_t threads, const SymmetryMask& mask, std::span<const int> groups) {
  uint64_t image = threads & ~mask.forbidden;
  for (uint64_t forbidden = threads & mask.forbidden; forbidden != 0; forbidden &= forbidden - 1) {
    const int group = groups[static_cast<std::size_t>(__builtin_ctzll(forbidden))];
    for (uint64_t fresh = mask.fresh; fresh != 0; fresh &= fresh - 1) {
      if (groups[static_cast<std::size_t>(__builtin_ctzll(fresh))] == group) {
        image |= fresh & -fresh;
        break;
      }
    }
  }
  return image;
}

void CountSymmetryGroups(const Trace& trace, std::map<std::string, int>& members) {
  std::map<std::string, int> here;
  for (const ThreadInfo& info : trace.threads) {
    if (!info.symmetry_group.empty()) ++here[info.symmetry_group];
  }
  for (const auto& [group, count] : here) {
    int& most = members[group];
    if (count > most) most = count;
  }
}

std::string DescribeSymmetry(const std::map<std::string, int>& members) {
  std::string text;
  for (const auto& [group, count] : members) {
    if (!text.empty()) text += " and ";
    text += "the " + std::to_string(count) + (count == 1 ? " thread" : " threads") +
            " of symmetry group '" + group + "'";
  }
  return text;
}

}  // namespace interleave
