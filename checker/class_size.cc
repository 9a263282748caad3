#include "checker/class_size.h"

#include <algorithm>
#include <cstddef>
#include <functional>
#include <string>
#include <unordered_map>
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

  // Which steps have a thread decision of their own.
  std::vector<bool> decided(static_cast<std::size_t>(events) + 2, false);
  for (const Decision& d : trace.decisions) {
    if (!d.is_value && d.step >= 1 && d.step <= events) decided[d.step] = true;
  }
  // The steps, and per thread the indices of its steps.
  std::vector<Unit> units;
  units.reserve(static_cast<std::size_t>(events));
  std::vector<std::vector<int>> of_thread(static_cast<std::size_t>(threads));
  std::vector<int> timeouts(static_cast<std::size_t>(threads), 0);
  for (int i = 0; i < events; ++i) {
    const TraceEvent& e = trace.events[i];
    if (e.thread < 0 || e.thread >= threads) return result;
    if (e.object != kNoObject && (e.object < 0 || e.object >= ObjectId(trace.objects.size()))) {
      return result;
    }
    if (e.timed_out && time == TimeMode::kAny && ++timeouts[e.thread] > 1) return result;
    if (!units.empty() && !decided[e.step]) {
      if (units.back().thread != e.thread) return result;
      units.back().last = i;
      continue;
    }
    of_thread[e.thread].push_back(static_cast<int>(units.size()));
    units.push_back({e.thread, i, i});
  }
  const auto n = static_cast<int>(units.size());

  // pred[u * threads + v]: how many of thread v's steps must come before step u.
  std::vector<int> pred(static_cast<std::size_t>(n) * threads, 0);
  std::vector<int> local(static_cast<std::size_t>(n), 0);
  std::vector<int> taken(static_cast<std::size_t>(threads), 0);        // Steps so far, per thread.
  std::vector<int> start_step(static_cast<std::size_t>(threads), -1);  // Its starter's count.
  std::vector<int> starter(static_cast<std::size_t>(threads), kNoThread);
  std::vector<int> before_now(static_cast<std::size_t>(threads), 0);  // At earlier times.
  int64_t now = trace.events.empty() ? 0 : trace.events.front().time;
  // Indexes of the steps so far: per object the steps that touch it, per thread the steps
  // that observe it, and the global steps.
  std::vector<std::vector<int>> on_object(trace.objects.size());
  std::vector<std::vector<int>> observers_of(static_cast<std::size_t>(threads));
  std::vector<int> global_units;
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
    // dependent: those that share an object, or where one is global or observes the other's
    // thread (Independent's only reasons; the indexes below find such pairs without trying
    // every earlier step).
    auto check = [&](int w) {
      ++result.states;  // The order's pairs count as work too (one hot object: O(steps^2)).
      const Unit& earlier = units[w];
      if (earlier.thread == t || row[earlier.thread] > local[w]) return;
      bool dependent = false;
      for (int a = earlier.first; a <= earlier.last && !dependent; ++a) {
        const PendingOp op_a = OpOf(trace.events[a]);
        for (int b = unit.first; b <= unit.last && !dependent; ++b) {
          dependent = !Independent(earlier.thread, op_a, t, OpOf(trace.events[b]));
        }
      }
      if (dependent) row[earlier.thread] = local[w] + 1;
    };
    bool global = false;
    for (int b = unit.first; b <= unit.last; ++b) global = global || trace.events[b].global;
    if (global) {
      for (int w = u - 1; w >= 0; --w) check(w);
    } else {
      for (auto it = global_units.rbegin(); it != global_units.rend(); ++it) check(*it);
      for (auto it = observers_of[t].rbegin(); it != observers_of[t].rend(); ++it) check(*it);
      for (int b = unit.first; b <= unit.last; ++b) {
        const TraceEvent& e = trace.events[b];
        if (e.observes != kNoThread && e.observes != t && e.observes < threads) {
          const std::vector<int>& steps = of_thread[e.observes];
          for (auto it = steps.rbegin(); it != steps.rend(); ++it) {
            if (*it < u) check(*it);
          }
        }
        if (e.object != kNoObject) {
          const std::vector<int>& on = on_object[e.object];
          for (auto it = on.rbegin(); it != on.rend(); ++it) check(*it);
        }
      }
    }
    for (int b = unit.first; b <= unit.last; ++b) {
      const TraceEvent& e = trace.events[b];
      if (e.global && (global_units.empty() || global_units.back() != u)) {
        global_units.push_back(u);
      }
      if (e.observes != kNoThread && e.observes != t && e.observes < threads) {
        std::vector<int>& observers = observers_of[e.observes];
        if (observers.empty() || observers.back() != u) observers.push_back(u);
      }
      if (e.object != kNoObject) {
        std::vector<int>& on = on_object[e.object];
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

  // Down-sets as mixed-radix numbers (digit t: thread t's position). Taking a step adds its
  // thread's radix, so every down-set comes after those it is reached from.
  std::vector<uint64_t> radix(static_cast<std::size_t>(threads), 1);
  std::vector<int> size(static_cast<std::size_t>(threads));
  unsigned __int128 product = 1;
  for (int t = 0; t < threads; ++t) {
    radix[t] = static_cast<uint64_t>(product);
    size[t] = static_cast<int>(of_thread[t].size());
    product *= static_cast<unsigned>(size[t] + 1);
    if (product > static_cast<unsigned __int128>(UINT64_MAX)) return result;
  }
  std::vector<int> position(static_cast<std::size_t>(threads), 0);
  // Whether thread t's next step may come after down-set `position`.
  auto ready = [&](int t) {
    if (position[t] >= size[t]) return false;
    const int* row = &pred[static_cast<std::size_t>(of_thread[t][position[t]]) * threads];
    for (int v = 0; v < threads; ++v) {
      if (position[v] < row[v]) return false;
    }
    return true;
  };
  if (product <= static_cast<unsigned __int128>(max_states)) {
    // Few enough position vectors: a dense table, walked in order like an odometer.
    const auto all = static_cast<std::size_t>(product);
    std::vector<int64_t> ways(all, 0);
    ways[0] = 1;
    result.states += static_cast<int64_t>(all);
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
        if (!ready(t)) continue;
        int64_t& to = ways[key + radix[t]];
        if (__builtin_add_overflow(to, count, &to)) return result;
      }
    }
    if (ways[all - 1] > 0) result.interleavings = ways[all - 1];
    return result;
  }
  // Otherwise the reachable down-sets only, layer by layer (the number of steps taken).
  std::unordered_map<uint64_t, int64_t> layer{{0, 1}};
  std::unordered_map<uint64_t, int64_t> next;
  result.states += 1;
  for (int step = 0; step < n; ++step) {
    next.clear();
    for (const auto& [key, count] : layer) {
      uint64_t rest = key;
      for (int t = threads - 1; t >= 0; --t) {
        position[t] = static_cast<int>(rest / radix[t]);
        rest %= radix[t];
      }
      for (int t = 0; t < threads; ++t) {
        if (!ready(t)) continue;
        int64_t& to = next[key + radix[t]];
        if (__builtin_add_overflow(to, count, &to)) return result;
      }
    }
    result.states += static_cast<int64_t>(next.size());
    if (result.states > max_states || next.empty()) return result;
    std::swap(layer, next);
  }
  if (layer.size() == 1) result.interleavings = layer.begin()->second;
  return result;
}

}  // namespace interleave
