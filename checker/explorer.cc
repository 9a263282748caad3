#include "checker/explorer.h"

#include <chrono>
#include <set>
#include <utility>
#include <vector>

#include "checker/detector.h"
#include "checker/watchdog.h"
#include "model/execution.h"

namespace interleave {
namespace {

std::string OutcomeKey(const Trace& trace) {
  std::string text = trace.OutcomeText();
  if (!text.empty()) return text;
  switch (trace.end) {
    case EndReason::kFinished:
      return "(no outcome declared)";
    case EndReason::kDeadlock:
      return "(deadlock before the outcome)";
    case EndReason::kStepBound:
      return "(step bound before the outcome)";
    case EndReason::kError:
      return "(error)";
    case EndReason::kPruned:
      return "(pruned)";
  }
  return "";
}

// Fewer preemptions first, then fewer steps.
bool Simpler(const Trace& a, const Trace& b) {
  const int pa = a.Preemptions();
  const int pb = b.Preemptions();
  if (pa != pb) return pa < pb;
  return a.events.size() < b.events.size();
}

// The search itself, on the calling OS thread. With an abandon flag (RunWatched), it stops as
// soon as the flag is set, before it touches the strategy again.
Result Search(const std::string& scenario, const std::function<void()>& body, Strategy& strategy,
              const ExploreOptions& options, const std::atomic<bool>* abandoned) {
  auto given_up = [abandoned] { return abandoned != nullptr && abandoned->load(); };
  using Clock = std::chrono::steady_clock;
  const auto start = Clock::now();
  const auto detectors = AllDetectors();
  const ExecutionLimits limits{.max_steps = options.max_steps,
                               .time = options.time,
                               .spurious_wakeups = options.spurious_wakeups};

  Result result;
  result.scenario = scenario;
  result.strategy = std::string(strategy.name());

  while (true) {
    if (result.stats.executions + result.stats.pruned >= options.max_executions) {
      result.stats.bound = Bound::kExecutions;
      break;
    }
    const double elapsed = std::chrono::duration<double>(Clock::now() - start).count();
    if (options.max_seconds > 0 && elapsed >= options.max_seconds) {
      result.stats.bound = Bound::kTime;
      break;
    }
    if (given_up()) return {};
    if (!strategy.StartExecution()) {
      result.stats.search_ended = true;
      break;
    }
    Trace trace = Execution::Run(body, strategy, limits);
    if (given_up()) return {};
    strategy.EndExecution(trace);
    if (trace.end == EndReason::kPruned) {
      ++result.stats.pruned;
      continue;
    }
    ++result.stats.executions;

    if (trace.end == EndReason::kError) {
      result.verdict = Verdict::kError;
      result.error = trace.error;
      result.counterexample = std::move(trace);
      result.findings.clear();
      result.stats.seconds = std::chrono::duration<double>(Clock::now() - start).count();
      return result;
    }
    if (trace.end == EndReason::kStepBound) ++result.stats.step_bound_hits;
    ++result.outcomes[OutcomeKey(trace)];

    std::vector<Finding> findings;
    for (const auto& detector : detectors) detector->Inspect(trace, findings);
    if (findings.empty()) continue;
    ++result.stats.executions_with_findings;
    std::set<FindingKind> kinds;
    for (const Finding& f : findings) kinds.insert(f.kind);
    for (FindingKind kind : kinds) ++result.finding_counts[kind];
    if (!result.counterexample || Simpler(trace, *result.counterexample)) {
      result.findings = std::move(findings);
      result.counterexample = std::move(trace);
    }
  }

  result.stats.seconds = std::chrono::duration<double>(Clock::now() - start).count();
  result.stats.exhaustive = result.stats.search_ended && strategy.exhaustive();
  if (result.stats.search_ended) result.coverage = strategy.Coverage();
  // PASS only when nothing is left unexplored; a sample (random, pct) or a bound never is.
  const bool complete = result.stats.exhaustive && result.stats.step_bound_hits == 0;
  if (!result.findings.empty()) {
    result.verdict = Verdict::kBug;
  } else if (complete) {
    result.verdict = Verdict::kPass;
  } else {
    result.verdict = Verdict::kIncomplete;
  }
  return result;
}

}  // namespace

Result Explore(const std::string& scenario, const std::function<void()>& body, Strategy& strategy,
               const ExploreOptions& options) {
  if (options.stall_seconds <= 0) return Search(scenario, body, strategy, options, nullptr);
  // The helper thread keeps its own copy of the body: it may outlive this call.
  return RunWatched(scenario, options.stall_seconds,
                    [scenario, body, &strategy, options](const std::atomic<bool>& abandoned) {
                      return Search(scenario, body, strategy, options, &abandoned);
                    });
}

Result MergeResults(const std::vector<Result>& parts) {
  Result merged;
  if (parts.empty()) return merged;
  merged.scenario = parts.front().scenario;
  merged.strategy = parts.front().strategy;
  merged.stats.search_ended = true;
  merged.stats.exhaustive = true;
  for (const Result& part : parts) {
    if (part.verdict == Verdict::kError && merged.verdict != Verdict::kError) {
      merged.verdict = Verdict::kError;
      merged.error = part.error;
    }
    const Statistics& s = part.stats;
    merged.stats.executions += s.executions;
    merged.stats.executions_with_findings += s.executions_with_findings;
    merged.stats.step_bound_hits += s.step_bound_hits;
    merged.stats.pruned += s.pruned;
    merged.stats.seconds += s.seconds;
    merged.stats.search_ended = merged.stats.search_ended && s.search_ended;
    merged.stats.exhaustive = merged.stats.exhaustive && s.exhaustive;
    if (s.bound != Bound::kNone) merged.stats.bound = s.bound;
    for (const auto& [outcome, count] : part.outcomes) merged.outcomes[outcome] += count;
    for (const auto& [kind, count] : part.finding_counts) merged.finding_counts[kind] += count;
    if (part.counterexample && part.verdict == Verdict::kBug &&
        (!merged.counterexample || Simpler(*part.counterexample, *merged.counterexample))) {
      merged.counterexample = part.counterexample;
      merged.findings = part.findings;
    }
  }
  if (merged.verdict == Verdict::kError) return merged;
  const bool complete = merged.stats.exhaustive && merged.stats.step_bound_hits == 0;
  merged.verdict = !merged.findings.empty() ? Verdict::kBug
                   : complete               ? Verdict::kPass
                                            : Verdict::kIncomplete;
  return merged;
}

}  // namespace interleave
