#include "tests/seed_lines/step_lines.h"

#include <memory>
#include <span>
#include <string>
#include <vector>

#include "checker/dpor.h"
#include "checker/explorer.h"
#include "model/trace.h"

namespace interleave {
namespace {

// Runs dpor on one OS thread and records the line of every step of every execution.
class RecordingStrategy : public Strategy {
 public:
  explicit RecordingStrategy(StepLinesResult& out) : out_(out) {}
  std::string_view name() const override { return "dpor"; }
  bool StartExecution() override { return inner_.StartExecution(); }
  ThreadId ChooseThread(const SchedulePoint& point) override { return inner_.ChooseThread(point); }
  bool ReplayedThread(int step, Replayed& decision) override {
    return inner_.ReplayedThread(step, decision);
  }
  std::span<const StepPrint> ReplayedSteps() override { return inner_.ReplayedSteps(); }
  int ChooseValue(int step, int lo, int hi) override { return inner_.ChooseValue(step, lo, hi); }
  void EndExecution(Trace& trace) override {
    inner_.EndExecution(trace);
    ++out_.executions;
    for (const TraceEvent& event : trace.events) {
      if (event.where.line <= 0) continue;
      out_.lines[event.where.ToString()].insert(std::string(OpKindName(event.kind)));
    }
  }
  bool exhaustive() const override { return inner_.exhaustive(); }

 private:
  DporStrategy inner_;
  StepLinesResult& out_;
};

}  // namespace

StepLinesResult StepLines(const Scenario& scenario, int64_t max_executions) {
  StepLinesResult out;
  out.exhaustive = true;
  for (const TimeMode mode : {TimeMode::kAny, TimeMode::kVirtual}) {
    RecordingStrategy strategy(out);
    ExploreOptions options;
    options.time = mode;
    options.max_executions = max_executions;
    options.stall_seconds = 0;
    const Result result = Explore(scenario.name, scenario.Bind(), strategy, options);
    if (!result.stats.exhaustive) out.exhaustive = false;
  }
  return out;
}

}  // namespace interleave
