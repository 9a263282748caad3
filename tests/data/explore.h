// Test support for the data primitives' tests: exhaustive exploration with DFS in a given time
// mode, optionally keeping every execution's trace so a test can look inside (log order,
// virtual times, happens-before).
#ifndef INTERLEAVE_TESTS_DATA_EXPLORE_H_
#define INTERLEAVE_TESTS_DATA_EXPLORE_H_

#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "checker/dfs.h"
#include "checker/explorer.h"
#include "model/trace.h"

namespace interleave::testing {

// DFS that keeps a copy of every trace it sees end.
class RecordingDfs : public DfsStrategy {
 public:
  void EndExecution(Trace& trace) override {
    DfsStrategy::EndExecution(trace);
    traces.push_back(trace);
  }
  std::vector<Trace> traces;
};

inline Result ExploreAll(const std::function<void()>& body, TimeMode time) {
  DfsStrategy dfs;
  return Explore("test", body, dfs, ExploreOptions{.max_steps = 1'000, .time = time});
}

struct Recorded {
  Result result;
  std::vector<Trace> traces;
};

inline Recorded ExploreAndRecord(const std::function<void()>& body, TimeMode time) {
  RecordingDfs dfs;
  Result result = Explore("test", body, dfs, ExploreOptions{.max_steps = 1'000, .time = time});
  return {std::move(result), std::move(dfs.traces)};
}

// The events of `trace` on objects named `object` with operation `kind`, in order.
inline std::vector<const TraceEvent*> EventsOf(const Trace& trace, const std::string& object,
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

// Step a happens before step b (or is b).
inline bool HappensBefore(const TraceEvent& a, const TraceEvent& b) {
  return a.clock.LessOrEqual(b.clock);
}

}  // namespace interleave::testing

#endif  // INTERLEAVE_TESTS_DATA_EXPLORE_H_
