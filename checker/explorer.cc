#include "checker/explorer.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <exception>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <stdexcept>
#include <string>
#include <thread>
#include <unordered_set>
#include <utility>
#include <vector>

#include "checker/class_size.h"
#include "checker/detector.h"
#include "checker/rerun.h"
#include "checker/split.h"
#include "checker/symmetry.h"
#include "checker/watchdog.h"
#include "model/execution.h"

namespace interleave {
namespace {

// What broke a reduced search's premise (Search's `premise_broken`, a set of these).
constexpr int kRaceFreedomBroken = 1;       // The race-free reduction's: every access scheduled.
constexpr int kReleaseReductionBroken = 2;  // The release reduction's: every release scheduled.

// Whether an execution of the race-free reduction's search breaks its premise: a data race,
// or a cut-off at the step bound (a thread that spins on a plain variable, its accesses taken
// with no scheduling point, never lets the writer run).
bool BreaksRaceFreedom(const Trace& trace, const std::vector<Finding>& findings) {
  if (trace.end == EndReason::kStepBound) return true;
  return std::any_of(findings.begin(), findings.end(),
                     [](const Finding& f) { return f.kind == FindingKind::kDataRace; });
}

std::string OutcomeKey(const Trace& trace) {
  std::string text = trace.OutcomeText();
  if (!text.empty()) return text;
  switch (trace.end) {
    case EndReason::kFinished:
      return "(no outcome declared)";
    case EndReason::kDeadlock:
      // Main returned and the program waits at exit for a thread that never ends: a HANG AT
      // EXIT (checker/detectors/hang_at_exit.h), not a deadlock of main's body.
      if (MainExitStep(trace)) {
        for (ThreadId t = 1; t < static_cast<ThreadId>(trace.threads.size()); ++t) {
          if (!trace.threads[t].finished && !trace.threads[t].daemon) {
            return "(hang at exit before the outcome)";
          }
        }
      }
      return "(deadlock before the outcome)";
    case EndReason::kStepBound:
      return "(step bound before the outcome)";
    case EndReason::kError:
      return "(error)";
    case EndReason::kMisuse:
      return "(lock misuse before the outcome)";
    case EndReason::kFailure:
      return "(program failure before the outcome)";
    case EndReason::kPruned:
      return "(pruned)";
    case EndReason::kTimeBound:
    case EndReason::kMemoryBound:
      return "(cut off at a bound)";
  }
  return "";
}

// Fewer preemptions first, then fewer steps, then the schedule that comes first (thread and
// value choices compared in order): a total order, so that a search spread over OS threads
// keeps the same counterexample whichever worker met it first.
bool Simpler(const Trace& a, const Trace& b) {
  const int pa = a.Preemptions();
  const int pb = b.Preemptions();
  if (pa != pb) return pa < pb;
  if (a.events.size() != b.events.size()) return a.events.size() < b.events.size();
  return std::lexicographical_compare(a.decisions.begin(), a.decisions.end(), b.decisions.begin(),
                                      b.decisions.end(), [](const Decision& x, const Decision& y) {
                                        if (x.is_value != y.is_value)
                                          return x.is_value < y.is_value;
                                        return x.chosen < y.chosen;
                                      });
}

bool AllWarnings(const std::vector<Finding>& findings) {
  return std::all_of(findings.begin(), findings.end(),
                     [](const Finding& f) { return IsWarning(f.kind); });
}

// The most specific kind among `findings` (FindingKind lists the most specific first).
FindingKind MostSpecific(const std::vector<Finding>& findings) {
  FindingKind best = FindingKind::kInvariant;
  for (const Finding& f : findings) best = std::min(best, f.kind);
  return best;
}

// Whether an execution with findings `a` makes a better counterexample than one with `b`:
// a bug before a warning, then the more specific finding (a LOST UPDATE explains more than
// the DATA RACE that every interleaving of the same program has), then fewer preemptions,
// then fewer steps.
bool Better(const Trace& a, const std::vector<Finding>& fa, const Trace& b,
            const std::vector<Finding>& fb) {
  const bool wa = AllWarnings(fa);
  const bool wb = AllWarnings(fb);
  if (wa != wb) return wb;
  const FindingKind ka = MostSpecific(fa);
  const FindingKind kb = MostSpecific(fb);
  if (ka != kb) return ka < kb;
  return Simpler(a, b);
}

// The key an execution's graph is counted under: its graph print, and what the execution
// ended with (its end, error, outcome and failed checks). The print holds the steps and what
// they did; a thread's work between two steps (a plain variable the std mirror does not see)
// is not in it. Should one graph end two ways, the second way counts as an execution of its
// own instead of being dropped as a duplicate with a behaviour nobody saw.
uint64_t GraphKey(const Trace& trace) {
  uint64_t key = trace.graph_print;
  auto mix = [&key](uint64_t value) {
    key ^= value + 0x9e3779b97f4a7c15ULL + (key << 6) + (key >> 2);
  };
  const std::hash<std::string> hash;
  mix(static_cast<uint64_t>(trace.end));
  mix(hash(trace.error));
  for (const auto& [name, value] : trace.outcome) {
    mix(hash(name));
    mix(hash(value));
  }
  for (const FailedExpect& failed : trace.failed_expects) {
    mix(static_cast<uint64_t>(failed.thread));
    mix(hash(failed.message));
  }
  return key;
}

// The execution graphs a search has reached (GraphKey), shared by its workers.
class GraphSet {
 public:
  // False when `print` was there already.
  bool Insert(uint64_t print) {
    const std::lock_guard<std::mutex> lock(mutex_);
    return prints_.insert(print).second;
  }

 private:
  std::mutex mutex_;
  std::unordered_set<uint64_t> prints_;
};

// The workers of one search spread over OS threads (ExploreOptions::jobs).
struct Team {
  Strategy& parent;                    // Its StopWorkers ends every worker's search.
  std::atomic<int64_t> started{0};     // Executions started by all workers (max_executions).
  std::atomic<bool> stopped{false};    // A worker hit a bound or an error.
  std::atomic<bool> first_bug{false};  // ... or the first bug (stop_on_first_bug).
  // Every worker's counts, for ExploreOptions::progress; its calls are one at a time.
  std::atomic<int64_t> executions{0};
  std::atomic<int64_t> with_findings{0};
  std::atomic<int64_t> pruned{0};
  std::atomic<int64_t> runs{0};  // executions + pruned, to call it every N of them.
  std::mutex progress_mutex;
  GraphSet graphs;   // Every worker's, so that each graph counts once.
  GraphSet classes;  // ExploreOptions::count_interleavings: each class's size counts once.

  void Stop() {
    stopped = true;
    parent.StopWorkers();
  }
};

// The search itself, on the calling OS thread. With an abandon flag (RunWatched), it stops as
// soon as the flag is set, before it touches the strategy again. With a team, `strategy` is
// one of its workers: the bounds count every worker's executions, and a worker that hits one
// stops the others, whose searches then have not ended.
// Under the race-free reduction (options.plain_accesses kRaceFree), the first execution that
// breaks its premise (a data race, or the step bound) sets `premise_broken` and ends the
// search (every worker's): its result is then void, and the search starts over.
Result Search(const std::string& scenario, const std::function<void()>& body, Strategy& strategy,
              const ExploreOptions& options, const std::atomic<bool>* abandoned,
              std::atomic<int>* premise_broken, Team* team = nullptr) {
  auto given_up = [abandoned] { return abandoned != nullptr && abandoned->load(); };
  using Clock = std::chrono::steady_clock;
  const auto start = Clock::now();
  const auto detectors = AllDetectors();
  ExecutionLimits limits{
      .max_steps = options.max_steps,
      .max_trace_bytes = options.max_trace_bytes,
      .time = options.time,
      .spurious_wakeups = options.spurious_wakeups,
      .memory_model = options.memory_model,
      .stack_size = options.stack_size,
      .symmetry = options.symmetry,
      .plain_accesses_inline = options.plain_accesses != PlainAccesses::kScheduled,
      .releases_inline =
          options.plain_accesses != PlainAccesses::kScheduled && options.releases_inline};
  if (options.max_seconds > 0 && options.max_seconds < 1e9) {
    limits.deadline = start + std::chrono::duration_cast<Clock::duration>(
                                  std::chrono::duration<double>(options.max_seconds));
  }

  Result result;
  result.scenario = scenario;
  result.strategy = std::string(strategy.name());
  result.settings = {{"time", std::string(TimeModeName(options.time))},
                     {"max_executions", std::to_string(options.max_executions)},
                     {"max_steps", std::to_string(options.max_steps)},
                     {"max_seconds", options.max_seconds > 0 ? std::to_string(options.max_seconds)
                                                             : std::string("none")},
                     {"spurious_wakeups", limits.SpuriousWakeupsInEffect() ? "true" : "false"},
                     {"memory_model", std::string(MemoryModelName(options.memory_model))},
                     {"plain_accesses", std::string(PlainAccessesName(options.plain_accesses))},
                     {"releases", limits.releases_inline ? "release reduction" : "scheduled"}};
  // A determinism re-run replays an execution that ended already, whatever the time bound (a
  // re-run cut off at the deadline would differ from it).
  ExecutionLimits rerun_limits = limits;
  rerun_limits.deadline = Clock::time_point::max();
  GraphSet own_graphs;
  GraphSet& graphs = team != nullptr ? team->graphs : own_graphs;
  GraphSet own_classes;
  GraphSet& classes = team != nullptr ? team->classes : own_classes;
  const bool count_interleavings =
      options.count_interleavings && strategy.name() == "dpor" && !options.symmetry;
  std::map<std::string, int> symmetry_groups;  // ExploreOptions::symmetry: each group's members.
  int64_t class_size_budget = kClassSizeSearchBudget;  // Work (ClassSize) left for this worker.

  Trace trace;  // Each execution reuses the storage of the last one's trace.
  // The outcome (and end) of the last counted execution and its entry in result.outcomes: most
  // executions of a search repeat it, and comparing is cheaper than building its text.
  std::vector<std::pair<std::string, std::string>> last_outcome;
  EndReason last_end = EndReason::kPruned;
  int64_t* last_count = nullptr;
  OutcomeExample* last_example = nullptr;  // Its example, or nullptr past kMaxOutcomeExamples.
  RerunSample rerun_sample;
  // ExploreOptions::progress: every `every` executions (pruned ones included), with every
  // worker's counts.
  const int64_t every = std::max<int64_t>(1, options.progress_every);
  auto report_progress = [&] {
    if (!options.progress) return;
    ExploreProgress progress;
    if (team == nullptr) {
      if ((result.stats.executions + result.stats.pruned) % every != 0) return;
      progress.executions = result.stats.executions;
      progress.executions_with_findings = result.stats.executions_with_findings;
      progress.pruned = result.stats.pruned;
      progress.seconds = std::chrono::duration<double>(Clock::now() - start).count();
      return options.progress(progress);
    }
    if ((team->runs.fetch_add(1) + 1) % every != 0) return;
    // Read under the lock, so that the counts of successive calls only grow; with findings
    // first: each worker counts an execution before its findings, so the executions read
    // after are at least as many.
    const std::lock_guard<std::mutex> lock(team->progress_mutex);
    progress.executions_with_findings = team->with_findings.load();
    progress.executions = team->executions.load();
    progress.pruned = team->pruned.load();
    progress.seconds = std::chrono::duration<double>(Clock::now() - start).count();
    options.progress(progress);
  };
  bool stopped_at_bug = false;
  while (true) {
    const int64_t runs = team != nullptr ? team->started.fetch_add(1)
                                         : result.stats.executions + result.stats.pruned +
                                               result.stats.duplicate_graphs;
    if (runs >= options.max_executions) {
      result.stats.bound = Bound::kExecutions;
      if (team != nullptr) team->Stop();
      break;
    }
    const double elapsed = std::chrono::duration<double>(Clock::now() - start).count();
    if (options.max_seconds > 0 && elapsed >= options.max_seconds) {
      result.stats.bound = Bound::kTime;
      if (team != nullptr) team->Stop();
      break;
    }
    if (options.stop != nullptr && options.stop->load()) {
      result.stats.bound = Bound::kInterrupted;
      if (team != nullptr) team->Stop();
      break;
    }
    if (given_up()) return {};
    if (team != nullptr && team->stopped) break;  // Another worker's bound or error.
    if (!strategy.StartExecution()) {
      // Out of executions, unless another worker stopped the search.
      result.stats.search_ended = team == nullptr || !team->stopped;
      break;
    }
    Execution::Run(body, strategy, limits, trace);
    if (given_up()) return {};
    strategy.EndExecution(trace);
    if (trace.end == EndReason::kPruned) {
      ++result.stats.pruned;
      if (team != nullptr) ++team->pruned;
      report_progress();
      continue;
    }
    if (trace.graph_print != 0) result.stats.weak_memory = true;
    if (trace.graph_print != 0 && trace.end != EndReason::kTimeBound &&
        trace.end != EndReason::kMemoryBound && !graphs.Insert(GraphKey(trace))) {
      ++result.stats.duplicate_graphs;
      if (team != nullptr) ++team->pruned;
      report_progress();
      continue;
    }
    if (trace.end == EndReason::kTimeBound || trace.end == EndReason::kMemoryBound) {
      // Cut off inside the execution: not counted, and the search stops there.
      result.stats.bound = trace.end == EndReason::kTimeBound ? Bound::kTime : Bound::kMemory;
      if (team != nullptr) team->Stop();
      break;
    }
    ++result.stats.executions;
    if (team != nullptr) ++team->executions;
    if (trace.plain_accesses_inline) result.stats.plain_accesses_inline = true;
    if (trace.releases_inline) result.stats.releases_inline = true;
    if (trace.clock_read) result.stats.clock_read = true;

    // An error ends the search; the execution that met it is the counterexample.
    auto fail = [&](std::string error, Trace&& failed) {
      if (team != nullptr) team->Stop();
      result.verdict = Verdict::kError;
      result.error = std::move(error);
      result.counterexample = std::move(failed);
      result.findings.clear();
      result.stats.seconds = std::chrono::duration<double>(Clock::now() - start).count();
      return result;
    };
    if (trace.end == EndReason::kError) return fail(trace.error, std::move(trace));
    // The determinism re-run (checker/rerun.h), on a sample of the executions.
    const int reruns =
        rerun_sample.Reruns(result.stats.executions, static_cast<int64_t>(trace.events.size()));
    for (int i = 0; i < reruns; ++i) {
      std::string differs = RerunDiffers(body, trace, rerun_limits,
                                         "execution " + std::to_string(result.stats.executions));
      if (given_up()) return {};
      if (!differs.empty()) return fail(std::move(differs), std::move(trace));
    }
    if (trace.end == EndReason::kStepBound) ++result.stats.step_bound_hits;
    bool new_outcome = false;
    if (last_count != nullptr && trace.end == last_end && trace.outcome == last_outcome) {
      ++*last_count;
    } else {
      std::string key = OutcomeKey(trace);
      last_count = &++result.outcomes[key];
      new_outcome = *last_count == 1;
      last_outcome = trace.outcome;
      last_end = trace.end;
      auto example = result.examples.find(key);
      if (example == result.examples.end() && result.examples.size() < kMaxOutcomeExamples) {
        example = result.examples.emplace(std::move(key), OutcomeExample{}).first;
      }
      last_example = example == result.examples.end() ? nullptr : &example->second;
    }
    if (count_interleavings && class_size_budget <= 0) {
      // The budget is spent: the rest of the classes go unsized without the cost of their order.
      ++result.outcome_unsized_classes[OutcomeKey(trace)];
    } else if (count_interleavings) {  // How many interleavings this class stands for.
      const ClassSizeResult size =
          ClassSize(trace, options.time, std::min(kClassSizeMaxStates, class_size_budget));
      class_size_budget -= size.states;
      if (size.print == 0 || classes.Insert(size.print)) {
        const std::string key = OutcomeKey(trace);
        int64_t total = 0;
        int64_t* sum = size.interleavings >= 0 ? &result.outcome_interleavings[key] : nullptr;
        if (sum != nullptr && !__builtin_add_overflow(*sum, size.interleavings, &total)) {
          *sum = total;
        } else {
          // Not sized, or the sum would pass INT64_MAX: the sum stays a lower bound.
          ++result.outcome_unsized_classes[key];
        }
      }
    }

    if (options.symmetry) CountSymmetryGroups(trace, symmetry_groups);

    std::vector<Finding> findings;
    for (const auto& detector : detectors) detector->Inspect(trace, findings);
    if (options.plain_accesses == PlainAccesses::kRaceFree) {
      const int broken =
          (BreaksRaceFreedom(trace, findings) ? kRaceFreedomBroken : 0) |
          (limits.releases_inline && trace.release_reduction_broken ? kReleaseReductionBroken : 0);
      if (broken != 0) {
        premise_broken->fetch_or(broken);
        if (team != nullptr) team->Stop();
        return result;
      }
    }
    if (last_example != nullptr &&
        (new_outcome || trace.events.size() < last_example->trace.events.size())) {
      last_example->trace = trace;
      last_example->findings = findings;
    }
    if (!findings.empty()) {
      ++result.stats.executions_with_findings;
      if (team != nullptr) ++team->with_findings;
    }
    report_progress();
    if (findings.empty()) continue;
    std::set<FindingKind> kinds;
    for (const Finding& f : findings) kinds.insert(f.kind);
    for (FindingKind kind : kinds) ++result.finding_counts[kind];
    if (!result.counterexample ||
        Better(trace, findings, *result.counterexample, result.findings)) {
      result.findings = std::move(findings);
      result.counterexample = std::move(trace);
    }
    // The first bug ends the search when asked (a warning does not).
    if (options.stop_on_first_bug && !AllWarnings(result.findings)) {
      stopped_at_bug = true;
      if (team != nullptr) {
        team->first_bug = true;
        team->Stop();
      }
      break;
    }
  }

  // The counterexample must replay: re-run it several times (fewer when it is long).
  if (result.counterexample) {
    const auto steps = static_cast<int64_t>(result.counterexample->events.size());
    const int64_t reruns = std::clamp<int64_t>(
        kCounterexampleRerunSteps / std::max<int64_t>(1, steps), 1, kCounterexampleReruns);
    for (int64_t i = 0; i < reruns; ++i) {
      std::string differs =
          RerunDiffers(body, *result.counterexample, rerun_limits,
                       "the counterexample (run again " + std::to_string(i + 1) + " times)");
      if (given_up()) return {};
      if (differs.empty()) continue;
      if (team != nullptr) team->Stop();
      result.verdict = Verdict::kError;
      result.error = std::move(differs);
      result.findings.clear();
      result.stats.seconds = std::chrono::duration<double>(Clock::now() - start).count();
      return result;
    }
  }

  result.stats.seconds = std::chrono::duration<double>(Clock::now() - start).count();
  // No group declared: the search was the full one, and its coverage statement says so.
  if (options.symmetry && !symmetry_groups.empty()) {
    result.settings["symmetry"] = DescribeSymmetry(symmetry_groups);
  }
  result.stats.exhaustive = result.stats.search_ended && strategy.exhaustive();
  if (result.stats.search_ended) result.coverage = strategy.Coverage();
  if (stopped_at_bug) result.coverage = kStoppedAtFirstBug;
  // PASS only when nothing is left unexplored; a sample (random, pct) or a bound never is.
  const bool complete = result.stats.exhaustive && result.stats.step_bound_hits == 0;
  result.verdict = VerdictOf(result.finding_counts, complete);
  return result;
}

// One search on options.jobs OS threads, one worker strategy each; their results merged.
Result SearchOnThreads(const std::string& scenario, const std::function<void()>& body,
                       Strategy& strategy, std::vector<std::unique_ptr<Strategy>> workers,
                       const ExploreOptions& options, const std::atomic<bool>* abandoned,
                       std::atomic<int>* premise_broken) {
  using Clock = std::chrono::steady_clock;
  const auto start = Clock::now();
  Team team{strategy};
  std::vector<Result> parts(workers.size());
  std::vector<std::exception_ptr> failures(workers.size());
  {
    std::vector<std::thread> threads;
    threads.reserve(workers.size());
    for (std::size_t i = 0; i < workers.size(); ++i) {
      threads.emplace_back([&, i] {
        Execution::SetAbandonFlag(abandoned);
        try {
          parts[i] = Search(scenario, body, *workers[i], options, abandoned, premise_broken, &team);
          // Given up (RunWatched): the others, waiting for work this one had, leave too.
          if (abandoned != nullptr && abandoned->load()) team.Stop();
        } catch (...) {
          failures[i] = std::current_exception();
          team.Stop();
        }
        Execution::SetAbandonFlag(nullptr);
      });
    }
    for (std::thread& thread : threads) thread.join();
  }
  for (const std::exception_ptr& failure : failures) {
    if (failure) std::rethrow_exception(failure);
  }
  if (abandoned != nullptr && abandoned->load()) return {};
  Result merged = MergeResults(parts);
  merged.stats.seconds = std::chrono::duration<double>(Clock::now() - start).count();
  merged.settings["jobs"] = std::to_string(workers.size());
  merged.coverage = merged.stats.search_ended ? strategy.Coverage() : "";
  if (team.first_bug && merged.verdict != Verdict::kError) merged.coverage = kStoppedAtFirstBug;
  return merged;
}

// The search on the calling OS thread, or spread over options.jobs of them when the strategy
// can be.
Result SearchOnce(const std::string& scenario, const std::function<void()>& body,
                  Strategy& strategy, const ExploreOptions& options,
                  const std::atomic<bool>* abandoned, std::atomic<int>* premise_broken) {
  if (options.jobs > 1) {
    std::vector<std::unique_ptr<Strategy>> workers = strategy.Workers(options.jobs);
    if (!workers.empty()) {
      return SearchOnThreads(scenario, body, strategy, std::move(workers), options, abandoned,
                             premise_broken);
    }
  }
  return Search(scenario, body, strategy, options, abandoned, premise_broken);
}

// The race-free reduction's search, and the full one when an execution breaks its premise
// (PlainAccesses::kRaceFree); or the search the options ask for.
Result SearchAll(const std::string& scenario, const std::function<void()>& body, Strategy& strategy,
                 const ExploreOptions& options, const std::atomic<bool>* abandoned) {
  ExploreOptions run = options;
  if (strategy.TakesPlainAccessesInline()) {
    run.plain_accesses = PlainAccesses::kInline;
    run.releases_inline = strategy.TakesReleasesInline();
  } else if (run.plain_accesses == PlainAccesses::kRaceFree &&
             (strategy.name() != "dpor" || run.count_interleavings || run.parts > 1)) {
    // The reduction is dpor's; an interleaving count needs every class of the full search (a
    // class of the reduced search may stand for several); and the parts of a split search
    // must split one tree without talking, while a race met in one part would change the
    // tree of every part.
    run.plain_accesses = PlainAccesses::kScheduled;
  }
  // A strategy that cannot start over (a fresh one answers at no cost) gets the full search.
  if (run.plain_accesses == PlainAccesses::kRaceFree && !strategy.Restart()) {
    run.plain_accesses = PlainAccesses::kScheduled;
  }
  std::atomic<int> premise_broken{0};
  if (run.plain_accesses != PlainAccesses::kRaceFree) {
    return SearchOnce(scenario, body, strategy, run, abandoned, &premise_broken);
  }
  // The reduced search; when an execution breaks a premise, the search again without that
  // reduction (a data race: without both), until one holds to its end (at most three).
  using Clock = std::chrono::steady_clock;
  const auto start = Clock::now();
  bool after_race = false;
  bool after_release = false;
  double spent = 0;
  while (true) {
    premise_broken.store(0);
    Result result = SearchOnce(scenario, body, strategy, run, abandoned, &premise_broken);
    const int broken = premise_broken.load();
    if (broken == 0 || (abandoned != nullptr && abandoned->load())) {
      result.stats.seconds += spent;  // The searches before it count.
      if (after_race) result.settings["plain_accesses"] = "scheduled after a data race";
      if (after_release)
        result.settings["releases"] = "scheduled after a try-acquire or foreign release";
      return result;
    }
    strategy.Restart();  // It could before the search.
    run.releases_inline = false;
    after_release = after_release || (broken & kReleaseReductionBroken) != 0;
    if ((broken & kRaceFreedomBroken) != 0) {
      run.plain_accesses = PlainAccesses::kScheduled;
      after_race = true;
    }
    spent = std::chrono::duration<double>(Clock::now() - start).count();
    if (options.max_seconds > 0) run.max_seconds = std::max(1e-3, options.max_seconds - spent);
  }
}

}  // namespace

namespace {

// Explore's search, before the part of a split search is marked.
Result ExploreWhole(const std::string& scenario, const std::function<void()>& body,
                    Strategy& strategy, const ExploreOptions& options);

}  // namespace

Result Explore(const std::string& scenario, const std::function<void()>& body, Strategy& strategy,
               const ExploreOptions& options) {
  if (options.parts < 1 || options.part < 0 || options.part >= options.parts) {
    throw std::invalid_argument("part " + std::to_string(options.part + 1) + " of " +
                                std::to_string(options.parts) +
                                ": a part is from 1 to the number of parts (at least 1)");
  }
  if (options.parts == 1) return ExploreWhole(scenario, body, strategy, options);
  if (!strategy.SetPart(options.part, options.parts)) {
    throw std::invalid_argument(std::string(strategy.name()) +
                                " cannot be split into parts (dpor and dfs can)");
  }
  Result result = ExploreWhole(scenario, body, strategy, options);
  result.settings["part"] = std::to_string(options.part + 1) + "/" + std::to_string(options.parts);
  if (result.stats.search_ended && result.verdict != Verdict::kError &&
      result.coverage != kStoppedAtFirstBug) {
    result.coverage = PartCoverage(options.part, options.parts);
  }
  return result;
}

namespace {

Result ExploreWhole(const std::string& scenario, const std::function<void()>& body,
                    Strategy& strategy, const ExploreOptions& options) {
  if (options.jobs < 1) throw std::invalid_argument("jobs must be at least 1");
  if (options.stack_size < ExecutionLimits::kMinStackSize ||
      options.stack_size > ExecutionLimits::kMaxStackSize) {
    throw std::invalid_argument("stack size must be from 16 KiB to 1 GiB");
  }
  if (options.symmetry && strategy.name() != "dpor") {
    // The reduction is dpor's: the others (replays, samples, the minimizer's bounded search,
    // dfs) run their whole search.
    ExploreOptions full = options;
    full.symmetry = false;
    return Explore(scenario, body, strategy, full);
  }
  if (options.stall_seconds <= 0) return SearchAll(scenario, body, strategy, options, nullptr);
  // The helper thread keeps its own copy of the body: it may outlive this call.
  return RunWatched(scenario, std::string(strategy.name()), options.stall_seconds,
                    [scenario, body, &strategy, options](const std::atomic<bool>& abandoned) {
                      return SearchAll(scenario, body, strategy, options, &abandoned);
                    });
}

}  // namespace

std::string_view PlainAccessesName(PlainAccesses mode) {
  switch (mode) {
    case PlainAccesses::kRaceFree:
      return "race-free reduction";
    case PlainAccesses::kScheduled:
      return "scheduled";
    case PlainAccesses::kInline:
      return "inline";
  }
  return "";
}

Result MergeResults(const std::vector<Result>& parts) {
  Result merged;
  if (parts.empty()) return merged;
  merged.scenario = parts.front().scenario;
  merged.strategy = parts.front().strategy;
  merged.settings = parts.front().settings;
  for (const Result& part : parts) {  // Symmetry: the groups as the part that saw most says.
    const auto groups = part.settings.find("symmetry");
    if (groups != part.settings.end() &&
        groups->second.size() > merged.settings["symmetry"].size()) {
      merged.settings["symmetry"] = groups->second;
    }
  }
  if (merged.settings["symmetry"].empty()) merged.settings.erase("symmetry");
  for (const Result& part : parts) {  // A part that started over without the reduction says so.
    const auto plain = part.settings.find("plain_accesses");
    if (plain != part.settings.end() && plain->second == "scheduled after a data race") {
      merged.settings["plain_accesses"] = plain->second;
    }
    const auto releases = part.settings.find("releases");
    if (releases != part.settings.end() && releases->second != "release reduction") {
      merged.settings["releases"] = releases->second;
    }
  }
  merged.parameters = parts.front().parameters;
  merged.stats.search_ended = true;
  merged.stats.exhaustive = true;
  for (const Result& part : parts) {
    if (part.verdict == Verdict::kError && merged.verdict != Verdict::kError) {
      merged.verdict = Verdict::kError;
      merged.error = part.error;
      merged.counterexample = part.counterexample;  // The execution that ended in the error.
    }
    const Statistics& s = part.stats;
    merged.stats.executions += s.executions;
    merged.stats.executions_with_findings += s.executions_with_findings;
    merged.stats.step_bound_hits += s.step_bound_hits;
    merged.stats.pruned += s.pruned;
    merged.stats.duplicate_graphs += s.duplicate_graphs;
    merged.stats.seconds += s.seconds;
    merged.stats.search_ended = merged.stats.search_ended && s.search_ended;
    merged.stats.exhaustive = merged.stats.exhaustive && s.exhaustive;
    merged.stats.plain_accesses_inline =
        merged.stats.plain_accesses_inline || s.plain_accesses_inline;
    merged.stats.releases_inline = merged.stats.releases_inline || s.releases_inline;
    merged.stats.weak_memory = merged.stats.weak_memory || s.weak_memory;
    merged.stats.clock_read = merged.stats.clock_read || s.clock_read;
    // An interrupted part says why the whole stopped, whatever the others hit.
    if (s.bound != Bound::kNone && merged.stats.bound != Bound::kInterrupted) {
      merged.stats.bound = s.bound;
    }
    for (const auto& [outcome, count] : part.outcomes) merged.outcomes[outcome] += count;
    for (const auto& [kind, count] : part.finding_counts) merged.finding_counts[kind] += count;
    for (const auto& [outcome, example] : part.examples) {
      auto kept = merged.examples.find(outcome);
      if (kept == merged.examples.end()) {
        if (merged.examples.size() < kMaxOutcomeExamples) merged.examples.emplace(outcome, example);
      } else if (example.trace.events.size() < kept->second.trace.events.size()) {
        kept->second = example;
      }
    }
    for (const auto& [key, count] : part.outcome_interleavings) {
      int64_t& sum = merged.outcome_interleavings[key];
      if (__builtin_add_overflow(sum, count, &sum)) {
        sum = INT64_MAX;  // More than that: a lower bound, so not exact.
        ++merged.outcome_unsized_classes[key];
      }
    }
    for (const auto& [key, count] : part.outcome_unsized_classes) {
      merged.outcome_unsized_classes[key] += count;
    }
    if (part.counterexample && part.verdict != Verdict::kError &&
        (!merged.counterexample ||
         Better(*part.counterexample, part.findings, *merged.counterexample, merged.findings))) {
      merged.counterexample = part.counterexample;
      merged.findings = part.findings;
    }
  }
  if (merged.verdict == Verdict::kError) return merged;
  const bool complete = merged.stats.exhaustive && merged.stats.step_bound_hits == 0;
  merged.verdict = VerdictOf(merged.finding_counts, complete);
  return merged;
}

}  // namespace interleave

namespace interleave {

Result MergeParts(const std::vector<Result>& parts) {
  if (parts.empty()) throw std::invalid_argument("no parts to merge");
  // Every part: the same search (scenario, parameters, strategy, settings but the part).
  auto search_of = [](const Result& r) {
    std::map<std::string, std::string> settings = r.settings;
    settings.erase("part");
    settings.erase("jobs");  // How many OS threads a part ran on does not change its part.
    return settings;
  };
  const Result& first = parts.front();
  int total = 0;
  std::map<int, int> seen;  // Part (1-based) -> how many results are that part.
  for (const Result& part : parts) {
    if (part.scenario != first.scenario || part.parameters != first.parameters ||
        part.strategy != first.strategy || search_of(part) != search_of(first)) {
      throw std::invalid_argument("the parts are not of one search: " + first.scenario + " and " +
                                  part.scenario + " differ in scenario, parameters or settings");
    }
    const auto it = part.settings.find("part");
    int i = 1;
    int n = 1;
    if (it != part.settings.end() && std::sscanf(it->second.c_str(), "%d/%d", &i, &n) != 2) {
      throw std::invalid_argument("malformed part \"" + it->second + "\"");
    }
    if (total != 0 && n != total) {
      throw std::invalid_argument("the parts split the search in different numbers of parts (" +
                                  std::to_string(total) + " and " + std::to_string(n) + ")");
    }
    total = n;
    ++seen[i];
  }
  std::string repeated;
  std::string missing;
  for (int i = 1; i <= total; ++i) {
    const int count = seen.count(i) ? seen[i] : 0;
    if (count > 1) repeated += (repeated.empty() ? "" : ", ") + std::to_string(i);
    if (count == 0) missing += (missing.empty() ? "" : ", ") + std::to_string(i);
  }
  if (!repeated.empty()) {
    throw std::invalid_argument("part " + repeated + " of " + std::to_string(total) +
                                " given more than once");
  }
  Result merged = MergeResults(parts);
  merged.settings.erase("part");
  merged.settings["parts"] = std::to_string(total);
  merged.stats.seconds = 0;
  for (const Result& part : parts)
    merged.stats.seconds = std::max(merged.stats.seconds, part.stats.seconds);
  if (merged.verdict == Verdict::kError) return merged;
  bool stopped = false;
  for (const Result& part : parts) stopped = stopped || part.coverage == kStoppedAtFirstBug;
  if (!missing.empty()) {
    merged.stats.exhaustive = false;
    merged.stats.search_ended = false;
    merged.coverage = "part " + missing + " of " + std::to_string(total) +
                      " missing: not exhaustive (" + std::to_string(parts.size()) + " of " +
                      std::to_string(total) + " parts merged)";
  } else if (stopped) {
    merged.coverage = kStoppedAtFirstBug;
  } else {
    merged.coverage = merged.stats.exhaustive
                          ? "all " + std::to_string(total) + " parts merged: the whole search"
                          : "";
    // checker/split.h: the parts cannot tell each other which RC11 graphs they reached.
    if (merged.stats.exhaustive && merged.stats.weak_memory && total > 1) {
      merged.coverage +=
          "; under RC11 a graph reached by several parts counts once in each, so the "
          "executions may exceed one process's";
    }
  }
  const bool complete = merged.stats.exhaustive && merged.stats.step_bound_hits == 0;
  merged.verdict = VerdictOf(merged.finding_counts, complete);
  return merged;
}

}  // namespace interleave
