// MinimizeCounterexample: shrinks a search's counterexample to the fewest preemptions, then the
// fewest steps, that still reach the same finding, so that a report shows the simplest
// interleaving of the defect rather than the first or the most convoluted one the search met.
//
// How: a preemption-bounded search (BoundedStrategy, iterative context bounding) of the same
// scenario with the same run options, at levels 0, 1, ... up to the counterexample's own
// number of preemptions. Every execution is inspected by every detector; one reaches the
// target when its main (most specific) finding is the target's kind and names the same
// objects (by name: a minimal lost update may swap the roles of the two workers), or, for a
// finding that names no object (INVARIANT, a daemon cut off in a log), the same source lines.
// The search stops after the first level at which some execution reaches the target, having
// explored that level (within the budget) to keep its shortest execution. The chosen schedule
// is then replayed (ReplayStrategy, with its step checks) and must reach the target again.
//
// Invariants:
// - The counterexample is replaced only by a confirmed one that is strictly simpler: fewer
//   preemptions, or as many and fewer steps. Otherwise the original stays, and
//   Result::minimization says why (already minimal, budget spent, replay not confirmed).
// - The minimizing search runs at most `max_executions` executions (pruned reruns of earlier
//   levels included), fewer for a long counterexample (`max_total_steps`), plus the one
//   replay, so it cannot make a run much slower than that budget (about a second), and at
//   most `max_seconds` of wall time when given. A stop request in the options
//   (ExploreOptions::stop) ends it too; the counterexample then stays the search's.
// - Only the counterexample and its findings change; the verdict, statistics, outcome and
//   finding counts stay those of the original search, and Result::minimization records the
//   sizes before and after and what the minimization cost.
#ifndef INTERLEAVE_CHECKER_MINIMIZE_H_
#define INTERLEAVE_CHECKER_MINIMIZE_H_

#include <cstdint>
#include <functional>
#include <optional>

#include "checker/explorer.h"
#include "checker/result.h"

namespace interleave {

struct MinimizeOptions {
  // Executions the bounded search may run; 0 turns minimization off.
  int64_t max_executions = 20'000;
  // About how many steps it may run in all: a long counterexample (a livelock cut off at the
  // step bound) lowers the budget of executions to max_total_steps / its steps (at least 1).
  int64_t max_total_steps = 2'000'000;
  // Wall time it may take, the replay included (`interleave run` gives it what --max-seconds
  // left of the search's); nullopt: no limit. At 0 or below it does not run, and the
  // counterexample stays the search's (a valid one, not minimized).
  std::optional<double> max_seconds;
};

// Minimizes `result`'s counterexample in place (see above). `body` and `options` must be the
// ones the search that produced `result` ran (the same scenario, parameters and time mode).
// Does nothing to a result without findings, an ERROR, or a replay (its counterexample is the
// recorded execution by definition). Sets result.settings["minimize"] to the budget.
void MinimizeCounterexample(const std::function<void()>& body, const ExploreOptions& options,
                            Result& result, const MinimizeOptions& minimize = {});

// Whether `candidate` (a finding of `trace`) is the same finding as `target` (of
// `target_trace`) in the sense above: same kind, same object names, or same lines when the
// target names no object.
bool SameFinding(const Trace& target_trace, const Finding& target, const Trace& trace,
                 const Finding& candidate);

}  // namespace interleave

#endif  // INTERLEAVE_CHECKER_MINIMIZE_H_
