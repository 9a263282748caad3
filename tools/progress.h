// The command's progress line: on a terminal, a search that runs longer than a second shows
// its executions, their rate, the time elapsed and the executions with findings so far on one
// line of stderr, rewritten in place (\r) about every half second and erased when the search
// ends. The counts come from the explorer (ExploreOptions::progress); the checker never prints.
#ifndef INTERLEAVE_TOOLS_PROGRESS_H_
#define INTERLEAVE_TOOLS_PROGRESS_H_

#include <chrono>
#include <cstdio>
#include <functional>
#include <memory>
#include <mutex>
#include <string>

#include "checker/explorer.h"

namespace interleave {

// "lost_update: 12,345 classes, 8,230/s, 1.5 s, 3 with findings": `label` (cut to 40
// characters) and the counts, in what `strategy`'s executions are (ShortCount of
// reports/format.h: classes of equivalent interleavings for dpor, interleavings for dfs, runs
// for random and pct); no rate before a millisecond has passed.
std::string ProgressLine(const std::string& label, const ExploreProgress& progress,
                         const std::string& strategy = "");

// Shows progress lines on `out` (stderr) when enabled. Update and Clear may be called from
// different OS threads (the search runs on its own, ExploreOptions::stall_seconds).
class ProgressDisplay {
 public:
  struct Options {
    double delay_seconds = 1.0;     // No line before the display is this old.
    double interval_seconds = 0.5;  // Between two lines.
  };
  ProgressDisplay(bool enabled, std::FILE* out, Options options);
  ProgressDisplay(bool enabled, std::FILE* out) : ProgressDisplay(enabled, out, Options{}) {}

  bool enabled() const { return state_ != nullptr; }
  // The callback for one search's ExploreOptions::progress; empty when not enabled. Calls it
  // gets after the next Clear are ignored.
  std::function<void(const ExploreProgress&)> Callback(const std::string& label,
                                                       const std::string& strategy = "");
  // Erases the line shown, if any.
  void Clear();

 private:
  using Clock = std::chrono::steady_clock;
  struct State {
    std::mutex mutex;
    std::FILE* out = nullptr;
    Options options;
    Clock::time_point created;
    Clock::time_point last_shown;
    bool shown = false;      // A line is on the terminal.
    int64_t generation = 0;  // Clear makes the callbacks made before it stale.
  };
  static void Update(State& state, int64_t generation, const std::string& label,
                     const std::string& strategy, const ExploreProgress& progress);
  std::shared_ptr<State> state_;  // Shared with the callbacks, which may outlive a search.
};

}  // namespace interleave

#endif  // INTERLEAVE_TOOLS_PROGRESS_H_
