// DporStrategy: exhaustive search with dynamic partial-order reduction: source-DPOR with sleep
// sets (Abdulla, Aronis, Jonsson, Sagonas, "Optimal Dynamic Partial Order Reduction", POPL
// 2014, Algorithm 1; sleep sets after Godefroid 1996).
//
// Two operations are dependent when they touch the same object and at least one changes it
// (model/trace.h OpModifies); everything else commutes, so interleavings that differ only in
// the order of independent operations are one Mazurkiewicz trace and one execution suffices.
// Beyond objects: every step of a thread changes the thread's liveness, which is_alive,
// exitcode, a timed join, terminate and the program's exit-wait and kill of a daemon read or
// change (TraceEvent::observes), so those depend on each step of that thread, even one (a log)
// that touches no object. A global event (TraceEvent::global: enumerate, active_count) depends
// on every event. Two starts depend on each other: each numbers the thread it starts
// (thread::id, pthread_t), so their order decides which thread gets which number. The operation a
// killed thread was about to perform, one a thread is blocked in at a deadlock, and the next
// operation of every other thread when an execution ends at a failure or at the step bound never
// ran: each is analysed as a step after the trace's end that races with the kill and with every
// earlier dependent step (so a writer that a spin on a plain variable kept out until the step bound
// is tried before the spin's reads). A thread blocked at a decision races with the last change to
// what blocks it (Flanagan and Godefroid 2005: the next operation of every thread, enabled or not).
// After each execution the trace is analysed: its happens-before (program order, thread start
// and join, and dependence) is computed with vector clocks, and for every reversible race
// e < e' (dependent, different threads, e' not already ordered after e) a thread that starts
// the reversed order (an initial of notdep(e).e') is added to the backtrack set of the point
// before e, unless one already is. A lock's acquires race with each other (a release and the
// next acquire cannot be reversed). Sleep sets keep a thread that was explored at a point from
// running again after operations independent of its own; an execution whose every enabled
// thread is asleep is pruned and counted apart (Statistics::pruned).
//
// Data choices (choose) are explored for every value, with no reduction across them. Under
// the rc11 memory model (model/weak_memory.h) the stores an atomic load may read and the places
// a store may take in modification order are such choices, made in the operation's step; the
// dependence above stays (a load and a store of one atomic are dependent, two loads are not),
// so every interleaving class is explored with every choice, and with it every RC11-consistent
// execution graph (each is reached by any linearization of its po ∪ rf, and every prefix of it
// is consistent). Classes overlap on graphs (a load that reads an old store may run before or
// after a newer one): the explorer counts each graph once (Trace::graph_print) and the others
// apart (Statistics::duplicate_graphs). Threads
// are tracked in 64-bit sets: a scenario with more than 64 threads is an error under dpor.
// Races whose later event lies in the prefix an execution replayed were handled by the
// execution that first ran that prefix, so each execution analyses only its new steps.
//
// Polling loops (time mode any): a thread that timed out may time out again only once another
// thread changed an object it touched since (model/execution.h, the polling rule). Whether it
// can is thus decided by dependent operations on those objects, which the races above already
// order both ways, so timeouts need no dependence of their own: a timeout commutes with every
// operation on other objects. When no thread can run, every timed wait may time out; the
// enabled set (recorded per decision) says so. The oracle has four polling programs (a poller
// counting its timeouts, a consumer polling a queue until its producer is done, two pollers on
// one event, a consumer giving up after two timeouts).
//
// Parallel search (Workers): the workers explore one tree. Each keeps its own path; a decision
// node that several paths pass through shares its backtrack set (added to by any of them, with
// an atomic or) and its done set (under one mutex, taken once per execution), so every branch
// is taken by exactly one worker. A worker that runs out of branches asks for work, and the next
// worker to start an execution gives it the shallowest untaken branch of its own path (a prefix
// to replay). A branch's sleep set is the done set of its node when the branch was taken, as in
// the sequential order: a branch taken later sleeps on this one, and this one does not sleep on
// it, so no two workers explore the same Mazurkiewicz trace (the complete executions are the
// same as on one thread; only the sleep-set-blocked ones may differ in number). Races are
// reversed wherever they are found, since each worker analyses its own executions. Simsa,
// Bryant, Gibson, Hickey, "Scalable Dynamic Partial Order Reduction", RV 2012, share a tree the
// same way.
//
// Symmetry (ExploreOptions::symmetry; checker/symmetry.h has the rule and why it is sound
// with source sets and sleep sets): at a new decision the threads the rule forbids are left
// out of the choice and of the awake set, and a backtrack request for one is mapped to the
// fresh member of its group there.
//
// Splitting (ExploreOptions::part, SetPart): part i of n fully branches the first K branch
// points and explores the subtrees below the first D <= K that it owns (checker/split.h,
// TopSplit).
//
// Invariants: every Mazurkiewicz trace of the scenario is explored at least once (the same
// outcomes and findings as dfs; the oracle test checks it program by program); the scenario is
// deterministic given its schedule. In time mode any the runtime replays a recorded prefix
// without recomputing enabled sets (ReplayedThread, most of all steps), checking only that the
// recorded thread can run; in virtual time a replayed decision whose enabled set differs from
// the recorded one is an error.
#ifndef INTERLEAVE_CHECKER_DPOR_H_
#define INTERLEAVE_CHECKER_DPOR_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <mutex>
#include <span>
#include <utility>
#include <vector>

#include "checker/split.h"
#include "checker/step_record.h"
#include "checker/strategy.h"
#include "checker/symmetry.h"
#include "model/vector_clock.h"

namespace interleave {

// Whether thread ta's next operation a and thread tb's next operation b commute: dpor's
// dependence relation (its sleep sets), also what checker/class_size.h counts with.
bool Independent(ThreadId ta, const PendingOp& a, ThreadId tb, const PendingOp& b);

class DporStrategy : public Strategy {
 public:
  DporStrategy();
  ~DporStrategy() override;
  std::string_view name() const override { return "dpor"; }
  bool StartExecution() override;
  ThreadId ChooseThread(const SchedulePoint& point) override;
  bool ReplayedThread(int step, Replayed& decision) override;
  std::span<const StepPrint> ReplayedSteps() override;
  int ChooseValue(int step, int lo, int hi) override;
  void EndExecution(Trace& trace) override;
  bool exhaustive() const override { return true; }
  std::vector<std::unique_ptr<Strategy>> Workers(int count) override;
  void StopWorkers() override;
  bool SetPart(int part, int parts) override;
  bool Restart() override;

  // The tree the workers of one search share (dpor.cc).
  struct Shared;
  // What a node shares with every path through it.
  struct Branch;

 private:
  DporStrategy(std::shared_ptr<Shared> shared, int worker);

  // One decision of the current path: which thread ran a step, or which value a choose took.
  struct Node {
    bool is_value = false;
    int step = 0;
    // A thread decision.
    uint64_t enabled = 0;   // The threads able to run here.
    int enabled_count = 0;  // How many (enabled holds those below 64).
    // Every thread's next operation here: pending_[pending_begin, pending_begin + threads).
    std::size_t pending_begin = 0;
    int threads = 0;
    uint64_t sleep = 0;  // Asleep on arrival: not to run here.
    // The threads not enabled here whose next operation waits on an object other than a lock
    // (the blocked races of AddBacktrackPoints start from these).
    uint64_t blocked_on_objects = 0;
    // Run here already when this path took `chosen` (by any worker): what the next decision's
    // sleep set starts from.
    uint64_t done = 0;
    ThreadId chosen = kNoThread;
    // The branch points of the path up to this node, this one included (TopSplit).
    int branch_points = 0;
    // A value decision.
    int lo = 0;
    int hi = 0;
    int value = 0;
    // Under the symmetry reduction (checker/symmetry.h): the threads that may not take their
    // first step here, and each group's fresh member, which stands for them.
    SymmetryMask symmetry;
    // Both: the backtrack set (threads to run here, those run already included) and what has
    // been taken here, shared with the other paths through this node. None at a thread
    // decision with one awake thread, which never branches.
    Branch* branch = nullptr;
  };
  // A prefix to explore, handed from a worker to a hungry one: its path, the last node's
  // branch taken.
  struct Gift {
    std::vector<Node> path;
    std::vector<PendingOp> pending;
    std::vector<StepPrint> prints;  // The steps before the last node's.
  };

  Branch* NewBranch(uint64_t taken);
  // With the shared mutex held: takes `node`'s next untaken branch into `into` (its thread and
  // done set, or its value). False when none is left.
  bool TakeBranch(const Node& node, Node& into);
  // With the shared mutex held: the next branch of the path (popping exhausted nodes), else
  // a gift, else false once every worker is out of branches or the search is stopped.
  bool NextBranch(std::unique_lock<std::mutex>& lock);
  // With the shared mutex held: gives a hungry worker the shallowest untaken branch of path_.
  void Donate();
  // Pops path_'s last node (mutex held).
  void PopNode();

  uint64_t SleepForNewNode() const;
  // Splitting (checker/split.h): the name of the subtree path_ lies in, from its first D
  // branch points (TopSplit::own_depth); whether a new branch point after `above` others
  // enters a subtree of another part (then the execution is pruned).
  uint64_t SubtreeName() const;
  bool SkipsSubtree(int above);
  const PendingOp& PendingAt(const Node& node, ThreadId t) const {
    return pending_[node.pending_begin + static_cast<std::size_t>(t)];
  }
  void AddBacktrackPoints(const Trace& trace);
  // AddBacktrackPoints on an atomic of a weak trace: appends to candidates_ the earlier accesses
  // `e` races with, and to read_sources_ the store it read from (an edge with no race).
  void WeakLocationDependences(const Trace& trace, const TraceEvent& e, int last,
                               const VectorClock& now);

  std::shared_ptr<Shared> shared_;
  int worker_ = 0;
  TopSplit split_;
  bool skipping_ = false;  // This execution reached a subtree of another part (at a choose).
  std::vector<Branch*> free_branches_;  // Branches no path uses, for NewBranch.
  std::vector<Node> path_;
  // The pending operations of every thread decision of path_, node after node (a stack that
  // grows and shrinks with path_, so exploring allocates nothing once it is large enough).
  std::vector<PendingOp> pending_;
  std::size_t depth_ = 0;
  int new_from_step_ = 0;  // This execution's steps before this one replay an explored prefix.
  // Per thread of the last execution: its symmetry group's number, or -1 (empty: none).
  std::vector<int> groups_;
  // The steps of the last execution of this path: what the replayed prefix must repeat.
  StepRecord steps_;
  // Per event of the last analysed trace: its happens-before clock, its thread position, the
  // previous access to its object and the previous event that read the same thread's liveness
  // (-1: none). The replayed prefix of the next trace is the same, so they are kept, not
  // recomputed.
  std::vector<VectorClock> clocks_;
  std::vector<uint32_t> local_;
  std::vector<int> prev_access_;
  std::vector<int> prev_observer_;
  int cached_events_ = 0;
  // The analysis state (AddBacktrackPoints's per-thread and per-object positions), a row of
  // 5 * threads_capacity_ + 3 * objects_capacity_ + 1 ints: state_ while analysing, and in
  // snapshots_ row j the state before event j of the last trace, so that the analysis of the
  // next trace starts where its replayed prefix ends.
  std::vector<int> state_;
  std::vector<int> snapshots_;
  int threads_capacity_ = 0;
  int objects_capacity_ = 0;

  // AddBacktrackPoints's working storage, kept across executions so that the analysis of one
  // execution allocates nothing once the buffers have grown to the scenario's size.
  // A thread blocked at a decision, racing with an earlier change to what blocks it.
  struct BlockedRace {
    int earlier;        // The earlier event.
    ThreadId thread;    // The blocked thread.
    int position;       // The position of the decision's step among the events.
    VectorClock clock;  // The blocked thread's clock there.
  };
  std::vector<const TraceEvent*> events_;
  std::vector<TraceEvent> blocked_;
  std::vector<std::pair<int, int>> races_;
  std::vector<int> read_sources_;  // The stores an access to a weak location read from.
  // Races of a lock acquire that need not wait with the release before it (TraceEvent::
  // may_fail): reversed only where the acquire's thread is awake.
  std::vector<std::pair<int, int>> release_races_;
  std::vector<int> candidates_;
  std::vector<BlockedRace> blocked_races_;
  std::vector<std::pair<int, ThreadId>> blocked_seen_;
  std::vector<uint32_t> first_in_v_;
};

}  // namespace interleave

#endif  // INTERLEAVE_CHECKER_DPOR_H_
