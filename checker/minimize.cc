#include "checker/minimize.h"

#include <algorithm>
#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "checker/bounded.h"
#include "checker/detector.h"
#include "checker/replay.h"

namespace interleave {
namespace {

std::vector<std::string> ObjectNames(const Trace& trace, const Finding& finding) {
  std::vector<std::string> names;
  for (ObjectId o : finding.objects) {
    if (o >= 0 && o < static_cast<ObjectId>(trace.objects.size())) {
      names.push_back(trace.objects[o].name);
    }
  }
  std::sort(names.begin(), names.end());
  names.erase(std::unique(names.begin(), names.end()), names.end());
  return names;
}

std::vector<std::string> LineNames(const Finding& finding) {
  std::vector<std::string> lines;
  for (const SourceLine& where : finding.lines) lines.push_back(where.ToString());
  std::sort(lines.begin(), lines.end());
  lines.erase(std::unique(lines.begin(), lines.end()), lines.end());
  return lines;
}

// Fewer preemptions, or as many and fewer steps.
bool StrictlySimpler(const Trace& a, const Trace& b) {
  const int pa = a.Preemptions();
  const int pb = b.Preemptions();
  if (pa != pb) return pa < pb;
  return a.events.size() < b.events.size();
}

std::string Plural(int64_t n, const std::string& noun) {
  return std::to_string(n) + " " + noun + (n == 1 ? "" : "s");
}

// The bounded search, watching every execution it runs for the target finding. It keeps the
// shortest execution that reaches the target at the first level that reaches it, and stops
// as soon as the bounded strategy moves past that level.
class MinimizingSearch : public Strategy {
 public:
  MinimizingSearch(int max_preemptions, const Trace& target_trace, const Finding& target)
      : bounded_(max_preemptions),
        target_trace_(target_trace),
        target_(target),
        detectors_(AllDetectors()) {}

  std::string_view name() const override { return "bounded"; }
  bool StartExecution() override { return !past_level_ && bounded_.StartExecution(); }
  ThreadId ChooseThread(const SchedulePoint& point) override {
    return bounded_.ChooseThread(point);
  }
  int ChooseValue(int step, int lo, int hi) override { return bounded_.ChooseValue(step, lo, hi); }
  std::span<const StepPrint> ReplayedSteps() override { return bounded_.ReplayedSteps(); }
  bool exhaustive() const override { return bounded_.exhaustive(); }

  void EndExecution(Trace& trace) override {
    bounded_.EndExecution(trace);
    if (trace.end == EndReason::kPruned || trace.end == EndReason::kError) return;
    if (best_) {
      // Every execution the bounded strategy does not prune at level k has k preemptions: one
      // with more than the best means that the best's level is done.
      if (trace.Preemptions() > best_->Preemptions()) {
        past_level_ = true;
        return;
      }
      if (trace.events.size() >= best_->events.size()) return;
    }
    std::vector<Finding> findings;
    for (const auto& detector : detectors_) detector->Inspect(trace, findings);
    if (!findings.empty() && SameFinding(target_trace_, target_, trace, findings.front())) {
      best_ = trace;
    }
  }

  const std::optional<Trace>& best() const { return best_; }

 private:
  BoundedStrategy bounded_;
  const Trace& target_trace_;
  const Finding& target_;
  const std::vector<std::unique_ptr<Detector>> detectors_;
  std::optional<Trace> best_;
  bool past_level_ = false;
};

}  // namespace

bool SameFinding(const Trace& target_trace, const Finding& target, const Trace& trace,
                 const Finding& candidate) {
  if (candidate.kind != target.kind) return false;
  const std::vector<std::string> objects = ObjectNames(target_trace, target);
  if (!objects.empty()) return ObjectNames(trace, candidate) == objects;
  return LineNames(candidate) == LineNames(target);
}

void MinimizeCounterexample(const std::function<void()>& body, const ExploreOptions& options,
                            Result& result, const MinimizeOptions& minimize) {
  if (minimize.max_executions <= 0 || !result.counterexample || result.findings.empty() ||
      result.verdict == Verdict::kError || result.strategy == "replay") {
    return;
  }
  const Trace original = *result.counterexample;
  const Finding target = result.findings.front();
  const int preemptions = original.Preemptions();
  const int steps = static_cast<int>(original.events.size());

  Minimization m;
  m.preemptions_before = m.preemptions_after = preemptions;
  m.steps_before = m.steps_after = steps;
  const int64_t by_steps = std::max<int64_t>(1, minimize.max_total_steps / std::max(1, steps));
  m.budget = std::min(minimize.max_executions, by_steps);
  result.settings["minimize"] = std::to_string(m.budget);
  using Clock = std::chrono::steady_clock;
  const auto start = Clock::now();
  // The wall time left of max_seconds; nullopt: no limit.
  auto time_left = [&]() -> std::optional<double> {
    if (!minimize.max_seconds) return std::nullopt;
    return *minimize.max_seconds - std::chrono::duration<double>(Clock::now() - start).count();
  };
  auto stopped = [&options] { return options.stop != nullptr && options.stop->load(); };
  if (stopped() || (minimize.max_seconds && *minimize.max_seconds <= 0)) {
    m.note = stopped() ? "not minimized: interrupted by a signal"
                       : "not minimized: no time was left of --max-seconds";
    result.minimization = std::move(m);
    return;
  }

  MinimizingSearch search(preemptions, original, target);
  ExploreOptions bounded = options;
  bounded.max_executions = m.budget;
  // The minimizing search looks for the simplest schedule to its budget: the first bug it
  // meets does not end it, and it shows no progress of its own.
  bounded.stop_on_first_bug = false;
  bounded.progress = nullptr;
  if (minimize.max_seconds) bounded.max_seconds = *minimize.max_seconds;
  const Result searched = Explore(result.scenario, body, search, bounded);
  m.executions = searched.stats.executions + searched.stats.pruned;
  m.budget_hit = searched.stats.bound == Bound::kExecutions;
  std::string within = m.budget_hit ? " within its budget of " + Plural(m.budget, "execution") : "";
  if (searched.stats.bound == Bound::kTime) within = " in the time left of --max-seconds";
  if (searched.stats.bound == Bound::kInterrupted) within = " before a signal interrupted it";

  const std::optional<Trace>& best = search.best();
  const std::optional<double> left = time_left();
  if (best && StrictlySimpler(*best, original) && (stopped() || (left && *left <= 0))) {
    m.note = stopped() ? "not minimized: interrupted by a signal before the replay"
                       : "not minimized: no time was left of --max-seconds for the replay";
  } else if (!best) {
    if (searched.verdict == Verdict::kError) {
      m.note = "not minimized: the bounded search stopped with an error: " + searched.error;
    } else {
      m.note = "not minimized: the bounded search (at most " + Plural(preemptions, "preemption") +
               ") did not reach the finding again" + within;
    }
  } else if (!StrictlySimpler(*best, original)) {
    m.note =
        "already minimal: no schedule with fewer preemptions, or as many and fewer steps, "
        "reaches this finding" +
        within;
  } else {
    // The replay must reach the same steps and the same finding: what the report's replay
    // token will reproduce.
    ReplayStrategy replay(best->Schedule(), StepChecks(*best), best->plain_accesses_inline,
                          best->releases_inline);
    ExploreOptions once = options;
    once.progress = nullptr;
    if (left) once.max_seconds = *left;
    Result again = Explore(result.scenario, body, replay, once);
    const bool confirmed =
        again.verdict != Verdict::kError && again.counterexample && !again.findings.empty() &&
        again.counterexample->events.size() == best->events.size() &&
        SameFinding(original, target, *again.counterexample, again.findings.front());
    if (!confirmed) {
      m.note = "not minimized: the replay of the simpler schedule did not reach the finding again" +
               (again.verdict == Verdict::kError ? " (" + again.error + ")" : std::string());
    } else {
      m.changed = true;
      m.preemptions_after = again.counterexample->Preemptions();
      m.steps_after = static_cast<int>(again.counterexample->events.size());
      result.counterexample = std::move(again.counterexample);
      result.findings = std::move(again.findings);
    }
  }
  result.minimization = std::move(m);
}

}  // namespace interleave
