#include "tests/testing/explore.h"

#include <utility>

#include "checker/dfs.h"
#include "model/model.h"

namespace interleave::testing {
namespace {

// DFS that keeps a copy of every trace it sees end.
class RecordingDfs : public DfsStrategy {
 public:
  void EndExecution(Trace& trace) override {
    DfsStrategy::EndExecution(trace);
    traces.push_back(trace);
  }
  std::vector<Trace> traces;
};

}  // namespace

Result ExploreAll(const std::function<void()>& body, TimeMode time, ExploreOptions options) {
  options.time = time;
  DfsStrategy dfs;
  return Explore("test", body, dfs, options);
}

Recorded ExploreAndRecord(const std::function<void()>& body, TimeMode time) {
  RecordingDfs dfs;
  Result result = Explore("test", body, dfs, ExploreOptions{.max_steps = kMaxSteps, .time = time});
  return {std::move(result), std::move(dfs.traces)};
}

std::vector<const TraceEvent*> EventsOn(const Trace& trace, const std::string& object,
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

bool HappensBefore(const TraceEvent& a, const TraceEvent& b) {
  return a.clock.LessOrEqual(b.clock);
}

::testing::AssertionResult WriteHappensBeforeRead(const Trace& trace, const std::string& name) {
  const std::vector<const TraceEvent*> writes = EventsOn(trace, name, OpKind::kWrite);
  const std::vector<const TraceEvent*> reads = EventsOn(trace, name, OpKind::kRead);
  if (writes.size() != 1 || reads.size() != 1) {
    return ::testing::AssertionFailure() << writes.size() << " writes and " << reads.size()
                                         << " reads of " << name << ", not one of each";
  }
  if (writes[0]->step >= reads[0]->step) {
    return ::testing::AssertionFailure() << "the write of " << name << " is step "
                                         << writes[0]->step << ", the read step " << reads[0]->step;
  }
  if (!HappensBefore(*writes[0], *reads[0])) {
    return ::testing::AssertionFailure()
           << "the write of " << name << " does not happen before the read";
  }
  return ::testing::AssertionSuccess();
}

std::vector<std::string> Operations(const Trace& trace) {
  std::vector<std::string> ops;
  for (const TraceEvent& event : trace.events) ops.push_back(trace.Describe(event));
  return ops;
}

void StartAndJoinAB(const std::function<void()>& a, const std::function<void()>& b,
                    std::source_location where) {
  Thread thread_a(a, "A");
  Thread thread_b(b, "B");
  thread_a.start(where);
  thread_b.start(where);
  thread_a.join(where);
  thread_b.join(where);
}

void TwoIncrements(const std::function<void(Shared<int>& x)>& increment,
                   std::source_location where) {
  Shared<int> x("x", 0);
  StartAndJoinAB([&] { increment(x); }, [&] { increment(x); }, where);
  outcome("x", x.read(where));
}

}  // namespace interleave::testing
