// Finding and Result: what a search found, as plain data for the reports.
//
// A Result holds the verdict, the findings of the counterexample (the execution with findings
// that has a bug before warnings, the most specific finding, then the fewest preemptions,
// then the fewest steps, among all explored; after MinimizeCounterexample (checker/minimize.h),
// the simplest schedule that reaches the same finding), its full trace, the statistics of the
// search, and how many executions reached each outcome and each kind of finding. Nothing in it
// prints; reports/ renders it.
#ifndef INTERLEAVE_CHECKER_RESULT_H_
#define INTERLEAVE_CHECKER_RESULT_H_

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "checker/verdict.h"
#include "model/trace.h"

namespace interleave {

// A step of the counterexample that a report marks, with why.
struct StepMark {
  int step = 0;
  std::string label;  // "overwrites step 9 unread", "lost: overwritten at step 12".
};

struct Finding {
  FindingKind kind = FindingKind::kInvariant;
  std::string summary;               // One line.
  std::vector<std::string> details;  // The explanation, a line each.
  std::vector<ThreadId> threads;     // The threads involved.
  std::vector<ObjectId> objects;     // The objects involved.
  std::vector<SourceLine> lines;     // The source lines involved.
  std::vector<StepMark> marks;       // The decisive steps.
  int certain_at_step = 0;           // The step after which the finding was certain.
};

// Why a search stopped before it had run every execution.
// The bound that stopped a search: executions, wall time (--max-seconds, also inside an
// execution), one execution's trace memory (ExploreOptions::max_trace_bytes), or a stop
// request (ExploreOptions::stop: SIGINT or SIGTERM).
enum class Bound { kNone, kExecutions, kTime, kMemory, kInterrupted };

struct Statistics {
  int64_t executions = 0;
  int64_t executions_with_findings = 0;
  int64_t step_bound_hits = 0;  // Executions cut off by the per-execution step bound.
  // Executions a reduction gave up as redundant (sleep-set blocked): not counted in
  // `executions`, and their outcomes and findings are not counted either.
  int64_t pruned = 0;
  // Under rc11: executions whose execution graph (Trace::graph_print) an earlier execution of
  // the search had already reached through another interleaving. Not counted in `executions`
  // (which counts graphs), nor their outcomes and findings, which are that graph's.
  int64_t duplicate_graphs = 0;
  double seconds = 0;
  bool search_ended = false;  // The strategy ran out of executions to try.
  bool exhaustive = false;    // ... and that means every execution was explored.
  Bound bound = Bound::kNone;
  // Some execution took a plain access with no scheduling point of its own (the race-free
  // reduction, ExploreOptions::plain_accesses): the reduction made a difference.
  bool plain_accesses_inline = false;
  // Some execution took a lock's release with no scheduling point of its own (the release
  // reduction, ExploreOptions::releases_inline).
  bool releases_inline = false;
  // Some execution ran an atomic operation weaker than seq_cst under rc11 (Trace::graph_print
  // set): its loads branched on the stores they may read, and executions count graphs.
  bool weak_memory = false;
  // Some execution read the clock (Trace::clock_read): every read gave the virtual time, so
  // other values a real clock could give there were not explored.
  bool clock_read = false;
};

// How the counterexample was minimized (checker/minimize.h): its size before and after, and
// what the minimizing search cost. `changed` is false when nothing simpler reaching the same
// finding was found (or the replay did not confirm it); `note` then says which.
struct Minimization {
  int preemptions_before = 0;
  int steps_before = 0;
  int preemptions_after = 0;
  int steps_after = 0;
  bool changed = false;
  int64_t executions = 0;  // Of the minimizing search (not counted in Result::stats).
  int64_t budget = 0;      // Its bound on executions.
  bool budget_hit = false;
  std::string note;  // "already minimal within 2 preemptions", "the replay did not confirm ...".
};

// One execution that reached an outcome, for the reports: a PASS shows one, a histogram bar
// shows its outcome's, and the log view prints each outcome's output.
struct OutcomeExample {
  Trace trace;
  std::vector<Finding> findings;  // Its findings (empty for a clean execution).
};

// How many outcomes keep an example (Result::examples): enough for every outcome of the
// catalogue's scenarios; a search with more keeps the first this many met.
inline constexpr size_t kMaxOutcomeExamples = 64;

struct Result {
  std::string scenario;
  std::map<std::string, int> parameters;  // The scenario's parameters the search explored.
  // How the search was run, for the reports: "time" -> "virtual", "max_steps" -> "10000",
  // and the strategy's own settings ("seed", "runs", "depth", "preemptions").
  std::map<std::string, std::string> settings;
  std::string strategy;
  Verdict verdict = Verdict::kPass;
  std::string error;     // For kError: the rule broken, or why a replay token is stale.
  std::string coverage;  // The strategy\'s own statement of what it covered (Strategy::Coverage).
  std::vector<Finding> findings;  // The counterexample's, most specific first.
  std::optional<Trace> counterexample;
  Statistics stats;
  std::map<std::string, int64_t> outcomes;        // Outcome text -> executions.
  std::map<FindingKind, int64_t> finding_counts;  // Kind -> executions where it was found.
  // Outcome text (a key of `outcomes`) -> the execution with the fewest steps that reached it
  // (the first met on ties), with its findings; not minimized. Up to kMaxOutcomeExamples.
  std::map<std::string, OutcomeExample> examples;
  // For a catalogue scenario: SourceLine::ToString() of a step's line ("s000_queue_event.cc:63")
  // -> the seed tutorial's Python line that the step mirrors. Empty for other programs.
  std::map<std::string, std::string> seed_lines;
  // How many interleavings the executions of each outcome stand for (issue 16, defect 6).
  // Under dpor every execution is a class of equivalent interleavings (a Mazurkiewicz trace),
  // not one interleaving, so `outcomes` counts classes. When ExploreOptions::count_interleavings
  // is set and the strategy is dpor, outcome_interleavings[key] is the sum, over the distinct
  // classes of that outcome, of each class's number of interleavings (its linear extensions,
  // checker/class_size.h): the number of executions dfs would count for that outcome. Each
  // class counts once, even when dpor explored it twice. Exact only when
  // outcome_unsized_classes has no entry for the key (or 0); otherwise some classes of that
  // outcome were too large or of a kind class_size.h does not count, and the sum is only a
  // lower bound: print it as "at least", or not at all. Empty when not computed (other
  // strategies: their `outcomes` count interleavings already).
  std::map<std::string, int64_t> outcome_interleavings;
  // Outcome text -> its classes whose size was not computed (absent: none).
  std::map<std::string, int64_t> outcome_unsized_classes;
  // Set when the counterexample went through MinimizeCounterexample (checker/minimize.h).
  std::optional<Minimization> minimization;

  // Whether the counterexample has a finding of `kind`.
  bool HasFinding(FindingKind kind) const;
  // Whether some execution of the search had a finding of `kind`.
  bool Found(FindingKind kind) const;
  // Whether this result is what `expected` asks for: the same verdict, and every kind it
  // names found.
  bool Matches(const Expectation& expected) const;
};

// How many interleavings the executions of one outcome stand for (Result::outcome_interleavings).
struct OutcomeInterleavings {
  int64_t interleavings = 0;  // Exact, or a lower bound when !exact.
  bool exact = true;          // False when some classes were not sized (each counts as one).
};

// The interleavings that `outcome`'s classes stand for, when the search counted them
// (ExploreOptions::count_interleavings under dpor); nullopt when it did not.
std::optional<OutcomeInterleavings> InterleavingsOf(const Result& result,
                                                    const std::string& outcome);

// The outcomes a search reached, and the kinds of finding it met (what two searches of one
// program, full and reduced, must agree on).
std::set<std::string> OutcomeNames(const Result& result);
std::set<FindingKind> FindingKinds(const Result& result);

// The verdict of a search that was not an ERROR: BUG when some execution had a finding that
// is not a warning, WARNING when only warnings, else PASS when `complete` (exhaustive, no
// bound hit) and INCOMPLETE when not.
Verdict VerdictOf(const std::map<FindingKind, int64_t>& finding_counts, bool complete);

}  // namespace interleave

#endif  // INTERLEAVE_CHECKER_RESULT_H_
