#include "checker/dpor.h"

#include <algorithm>
#include <string>
#include <utility>

#include "model/error.h"
#include "model/vector_clock.h"

namespace interleave {
namespace {

constexpr int kMaxThreads = 64;

uint64_t Bit(ThreadId t) { return uint64_t{1} << t; }
bool Has(uint64_t set, ThreadId t) { return (set & Bit(t)) != 0; }

// Whether thread ta's next operation a and thread tb's next operation b commute.
bool Independent(ThreadId ta, const PendingOp& a, ThreadId tb, const PendingOp& b) {
  if (a.global || b.global) return false;
  if (a.observes == tb || b.observes == ta) return false;
  if (a.object == kNoObject || b.object == kNoObject || a.object != b.object) return true;
  return !OpModifies(a.kind) && !OpModifies(b.kind);
}

}  // namespace

bool DporStrategy::StartExecution() {
  depth_ = 0;
  if (!started_) {
    started_ = true;
    new_from_step_ = 0;
    return true;
  }
  while (!path_.empty()) {
    Node& node = path_.back();
    if (node.is_value) {
      if (node.value < node.hi) {
        ++node.value;
        new_from_step_ = node.step;
        return true;
      }
    } else {
      const uint64_t candidates = node.backtrack & ~node.done & ~node.sleep;
      if (candidates != 0) {
        node.chosen = __builtin_ctzll(candidates);
        node.done |= Bit(node.chosen);
        new_from_step_ = node.step;
        return true;
      }
    }
    path_.pop_back();
  }
  return false;
}

// The sleep set of a new thread decision: what was asleep at the previous thread decision, or
// explored there before its current choice, and is independent of the operation chosen there.
uint64_t DporStrategy::SleepForNewNode() const {
  for (auto node = path_.rbegin(); node != path_.rend(); ++node) {
    if (node->is_value) continue;
    const PendingOp& ran = node->pending[node->chosen];
    uint64_t sleep = 0;
    for (uint64_t asleep = (node->sleep | node->done) & ~Bit(node->chosen); asleep != 0;
         asleep &= asleep - 1) {
      const ThreadId t = __builtin_ctzll(asleep);
      if (Independent(t, node->pending[t], node->chosen, ran)) sleep |= Bit(t);
    }
    return sleep;
  }
  return 0;
}

ThreadId DporStrategy::ChooseThread(const SchedulePoint& point) {
  const std::vector<ThreadId>& enabled = *point.enabled;
  if (depth_ < path_.size()) {
    const Node& node = path_[depth_++];
    if (node.is_value || node.enabled != enabled) {
      throw ModelError("the scenario is not deterministic: at step " + std::to_string(point.step) +
                       " the same schedule reached different runnable threads (nondeterminism "
                       "outside the model, e.g. real time or real randomness)");
    }
    return node.chosen;
  }
  if (point.pending->size() > kMaxThreads) {
    throw ModelError("dpor explores at most 64 threads; this scenario has " +
                     std::to_string(point.pending->size()) + " (use --strategy=dfs)");
  }
  Node node;
  node.step = point.step;
  node.enabled = enabled;
  node.pending = *point.pending;
  node.sleep = SleepForNewNode();
  ThreadId chosen = kNoThread;
  // Prefer the thread that ran last (fewer preemptions), else the lowest awake one.
  for (ThreadId t : enabled) {
    if (Has(node.sleep, t)) continue;
    if (chosen == kNoThread || t == point.previous) chosen = t;
  }
  if (chosen == kNoThread) throw PruneExecution{};  // Every enabled thread is asleep.
  node.chosen = chosen;
  node.backtrack = Bit(chosen);
  node.done = Bit(chosen);
  path_.push_back(std::move(node));
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
  Node node;
  node.is_value = true;
  node.step = step;
  node.lo = lo;
  node.hi = hi;
  node.value = lo;
  path_.push_back(std::move(node));
  ++depth_;
  return lo;
}

void DporStrategy::EndExecution(Trace& trace) {
  if (trace.end == EndReason::kError) return;
  if (trace.end != EndReason::kPruned && depth_ < path_.size()) {
    trace.end = EndReason::kError;
    trace.error = "the scenario is not deterministic: the same schedule ended after " +
                  std::to_string(depth_) + " decisions where it had taken " +
                  std::to_string(path_.size());
    return;
  }
  AddBacktrackPoints(trace);
}

void DporStrategy::AddBacktrackPoints(const Trace& trace) {
  // The trace's events, then the operation each unfinished thread was blocked in, or was about
  // to perform when it was killed: those never ran, but they race with what blocked them (a
  // deadlock's other lock order is found so) or with the kill.
  std::vector<const TraceEvent*> events;
  events.reserve(trace.events.size() + trace.threads.size());
  for (const TraceEvent& e : trace.events) events.push_back(&e);
  const int real_events = static_cast<int>(trace.events.size());
  std::vector<TraceEvent> blocked;
  if (trace.end == EndReason::kDeadlock || trace.end == EndReason::kFinished) {
    for (ThreadId t = 0; t < static_cast<ThreadId>(trace.threads.size()); ++t) {
      const ThreadInfo& info = trace.threads[t];
      if (info.finished && !info.killed) continue;
      if (!info.killed && (trace.end != EndReason::kDeadlock || info.pending_object == kNoObject)) {
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

  // The thread decision that ran each step (steps are 1-based).
  std::vector<int> node_of_step(trace.events.size() + 2, -1);
  for (std::size_t i = 0; i < path_.size(); ++i) {
    const Node& node = path_[i];
    if (!node.is_value && node.step < static_cast<int>(node_of_step.size())) {
      node_of_step[node.step] = static_cast<int>(i);
    }
  }

  // Happens-before over the trace: program order, start and join edges, and dependence. The
  // clocks of the replayed prefix are the last trace's; only the new steps get new ones.
  const int reuse = std::max(0, std::min(cached_events_, new_from_step_ - 1));
  clocks_.resize(n);
  local_.resize(n);
  std::vector<VectorClock>& clock = clocks_;
  std::vector<uint32_t>& local = local_;
  std::vector<int> last_of_thread(threads, -1);
  std::vector<int> start_of_thread(threads, -1);
  struct ObjectState {
    int last_modify = -1;
    int last_acquire = -1;
    std::vector<int> reads;  // Since last_modify.
  };
  std::vector<ObjectState> objects(trace.objects.size());
  std::vector<std::pair<int, int>> races;
  std::vector<int> candidates;
  // Global events (TraceEvent::global) conflict with every event: as if they wrote, and every other
  // event read, one shared object.
  int last_global = -1;
  std::vector<int> kill_of_thread(threads, -1);
  // A thread's liveness, as an object: each of its events (and a kill) changes it; is_alive
  // reads it (PendingOp::observes).
  std::vector<int> liveness_write(threads, -1);
  std::vector<std::vector<int>> liveness_reads(threads);
  // A thread blocked at a decision races with the last change to what blocks it, even when it
  // never gets to run that operation afterwards, or only after other changes (Flanagan and
  // Godefroid, POPL 2005: the next transition of every process, enabled or not). Each such
  // race: the earlier event, the blocked thread, the position of the decision, and the
  // thread's clock there.
  struct BlockedRace {
    int earlier;
    ThreadId thread;
    int position;
    VectorClock clock;
  };
  std::vector<BlockedRace> blocked_races;
  std::vector<std::pair<int, ThreadId>> blocked_seen;
  auto clock_of_thread = [&](ThreadId t) {
    if (last_of_thread[t] >= 0) return clock[last_of_thread[t]];
    if (start_of_thread[t] >= 0) return clock[start_of_thread[t]];
    return VectorClock();
  };

  for (int j = 0; j < n; ++j) {
    const TraceEvent& e = *events[j];
    const ThreadId t = e.thread;
    const bool cached = j < reuse;
    const bool virtual_event = j >= real_events;
    // The threads blocked at the decision before this step (not on locks: an acquire's races
    // are found when it runs, or as a blocked operation at the end).
    if (!virtual_event && e.step >= new_from_step_ &&
        e.step < static_cast<int>(node_of_step.size()) && node_of_step[e.step] >= 0) {
      const Node& node = path_[node_of_step[e.step]];
      for (ThreadId p = 0; p < static_cast<ThreadId>(node.pending.size()); ++p) {
        const PendingOp& op = node.pending[p];
        if (op.finished || op.object == kNoObject ||
            trace.objects[op.object].kind == ObjectKind::kLock ||
            std::binary_search(node.enabled.begin(), node.enabled.end(), p)) {
          continue;
        }
        const ObjectState& state = objects[op.object];
        candidates.clear();
        if (state.last_modify >= 0) candidates.push_back(state.last_modify);
        if (OpModifies(op.kind)) {
          candidates.insert(candidates.end(), state.reads.begin(), state.reads.end());
        }
        const VectorClock mine = clock_of_thread(p);
        for (int i : candidates) {
          const TraceEvent& earlier = *events[i];
          if (earlier.thread == p || mine.Get(earlier.thread) >= local[i]) continue;
          const std::pair<int, ThreadId> key(i, p);
          if (std::find(blocked_seen.begin(), blocked_seen.end(), key) != blocked_seen.end()) {
            continue;
          }
          blocked_seen.push_back(key);
          blocked_races.push_back({i, p, j, mine});
        }
      }
    }
    VectorClock now;
    if (!cached) {
      if (last_of_thread[t] >= 0) {
        now = clock[last_of_thread[t]];
      } else if (start_of_thread[t] >= 0) {
        now = clock[start_of_thread[t]];
      }
      local[j] = now.Get(t) + 1;
    }

    // Global events (TraceEvent::global) conflict with every event of other threads.
    const bool global = !virtual_event && e.global;
    ObjectState* state = e.object == kNoObject ? nullptr : &objects[e.object];
    const ObjectInfo* object = e.object == kNoObject ? nullptr : &trace.objects[e.object];
    const bool modifies = OpModifies(e.kind);
    const ThreadId observed = e.observes != t ? e.observes : kNoThread;
    const bool lock_acquire =
        object != nullptr && object->kind == ObjectKind::kLock && e.kind == OpKind::kAcquire;
    if (!cached) {
      candidates.clear();  // Earlier dependent events that e may race with.
      if (state != nullptr && virtual_event) {
        // An operation that never ran races with every earlier dependent one (a scan: such
        // operations are few, and only at the end of an execution).
        for (int i = 0; i < real_events; ++i) {
          const TraceEvent& earlier = *events[i];
          if (earlier.object != e.object) continue;
          const bool dependent = object->kind == ObjectKind::kLock
                                     ? earlier.kind == OpKind::kAcquire
                                     : modifies || OpModifies(earlier.kind);
          if (dependent) candidates.push_back(i);
        }
      } else if (lock_acquire) {
        if (state->last_acquire >= 0) candidates.push_back(state->last_acquire);
      } else if (state != nullptr) {
        if (state->last_modify >= 0) candidates.push_back(state->last_modify);
        if (modifies) {
          candidates.insert(candidates.end(), state->reads.begin(), state->reads.end());
        }
      }
      candidates.insert(candidates.end(), liveness_reads[t].begin(), liveness_reads[t].end());
      if (observed != kNoThread) {
        if (liveness_write[observed] >= 0) candidates.push_back(liveness_write[observed]);
        if (e.kind == OpKind::kKill) {
          candidates.insert(candidates.end(), liveness_reads[observed].begin(),
                            liveness_reads[observed].end());
        }
      }
      if (virtual_event) {
        if (kill_of_thread[t] >= 0) candidates.push_back(kill_of_thread[t]);
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
          if (earlier.thread != t && now.Get(earlier.thread) < local[i]) {
            races.emplace_back(i, j);
          }
        }
      }
      for (int i : candidates) now.Join(clock[i]);
      if (state != nullptr && state->last_modify >= 0) now.Join(clock[state->last_modify]);
      // A join (or exit-wait) follows everything the joined thread did.
      if (object != nullptr && object->kind == ObjectKind::kThread &&
          (e.kind == OpKind::kJoin || e.kind == OpKind::kExitWait) && object->owner != kNoThread &&
          last_of_thread[object->owner] >= 0) {
        now.Join(clock[last_of_thread[object->owner]]);
      }
    }
    if (object != nullptr) {
      if (e.kind == OpKind::kStart && object->owner != kNoThread) {
        start_of_thread[object->owner] = j;
      }
      if (e.kind == OpKind::kKill && object->owner != kNoThread) kill_of_thread[object->owner] = j;
      if (modifies) {
        state->last_modify = j;
        state->reads.clear();
      } else {
        state->reads.push_back(j);
      }
      if (lock_acquire) state->last_acquire = j;
    }
    liveness_write[t] = j;
    liveness_reads[t].clear();
    if (observed != kNoThread) {
      if (e.kind == OpKind::kKill) {
        liveness_write[observed] = j;
        liveness_reads[observed].clear();
      } else {
        liveness_reads[observed].push_back(j);
      }
    }
    if (global) last_global = j;
    if (!cached) {
      now.Tick(t);
      clock[j] = std::move(now);
    }
    last_of_thread[t] = j;
  }
  cached_events_ = static_cast<int>(trace.events.size());

  auto happens_before = [&](int a, int b) { return clock[b].Get(events[a]->thread) >= local[a]; };

  std::vector<uint32_t> first_in_v(threads);  // Per thread: its earliest local index in v.
  // Adds a backtrack point for the race of event i with a later operation of `thread` (clock
  // `later_clock`), which comes after the events before position `end`.
  // Without an initial that can start at the earlier event's decision, `fallback` adds every
  // awake thread there (classic DPOR's conservative rule); a blocked thread's race does not,
  // since its operation could not run there either and the race is met again once it can.
  auto reverse = [&](int i, int end, ThreadId thread, const VectorClock& later_clock,
                     bool fallback) {
    // The decision before event i; a step taken inline, with no scheduling point of its own
    // (the kill right after main's exit-wait), belongs to the decision before it.
    int step = events[i]->step;
    if (step >= static_cast<int>(node_of_step.size())) return;
    while (step > 0 && node_of_step[step] < 0) --step;
    if (step <= 0) return;
    Node& node = path_[node_of_step[step]];
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
    if ((initials & node.backtrack) != 0) return;
    uint64_t enabled = 0;
    for (ThreadId q : node.enabled) enabled |= Bit(q);
    const uint64_t awake = enabled & ~node.sleep;
    if ((initials & awake) != 0) {
      node.backtrack |= Bit(__builtin_ctzll(initials & awake));
    } else if (fallback) {
      node.backtrack |= awake;  // No initial can start here: every awake thread (sound).
    }
  };
  for (const auto& [i, j] : races) reverse(i, j, events[j]->thread, clock[j], true);
  for (const BlockedRace& race : blocked_races) {
    reverse(race.earlier, race.position, race.thread, race.clock, false);
  }
}

}  // namespace interleave
