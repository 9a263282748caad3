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

bool Independent(const PendingOp& a, const PendingOp& b) {
  // An operation on a thread's own object (is_alive, exitcode, terminate, a kill at exit)
  // depends on every step of that thread: each may be its last, and a kill cuts off the next.
  if (a.object != kNoObject && a.object == b.self) return false;
  if (b.object != kNoObject && b.object == a.self) return false;
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
      if (Independent(node->pending[t], ran)) sleep |= Bit(t);
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
  // The trace's events, then the operation each unfinished thread was blocked in: those never
  // ran, but they race with what blocked them (a deadlock's other lock order is found so).
  std::vector<const TraceEvent*> events;
  events.reserve(trace.events.size() + trace.threads.size());
  for (const TraceEvent& e : trace.events) events.push_back(&e);
  std::vector<TraceEvent> blocked;
  if (trace.end == EndReason::kDeadlock) {
    for (ThreadId t = 0; t < static_cast<ThreadId>(trace.threads.size()); ++t) {
      const ThreadInfo& info = trace.threads[t];
      if (info.finished || info.pending_object == kNoObject) continue;
      TraceEvent pending;
      pending.step = 1 << 30;  // Never ran: after every step, with no decision to backtrack at.
      pending.thread = t;
      pending.object = info.pending_object;
      pending.kind = info.pending;
      blocked.push_back(pending);
    }
  }
  // The thread decision that ran each step (steps are 1-based).
  std::vector<int> node_of_step(trace.events.size() + 2, -1);
  for (std::size_t i = 0; i < path_.size(); ++i) {
    const Node& node = path_[i];
    if (!node.is_value && node.step < static_cast<int>(node_of_step.size())) {
      node_of_step[node.step] = static_cast<int>(i);
    }
  }
  // Likewise the operation a killed thread (a terminated process, a daemon cut off at exit)
  // was about to perform when the step that killed it was chosen: it never ran, but it races
  // with the kill, and running it first is the other order. A kill is recorded inside the
  // killer's step (the event just before it).
  for (const TraceEvent& e : trace.events) {
    if (e.kind != OpKind::kKill || e.step < 2 || node_of_step[e.step - 1] < 0) continue;
    const ThreadId victim = trace.objects[e.object].owner;
    const Node& node = path_[node_of_step[e.step - 1]];
    if (victim == kNoThread || victim >= static_cast<ThreadId>(node.pending.size()) ||
        node.pending[victim].finished) {
      continue;
    }
    TraceEvent pending;
    pending.step = 1 << 30;  // Never ran: after every step, with no decision to backtrack at.
    pending.thread = victim;
    pending.object = node.pending[victim].object;
    pending.kind = node.pending[victim].kind;
    blocked.push_back(pending);
  }
  for (const TraceEvent& e : blocked) events.push_back(&e);
  const int n = static_cast<int>(events.size());
  const std::size_t threads = trace.threads.size();

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

  for (int j = 0; j < n; ++j) {
    const TraceEvent& e = *events[j];
    const ThreadId t = e.thread;
    const bool cached = j < reuse;
    VectorClock now;
    if (!cached) {
      if (last_of_thread[t] >= 0) {
        now = clock[last_of_thread[t]];
      } else if (start_of_thread[t] >= 0) {
        now = clock[start_of_thread[t]];
      }
      local[j] = now.Get(t) + 1;
    }

    // The object the event touches, then the thread's own object, which each of its steps
    // changes (see Independent).
    const ObjectId self = trace.threads[t].object;
    const ObjectId touched[2] = {e.object, self != e.object ? self : kNoObject};
    for (int a = 0; a < 2; ++a) {
      if (touched[a] == kNoObject) continue;
      const ObjectInfo& object = trace.objects[touched[a]];
      ObjectState& state = objects[touched[a]];
      const bool modifies = a == 1 || OpModifies(e.kind);
      const bool lock_acquire =
          a == 0 && object.kind == ObjectKind::kLock && e.kind == OpKind::kAcquire;
      if (!cached) {
        candidates.clear();  // Earlier dependent events that e may race with.
        if (lock_acquire) {
          if (state.last_acquire >= 0) candidates.push_back(state.last_acquire);
        } else {
          if (state.last_modify >= 0) candidates.push_back(state.last_modify);
          if (modifies) {
            candidates.insert(candidates.end(), state.reads.begin(), state.reads.end());
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
        if (state.last_modify >= 0) now.Join(clock[state.last_modify]);
        // A join (or exit-wait) follows everything the joined thread did.
        if (a == 0 && object.kind == ObjectKind::kThread &&
            (e.kind == OpKind::kJoin || e.kind == OpKind::kExitWait) && object.owner != kNoThread &&
            last_of_thread[object.owner] >= 0) {
          now.Join(clock[last_of_thread[object.owner]]);
        }
      }
      if (a == 0 && e.kind == OpKind::kStart && object.owner != kNoThread) {
        start_of_thread[object.owner] = j;
      }
      if (modifies) {
        state.last_modify = j;
        state.reads.clear();
      } else {
        state.reads.push_back(j);
      }
      if (lock_acquire) state.last_acquire = j;
    }
    if (!cached) {
      now.Tick(t);
      clock[j] = std::move(now);
    }
    last_of_thread[t] = j;
  }
  cached_events_ = static_cast<int>(trace.events.size());

  auto happens_before = [&](int a, int b) { return clock[b].Get(events[a]->thread) >= local[a]; };

  std::vector<uint32_t> first_in_v(threads);  // Per thread: its earliest local index in v.
  for (auto [i, j] : races) {
    // A kill has no decision of its own: it belongs to the killer's step just before it.
    if (events[i]->kind == OpKind::kKill && i > 0) --i;
    const int step = events[i]->step;
    if (step >= static_cast<int>(node_of_step.size()) || node_of_step[step] < 0) continue;
    Node& node = path_[node_of_step[step]];
    // The initials of v = notdep(e_i).e_j: the threads whose first event in v follows no other
    // event of v. An event b of v happens before u exactly when u's clock has seen b's thread
    // up to b; checking each thread's earliest event in v suffices.
    std::fill(first_in_v.begin(), first_in_v.end(), UINT32_MAX);
    uint64_t initials = 0;
    auto visit = [&](int u) {
      const TraceEvent& event = *events[u];
      bool initial = first_in_v[event.thread] == UINT32_MAX;
      for (std::size_t p = 0; p < threads && initial; ++p) {
        if (static_cast<ThreadId>(p) != event.thread && first_in_v[p] != UINT32_MAX &&
            clock[u].Get(static_cast<int>(p)) >= first_in_v[p]) {
          initial = false;
        }
      }
      if (initial) initials |= Bit(event.thread);
      if (first_in_v[event.thread] == UINT32_MAX) first_in_v[event.thread] = local[u];
    };
    for (int u = i + 1; u < j; ++u) {
      if (!happens_before(i, u)) visit(u);
    }
    visit(j);
    if ((initials & node.backtrack) != 0) continue;
    uint64_t enabled = 0;
    for (ThreadId q : node.enabled) enabled |= Bit(q);
    const uint64_t awake = enabled & ~node.sleep;
    if ((initials & awake) != 0) {
      node.backtrack |= Bit(__builtin_ctzll(initials & awake));
    } else {
      node.backtrack |= awake;  // No initial can start here: every awake thread (sound).
    }
  }
}

}  // namespace interleave
