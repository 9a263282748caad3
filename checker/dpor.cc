#include "checker/dpor.h"

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <string>
#include <utility>

#include "model/error.h"
#include "model/vector_clock.h"

namespace interleave {
namespace {

constexpr int kMaxThreads = 64;

uint64_t Bit(ThreadId t) { return uint64_t{1} << t; }
bool Has(uint64_t set, ThreadId t) { return (set & Bit(t)) != 0; }

// The errors, out of line: ChooseThread runs at every step, and building their messages
// inline costs it a heavier prologue.
[[noreturn, gnu::noinline, gnu::cold]] void ThrowNondeterministic(int step) {
  throw ModelError("the scenario is not deterministic: at step " + std::to_string(step) +
                   " the same schedule reached different runnable threads (nondeterminism "
                   "outside the model, e.g. real time or real randomness)");
}

[[noreturn, gnu::noinline, gnu::cold]] void ThrowTooManyThreads(std::size_t threads) {
  throw ModelError("dpor explores at most 64 threads; this scenario has " +
                   std::to_string(threads) + " (use --strategy=dfs)");
}

}  // namespace

bool Independent(ThreadId ta, const PendingOp& a, ThreadId tb, const PendingOp& b) {
  if (a.global || b.global) return false;
  if (a.observes == tb || b.observes == ta) return false;
  // Starts take the next thread numbers (thread::id, pthread_t): two starts in either order
  // number the new threads the other way round.
  if (a.kind == OpKind::kStart && b.kind == OpKind::kStart) return false;
  if (a.object == kNoObject || b.object == kNoObject || a.object != b.object) return true;
  return !OpModifies(a.kind) && !OpModifies(b.kind);
}

struct DporStrategy::Branch {
  // Thread decisions: the threads to run here, those run already included. Added to by the
  // analysis of any worker whose path passes here, without the mutex.
  std::atomic<uint64_t> backtrack{0};
  // Under Shared::mutex from here on, except in NewBranch: a branch on no path and in no gift
  // is seen by the worker whose free list holds it only.
  uint64_t done = 0;   // Thread decisions: the threads taken here (by any worker).
  int next_value = 0;  // Value decisions: the next value to take.
  int users = 0;       // The paths (and gifts) that pass through the node.
};

struct DporStrategy::Shared {
  explicit Shared(int count) : workers(count), arenas(static_cast<std::size_t>(count)) {}

  std::mutex mutex;
  std::condition_variable wake;  // A gift, the end of the search, or a stop.
  const int workers;
  int hungry = 0;        // Workers out of branches: waiting for a gift, or finished.
  bool started = false;  // A worker has taken the first execution.
  bool stopped = false;  // StopWorkers.
  std::vector<Gift> gifts;
  // Per worker: the branches it allocated (a deque keeps them in place). A branch no path
  // uses any more goes to the free list of the worker that let go of it last.
  std::vector<std::deque<Branch>> arenas;
};

DporStrategy::DporStrategy() : shared_(std::make_shared<Shared>(1)) {}

DporStrategy::DporStrategy(std::shared_ptr<Shared> shared, int worker)
    : shared_(std::move(shared)), worker_(worker) {}

DporStrategy::~DporStrategy() = default;

std::vector<std::unique_ptr<Strategy>> DporStrategy::Workers(int count) {
  shared_ = std::make_shared<Shared>(count);  // This strategy only stops them from now on.
  std::vector<std::unique_ptr<Strategy>> workers;
  for (int i = 0; i < count; ++i) {
    workers.push_back(std::unique_ptr<Strategy>(new DporStrategy(shared_, i)));
    static_cast<DporStrategy&>(*workers.back()).split_ = split_;
  }
  return workers;
}

bool DporStrategy::SetPart(int part, int parts) {
  split_ = TopSplit(part, parts);
  return true;
}

bool DporStrategy::Restart() {
  path_.clear();  // Before the arenas its branches live in go.
  free_branches_.clear();
  shared_ = std::make_shared<Shared>(1);
  pending_.clear();
  depth_ = 0;
  new_from_step_ = 0;
  skipping_ = false;
  groups_.clear();
  steps_.Assign({});
  cached_events_ = 0;
  return true;
}

uint64_t DporStrategy::SubtreeName() const {
  uint64_t name = TopSplit::kEmpty;
  int above = 0;
  for (const Node& node : path_) {
    if (node.branch_points == above) continue;  // Not a branch point.
    if (node.branch_points > split_.own_depth()) break;
    above = node.branch_points;
    name = TopSplit::Extend(name, node.is_value ? node.value : node.chosen);
  }
  return name;
}

bool DporStrategy::SkipsSubtree(int above) {
  return split_.active() && above == split_.own_depth() && !split_.Owns(SubtreeName());
}

void DporStrategy::StopWorkers() {
  const std::lock_guard<std::mutex> lock(shared_->mutex);
  shared_->stopped = true;
  shared_->wake.notify_all();
}

DporStrategy::Branch* DporStrategy::NewBranch(uint64_t taken) {
  Branch* branch = nullptr;
  if (free_branches_.empty()) {
    branch = &shared_->arenas[static_cast<std::size_t>(worker_)].emplace_back();
  } else {
    branch = free_branches_.back();
    free_branches_.pop_back();
  }
  branch->backtrack.store(taken, std::memory_order_relaxed);
  branch->done = taken;
  branch->next_value = 0;
  branch->users = 1;
  return branch;
}

void DporStrategy::PopNode() {
  Node& node = path_.back();
  if (node.branch != nullptr && --node.branch->users == 0) free_branches_.push_back(node.branch);
  pending_.resize(node.pending_begin);
  path_.pop_back();
}

bool DporStrategy::StartExecution() {
  depth_ = 0;
  skipping_ = false;
  std::unique_lock<std::mutex> lock(shared_->mutex);
  if (shared_->stopped) return false;
  if (!shared_->started) {
    shared_->started = true;
    new_from_step_ = 0;
    return true;
  }
  if (!NextBranch(lock)) return false;
  if (shared_->hungry > static_cast<int>(shared_->gifts.size())) Donate();
  return true;
}

bool DporStrategy::TakeBranch(const Node& node, Node& into) {
  Branch& branch = *node.branch;
  if (node.is_value) {
    if (branch.next_value > node.hi) return false;
    into.value = branch.next_value++;
    return true;
  }
  const uint64_t candidates =
      branch.backtrack.load(std::memory_order_relaxed) & ~branch.done & ~node.sleep;
  if (candidates == 0) return false;
  into.chosen = __builtin_ctzll(candidates);
  branch.done |= Bit(into.chosen);
  into.done = branch.done;
  return true;
}

bool DporStrategy::NextBranch(std::unique_lock<std::mutex>& lock) {
  while (!path_.empty()) {
    Node& node = path_.back();
    // A node without a branch has one awake thread: nothing else can run there.
    if (node.branch != nullptr && TakeBranch(node, node)) {
      new_from_step_ = node.step;
      return true;
    }
    PopNode();
  }
  // Out of branches: wait for a gift, until every worker is out of them.
  ++shared_->hungry;
  while (true) {
    if (shared_->stopped) return false;
    if (!shared_->gifts.empty()) {
      Gift gift = std::move(shared_->gifts.back());
      shared_->gifts.pop_back();
      --shared_->hungry;
      path_ = std::move(gift.path);
      pending_ = std::move(gift.pending);
      steps_.Assign(std::move(gift.prints));
      new_from_step_ = path_.back().step;
      cached_events_ = 0;  // Another path: the analysis starts over.
      return true;
    }
    if (shared_->hungry == shared_->workers) {
      shared_->wake.notify_all();  // The search has ended.
      return false;
    }
    shared_->wake.wait(lock);
  }
}

void DporStrategy::Donate() {
  for (std::size_t k = 0; k < path_.size(); ++k) {
    const Node& node = path_[k];
    Node given = node;
    if (node.branch == nullptr || !TakeBranch(node, given)) continue;
    Gift gift;
    gift.path.assign(path_.begin(), path_.begin() + static_cast<std::ptrdiff_t>(k));
    gift.path.push_back(given);
    for (const Node& n : gift.path) {
      if (n.branch != nullptr) ++n.branch->users;
    }
    gift.pending.assign(
        pending_.begin(),
        pending_.begin() + static_cast<std::ptrdiff_t>(node.pending_begin +
                                                       static_cast<std::size_t>(node.threads)));
    const std::span<const StepPrint> replayed = steps_.Before(given.step);
    gift.prints.assign(replayed.begin(), replayed.end());
    shared_->gifts.push_back(std::move(gift));
    shared_->wake.notify_one();
    return;
  }
}

// The sleep set of a new thread decision: what was asleep at the previous thread decision, or
// explored there before its current choice, and is independent of the operation chosen there.
uint64_t DporStrategy::SleepForNewNode() const {
  for (auto node = path_.rbegin(); node != path_.rend(); ++node) {
    if (node->is_value) continue;
    const PendingOp& ran = PendingAt(*node, node->chosen);
    uint64_t sleep = 0;
    for (uint64_t asleep = (node->sleep | node->done) & ~Bit(node->chosen); asleep != 0;
         asleep &= asleep - 1) {
      const ThreadId t = __builtin_ctzll(asleep);
      if (Independent(t, PendingAt(*node, t), node->chosen, ran)) sleep |= Bit(t);
    }
    return sleep;
  }
  return 0;
}

bool DporStrategy::ReplayedThread(int step, Replayed& decision) {
  if (depth_ >= path_.size()) return false;
  const Node& node = path_[depth_];
  if (node.is_value || node.step != step) return false;  // ChooseThread reports the mismatch.
  ++depth_;
  decision.chosen = node.chosen;
  decision.enabled = node.enabled;
  decision.enabled_count = node.enabled_count;
  return true;
}

std::span<const StepPrint> DporStrategy::ReplayedSteps() { return steps_.Before(new_from_step_); }

ThreadId DporStrategy::ChooseThread(const SchedulePoint& point) {
  const std::vector<ThreadId>& enabled = *point.enabled;
  // point.enabled_set is the whole enabled set when its highest thread (enabled is ascending)
  // fits in a thread set.
  const bool in_range = enabled.back() < kMaxThreads;
  const uint64_t enabled_set = point.enabled_set;
  if (depth_ < path_.size()) {
    const Node& node = path_[depth_++];
    if (node.is_value || !in_range || node.enabled != enabled_set) {
      ThrowNondeterministic(point.step);
    }
    return node.chosen;
  }
  if (skipping_) throw PruneExecution{};
  // Only a new decision needs every thread's next operation; a replayed one knows them.
  const std::vector<PendingOp>& pending = point.Pending();
  if (pending.size() > kMaxThreads) ThrowTooManyThreads(pending.size());
  Node node;
  node.step = point.step;
  node.enabled = enabled_set;
  node.pending_begin = pending_.size();
  node.threads = static_cast<int>(pending.size());
  node.sleep = SleepForNewNode();
  const uint64_t all = node.threads >= 64 ? ~uint64_t{0} : Bit(node.threads) - 1;
  for (uint64_t waiting = all & ~enabled_set; waiting != 0; waiting &= waiting - 1) {
    const ThreadId p = __builtin_ctzll(waiting);
    const PendingOp& op = pending[static_cast<std::size_t>(p)];
    if (!op.finished && op.object != kNoObject &&
        point.execution->object(op.object).kind != ObjectKind::kLock) {
      node.blocked_on_objects |= Bit(p);
    }
  }
  if (const std::span<const int> groups = point.execution->SymmetryGroups(); !groups.empty())
      [[unlikely]] {
    node.symmetry = SymmetryAt(groups, enabled_set, point.execution->SteppedThreads());
  }
  ThreadId chosen = kNoThread;
  // Prefer the thread that ran last (fewer preemptions), else the lowest awake one.
  for (ThreadId t : enabled) {
    if (Has(node.sleep | node.symmetry.forbidden, t)) continue;
    if (chosen == kNoThread || t == point.previous) chosen = t;
  }
  if (chosen == kNoThread) throw PruneExecution{};  // Every enabled thread is asleep.
  // Threads the symmetry rule forbids here are neither chosen nor branched to.
  const uint64_t awake = node.enabled & ~node.sleep & ~node.symmetry.forbidden;
  const bool branches = (awake & ~Bit(chosen)) != 0;
  const int above = path_.empty() ? 0 : path_.back().branch_points;
  if (branches && SkipsSubtree(above)) throw PruneExecution{};  // Another part's subtree.
  node.branch_points = above + (branches ? 1 : 0);
  pending_.insert(pending_.end(), pending.begin(), pending.end());
  node.chosen = chosen;
  node.done = Bit(chosen);
  // A thread decision with one awake thread never branches: it needs no shared sets (its
  // backtrack set could only ever hold that thread).
  node.enabled_count = static_cast<int>(enabled.size());
  if (branches) {
    node.branch = NewBranch(Bit(chosen));
    // The top of a split search: every awake thread (checker/split.h).
    if (split_.active() && above < split_.depth()) {
      node.branch->backtrack.store(awake, std::memory_order_relaxed);
    }
  }
  path_.push_back(node);
  ++depth_;
  return chosen;
}

int DporStrategy::ChooseValue(int step, int lo, int hi) {
  if (depth_ < path_.size()) {
    const Node& node = path_[depth_++];
    if (!node.is_value || node.lo != lo || node.hi != hi) {
      throw ModelError("the scenario is not deterministic: at step " + std::to_string(step) +
                       " the same schedule reached a different choice");
    }
    return node.value;
  }
  const int above = path_.empty() ? 0 : path_.back().branch_points;
  if (skipping_ || SkipsSubtree(above)) {
    // Another part's subtree: the execution ends pruned at its next decision or at its end
    // (a choose runs inside the scenario's code, where the prune cannot be thrown).
    skipping_ = true;
    return lo;
  }
  Node node;
  node.is_value = true;
  node.branch_points = above + 1;  // ChooseValue is asked only when hi > lo.
  node.step = step;
  node.lo = lo;
  node.hi = hi;
  node.value = lo;
  node.pending_begin = pending_.size();
  node.branch = NewBranch(0);
  node.branch->next_value = lo + 1;
  path_.push_back(node);
  ++depth_;
  return lo;
}

void DporStrategy::EndExecution(Trace& trace) {
  if (trace.end == EndReason::kError) return;
  // Splitting: an execution that ends above the subtrees' roots is a subtree of its own.
  if (split_.active() && trace.end != EndReason::kPruned &&
      (skipping_ || ((path_.empty() ? 0 : path_.back().branch_points) <= split_.own_depth() &&
                     !split_.Owns(SubtreeName())))) {
    trace.end = EndReason::kPruned;
  }
  if (trace.end != EndReason::kPruned && depth_ < path_.size()) {
    trace.end = EndReason::kError;
    trace.error = "the scenario is not deterministic: the same schedule ended after " +
                  std::to_string(depth_) + " decisions where it had taken " +
                  std::to_string(path_.size());
    return;
  }
  steps_.Keep(trace, new_from_step_);
  groups_.clear();
  for (const ThreadInfo& info : trace.threads) {
    if (info.symmetry_group.empty()) {
      groups_.push_back(-1);
      continue;
    }
    // Numbered by their first member: only which threads share a group matters.
    int group = static_cast<int>(groups_.size());
    for (std::size_t t = 0; t < groups_.size(); ++t) {
      if (groups_[t] >= 0 && trace.threads[t].symmetry_group == info.symmetry_group) {
        group = groups_[t];
        break;
      }
    }
    groups_.push_back(group);
  }
  AddBacktrackPoints(trace);
}

// The races of an access to a weak location (an atomic of a trace that ran a weaker than
// seq_cst operation under RC11). There a load chooses among every store coherence allows,
// and a store its place in modification order (TraceEvent::weak_choice), so of two such
// accesses in either order only a read run before a store lacks a graph: run after it, the
// read could read that store. So a choice-made access `e` depends on an earlier choice-made
// access that reads when e writes (a race, reversed), and on the store it read (no race to
// reverse: run before that store, e reads another one, which its choices at its place offer
// already), and on nothing else of them: two stores commute (either order allows both places
// in modification order), as do a store and a later read of another store. Every other pair
// (a plain access of the word, an operation of the execution's seq_cst-only start, which read
// the latest store and placed stores last) depends as elsewhere: when one of them modifies.
// Since stores need not be ordered, every earlier access of the location is looked at (latest
// first, skipping those that happen before e by an event already taken).
// Out of line: the analysis's loop stays as small as before for every other object.
[[gnu::noinline]] void DporStrategy::WeakLocationDependences(const Trace& trace,
                                                             const TraceEvent& e, int last,
                                                             const VectorClock& now) {
  VectorClock seen = now;
  const bool writes = OpModifies(e.kind);
  for (int i = last; i >= 0; i = prev_access_[i]) {
    const TraceEvent& earlier = *events_[i];
    if (earlier.thread == e.thread || seen.Get(earlier.thread) >= local_[i]) continue;
    bool race = false;
    bool source = false;
    if (earlier.weak_choice && e.weak_choice) {
      race = writes && earlier.reads_from >= 0;
      source = e.reads_from == earlier.step;
    } else if (earlier.weak_choice || e.weak_choice) {
      // The runtime's futex wake touches the word's waiters, not its value (its barrier, an
      // SC fence, closes no psc cycle wherever it is added: nothing follows it yet). Not so
      // the std mirror's notify of an Atomic, whose wait joins the waiters in its load's step.
      const OpKind other = earlier.weak_choice ? e.kind : earlier.kind;
      const bool futex_wake =
          other == OpKind::kNotify && trace.objects[e.object].kind != ObjectKind::kAtomic;
      race = !futex_wake && (writes || OpModifies(earlier.kind));
    } else {
      race = writes || OpModifies(earlier.kind);
    }
    if (!race && !source) continue;
    (race ? candidates_ : read_sources_).push_back(i);
    seen.Join(clocks_[i]);
  }
}

[[gnu::flatten]] void DporStrategy::AddBacktrackPoints(const Trace& trace) {
  // The trace's events, then the operation each unfinished thread was blocked in, or was about
  // to perform when it was killed: those never ran, but they race with what blocked them (a
  // deadlock's other lock order is found so) or with the kill.
  std::vector<const TraceEvent*>& events = events_;
  events.clear();
  events.reserve(trace.events.size() + trace.threads.size());
  for (const TraceEvent& e : trace.events) events.push_back(&e);
  const int real_events = static_cast<int>(trace.events.size());
  std::vector<TraceEvent>& blocked = blocked_;
  blocked.clear();
  // An execution that ended on a failure (or a lock misuse) cut off the next operation of every
  // other unfinished thread, enabled or not: each races with what it depends on as at a
  // deadlock, so the orders in which it runs before the failing thread's steps are tried; and
  // with the failing thread's last step, whatever it depends on (below).
  // So did the step bound: a thread that never got to run before it (a writer that a spin
  // on a plain variable keeps out) races with the steps it depends on, so the orders in which
  // it runs first are tried.
  const bool cut_off = trace.end == EndReason::kFailure || trace.end == EndReason::kMisuse ||
                       trace.end == EndReason::kStepBound;
  const ThreadId failed = trace.end == EndReason::kFailure  ? trace.failure.thread
                          : trace.end == EndReason::kMisuse ? trace.misuse.thread
                                                            : kNoThread;
  if (trace.end == EndReason::kDeadlock || trace.end == EndReason::kFinished || cut_off) {
    for (ThreadId t = 0; t < static_cast<ThreadId>(trace.threads.size()); ++t) {
      const ThreadInfo& info = trace.threads[t];
      if (info.finished && !info.killed) continue;
      if (t == failed) continue;  // Its last step is its pending operation: it ran.
      // An operation on no object races with nothing, but a failure's: see the candidates.
      if (!info.killed && (trace.end == EndReason::kFinished ||
                           (info.pending_object == kNoObject && failed == kNoThread))) {
        continue;
      }
      TraceEvent pending;
      pending.step = 1 << 30;  // Never ran: after every step, with no decision to backtrack at.
      pending.thread = t;
      pending.object = info.pending_object;
      pending.kind = info.pending;
      blocked.push_back(pending);
    }
  }
  for (const TraceEvent& e : blocked) events.push_back(&e);
  const int n = static_cast<int>(events.size());
  const std::size_t threads = trace.threads.size();

  // Happens-before over the trace: program order, start and join edges, and dependence. The
  // clocks of the replayed prefix are the last trace's, and so is the analysis state there (a
  // row of snapshots_): the loop starts at the first new step.
  const auto thread_count = static_cast<int>(trace.threads.size());
  const auto object_count = static_cast<int>(trace.objects.size());
  if (thread_count > threads_capacity_ || object_count > objects_capacity_) {
    // A wider row: the rows kept so far do not fit it, so this trace is analysed from its start.
    threads_capacity_ = std::max(threads_capacity_, thread_count);
    objects_capacity_ = std::max(objects_capacity_, object_count);
    cached_events_ = 0;
  }
  const int reuse = std::max(0, std::min(cached_events_, new_from_step_ - 1));
  const int tc = threads_capacity_;
  const int oc = objects_capacity_;
  const auto row = static_cast<std::size_t>(5 * tc + 3 * oc + 2);
  if (snapshots_.size() < (static_cast<std::size_t>(real_events) + 1) * row) {
    snapshots_.resize((static_cast<std::size_t>(real_events) + 1) * row);
  }
  state_.resize(row);
  if (reuse == 0) {
    std::fill(state_.begin(), state_.end(), -1);
  } else {
    std::copy_n(snapshots_.begin() + static_cast<std::ptrdiff_t>(reuse * row), row, state_.begin());
  }
  // The state, as positions in `events` (-1: none).
  int* const last_of_thread = state_.data();         // Per thread: its last event.
  int* const start_of_thread = last_of_thread + tc;  // Per thread: the event that started it.
  int* const kill_of_thread = start_of_thread + tc;  // Per thread: the event that killed it.
  // A thread's liveness, as an object: each of its events (and a kill) changes it; is_alive
  // reads it (PendingOp::observes). Per thread: the last change, and the last event that
  // read it (the reads since the change are a chain through prev_observer_).
  int* const liveness_write = kill_of_thread + tc;
  int* const last_observer = liveness_write + tc;
  // Per object: its last change, its last acquire (a lock), and its last access (the reads
  // since the last change are a chain through prev_access_).
  int* const last_modify = last_observer + tc;
  int* const last_acquire = last_modify + oc;
  int* const last_access = last_acquire + oc;
  // Global events (TraceEvent::global) conflict with every event: as if they wrote, and every
  // other event read, one shared object.
  int& last_global = last_access[oc];
  // The last start: starts number the threads they start, in the order they run (Independent).
  int& last_start = last_access[oc + 1];
  clocks_.resize(n);
  local_.resize(n);
  prev_access_.resize(n);
  prev_observer_.resize(n);
  std::vector<VectorClock>& clock = clocks_;
  std::vector<uint32_t>& local = local_;
  std::vector<int>& prev_access = prev_access_;
  std::vector<int>& prev_observer = prev_observer_;
  std::vector<std::pair<int, int>>& races = races_;
  races.clear();
  std::vector<std::pair<int, int>>& release_races = release_races_;
  release_races.clear();
  std::vector<int>& candidates = candidates_;
  // Appends the chain of events from `last` back to (not including) `stop`, through `prev`, in
  // the order they ran: the reads of an object or of a thread's liveness since its last change.
  auto append_chain = [&candidates](int last, int stop, const std::vector<int>& prev) {
    if (last <= stop) return;  // Most often: no reads since the change.
    const std::size_t from = candidates.size();
    for (int i = last; i > stop; i = prev[i]) candidates.push_back(i);
    std::reverse(candidates.begin() + static_cast<std::ptrdiff_t>(from), candidates.end());
  };
  std::vector<int>& read_sources = read_sources_;
  // A thread blocked at a decision races with the last change to what blocks it, even when it
  // never gets to run that operation afterwards, or only after other changes (Flanagan and
  // Godefroid, POPL 2005: the next transition of every process, enabled or not). Each such
  // race: the earlier event, the blocked thread, the position of the decision, and the
  // thread's clock there (BlockedRace).
  std::vector<BlockedRace>& blocked_races = blocked_races_;
  blocked_races.clear();
  std::vector<std::pair<int, ThreadId>>& blocked_seen = blocked_seen_;
  blocked_seen.clear();
  auto clock_of_thread = [&](ThreadId t) {
    if (last_of_thread[t] >= 0) return clock[last_of_thread[t]];
    if (start_of_thread[t] >= 0) return clock[start_of_thread[t]];
    return VectorClock();
  };
  // The thread decisions of path_ are in step order, as are the events: `next_node` walks
  // path_ along with them, to the first node whose step is not before the event's, from the
  // first node of the new steps.
  auto next_node = static_cast<std::size_t>(
      std::lower_bound(path_.begin(), path_.end(), new_from_step_,
                       [](const Node& node, int step) { return node.step < step; }) -
      path_.begin());

  // A trace with a weaker than seq_cst atomic operation under RC11 (its graph print is set).
  const bool weak_trace = trace.graph_print != 0;
  VectorClock now;
  for (int j = reuse; j < n; ++j) {
    const TraceEvent& e = *events[j];
    const ThreadId t = e.thread;
    const bool virtual_event = j >= real_events;
    // The threads blocked at the decision before this step (not on locks: an acquire's races
    // are found when it runs, or as a blocked operation at the end).
    // (A step's thread decision comes before the value decision of a choose at that step.)
    if (!virtual_event && e.step >= new_from_step_) {
      while (next_node < path_.size() && path_[next_node].step < e.step) ++next_node;
    }
    if (!virtual_event && e.step >= new_from_step_ && next_node < path_.size() &&
        path_[next_node].step == e.step && !path_[next_node].is_value) {
      const Node& node = path_[next_node];
      for (uint64_t waiting = node.blocked_on_objects; waiting != 0; waiting &= waiting - 1) {
        const ThreadId p = __builtin_ctzll(waiting);
        const PendingOp& op = PendingAt(node, p);
        if (op.finished || op.object == kNoObject ||
            trace.objects[op.object].kind == ObjectKind::kLock) {
          continue;
        }
        candidates.clear();
        if (last_modify[op.object] >= 0) candidates.push_back(last_modify[op.object]);
        if (OpModifies(op.kind)) {
          append_chain(last_access[op.object], last_modify[op.object], prev_access);
        }
        VectorClock mine;  // The thread's clock, taken when a candidate of another thread needs it.
        bool have_mine = false;
        for (int i : candidates) {
          const TraceEvent& earlier = *events[i];
          if (earlier.thread == p) continue;
          if (!have_mine) {
            mine = clock_of_thread(p);
            have_mine = true;
          }
          if (mine.Get(earlier.thread) >= local[i]) continue;
          const std::pair<int, ThreadId> key(i, p);
          if (std::find(blocked_seen.begin(), blocked_seen.end(), key) != blocked_seen.end()) {
            continue;
          }
          blocked_seen.push_back(key);
          blocked_races.push_back({i, p, j, mine});
        }
      }
    }
    if (last_of_thread[t] >= 0) {
      now = clock[last_of_thread[t]];
    } else if (start_of_thread[t] >= 0) {
      now = clock[start_of_thread[t]];
    } else {
      now = VectorClock();
    }
    local[j] = now.Get(t) + 1;

    // Global events (TraceEvent::global) conflict with every event of other threads.
    const bool global = !virtual_event && e.global;
    // A reentrant acquire or release (TraceEvent::reentrant) races with nothing: were it the
    // lock's last acquire, the next thread's acquire would race with it, and the point
    // before it, where the lock is held, is no place to run that thread first.
    const ObjectId o = e.reentrant ? kNoObject : e.object;
    const ObjectInfo* object = o == kNoObject ? nullptr : &trace.objects[o];
    const bool modifies = OpModifies(e.kind);
    const ThreadId observed = e.observes != t ? e.observes : kNoThread;
    const bool lock_acquire =
        object != nullptr && object->kind == ObjectKind::kLock && e.kind == OpKind::kAcquire;
    // A semaphore's acquire also races with the last acquire before it: the acquires that
    // took its units disable it, and the release between them and it cannot be reversed
    // when it would block; a thread whose first step before it commutes with everything (a
    // log) is never seen blocked at a decision (blocked_races), so without this race the
    // order in which it takes a unit first is never tried.
    const bool semaphore_acquire =
        object != nullptr && object->kind == ObjectKind::kSemaphore && e.kind == OpKind::kAcquire;
    candidates.clear();    // Earlier dependent events that e may race with.
    read_sources.clear();  // Earlier events e depends on, with no race to reverse.
    bool weak_location = false;
    int release_race = -1;  // A release a non-waiting lock acquire races with (no fallback).
    if (object != nullptr && virtual_event) {
      // An operation that never ran races with every earlier dependent one (a scan: such
      // operations are few, and only at the end of an execution).
      for (int i = 0; i < real_events; ++i) {
        const TraceEvent& earlier = *events[i];
        if (earlier.object != o) continue;
        const bool dependent = object->kind == ObjectKind::kLock
                                   ? earlier.kind == OpKind::kAcquire
                                   : modifies || OpModifies(earlier.kind);
        if (dependent) candidates.push_back(i);
      }
    } else if (lock_acquire) {
      if (last_acquire[o] >= 0) candidates.push_back(last_acquire[o]);
      // And with the reads of the lock since its last change (Lock::locked, a Condition's
      // check that its Lock is held): run before them, the acquire changes what they read.
      append_chain(last_access[o], last_modify[o], prev_access);
      // An acquire that need not wait (non-blocking, or timed) also races with the release
      // after the last acquire: run before it, it finds the lock held and fails. A thread whose
      // step before it commutes with everything (a log) is never seen blocked on the lock at a
      // decision, so without this race that order is never tried. Where it could not run
      // before the release (virtual time, no time passing), the race adds no thread there.
      if (e.may_fail && last_modify[o] > last_acquire[o] &&
          events[last_modify[o]]->kind == OpKind::kRelease) {
        release_race = last_modify[o];
      }
    } else if (object != nullptr && weak_trace && !object->modification_order.empty()) {
      weak_location = true;
      WeakLocationDependences(trace, e, last_access[o], now);
    } else if (object != nullptr) {
      if (semaphore_acquire && last_acquire[o] >= 0 && last_acquire[o] != last_modify[o]) {
        candidates.push_back(last_acquire[o]);
      }
      if (last_modify[o] >= 0) candidates.push_back(last_modify[o]);
      if (modifies) append_chain(last_access[o], last_modify[o], prev_access);
    }
    append_chain(last_observer[t], liveness_write[t], prev_observer);
    if (observed != kNoThread) {
      if (liveness_write[observed] >= 0) candidates.push_back(liveness_write[observed]);
      if (e.kind == OpKind::kKill) {
        append_chain(last_observer[observed], liveness_write[observed], prev_observer);
      }
    }
    if (e.kind == OpKind::kStart && last_start >= 0) candidates.push_back(last_start);
    if (virtual_event) {
      if (kill_of_thread[t] >= 0) candidates.push_back(kill_of_thread[t]);
      // A failure (or a lock misuse) ended the execution after the failing thread's last step,
      // cutting this thread off: its next operation is tried before that step whatever it
      // depends on. Were it independent of everything (a log, a library's read of its own
      // state), the orders in which the thread's later steps, which may conflict with what
      // failed, run before the failure would never be tried (dfs found a DATA RACE there, and
      // outcomes, that dpor did not).
      if (failed != kNoThread && last_of_thread[failed] >= 0) {
        candidates.push_back(last_of_thread[failed]);
        // An operation on no object (a sleep, a log) tells nothing of the steps after it,
        // which the failure cut off: it is tried before every step of the others since the
        // thread's last, so that those later steps (a sleeping producer's lock, before the
        // consumer's) run in every order they could have. Tried before the last step only,
        // each such order was sleep-set blocked (the step ran again was independent of it),
        // and the classes where the producer came first were never explored.
        if (e.object == kNoObject) {
          for (int i = std::max(last_of_thread[t], 0); i < j; ++i) {
            if (events[i]->thread != t && i != last_of_thread[failed]) candidates.push_back(i);
          }
        }
      }
    } else {
      if (last_global >= 0) candidates.push_back(last_global);
      if (global) {  // Every event since the last global one (a scan: global events are rare).
        for (int i = last_global + 1; i < j; ++i) candidates.push_back(i);
      }
    }
    // A race whose later event the replayed prefix holds was handled when it first ran.
    if (e.step >= new_from_step_) {
      for (int i : candidates) {
        const TraceEvent& earlier = *events[i];
        if (earlier.thread != t && now.Get(earlier.thread) < local[i]) races.emplace_back(i, j);
      }
      if (release_race >= 0 && events[release_race]->thread != t &&
          now.Get(events[release_race]->thread) < local[release_race]) {
        release_races.emplace_back(release_race, j);
      }
    }
    // Each clock joined once: the candidates, and the object's last change when they do not
    // hold it already.
    // (On a weak location the candidates and the read sources are every dependent event.)
    const int modified = object != nullptr && !weak_location ? last_modify[o] : -1;
    bool joined_last_modify = false;
    for (int i : candidates) {
      now.Join(clock[i]);
      joined_last_modify = joined_last_modify || i == modified;
    }
    for (int i : read_sources) now.Join(clock[i]);
    if (modified >= 0 && !joined_last_modify) now.Join(clock[modified]);
    // A join (or exit-wait) follows everything the joined thread did.
    if (object != nullptr && object->kind == ObjectKind::kThread &&
        (e.kind == OpKind::kJoin || e.kind == OpKind::kExitWait) && object->owner != kNoThread &&
        last_of_thread[object->owner] >= 0) {
      now.Join(clock[last_of_thread[object->owner]]);
    }
    if (object != nullptr) {
      if (e.kind == OpKind::kStart && object->owner != kNoThread) {
        start_of_thread[object->owner] = j;
      }
      if (e.kind == OpKind::kKill && object->owner != kNoThread) kill_of_thread[object->owner] = j;
      if (modifies) last_modify[o] = j;
      prev_access[j] = last_access[o];
      last_access[o] = j;
      if (lock_acquire || semaphore_acquire) last_acquire[o] = j;
    }
    liveness_write[t] = j;
    if (observed != kNoThread) {
      if (e.kind == OpKind::kKill) {
        liveness_write[observed] = j;
      } else {
        prev_observer[j] = last_observer[observed];
        last_observer[observed] = j;
      }
    }
    if (global) last_global = j;
    if (e.kind == OpKind::kStart && !virtual_event) last_start = j;
    now.Tick(t);
    clock[j] = now;
    last_of_thread[t] = j;
    if (!virtual_event) {  // The state after this event, for the executions that replay it.
      std::copy(state_.begin(), state_.end(),
                snapshots_.begin() + static_cast<std::ptrdiff_t>((j + 1) * row));
    }
  }
  cached_events_ = static_cast<int>(trace.events.size());

  auto happens_before = [&](int a, int b) { return clock[b].Get(events[a]->thread) >= local[a]; };

  std::vector<uint32_t>& first_in_v = first_in_v_;  // Per thread: its earliest local index in v.
  first_in_v.resize(threads);
  // Adds a backtrack point for the race of event i with a later operation of `thread` (clock
  // `later_clock`), which comes after the events before position `end`.
  // Without an initial that can start at the earlier event's decision, `fallback` adds every
  // awake thread there (classic DPOR's conservative rule); a blocked thread's race does not,
  // since its operation could not run there either and the race is met again once it can.
  auto reverse = [&](int i, int end, ThreadId thread, const VectorClock& later_clock,
                     bool fallback) {
    // The decision before event i: the last thread decision at or before its step (a step
    // taken inline, with no scheduling point of its own, such as the kill right after main's
    // exit-wait, belongs to the decision before it). path_ is in step order.
    if (i >= real_events) return;  // Never ran: no decision before it.
    const int step = events[i]->step;
    auto it = std::upper_bound(path_.begin(), path_.end(), step,
                               [](int s, const Node& node) { return s < node.step; });
    while (it != path_.begin() && std::prev(it)->is_value) --it;
    if (it == path_.begin()) return;
    Node& node = *std::prev(it);
    // Nothing to add where only the thread that ran is awake, or every awake thread is in the
    // backtrack set already (the rule below adds awake threads only): the scan is skipped.
    if (node.branch == nullptr) return;
    const uint64_t awake = node.enabled & ~node.sleep & ~node.symmetry.forbidden;
    std::atomic<uint64_t>& backtrack = node.branch->backtrack;
    if ((awake & ~backtrack.load(std::memory_order_relaxed)) == 0) return;
    // The initials of v = notdep(e_i).e_j: the threads whose first event in v follows no other
    // event of v. An event b of v happens before u exactly when u's clock has seen b's thread
    // up to b; checking each thread's earliest event in v suffices.
    std::fill(first_in_v.begin(), first_in_v.end(), UINT32_MAX);
    uint64_t initials = 0;
    auto visit = [&](ThreadId who, const VectorClock& when, uint32_t position) {
      bool initial = first_in_v[who] == UINT32_MAX;
      for (std::size_t p = 0; p < threads && initial; ++p) {
        if (static_cast<ThreadId>(p) != who && first_in_v[p] != UINT32_MAX &&
            when.Get(static_cast<int>(p)) >= first_in_v[p]) {
          initial = false;
        }
      }
      if (initial) initials |= Bit(who);
      if (first_in_v[who] == UINT32_MAX) first_in_v[who] = position;
    };
    for (int u = i + 1; u < end; ++u) {
      if (!happens_before(i, u)) visit(events[u]->thread, clock[u], local[u]);
    }
    visit(thread, later_clock, later_clock.Get(thread) + 1);
    // Another worker may add to the set meanwhile: at worst both add an initial, and the
    // second branch ends blocked by its sleep set.
    // A forbidden member's first operation earlier: its group's fresh member does the same.
    if ((initials & node.symmetry.forbidden) != 0) {
      initials = SymmetricImage(initials, node.symmetry, groups_);
    }
    if ((initials & backtrack.load(std::memory_order_relaxed)) != 0) return;
    if ((initials & awake) != 0) {
      backtrack.fetch_or(Bit(__builtin_ctzll(initials & awake)), std::memory_order_relaxed);
    } else if (fallback) {
      // No initial can start here: every awake thread (sound).
      backtrack.fetch_or(awake, std::memory_order_relaxed);
    }
  };
  for (const auto& [i, j] : races) reverse(i, j, events[j]->thread, clock[j], true);
  for (const auto& [i, j] : release_races) reverse(i, j, events[j]->thread, clock[j], false);
  for (const BlockedRace& race : blocked_races) {
    reverse(race.earlier, race.position, race.thread, race.clock, false);
  }
}

}  // namespace interleave
