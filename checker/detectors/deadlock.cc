#include "checker/detectors/deadlock.h"

#include <algorithm>
#include <string>
#include <vector>

namespace interleave {
namespace {

// A spinning thread's last atomic read of what it spins on (ThreadInfo::spinning), or null.
const TraceEvent* LastSpinRead(const Trace& trace, ThreadId thread) {
  const ThreadInfo& info = trace.threads[thread];
  if (!info.spinning) return nullptr;
  for (auto it = trace.events.rbegin(); it != trace.events.rend(); ++it) {
    if (it->thread == thread && it->object == info.pending_object && it->reads_from >= 0) {
      return &*it;
    }
  }
  return nullptr;
}

// The value a spinning thread keeps re-reading: its last read's, or the store's it read (a
// failed compare-exchange records "compare_exchange failed: 1, not 0"). Empty when unknown.
std::string SpinValue(const Trace& trace, const TraceEvent& read) {
  if (read.kind == OpKind::kRead) return read.value;
  if (read.reads_from < 1 || read.reads_from > static_cast<int>(trace.events.size())) return "";
  const TraceEvent& store = trace.events[static_cast<std::size_t>(read.reads_from - 1)];
  if (store.kind == OpKind::kWrite) return store.value;
  const auto arrow = store.value.rfind(" -> ");  // A read-modify-write: "... 0 -> 1".
  return arrow == std::string::npos ? "" : store.value.substr(arrow + 4);
}

// The thread that could let `thread` go on, or kNoThread when none is known. A spinning
// thread waits for whoever made the store it keeps reading (a spinlock's holder).
ThreadId Blocker(const Trace& trace, ThreadId thread) {
  const ThreadInfo& info = trace.threads[thread];
  if (info.pending_object == kNoObject) return kNoThread;
  if (const TraceEvent* read = LastSpinRead(trace, thread); read != nullptr) {
    if (read->reads_from < 1 || read->reads_from > static_cast<int>(trace.events.size())) {
      return kNoThread;
    }
    return trace.events[static_cast<std::size_t>(read->reads_from - 1)].thread;
  }
  const ObjectInfo& object = trace.objects[info.pending_object];
  return object.owner;  // A lock's holder; a thread object's own thread.
}

std::string WaitText(const Trace& trace, const ThreadInfo& info) {
  const std::string object =
      info.pending_object == kNoObject ? "" : trace.objects[info.pending_object].name;
  switch (info.pending) {
    case OpKind::kAcquire:
      return "waits to acquire " + object;
    case OpKind::kJoin:
      return "waits in join(" + object + ")";
    case OpKind::kExitWait:
      return "waits at exit for " + object;
    default:
      return "waits in " + std::string(OpKindName(info.pending)) + " " + object;
  }
}

// A blocked thread's stale check: its last read of an object other than what it blocks in,
// which another thread changed afterwards (DeadlockDetector's header).
struct StaleCheck {
  const TraceEvent* read = nullptr;
  const TraceEvent* change = nullptr;  // The first change of that object after the read.
};

StaleCheck StaleCheckOf(const Trace& trace, ThreadId thread) {
  const ThreadInfo& info = trace.threads[thread];
  if (info.pending_object == kNoObject || info.spinning) return {};
  const ObjectKind kind = trace.objects[info.pending_object].kind;
  if (kind == ObjectKind::kLock || kind == ObjectKind::kThread) return {};
  const int last = LastStepOf(trace, thread);
  for (int step = last; step >= 1; --step) {
    const TraceEvent& read = trace.events[step - 1];
    if (read.thread != thread) continue;
    if (read.kind != OpKind::kRead || read.object == kNoObject ||
        read.object == info.pending_object) {
      continue;
    }
    for (int later = step + 1; later <= static_cast<int>(trace.events.size()); ++later) {
      const TraceEvent& change = trace.events[later - 1];
      if (change.object == read.object && change.thread != thread && OpModifies(change.kind)) {
        return {&read, &change};
      }
    }
    return {};  // Its last check of another object still held: not what blocked it.
  }
  return {};
}

}  // namespace

void DeadlockDetector::Inspect(const Trace& trace, std::vector<Finding>& findings) const {
  if (trace.end != EndReason::kDeadlock) return;
  if (MainExitStep(trace)) {
    // Main has returned: a non-daemon thread blocked forever is a HANG AT EXIT instead.
    for (ThreadId t = 1; t < static_cast<ThreadId>(trace.threads.size()); ++t) {
      if (!trace.threads[t].finished && !trace.threads[t].daemon) return;
    }
  }
  Finding finding;
  finding.kind = FindingKind::kDeadlock;
  const int threads = static_cast<int>(trace.threads.size());
  std::vector<ThreadId> blocked;
  std::vector<StepMark> stale;  // The stale checks' marks (the header).
  int spinning = 0;
  for (ThreadId t = 0; t < threads; ++t) {
    const ThreadInfo& info = trace.threads[t];
    if (info.finished) continue;
    blocked.push_back(t);
    std::string line =
        info.name + " " + WaitText(trace, info) + " at " + info.pending_where.ToString();
    const ThreadId blocker = Blocker(trace, t);
    if (const TraceEvent* read = LastSpinRead(trace, t); read != nullptr) {
      // A spin loop that only re-reads a value no thread will change (spin-assume).
      const std::string object = trace.objects[info.pending_object].name;
      const std::string value = SpinValue(trace, *read);
      line = info.name + " spins forever at " + info.pending_where.ToString() + " re-reading " +
             object + (value.empty() ? "" : " = " + value) + ": no other thread will store to it";
      if (blocker != kNoThread && blocker != t) {
        line += " (" + trace.threads[blocker].name + " stored it at step " +
                std::to_string(read->reads_from) + ")";
      } else if (blocker == t) {
        line += " (it stored it itself at step " + std::to_string(read->reads_from) + ")";
      }
      ++spinning;
    } else if (info.spinning && blocker == kNoThread) {
      // A loop of polls (plain reads, trylocks, critical sections that only read) that no
      // thread holds up but none will change either.
      line = info.name + " polls forever at " + info.pending_where.ToString() +
             ": its loop came back to a state it was in, and no other thread will change what "
             "the loop reads";
      ++spinning;
    } else if (blocker != kNoThread && blocker != t) {
      const ObjectInfo& object = trace.objects[info.pending_object];
      line += object.kind == ObjectKind::kLock
                  ? ", held by " + trace.threads[blocker].name
                  : "; only " + trace.threads[blocker].name + " finishing could release it";
    } else if (blocker == t) {
      line += ", which it holds itself";
    }
    finding.details.push_back(line + ".");
    if (const StaleCheck check = StaleCheckOf(trace, t); check.read != nullptr) {
      const std::string& object = trace.objects[check.read->object].name;
      const std::string& changer = trace.threads[check.change->thread].name;
      const std::string pending = PendingText(trace, info);
      finding.details.push_back(
          info.name + " read " + object + " = " + check.read->value + " at step " +
          std::to_string(check.read->step) + " (" + check.read->where.ToString() +
          ") and went on to " + pending + "; " + changer + " changed " + object + " (" +
          std::string(OpKindName(check.change->kind)) + ") at step " +
          std::to_string(check.change->step) + " (" + check.change->where.ToString() +
          "), after that check: " + info.name + " blocked on a stale check.");
      stale.push_back({check.read->step, info.name + " checks " + object + " = " +
                                             check.read->value + ": goes on to " + pending});
      stale.push_back({check.change->step, changer + " changes " + object + " after " + info.name +
                                               "'s check: too late"});
    }
    finding.threads.push_back(t);
    if (info.pending_object != kNoObject) finding.objects.push_back(info.pending_object);
    finding.lines.push_back(info.pending_where);
  }

  // Each blocked thread waits for at most one thread: walk from each to find a cycle.
  std::vector<ThreadId> cycle;
  for (ThreadId start : blocked) {
    std::vector<int> seen_at(threads, -1);
    std::vector<ThreadId> path;
    for (ThreadId t = start; t != kNoThread && !trace.threads[t].finished; t = Blocker(trace, t)) {
      if (seen_at[t] >= 0) {
        cycle.assign(path.begin() + seen_at[t], path.end());
        break;
      }
      seen_at[t] = static_cast<int>(path.size());
      path.push_back(t);
    }
    if (!cycle.empty()) break;
  }
  if (!cycle.empty()) {
    std::string text;
    for (ThreadId t : cycle) text += trace.threads[t].name + " -> ";
    finding.details.push_back("Cycle: " + text + trace.threads[cycle.front()].name + ".");
  }

  finding.summary = "no thread can run: " + std::to_string(blocked.size()) + " of " +
                    std::to_string(threads) + " threads blocked forever" +
                    (spinning == 0 ? "" : " (" + std::to_string(spinning) + " spinning)") +
                    (cycle.empty() ? "" : " in a cycle");
  finding.certain_at_step = static_cast<int>(trace.events.size());
  if (!stale.empty()) {
    std::stable_sort(stale.begin(), stale.end(),
                     [](const StepMark& a, const StepMark& b) { return a.step < b.step; });
    finding.marks = std::move(stale);
  } else if (!trace.events.empty()) {
    finding.marks.push_back({trace.events.back().step, "last step before every thread blocked"});
  }
  findings.push_back(std::move(finding));
}

}  // namespace interleave
