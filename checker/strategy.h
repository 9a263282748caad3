// Strategy: what to try. The explorer asks it to start executions until it has no more, and
// the runtime asks it, at every scheduling point, which enabled thread runs next.
//
// Strategies see only scheduling points and finished traces; they never touch primitives.
// One strategy per file (dfs.h, replay.h), each naming its algorithm and invariants.
#ifndef INTERLEAVE_CHECKER_STRATEGY_H_
#define INTERLEAVE_CHECKER_STRATEGY_H_

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "model/execution.h"
#include "model/trace.h"

namespace interleave {

class Strategy : public Chooser {
 public:
  // "dfs", "replay".
  virtual std::string_view name() const = 0;
  // Prepares the next execution; false when there is none left to run.
  virtual bool StartExecution() = 0;
  // ChooseThread (from Chooser): the thread that performs the next step. May throw
  // ModelError when the scenario is not deterministic; the execution then ends in an error.
  // Sees the finished execution; may turn it into an error (kError with a message) when
  // it contradicts what the strategy expected (nondeterminism, a stale replay).
  virtual void EndExecution(Trace& trace) = 0;
  // Whether running out of executions means that every execution of the search space was
  // explored (a replay's space is its one schedule). Only such a search can PASS.
  virtual bool exhaustive() const = 0;
  // What the search covered, for the report, when exhaustive() does not say it all: "every
  // schedule with at most 2 preemptions", "1,000 runs of pct d=3 (seed 7); ...". Called after
  // the search.
  virtual std::string Coverage() const { return ""; }

  // One search on `count` OS threads (ExploreOptions::jobs): a strategy per thread, each run by
  // its own loop, that explore disjoint parts of this strategy's search and together all of
  // it. Empty (the default) when the strategy runs on one OS thread only. This strategy then
  // only answers exhaustive() and Coverage().
  virtual std::vector<std::unique_ptr<Strategy>> Workers(int /*count*/) { return {}; }
  // Ends the search of every worker (one hit a bound or an error): their StartExecution
  // returns false from now on.
  virtual void StopWorkers() {}
  // Makes this strategy explore part `part` (0-based) of `parts` disjoint parts of its search
  // (ExploreOptions::part), before its first execution. False when it cannot be split (only
  // parts == 1 is then accepted).
  virtual bool SetPart(int /*part*/, int parts) { return parts == 1; }
  // Forgets every execution explored so far, keeping the part (SetPart), so that the next
  // StartExecution begins the search anew (the race-free reduction's start over,
  // ExploreOptions::plain_accesses; the explorer asks a fresh strategy first, and runs the
  // reduction only with one that can). False when the strategy cannot.
  virtual bool Restart() { return false; }
  // Whether the executions this strategy runs take plain accesses inline whatever the search
  // asks (a replay of a reduced search's execution).
  virtual bool TakesPlainAccessesInline() const { return false; }
  // With it: whether they take a lock's release by its holder inline too (the release
  // reduction, ExploreOptions::releases_inline).
  virtual bool TakesReleasesInline() const { return false; }
};

}  // namespace interleave

#endif  // INTERLEAVE_CHECKER_STRATEGY_H_
