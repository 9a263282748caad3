// Helpers shared by the tests of the synchronisation primitives: exhaustive exploration with
// dfs in a time mode, and one run under a fixed schedule for looking at its trace.
#ifndef INTERLEAVE_TESTS_SYNC_SYNC_TESTING_H_
#define INTERLEAVE_TESTS_SYNC_SYNC_TESTING_H_

#include <functional>
#include <string>
#include <vector>

#include "checker/dfs.h"
#include "checker/explorer.h"
#include "model/execution.h"

namespace interleave::sync_testing {

inline Result ExploreAll(const std::function<void()>& body, TimeMode time) {
  DfsStrategy dfs;
  return Explore("test", body, dfs, ExploreOptions{.max_steps = 1'000, .time = time});
}

// Runs the lowest enabled thread at every step: a thread runs until it blocks or ends.
class LowestFirst : public Chooser {
 public:
  ThreadId ChooseThread(const SchedulePoint& point) override { return point.enabled->front(); }
  int ChooseValue(int, int lo, int) override { return lo; }
};

// Runs the highest enabled thread at every step: the newest thread runs first.
class HighestFirst : public Chooser {
 public:
  ThreadId ChooseThread(const SchedulePoint& point) override { return point.enabled->back(); }
  int ChooseValue(int, int, int hi) override { return hi; }
};

template <typename ChooserType = LowestFirst>
Trace RunOnce(const std::function<void()>& body, TimeMode time = TimeMode::kAny) {
  ChooserType chooser;
  return Execution::Run(body, chooser, ExecutionLimits{.max_steps = 1'000, .time = time});
}

// The events of `trace` on the object named `object`, of kind `kind`, in order.
inline std::vector<const TraceEvent*> EventsOn(const Trace& trace, const std::string& object,
                                               OpKind kind) {
  std::vector<const TraceEvent*> events;
  for (const TraceEvent& event : trace.events) {
    if (event.object != kNoObject && trace.objects[event.object].name == object &&
        event.kind == kind) {
      events.push_back(&event);
    }
  }
  return events;
}

// "file.cc:LINE" for a line of the calling test file.
inline std::string At(int line, const char* file = __builtin_FILE()) {
  return SourceLine{file, line}.ToString();
}

}  // namespace interleave::sync_testing

#endif  // INTERLEAVE_TESTS_SYNC_SYNC_TESTING_H_
