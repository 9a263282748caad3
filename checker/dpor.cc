#include "checker/dpor.h"

#include <algorithm>
#include <map>
#include <string>
#include <utility>

#include "model/error.h"
#include "model/vector_clock.h"

namespace interleave {
namespace {

bool Independent(const PendingOp& a, const PendingOp& b) {
  if (a.object == kNoObject || b.object == kNoObject || a.object != b.object) return true;
  return !OpModifies(a.kind) && !OpModifies(b.kind);
}

}  // namespace

bool DporStrategy::StartExecution() {
  depth_ = 0;
  if (!started_) {
    started_ = true;
    return true;
  }
  while (!path_.empty()) {
    Node& node = path_.back();
    if (node.is_value) {
      if (node.value < node.hi) {
        ++node.value;
        return true;
      }
    } else {
      for (ThreadId t : node.backtrack) {
        if (node.done.count(t) == 0 && node.sleep.count(t) == 0) {
          node.chosen = t;
          node.done.insert(t);
          return true;
        }
      }
    }
    path_.pop_back();
  }
  return false;
}

// The sleep set of a new thread decision: what was asleep at the previous thread decision, or
// explored there before its current choice, and is independent of the operation chosen there.
std::set<ThreadId> DporStrategy::SleepForNewNode() const {
  std::set<ThreadId> sleep;
  for (auto node = path_.rbegin(); node != path_.rend(); ++node) {
    if (node->is_value) continue;
    const PendingOp& ran = node->pending[node->chosen];
    auto keep = [&](ThreadId t) {
      if (t != node->chosen && Independent(node->pending[t], ran)) sleep.insert(t);
    };
    for (ThreadId t : node->sleep) keep(t);
    for (ThreadId t : node->done) keep(t);
    break;
  }
  return sleep;
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
  Node node;
  node.step = point.step;
  node.enabled = enabled;
  node.pending = *point.pending;
  node.sleep = SleepForNewNode();
  ThreadId chosen = kNoThread;
  // Prefer the thread that ran last (fewer preemptions), else the lowest awake one.
  for (ThreadId t : enabled) {
    if (node.sleep.count(t) != 0) continue;
    if (chosen == kNoThread || t == point.previous) chosen = t;
  }
  if (chosen == kNoThread) throw PruneExecution{};  // Every enabled thread is asleep.
  node.chosen = chosen;
  node.backtrack = {chosen};
  node.done = {chosen};
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
  std::vector<TraceEvent> events = trace.events;
  if (trace.end == EndReason::kDeadlock) {
    for (ThreadId t = 0; t < static_cast<ThreadId>(trace.threads.size()); ++t) {
      const ThreadInfo& info = trace.threads[t];
      if (info.finished || info.pending_object == kNoObject) continue;
      TraceEvent pending;
      pending.step = -1;  // Never ran: no decision to backtrack at.
      pending.thread = t;
      pending.object = info.pending_object;
      pending.kind = info.pending;
      events.push_back(pending);
    }
  }
  const int n = static_cast<int>(events.size());

  // The thread decision that ran each step.
  std::map<int, std::size_t> node_of_step;
  for (std::size_t i = 0; i < path_.size(); ++i) {
    if (!path_[i].is_value) node_of_step[path_[i].step] = i;
  }

  // Happens-before over the trace: program order, start and join edges, and dependence.
  std::vector<VectorClock> clock(n);
  std::vector<uint32_t> local(n);  // 1-based position of each event in its thread.
  std::map<ThreadId, int> last_of_thread;
  std::map<ThreadId, int> start_of_thread;
  struct ObjectState {
    int last_modify = -1;
    int last_acquire = -1;
    std::vector<int> reads;  // Since last_modify.
  };
  std::map<ObjectId, ObjectState> objects;
  std::vector<std::pair<int, int>> races;

  for (int j = 0; j < n; ++j) {
    const TraceEvent& e = events[j];
    const ThreadId t = e.thread;
    VectorClock pred;
    if (auto last = last_of_thread.find(t); last != last_of_thread.end()) {
      pred = clock[last->second];
    } else if (auto start = start_of_thread.find(t); start != start_of_thread.end()) {
      pred = clock[start->second];
    }
    local[j] = pred.Get(t) + 1;

    VectorClock now = pred;
    if (e.object != kNoObject) {
      const ObjectInfo& object = trace.objects[e.object];
      ObjectState& state = objects[e.object];
      const bool modifies = OpModifies(e.kind);
      const bool lock_acquire = object.kind == ObjectKind::kLock && e.kind == OpKind::kAcquire;
      std::vector<int> candidates;  // Earlier dependent events that e may race with.
      if (lock_acquire) {
        if (state.last_acquire >= 0) candidates.push_back(state.last_acquire);
      } else {
        if (state.last_modify >= 0) candidates.push_back(state.last_modify);
        if (modifies) candidates.insert(candidates.end(), state.reads.begin(), state.reads.end());
      }
      for (int i : candidates) {
        const TraceEvent& earlier = events[i];
        if (earlier.thread == t) continue;
        if (pred.Get(earlier.thread) < local[i]) races.emplace_back(i, j);
      }
      for (int i : candidates) now.Join(clock[i]);
      if (state.last_modify >= 0) now.Join(clock[state.last_modify]);
      // A join (or exit-wait) follows everything the joined thread did.
      if (object.kind == ObjectKind::kThread &&
          (e.kind == OpKind::kJoin || e.kind == OpKind::kExitWait)) {
        if (auto last = last_of_thread.find(object.owner); last != last_of_thread.end()) {
          now.Join(clock[last->second]);
        }
      }
      if (e.kind == OpKind::kStart && object.owner != kNoThread) start_of_thread[object.owner] = j;
      if (modifies) {
        state.last_modify = j;
        state.reads.clear();
      } else {
        state.reads.push_back(j);
      }
      if (lock_acquire) state.last_acquire = j;
    }
    now.Tick(t);
    // Keep the thread's own count exact even when joins brought in a larger one.
    clock[j] = now;
    last_of_thread[t] = j;
  }

  auto happens_before = [&](int a, int b) { return clock[b].Get(events[a].thread) >= local[a]; };

  for (const auto& [i, j] : races) {
    const auto found = node_of_step.find(events[i].step);
    if (found == node_of_step.end()) continue;  // Not a scheduled step (a kill).
    Node& node = path_[found->second];
    // v = notdep(e_i).e_j: the later events not ordered after e_i, then e_j.
    std::vector<int> v;
    for (int u = i + 1; u < j; ++u) {
      if (!happens_before(i, u)) v.push_back(u);
    }
    v.push_back(j);
    std::set<ThreadId> initials;
    for (std::size_t a = 0; a < v.size(); ++a) {
      bool first = true;
      for (std::size_t b = 0; b < a && first; ++b) first = !happens_before(v[b], v[a]);
      if (first) initials.insert(events[v[a]].thread);
    }
    bool covered = false;
    for (ThreadId q : initials) covered = covered || node.backtrack.count(q) != 0;
    if (covered) continue;
    ThreadId add = kNoThread;
    for (ThreadId q : initials) {
      const bool enabled = std::binary_search(node.enabled.begin(), node.enabled.end(), q);
      if (enabled && node.sleep.count(q) == 0) {
        add = q;
        break;
      }
    }
    if (add != kNoThread) {
      node.backtrack.insert(add);
    } else {
      // No initial can start here: explore every awake thread (conservative, still sound).
      for (ThreadId q : node.enabled) {
        if (node.sleep.count(q) == 0) node.backtrack.insert(q);
      }
    }
  }
}

}  // namespace interleave
