#include "checker/detectors/livelock.h"

#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <tuple>
#include <utility>
#include <vector>

namespace interleave {

namespace {

// Whether `thread`'s changes in the window (events from index `first` on) are mostly distinct:
// more than half of them differ in object, operation or value (the header).
bool MakesProgress(const Trace& trace, int first, ThreadId thread) {
  std::set<std::tuple<ObjectId, OpKind, std::string_view>> distinct;
  int changes = 0;
  for (int i = first; i < static_cast<int>(trace.events.size()); ++i) {
    const TraceEvent& e = trace.events[i];
    if (e.thread != thread || !OpModifies(e.kind) || e.kind == OpKind::kAcquire ||
        e.kind == OpKind::kRelease) {
      continue;
    }
    ++changes;
    distinct.insert({e.object, e.kind, e.value});
  }
  return changes > 0 && 2 * static_cast<int>(distinct.size()) > changes;
}

// Whether the busy threads back off from each other's locks: each fails to take a lock
// (kNotAcquired) and gives one back, twice or more in the window, over two locks or more.
bool BackingOff(const Trace& trace, int first, const std::vector<ThreadId>& busy) {
  if (busy.size() < 2) return false;
  std::set<ObjectId> locks;
  for (ThreadId t : busy) {
    int failed = 0;
    int released = 0;
    for (int i = first; i < static_cast<int>(trace.events.size()); ++i) {
      const TraceEvent& e = trace.events[i];
      if (e.thread != t) continue;
      if (e.kind == OpKind::kAcquire && e.value == kNotAcquired) {
        ++failed;
        locks.insert(e.object);
      } else if (e.kind == OpKind::kRelease) {
        ++released;
        locks.insert(e.object);
      }
    }
    if (failed < 2 || released < 2) return false;
  }
  return locks.size() >= 2;
}

}  // namespace

void LivelockDetector::Inspect(const Trace& trace, std::vector<Finding>& findings) const {
  if (trace.end != EndReason::kStepBound || trace.events.empty()) return;
  const int total = static_cast<int>(trace.events.size());
  const int first = std::max(0, total - kWindow);  // Index of the window's first event.
  const int window = total - first;
  std::vector<int> steps(trace.threads.size(), 0);
  for (int i = first; i < total; ++i) ++steps[trace.events[i].thread];
  std::vector<ThreadId> busy;
  for (ThreadId t = 0; t < static_cast<ThreadId>(steps.size()); ++t) {
    if (steps[t] * 4 >= window) busy.push_back(t);
  }
  if (!busy.empty() && std::all_of(busy.begin(), busy.end(),
                                   [&](ThreadId t) { return MakesProgress(trace, first, t); })) {
    return;  // A long execution, not a livelock (the header).
  }
  // Per busy thread, its lines in the window: how often each ran.
  std::vector<std::map<std::pair<std::string, int>, std::pair<int, SourceLine>>> counts(
      trace.threads.size());
  int most = 0;  // The most runs of one line by one busy thread.
  for (ThreadId t : busy) {
    for (int i = first; i < total; ++i) {
      const TraceEvent& e = trace.events[i];
      if (e.thread != t) continue;
      auto& entry = counts[t][{e.where.file, e.where.line}];
      most = std::max(most, ++entry.first);
      entry.second = e.where;
    }
  }
  // A loop shows as a line run again and again: a cut-off too short for any busy thread to
  // repeat a line kMinRepeats times (a bound of a few steps) tells nothing, so no finding.
  if (!busy.empty() && most < kMinRepeats) return;
  std::stable_sort(busy.begin(), busy.end(),
                   [&steps](ThreadId a, ThreadId b) { return steps[a] > steps[b]; });

  Finding finding;
  finding.kind = FindingKind::kLivelock;
  std::string names;
  for (ThreadId t : busy) {
    // Its lines in the window, most frequent first, then by line.
    std::vector<std::pair<int, SourceLine>> lines;
    for (const auto& [key, entry] : counts[t]) lines.push_back(entry);
    std::stable_sort(lines.begin(), lines.end(),
                     [](const auto& a, const auto& b) { return a.first > b.first; });
    if (lines.size() > static_cast<std::size_t>(kLines)) lines.resize(kLines);
    std::string repeated;
    for (const auto& [count, line] : lines) {
      repeated +=
          (repeated.empty() ? "" : ", ") + line.ToString() + " (" + std::to_string(count) + "x)";
      finding.lines.push_back(line);
    }
    const std::string& name = trace.threads[t].name;
    names += (names.empty() ? "" : ", ") + name;
    finding.details.push_back(name + " took " + std::to_string(steps[t]) + " of the last " +
                              std::to_string(window) + " steps, repeating " + repeated + ".");
    finding.threads.push_back(t);
  }
  finding.summary = "suspected livelock: the execution hit the step bound (" +
                    std::to_string(total) + " steps); " + names +
                    (busy.size() == 1 ? " was" : " were") +
                    " busy at the end, a spin or polling loop?";
  if (BackingOff(trace, first, busy)) {
    finding.details.push_back(
        "They take a lock each, fail to take the one the other holds, give theirs back and try "
        "again, in step with one another (as std::lock and std::scoped_lock back off): only a "
        "schedule that switches between them at every attempt keeps them at it for ever, and "
        "a real scheduler soon lets one of them take both. That is the schedule the step bound "
        "cut here.");
  }
  finding.details.push_back(
      "A spin or polling loop that never makes progress, or a step bound too low for the "
      "program (--max-steps).");
  finding.marks = {{first + 1, "the last " + std::to_string(window) + " steps begin"},
                   {total, "step bound hit"}};
  finding.certain_at_step = total;
  findings.push_back(std::move(finding));
}

}  // namespace interleave
