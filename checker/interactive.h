// Interactive scheduling: runs a scenario under choices made outside the checker (a student
// who plays the scheduler, `interleave play`), and follows another execution's schedule by
// thread names (`run FIX --against=BUG`).
//
// RunToChoice is stateless, like the exhaustive strategies: it runs the scenario from its start
// with a prefix of choices (Trace::Schedule()'s format: at each branch point with several
// enabled threads the thread chosen, at each data choice the value's offset from lo), takes
// every step where only one thread can run by itself, and stops at the first branch point
// past the prefix (the execution is then given up: EndReason::kPruned). Undo is a shorter
// prefix. The trace it returns holds the steps so far and, for every unfinished thread, the
// operation it would perform next (ThreadInfo::pending, pending_object, pending_where) and
// whether it is blocked.
//
// FollowChooser replays a schedule written as thread names, one per step: at each branch point
// it runs the thread the schedule wants next when that thread can run, and otherwise records
// that the schedule is impossible there (Deviation) and runs another thread.
//
// Neither prints; tools/play.cc renders.
#ifndef INTERLEAVE_CHECKER_INTERACTIVE_H_
#define INTERLEAVE_CHECKER_INTERACTIVE_H_

#include <functional>
#include <string>
#include <vector>

#include "checker/explorer.h"
#include "checker/result.h"
#include "model/execution.h"
#include "model/trace.h"

namespace interleave {

// Where an execution following a prefix of choices stopped.
struct ChoicePoint {
  Trace trace;         // The steps so far (for a value choice: up to the choose step, excluded).
  bool ended = false;  // The execution ended before another choice; trace.end says how.
  bool value = false;  // The next choice is a data value in [lo, hi] (else a thread).
  int lo = 0;
  int hi = 0;
  std::vector<ThreadId> enabled;  // A thread choice: the threads that can run (ascending).
  int steps = 0;                  // Steps taken before the choice (trace.events' size).
  // When the prefix does not fit (a choice names a thread that cannot run, or a value out of
  // range): why, and the execution stops there (ended is true, trace.end kError).
  std::string error;
};

// Runs `body` under `prefix` to the next branch point past it (see above). With `every_step`,
// every scheduling point is a branch point, even where one thread only can run: the prefix
// then has a thread for every step (and a value for every data choice), and the point lists
// the one enabled thread.
ChoicePoint RunToChoice(const std::function<void()>& body, const std::vector<int>& prefix,
                        const ExecutionLimits& limits, bool every_step = false);

// The verdict, findings and outcome of the execution that `schedule` (complete) gives: the
// search a replay runs (ReplayStrategy), so the findings are those `run` reports.
Result ReplayResult(const std::string& scenario, const std::function<void()>& body,
                    const std::vector<int>& schedule, const ExploreOptions& options);

// The limits an execution of a search with `options` runs under.
ExecutionLimits LimitsOf(const ExploreOptions& options);

// A step of a schedule written by names (FollowChooser).
struct NamedStep {
  std::string thread;  // "Thread-2".
  OpKind op = OpKind::kLog;
  std::string object;  // "value"; empty when none.
  std::string value;   // What it read, wrote or chose (TraceEvent::value).
  std::string text;    // How the step read where it ran: "read value = 0 (lost_update.cc:27)".
};

// Where the followed schedule could not be taken: its next step (`wanted`, an index into it) is
// by a thread that cannot run at `step` of the new execution.
struct Deviation {
  int step = 0;                 // The step of the new execution about to run.
  std::size_t wanted = 0;       // Index into the followed steps.
  ThreadId thread = kNoThread;  // The thread wanted (in the new execution).
  ThreadId ran = kNoThread;     // The thread run instead.
  std::string why;              // "blocked in acquire on lock, held by Thread-1".
  OpKind op = OpKind::kLog;     // What the wanted thread is blocked in, and on which object.
  std::string object;
};

struct FollowResult {
  Trace trace;  // The new execution, complete (or ended by an error or a bound).
  // Per step of the new execution (index step - 1): the index of the followed step it matched,
  // or -1 for a step of its own (a lock the fix added, a sentinel).
  std::vector<int> matched;
  std::vector<Deviation> deviations;
  std::vector<int> schedule;  // Its choices, for ReplayResult.
};

// Follows `steps` on `body` (by RunToChoice with every_step, one step at a time). At a branch
// point: the thread of the next followed step when it is enabled; else (a Deviation) the thread
// that holds what the wanted thread waits for, when enabled, else the thread of the earliest later
// followed step that is enabled, else the lowest enabled thread. A step of the new execution
// by the wanted thread that matches the wanted step (same thread name, operation and object
// name; a log: the same message but for its numbers), or one of the two after it (those are passed
// over), consumes it; any other step is the new program's own. Followed steps of threads that
// finished, or that the new execution has no thread of that name for, are skipped. Data choices
// take the followed schedule's chosen values in order while they fit (else lo).
FollowResult Follow(const std::function<void()>& body, const std::vector<NamedStep>& steps,
                    const ExecutionLimits& limits);

// The steps of `trace` written by names (NamedStep::text: Trace::Describe and the line).
std::vector<NamedStep> NamedSteps(const Trace& trace);

// Why `thread` cannot run at the end of `trace` (a pruned or finished one): "blocked in
// acquire on lock, held by Thread-1", "waiting in get on q", "finished".
std::string BlockedReason(const Trace& trace, ThreadId thread);

}  // namespace interleave

#endif  // INTERLEAVE_CHECKER_INTERACTIVE_H_
