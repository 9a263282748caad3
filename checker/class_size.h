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
// positions; a down-set's count is the number of ways to reach it. First only the reachable
// down-sets, layer by layer (the number of steps taken), each layer's successors sorted by
// their mixed-radix name to merge the ways into them: the dependence order leaves few of the
// position vectors reachable (4 x 2 locked increments: about 80 of 65,610). Where most are
// reachable (threads that seldom depend on each other), the layers give way, once they have
// visited more than 1/(8 x threads) of them, to a table over all position vectors walked in
// order, which costs less per down-set there. The order is built by comparing each step, per
// object it touches and per other thread, with that thread's latest steps on the object back
// to the first dependent one (its earlier steps are ordered through it), so a long trace on
// one hot object costs O(steps * threads), not O(steps^2). Work (kClassSizeSearchBudget's
// units, and the table's size if it is used) is capped by `max_states`; beyond it, or past
// INT64_MAX interleavings, the size is unknown.
// The work vectors are kept per OS thread. //bench:class_size_bench, one class per call,
// before (a table always, every earlier step compared) and after (2026-12-06): increments 4x2
// locked 117 -> 8 us, 3x3 locked 32 -> 7 us, 4x2 unlocked 14 -> 4 us, 2x2000 unlocked (8,005
// steps on one object) past the cap -> 0.9 ms exact; threads with no dependence at all are
// slower, 4 writers x 4 writes 28 -> 48 us, 5 x 3 65 -> 91 us.
// Checked (checker/class_size_test): per outcome, dpor's sums equal dfs's counts on every
// program of its set and every catalogue scenario whose dfs search ends within 5,000
// executions, in both time modes (also within 40,000, measured once: 106 program-modes), and on
// s004_sync_threads's 656,404. dpor_test's Canonical (object access order only) is coarser
// than this order: queue_consumer's 21 dpor executions are 21 classes here, summing to dfs's
// 2,909. Cost (callgrind, whole search with every access scheduled, //bench:increments_bench
// dpor_counted against dpor_scheduled): increments 3x2 unlocked 301M -> 518M instructions
// (+72%), 3x3 locked 98M -> 186M (+90%), 4x2 locked 147M -> 294M (+100%); before the
// reachable-only count, 680M, 941M and 1,902M (the last with 60 % of its classes unsized when
// the budget ran out). The explorer counts only when asked (ExploreOptions::count_interleavings;
// the CLI asks for text, JSON and HTML reports), within a budget per search
// (kClassSizeSearchBudget).
#ifndef INTERLEAVE_CHECKER_CLASS_SIZE_H_
#define INTERLEAVE_CHECKER_CLASS_SIZE_H_

#include <cstdint>

#include "model/trace.h"

namespace interleave {

// The default cap on one class's work (in kClassSizeSearchBudget's units): beyond it its
// size is left unknown.
inline constexpr int64_t kClassSizeMaxStates = int64_t{1} << 22;
// What one search (each worker of it) may spend on counting, in ClassSize's units of work
// (the set-up's entries, the pairs of events compared while building the order, each
// down-set's threads x threads `ready` tests and its successors): a second or two (the pthread
// 4 x 3 locked increments, `exec --report=json`: 12.2 s of CPU against 9.7-10.1 s for
// `--report=trace`). Past it, the classes still to come are not sized, so that counting never
// makes a long search much longer.
inline constexpr int64_t kClassSizeSearchBudget = int64_t{1} << 26;

struct ClassSizeResult {
  // The number of interleavings in the execution's class; -1 when not computed (see above).
  int64_t interleavings = -1;
  // A hash of the class's dependence order: equal for two executions of one class (distinct
  // classes collide with negligible probability). 0 when not computed.
  uint64_t print = 0;
  // The work done, in kClassSizeSearchBudget's units (at most about max_states).
  int64_t states = 0;
};

// The size of `trace`'s class, run in time mode `time`. Does not change the trace.
ClassSizeResult ClassSize(const Trace& trace, TimeMode time,
                          int64_t max_states = kClassSizeMaxStates);

}  // namespace interleave

#endif  // INTERLEAVE_CHECKER_CLASS_SIZE_H_
