// ClassSize: how many interleavings one dpor execution stands for (issue 16, defect 6).
//
// Under dpor an execution represents its Mazurkiewicz trace: every interleaving obtained from
// it by swapping adjacent independent steps. Their number is the number of linear extensions
// of the trace's dependence order, which this file counts: the sum over the classes dpor
// explored (each once) is then the number of executions dfs runs, outcome by outcome.
//
// The order counted (derived from the trace alone, the same for every execution of a class):
//  - A step is a thread decision and the events it runs: an event whose step has no thread
//    decision of its own (the kill of a daemon right after main's exit-wait) belongs to the step
//    before it, since dfs cannot schedule anything between them.
//  - Program order.
//  - Dependence: steps of different threads with some pair of events that dpor's own relation
//    (checker/dpor.h Independent: one object and one change, a global event, a read of a
//    thread's liveness) calls dependent keep their order.
//  - Thread start and join: a thread's first step follows the step that started it; a join or
//    exit-wait follows every step its thread took before it, and the program's exit-wait on a
//    daemon every step of every non-daemon thread (it waits for them all, model/thread.cc).
//  - Virtual time: a step at a later virtual time follows every step at an earlier one (the
//    clock only moves forward, and only when nothing can run).
//
// Invariants: every linear extension of that order is a schedule dfs runs, reaching the same
// final state, and two executions of one class have the same order and the same `print`.
// Where a trace's feasible schedules are not all its linear extensions, the size is not
// computed (ClassSizeResult::interleavings < 0) rather than guessed:
//  - time mode any, a thread that timed out twice: the polling rule (model/execution.h) lets a
//    timed wait time out again only after another thread changed something, or when nothing
//    else can run, which independent steps moved earlier can break;
//  - an execution that ended at a program failure or a lock misuse: the failure is no step,
//    so the interleavings in which other threads took more or fewer steps before it are other
//    traces that dpor does not explore apart (one dpor execution for dfs's 15 in
//    class_size_test's uncaught_exception_ends_it): their number is not in this trace;
//  - an execution cut off by the step bound (its schedules past the bound are not the class's),
//    or pruned, or ended by a bound or an error;
//  - under rc11 with atomics (Trace::graph_print set): dfs and dpor both count execution
//    graphs, not interleavings, there;
//  - a step that is not its thread's (an inline event of another thread).
// Counting: dynamic programming over the down-sets of the order, each a vector of per-thread
// positions; a down-set's count is the number of ways to reach it. When every vector of
// positions fits in `max_states`, a dense table walked in order; otherwise the reachable
// down-sets, layer by layer (the number of steps taken), a hash map each. Beyond `max_states`
// units of work (pairs of steps compared while building the order, then down-sets), or past
// INT64_MAX interleavings, the size is unknown. The order costs about
// O(steps * dependent candidates); the count O(states * threads^2).
// Checked (checker/class_size_test): per outcome, dpor's sums equal dfs's counts on every
// program of its set and every catalogue scenario whose dfs search ends within 5,000
// executions, in both time modes (also within 40,000, measured once: 106 program-modes), and on
// s004_sync_threads's 656,404. dpor_test's Canonical (object access order only) is coarser
// than this order: queue_consumer's 21 dpor executions are 21 classes here, summing to dfs's
// 2,909. Cost (callgrind, one search): lost_update 15.8M -> 19.0M instructions (+20%),
// increments 3x2 locked 10.5M -> 26.8M, unlocked 334M -> 703M: more than the ~10% a default
// may cost, so the explorer counts only when asked (ExploreOptions::count_interleavings; the
// CLI asks for text and HTML reports), within a budget per search (kClassSizeSearchBudget).
#ifndef INTERLEAVE_CHECKER_CLASS_SIZE_H_
#define INTERLEAVE_CHECKER_CLASS_SIZE_H_

#include <cstdint>

#include "model/trace.h"

namespace interleave {

// The default cap on down-sets: beyond it a class's size is left unknown.
inline constexpr int64_t kClassSizeMaxStates = int64_t{1} << 20;
// What one search (each worker of it) may spend on counting, in down-sets: about a second or
// two. Past it, the classes still to come are not sized, so that counting never makes a long
// search much longer.
inline constexpr int64_t kClassSizeSearchBudget = int64_t{1} << 26;

struct ClassSizeResult {
  // The number of interleavings in the execution's class; -1 when not computed (see above).
  int64_t interleavings = -1;
  // A hash of the class's dependence order: equal for two executions of one class (distinct
  // classes collide with negligible probability). 0 when not computed.
  uint64_t print = 0;
  // The work done: pairs of steps compared for the order, then down-sets visited (at most
  // about max_states; a long trace with one hot object stops in the first phase).
  int64_t states = 0;
};

// The size of `trace`'s class, run in time mode `time`. Does not change the trace.
ClassSizeResult ClassSize(const Trace& trace, TimeMode time,
                          int64_t max_states = kClassSizeMaxStates);

}  // namespace interleave

#endif  // INTERLEAVE_CHECKER_CLASS_SIZE_H_
