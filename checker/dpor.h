// DporStrategy: exhaustive search with dynamic partial-order reduction: source-DPOR with sleep
// sets (Abdulla, Aronis, Jonsson, Sagonas, "Optimal Dynamic Partial Order Reduction", POPL
// 2014, Algorithm 1; sleep sets after Godefroid 1996).
//
// Two operations are dependent when they touch the same object and at least one changes it
// (model/trace.h OpModifies); everything else commutes, so interleavings that differ only in
// the order of independent operations are one Mazurkiewicz trace and one execution suffices.
// After each execution the trace is analysed: its happens-before (program order, thread start
// and join, and dependence) is computed with vector clocks, and for every reversible race
// e < e' (dependent, different threads, e' not already ordered after e) a thread that starts
// the reversed order (an initial of notdep(e).e') is added to the backtrack set of the point
// before e, unless one already is. A lock's acquires race with each other (a release and the
// next acquire cannot be reversed). Sleep sets keep a thread that was explored at a point from
// running again after operations independent of its own; an execution whose every enabled
// thread is asleep is pruned and counted apart (Statistics::pruned).
//
// Data choices (choose) are explored for every value, with no reduction across them.
//
// Invariants: every Mazurkiewicz trace of the scenario is explored at least once (the same
// outcomes and findings as dfs; the oracle test checks it program by program); the scenario is
// deterministic given its schedule (a different enabled set on a replayed prefix is an error).
#ifndef INTERLEAVE_CHECKER_DPOR_H_
#define INTERLEAVE_CHECKER_DPOR_H_

#include <cstddef>
#include <set>
#include <vector>

#include "checker/strategy.h"

namespace interleave {

class DporStrategy : public Strategy {
 public:
  std::string_view name() const override { return "dpor"; }
  bool StartExecution() override;
  ThreadId ChooseThread(const SchedulePoint& point) override;
  int ChooseValue(int step, int lo, int hi) override;
  void EndExecution(Trace& trace) override;
  bool exhaustive() const override { return true; }

 private:
  // One decision of the current path: which thread ran a step, or which value a choose took.
  struct Node {
    bool is_value = false;
    int step = 0;
    // A thread decision.
    std::vector<ThreadId> enabled;
    std::vector<PendingOp> pending;  // Every thread's next operation here.
    std::set<ThreadId> sleep;        // Asleep on arrival: not to run here.
    std::set<ThreadId> backtrack;    // To run here (includes those run already).
    std::set<ThreadId> done;         // Run here already.
    ThreadId chosen = kNoThread;
    // A value decision.
    int lo = 0;
    int hi = 0;
    int value = 0;
  };

  std::set<ThreadId> SleepForNewNode() const;
  void AddBacktrackPoints(const Trace& trace);

  std::vector<Node> path_;
  std::size_t depth_ = 0;
  bool started_ = false;
};

}  // namespace interleave

#endif  // INTERLEAVE_CHECKER_DPOR_H_
