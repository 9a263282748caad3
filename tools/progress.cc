#include "tools/progress.h"

#include <cstdio>
#include <string>

#include "reports/format.h"

namespace interleave {
namespace {

// Moves to the start of the line and erases it.
constexpr const char* kErase = "\r\033[K";
constexpr std::size_t kLabelLimit = 40;

}  // namespace

std::string ProgressLine(const std::string& label, const ExploreProgress& progress,
                         const std::string& strategy) {
  std::string line = label.size() > kLabelLimit ? label.substr(0, kLabelLimit - 3) + "..." : label;
  if (!line.empty()) line += ": ";
  line += ShortCount(strategy, progress.executions);
  if (progress.seconds >= 0.001) {
    const auto rate =
        static_cast<int64_t>(static_cast<double>(progress.executions) / progress.seconds + 0.5);
    line += ", " + WithThousands(rate) + "/s";
  }
  char seconds[32];
  std::snprintf(seconds, sizeof seconds, "%.1f s", progress.seconds);
  line += std::string(", ") + seconds + ", " + WithThousands(progress.executions_with_findings) +
          " with findings";
  return line;
}

ProgressDisplay::ProgressDisplay(bool enabled, std::FILE* out, Options options) {
  if (!enabled) return;
  state_ = std::make_shared<State>();
  state_->out = out;
  state_->options = options;
  state_->created = Clock::now();
}

std::function<void(const ExploreProgress&)> ProgressDisplay::Callback(const std::string& label,
                                                                      const std::string& strategy) {
  if (!state_) return nullptr;
  int64_t generation = 0;
  {
    const std::lock_guard<std::mutex> lock(state_->mutex);
    generation = state_->generation;
  }
  return [state = state_, generation, label, strategy](const ExploreProgress& progress) {
    Update(*state, generation, label, strategy, progress);
  };
}

void ProgressDisplay::Update(State& state, int64_t generation, const std::string& label,
                             const std::string& strategy, const ExploreProgress& progress) {
  const auto now = Clock::now();
  const std::lock_guard<std::mutex> lock(state.mutex);
  if (generation != state.generation) return;
  if (std::chrono::duration<double>(now - state.created).count() < state.options.delay_seconds) {
    return;
  }
  if (state.shown && std::chrono::duration<double>(now - state.last_shown).count() <
                         state.options.interval_seconds) {
    return;
  }
  const std::string line = kErase + ProgressLine(label, progress, strategy);
  std::fwrite(line.data(), 1, line.size(), state.out);
  std::fflush(state.out);
  state.shown = true;
  state.last_shown = now;
}

void ProgressDisplay::Clear() {
  if (!state_) return;
  const std::lock_guard<std::mutex> lock(state_->mutex);
  ++state_->generation;
  if (!state_->shown) return;
  std::fputs(kErase, state_->out);
  std::fflush(state_->out);
  state_->shown = false;
}

}  // namespace interleave
