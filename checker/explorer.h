// Explore: runs executions of a scenario under a strategy until the strategy has no more, or a
// bound is hit, runs every detector on each, and returns the Result.
//
// The counterexample is the execution with findings that has a bug rather than only warnings,
// then the most specific finding (FindingKind's order), then the fewest preemptions, then the
// fewest steps, of all explored, so that the report shows the simplest interleaving of the
// most telling defect the search met. An execution that ended in a lock misuse
// (EndReason::kMisuse) is one with findings like any other; the search goes on.
// The verdict is never PASS unless the strategy's search ended and was exhaustive (or a
// replay ran to its end): a bound hit without findings is INCOMPLETE, with its cause; an
// execution cut off by the step bound is a suspected LIVELOCK (a warning).
#ifndef INTERLEAVE_CHECKER_EXPLORER_H_
#define INTERLEAVE_CHECKER_EXPLORER_H_

#include <atomic>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "checker/result.h"
#include "checker/strategy.h"

namespace interleave {

// The counts of a running search, for a progress display (ExploreOptions::progress).
struct ExploreProgress {
  int64_t executions = 0;                // Complete executions so far (every worker's).
  int64_t executions_with_findings = 0;  // ... of which had findings (bugs or warnings).
  int64_t pruned = 0;                    // Executions a reduction gave up as redundant.
  double seconds = 0;                    // Wall time since the search started.
};

// What ExploreOptions::stop_on_first_bug makes Result::coverage say when it stopped a search.
inline constexpr const char* kStoppedAtFirstBug = "stopped at the first bug; not exhaustive";

// Whether a plain access (a Shared<T> read or write, an unmodified program's plain memory
// access) is a scheduling point of its own (ExploreOptions::plain_accesses).
enum class PlainAccesses {
  // The race-free reduction (dpor only; the other strategies schedule every access): plain
  // accesses are taken right after their thread's previous step, with no scheduling point of
  // their own, while no explored execution has a data race. For a program without data races
  // that loses nothing: every execution is equivalent (the same happens-before, the same
  // values read) to one whose threads switch only at synchronisation operations, and if some
  // execution has a race, one that switches only there has one too (Stoller, "Model-checking
  // multi-threaded distributed Java programs", STTT 2002; CHESS's data-race-free search,
  // Musuvathi and Qadeer, PLDI 2007). The first execution with a data race, or one cut off by
  // the step bound (a thread spinning on a plain variable never lets the writer run), breaks
  // that premise: the search then starts over with every access scheduled, and only that
  // search's executions count. Result::settings["plain_accesses"] says which search ran.
  // Not with count_interleavings, whose figures are per class of the full search, nor in a
  // part of a split search (parts > 1), whose parts must split one tree without talking.
  kRaceFree,
  kScheduled,  // Every plain access is a scheduling point.
  kInline,     // Never one (a replay of an execution of the reduced search).
};
std::string_view PlainAccessesName(PlainAccesses mode);

struct ExploreOptions {
  int64_t max_executions = 1'000'000;
  int64_t max_steps = 10'000;  // Per execution: a spin or polling loop ends here.
  double max_seconds = 0;      // 0: no limit on wall time. Checked inside executions too.
  // About how much memory one execution's trace may take: past it the execution is cut off
  // and the search ends INCOMPLETE (Bound::kMemory).
  int64_t max_trace_bytes = int64_t{1} << 30;
  TimeMode time = TimeMode::kAny;
  // An execution that takes no step for this long blocks outside the model: the search is
  // given up with an ERROR result (checker/watchdog.h). 0: no watch; the search then runs on
  // the calling OS thread.
  double stall_seconds = 30;
  // Condition.wait may wake without a notify (time mode any only).
  bool spurious_wakeups = false;
  // What atomic loads may read (model/weak_memory.h): rc11 (the C++ memory model) or sc.
  MemoryModel memory_model = MemoryModel::kRc11;
  // OS threads to spread the search over, for a strategy that can be (Strategy::Workers:
  // dpor, dfs); others run on one. The verdict, the complete executions, the outcomes and the
  // counterexample are the same for any number; the pruned executions (dpor's sleep-set-
  // blocked ones, dfs's of another part) and the time may differ.
  int jobs = 1;
  // Part `part` (0-based) of `parts` disjoint parts of the search (dpor: checker/split.h; dfs:
  // its own split), with no communication between the parts: the parts' results merged
  // (MergeParts) are the whole search's. A part that ran to its end is exhaustive over its
  // part only: Result::coverage says "part i of n", and settings["part"] is "i/n" (1-based).
  // Strategies that cannot be split (random, pct, bounded, replay) accept only parts == 1.
  int part = 0;
  int parts = 1;
  // A stop request (SIGINT/SIGTERM in the CLI): when set, the search stops before its next
  // execution, with Bound::kInterrupted; every worker of a --jobs search stops too. nullptr:
  // none.
  const std::atomic<bool>* stop = nullptr;
  // Bytes of stack per model thread (ExecutionLimits::stack_size; from 16 KiB to 1 GiB): a
  // thread that overflows it is a CRASH finding naming the thread and its deepest line.
  std::size_t stack_size = ExecutionLimits::kDefaultStackSize;
  // Stop after the first execution with a finding that is a bug (not only warnings): the
  // verdict is BUG, the search is not exhaustive, and Result::coverage is kStoppedAtFirstBug.
  // With jobs > 1, every worker stops (others may finish the execution they were running, so
  // a few more executions may be counted).
  bool stop_on_first_bug = false;
  // Under dpor: count how many interleavings each explored class stands for
  // (Result::outcome_interleavings, checker/class_size.h). Costs time per execution; a report
  // that shows the figure asks for it.
  bool count_interleavings = false;
  // The symmetry reduction (checker/symmetry.h; dpor only): the threads a scenario declared
  // symmetric (Thread::set_symmetric) are explored once per permutation class. The outcomes and
  // the kinds of findings stay those of the full search; the executions and the outcome counts
  // then count classes up to symmetry, and Result::settings["symmetry"] names the groups for
  // the coverage statement. An operation that tells the members apart is an ERROR. No
  // interleaving counts under it (count_interleavings is ignored). Other strategies ignore
  // it: they run their whole search.
  bool symmetry = false;
  PlainAccesses plain_accesses = PlainAccesses::kRaceFree;
  // The release reduction, part of the race-free one (ExecutionLimits::releases_inline): a
  // lock's release by the thread that holds it has no scheduling point of its own, while no
  // explored execution breaks the premise that makes that sound (an acquire of a lock that may
  // fail, non-blocking or timed, or a release by a thread that does not hold the lock). The
  // first that does starts the search over with every release scheduled (plain accesses as
  // the race-free reduction has them); Result::settings["releases"] says which search ran.
  // Only where plain_accesses is kRaceFree (or kInline, a replay of a reduced execution whose
  // strategy says, Strategy::TakesReleasesInline).
  bool releases_inline = true;
  // Called from the search (on its OS thread, or one worker's at a time with jobs > 1) after
  // every `progress_every` executions with the counts so far; it must return quickly. The
  // checker never prints: a front end (tools/) shows them. Empty: not called.
  std::function<void(const ExploreProgress&)> progress;
  int64_t progress_every = 64;
};

Result Explore(const std::string& scenario, const std::function<void()>& body, Strategy& strategy,
               const ExploreOptions& options = {});

// The results of disjoint parts of one search (DfsStrategy(part, parts)) as one: counts
// added, the simplest counterexample kept, exhaustive only when every part was.
Result MergeResults(const std::vector<Result>& parts);

// The results of the parts 1..n of one search split with ExploreOptions::part as one
// (MergeResults), with the coverage of the whole: exhaustive only when every part was and the
// parts are exactly 1..n of one n (settings["part"]); otherwise INCOMPLETE, with a coverage
// statement naming the missing or repeated parts.
Result MergeParts(const std::vector<Result>& parts);

}  // namespace interleave

#endif  // INTERLEAVE_CHECKER_EXPLORER_H_
