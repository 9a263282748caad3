#include "checker/class_size.h"

#include <algorithm>
#include <cstddef>
#include <functional>
#include <string>
#include <vector>

#include "checker/dpor.h"
#include "model/execution.h"

namespace interleave {
namespace {

// A step: a thread decision and the events it ran (trace.events[first, last]).
struct Unit {
  ThreadId thread = kNoThread;
  int first = 0;
  int last = 0;
};

PendingOp OpOf(const TraceEvent& e) {
  PendingOp op;
  op.kind = e.kind;
  op.object = e.object;
  op.global = e.global;
  op.observes = e.observes;
  return op;
}

uint64_t Mix(uint64_t h, uint64_t v) {
  h ^= v + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2);
  return h * 0xff51afd7ed558ccdULL;
}

// The down-sets of one layer of the count: key (the mixed-radix name), ways, and the position
// vector (threads entries per down-set), in key order.
struct DownSets {
  std::vector<uint64_t> keys;
  std::vector<int64_t> ways;
  std::vector<int> positions;
};

// A down-set of the next layer, reached from down-set `parent` of this one by a step of
// `thread`.
struct Successor {
  uint64_t key = 0;
  int64_t ways = 0;
  int parent = 0;
  int thread = 0;
};

// ClassSize's work vectors (one per OS thread, reused by every call on it).
struct Scratch {
  std::vector<bool> decided;
  std::vector<Unit> units;
  std::vector<std::vector<int>> of_thread;
  std::vector<int> timeouts;
  std::vector<int> pred;
  std::vector<int> local;
  std::vector<int> taken;
  std::vector<int> start_step;
  std::vector<int> starter;
  std::vector<int> before_now;
  std::vector<std::vector<int>> on_object;
  std::vector<std::vector<int>> observers_of;
  std::vector<int> global_units;
  std::vector<int> start_units;
  std::vector<uint64_t> radix;
  std::vector<int> size;
  DownSets layer;
  DownSets next;
  std::vector<Successor> successors;
  std::vector<int64_t> table;  // The dense count's ways, one per position vector.
  std::vector<int> position;
};

// The dense count's table: at most this many position vectors (8 MiB of ways).
constexpr std::size_t kMaxTable = std::size_t{1} << 20;
// The layers give way to the table once they have visited more than 1 / (kDenseShare x
// threads) of it: a down-set of the layers costs about that many of the table's entries.
constexpr int kDenseShare = 8;

// `lists` as `count` empty lists (those kept keep their capacity).
std::vector<std::vector<int>>& ClearedLists(std::vector<std::vector<int>>& lists, int count) {
  const auto size = static_cast<std::size_t>(count);
  if (lists.size() < size) lists.resize(size);
  for (std::size_t i = 0; i < size; ++i) lists[i].clear();
  return lists;
}

bool Counted(EndReason end) {
  switch (end) {
    case EndReason::kFinished:
    case EndReason::kDeadlock:
      return true;
    default:
      return false;
  }
}

}  // namespace

ClassSizeResult ClassSize(const Trace& trace, TimeMode time, int64_t max_states) {
  ClassSizeResult result;
  if (!Counted(trace.end) || trace.graph_print != 0) return result;
  const auto threads = static_cast<int>(trace.threads.size());
  const auto events = static_cast<int>(trace.events.size());
  if (threads == 0) return result;

  // The work vectors, kept across the classes of a search on this OS thread (a class is
  // sized after every execution: allocating them each time cost more than the count).
  thread_local Scratch scratch;
  Scratch& s = scratch;
  // Which steps have a thread decision of their own.
  s.decided.assign(static_cast<std::size_t>(events) + 2, false);
  for (const Decision& d : trace.decisions) {
    if (!d.is_value && d.step >= 1 && d.step <= events) s.decided[d.step] = true;
  }
  // The steps, and per thread the indices of its steps.
  std::vector<Unit>& units = s.units;
  units.clear();
  std::vector<std::vector<int>>& of_thread = ClearedLists(s.of_thread, threads);
  s.timeouts.assign(static_cast<std::size_t>(threads), 0);
  for (int i = 0; i < events; ++i) {
    const TraceEvent& e = trace.events[i];
    if (e.thread < 0 || e.thread >= threads) return result;
    if (e.object != kNoObject && (e.object < 0 || e.object >= ObjectId(trace.objects.size()))) {
      return result;
    }
    if (e.timed_out && time == TimeMode::kAny && ++s.timeouts[e.thread] > 1) return result;
    if (!units.empty() && !s.decided[e.step]) {
      if (units.back().thread != e.thread) return result;
      units.back().last = i;
      continue;
    }
    of_thread[e.thread].push_back(static_cast<int>(units.size()));
    units.push_back({e.thread, i, i});
  }
  const auto n = static_cast<int>(units.size());

  // pred[u * threads + v]: how many of thread v's steps must come before step u.
  std::vector<int>& pred = s.pred;
  pred.assign(static_cast<std::size_t>(n) * threads, 0);
  std::vector<int>& local = s.local;
  local.assign(static_cast<std::size_t>(n), 0);
  std::vector<int>& taken = s.taken;  // Steps so far, per thread.
  taken.assign(static_cast<std::size_t>(threads), 0);
  std::vector<int>& start_step = s.start_step;  // Its starter's count.
  start_step.assign(static_cast<std::size_t>(threads), -1);
  std::vector<int>& starter = s.starter;
  starter.assign(static_cast<std::size_t>(threads), kNoThread);
  std::vector<int>& before_now = s.before_now;  // At earlier times.
  before_now.assign(static_cast<std::size_t>(threads), 0);
  int64_t now = trace.events.empty() ? 0 : trace.events.front().time;
  // Indexes of the steps so far: per object and thread the steps of that thread that touch
  // it, per thread the steps that observe it, and the global steps.
  std::vector<std::vector<int>>& on_object =
      ClearedLists(s.on_object, static_cast<int>(trace.objects.size()) * threads);
  std::vector<std::vector<int>>& observers_of = ClearedLists(s.observers_of, threads);
  std::vector<int>& global_units = s.global_units;
  global_units.clear();
  std::vector<int>& start_units = s.start_units;  // The steps that start a thread.
  start_units.clear();
  // Work: the vectors set up above.
  result.states += events + static_cast<int64_t>(n) * threads +
                   static_cast<int64_t>(trace.objects.size()) * threads;
  for (int u = 0; u < n; ++u) {
    const Unit& unit = units[u];
    const ThreadId t = unit.thread;
    int* row = &pred[static_cast<std::size_t>(u) * threads];
    local[u] = taken[t];
    if (taken[t] == 0 && starter[t] != kNoThread) {
      row[starter[t]] = std::max(row[starter[t]], start_step[t]);
    }
    const int64_t at = trace.events[unit.first].time;
    if (time == TimeMode::kVirtual) {
      if (at != now) {
        before_now = taken;
        now = at;
      }
      for (int v = 0; v < threads; ++v) row[v] = std::max(row[v], before_now[v]);
    }
    // Dependence, decided by dpor's Independent for every pair of steps it may call
    // dependent: those that share an object or both start a thread, or where one is global or
    // observes the other's thread (Independent's only reasons; the indexes below find such
    // pairs without trying every earlier step).
    auto dependent = [&](int w) {
      const Unit& earlier = units[w];
      for (int a = earlier.first; a <= earlier.last; ++a) {
        const PendingOp op_a = OpOf(trace.events[a]);
        for (int b = unit.first; b <= unit.last; ++b) {
          ++result.states;  // Work: each pair of events compared.
          if (!Independent(earlier.thread, op_a, t, OpOf(trace.events[b]))) return true;
        }
      }
      return false;
    };
    auto check = [&](int w) {
      ++result.states;  // The order's pairs count as work too.
      const Unit& earlier = units[w];
      if (earlier.thread == t || row[earlier.thread] > local[w]) return;
      if (dependent(w)) row[earlier.thread] = local[w] + 1;
    };
    bool global = false;
    for (int b = unit.first; b <= unit.last; ++b) global = global || trace.events[b].global;
    if (global) {
      for (int w = u - 1; w >= 0; --w) check(w);
    } else {
      for (auto it = global_units.rbegin(); it != global_units.rend(); ++it) check(*it);
      bool starts = false;
      for (int b = unit.first; b <= unit.last; ++b) {
        starts = starts || trace.events[b].kind == OpKind::kStart;
      }
      if (starts) {  // Starts depend on each other (Independent: they number threads).
        for (auto it = start_units.rbegin(); it != start_units.rend(); ++it) check(*it);
      }
      for (auto it = observers_of[t].rbegin(); it != observers_of[t].rend(); ++it) check(*it);
      for (int b = unit.first; b <= unit.last; ++b) {
        const TraceEvent& e = trace.events[b];
        if (e.observes != kNoThread && e.observes != t && e.observes < threads) {
          const std::vector<int>& steps = of_thread[e.observes];
          for (auto it = steps.rbegin(); it != steps.rend(); ++it) {
            if (*it < u) check(*it);
          }
        }
        if (e.object == kNoObject) continue;
        // Per other thread, its latest step on the object that this one depends on: its
        // earlier steps are ordered before this one through it (program order), so the scan
        // stops there, or at a step ordered before this one already.
        for (int v = 0; v < threads; ++v) {
          if (v == t) continue;
          const std::vector<int>& on = on_object[static_cast<std::size_t>(e.object) * threads + v];
          for (auto it = on.rbegin(); it != on.rend(); ++it) {
            ++result.states;
            if (row[v] > local[*it]) break;
            if (dependent(*it)) {
              row[v] = local[*it] + 1;
              break;
            }
          }
        }
      }
    }
    for (int b = unit.first; b <= unit.last; ++b) {
      const TraceEvent& e = trace.events[b];
      if (e.global && (global_units.empty() || global_units.back() != u)) {
        global_units.push_back(u);
      }
      if (e.kind == OpKind::kStart && (start_units.empty() || start_units.back() != u)) {
        start_units.push_back(u);
      }
      if (e.observes != kNoThread && e.observes != t && e.observes < threads) {
        std::vector<int>& observers = observers_of[e.observes];
        if (observers.empty() || observers.back() != u) observers.push_back(u);
      }
      if (e.object != kNoObject) {
        std::vector<int>& on = on_object[static_cast<std::size_t>(e.object) * threads + t];
        if (on.empty() || on.back() != u) on.push_back(u);
      }
    }
    for (int b = unit.first; b <= unit.last; ++b) {
      const TraceEvent& e = trace.events[b];
      if (e.object == kNoObject) continue;
      const ObjectInfo& object = trace.objects[e.object];
      if (object.kind != ObjectKind::kThread || object.owner == kNoThread || object.owner == t ||
          object.owner >= threads) {
        continue;
      }
      if (e.kind == OpKind::kStart) {
        starter[object.owner] = t;
        start_step[object.owner] = taken[t] + 1;
      } else if (e.kind == OpKind::kJoin || e.kind == OpKind::kExitWait) {
        row[object.owner] = std::max(row[object.owner], taken[object.owner]);
        // The program's exit-wait on a daemon waits for every non-daemon thread first
        // (model/thread.cc), then cuts the daemon off.
        if (e.kind == OpKind::kExitWait && trace.threads[object.owner].daemon) {
          for (int v = 1; v < threads; ++v) {
            if (v != t && !trace.threads[v].daemon) row[v] = std::max(row[v], taken[v]);
          }
        }
      }
    }
    ++taken[t];
    if (result.states > max_states) return result;
  }

  // The class's print: each thread's steps, with their operations and what they follow.
  uint64_t print = Mix(0x51a55e5, static_cast<uint64_t>(threads));
  for (int t = 0; t < threads; ++t) {
    print = Mix(print, 0xfeed + static_cast<uint64_t>(of_thread[t].size()));
    for (int u : of_thread[t]) {
      for (int b = units[u].first; b <= units[u].last; ++b) {
        const TraceEvent& e = trace.events[b];
        print = Mix(print, (static_cast<uint64_t>(e.kind) << 32) ^
                               static_cast<uint64_t>(static_cast<uint32_t>(e.object)));
        // A data choice's value: the same order with another value is another execution.
        if (e.kind == OpKind::kChoose) print = Mix(print, std::hash<std::string>{}(e.value));
      }
      const int* row = &pred[static_cast<std::size_t>(u) * threads];
      for (int v = 0; v < threads; ++v) print = Mix(print, static_cast<uint64_t>(row[v]));
    }
  }
  result.print = print == 0 ? 1 : print;

  // Down-sets, each named by a mixed-radix number (digit t: thread t's position), unique per
  // position vector.
  std::vector<uint64_t>& radix = s.radix;
  radix.assign(static_cast<std::size_t>(threads), 1);
  std::vector<int>& size = s.size;
  size.assign(static_cast<std::size_t>(threads), 0);
  unsigned __int128 product = 1;
  for (int t = 0; t < threads; ++t) {
    radix[t] = static_cast<uint64_t>(product);
    size[t] = static_cast<int>(of_thread[t].size());
    product *= static_cast<unsigned>(size[t] + 1);
    if (product > static_cast<unsigned __int128>(UINT64_MAX)) return result;
  }
  // Whether thread t's next step may come after the down-set at `position`.
  auto ready = [&](const int* position, int t) {
    if (position[t] >= size[t]) return false;
    const int* row = &pred[static_cast<std::size_t>(of_thread[t][position[t]]) * threads];
    for (int v = 0; v < threads; ++v) {
      if (position[v] < row[v]) return false;
    }
    return true;
  };
  // Two ways to count, for two shapes of order. Where the dependence order leaves few of the
  // position vectors reachable (4 x 2 locked increments: about 80 of 65,610), only the
  // reachable down-sets, layer by layer (a layer: the down-sets of `step` steps), each with
  // its position vector and the number of ways to reach it. Where most are reachable (threads
  // that seldom depend on each other), a table over all of them, walked in order like an
  // odometer, costs less per down-set: the layers switch to it once they have visited more
  // than a (kDenseShare x threads)-th of the table.
  const bool table_fits = product <= static_cast<unsigned __int128>(kMaxTable);
  int64_t visited = 1;
  bool dense = false;
  DownSets& layer = s.layer;
  DownSets& next = s.next;
  layer.keys.assign(1, 0);
  layer.ways.assign(1, 1);
  layer.positions.assign(static_cast<std::size_t>(threads), 0);
  std::vector<Successor>& successors = s.successors;
  result.states += 1;
  for (int step = 0; step < n && !dense; ++step) {
    successors.clear();
    for (std::size_t i = 0; i < layer.keys.size(); ++i) {
      const int* position = &layer.positions[i * static_cast<std::size_t>(threads)];
      for (int t = 0; t < threads; ++t) {
        if (ready(position, t)) {
          successors.push_back({layer.keys[i] + radix[t], layer.ways[i], static_cast<int>(i), t});
        }
      }
    }
    std::sort(successors.begin(), successors.end(),
              [](const Successor& a, const Successor& b) { return a.key < b.key; });
    next.keys.clear();
    next.ways.clear();
    next.positions.clear();
    for (const Successor& successor : successors) {
      if (!next.keys.empty() && next.keys.back() == successor.key) {
        if (__builtin_add_overflow(next.ways.back(), successor.ways, &next.ways.back())) {
          return result;
        }
        continue;
      }
      next.keys.push_back(successor.key);
      next.ways.push_back(successor.ways);
      const auto from = static_cast<std::ptrdiff_t>(successor.parent) * threads;
      next.positions.insert(next.positions.end(), layer.positions.begin() + from,
                            layer.positions.begin() + from + threads);
      ++next.positions[next.positions.size() - static_cast<std::size_t>(threads) +
                       static_cast<std::size_t>(successor.thread)];
    }
    // Work: each down-set asks every thread whether its next step may come (`ready`, itself
    // a pass over the threads), and each successor is sorted and merged.
    result.states += static_cast<int64_t>(layer.keys.size()) * threads * threads +
                     static_cast<int64_t>(successors.size());
    if (result.states > max_states || next.keys.empty()) return result;
    std::swap(layer, next);
    visited += static_cast<int64_t>(layer.keys.size());
    // (Not after the last layer: its one down-set holds the count already.)
    dense = table_fits && step + 1 < n &&
            static_cast<unsigned __int128>(visited) * kDenseShare * threads > product;
  }
  if (!dense) {
    if (layer.keys.size() == 1) result.interleavings = layer.ways.front();
    return result;
  }
  const auto all = static_cast<std::size_t>(product);
  result.states += static_cast<int64_t>(all);
  if (result.states > max_states) return result;
  std::vector<int64_t>& ways = s.table;
  ways.assign(all, 0);
  ways[0] = 1;
  std::vector<int>& position = s.position;
  position.assign(static_cast<std::size_t>(threads), 0);
  for (std::size_t key = 0; key < all; ++key) {
    if (key > 0) {  // The next position vector.
      for (int t = 0; t < threads; ++t) {
        if (++position[t] <= size[t]) break;
        position[t] = 0;
      }
    }
    const int64_t count = ways[key];
    if (count == 0) continue;
    for (int t = 0; t < threads; ++t) {
      if (!ready(position.data(), t)) continue;
      int64_t& to = ways[key + radix[t]];
      if (__builtin_add_overflow(to, count, &to)) return result;
    }
  }
  if (ways[all - 1] > 0) result.interleavings = ways[all - 1];
  return result;
}

}  // namespace interleave
