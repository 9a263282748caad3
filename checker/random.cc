#include "checker/random.h"

#include <string>

namespace interleave {

ThreadId RandomStrategy::ChooseThread(const SchedulePoint& point) {
  const std::vector<ThreadId>& enabled = *point.enabled;
  std::uniform_int_distribution<std::size_t> pick(0, enabled.size() - 1);
  return enabled[pick(random_)];
}

int RandomStrategy::ChooseValue(int, int lo, int hi) {
  return std::uniform_int_distribution<int>(lo, hi)(random_);
}

std::string RandomStrategy::Coverage() const {
  return "sampled: " + std::to_string(runs_) + " runs of random (seed " + std::to_string(seed_) +
         "); a bug these runs missed may remain";
}

}  // namespace interleave
