#include "checker/detectors/data_race.h"

#include <string>
#include <utility>
#include <vector>

namespace interleave {
namespace {

bool IsSharedAccess(const Trace& trace, const TraceEvent& event) {
  return (event.kind == OpKind::kRead || event.kind == OpKind::kWrite) &&
         event.object != kNoObject && trace.objects[event.object].kind == ObjectKind::kShared;
}

// Whether `a` (earlier in the trace) happens before `b`: b has seen a's own step.
bool HappensBefore(const TraceEvent& a, const TraceEvent& b) {
  return a.thread == b.thread || b.clock.Get(a.thread) >= a.clock.Get(a.thread);
}

// Whether some Shared object is accessed by two threads: otherwise there is nothing to check.
bool TwoThreadsShare(const Trace& trace) {
  bool any_shared = false;
  for (const ObjectInfo& object : trace.objects) any_shared |= object.kind == ObjectKind::kShared;
  if (!any_shared) return false;
  std::vector<ThreadId> first(trace.objects.size(), kNoThread);
  for (const TraceEvent& event : trace.events) {
    if (!IsSharedAccess(trace, event)) continue;
    ThreadId& seen = first[event.object];
    if (seen == kNoThread) {
      seen = event.thread;
    } else if (seen != event.thread) {
      return true;
    }
  }
  return false;
}

std::string Access(const Trace& trace, const TraceEvent& event) {
  const std::string& object = trace.objects[event.object].name;
  return trace.threads[event.thread].name +
         (event.kind == OpKind::kWrite ? " wrote " + object + " := " : " read " + object + " = ") +
         event.value + " at step " + std::to_string(event.step) + " (" + event.where.ToString() +
         ")";
}

Finding RaceFinding(const Trace& trace, const TraceEvent& first, const TraceEvent& second) {
  const std::string& object = trace.objects[second.object].name;
  const std::string& a = trace.threads[first.thread].name;
  const std::string& b = trace.threads[second.thread].name;
  auto verb = [](const TraceEvent& e) { return e.kind == OpKind::kWrite ? "write" : "read"; };
  Finding finding;
  finding.kind = FindingKind::kDataRace;
  finding.summary = "data race on " + object + ": " + a + "'s " + verb(first) + " and " + b +
                    "'s " + verb(second) + " are not ordered by happens-before";
  finding.details = {
      Access(trace, first) + ".",
      Access(trace, second) + ".",
      "No synchronisation (start, join, lock, condition, queue, event, semaphore) orders the "
      "two: they may run in either order, or at once.",
  };
  finding.threads = {first.thread, second.thread};
  finding.objects = {second.object};
  finding.lines = {first.where, second.where};
  finding.marks = {
      {first.step, std::string("RACE: ") + verb(first) + " of " + object +
                       ", unordered with step " + std::to_string(second.step)},
      {second.step, std::string("RACE: ") + verb(second) + " of " + object +
                        ", unordered with step " + std::to_string(first.step)},
  };
  finding.certain_at_step = second.step;
  return finding;
}

}  // namespace

void DataRaceDetector::Inspect(const Trace& trace, std::vector<Finding>& findings) const {
  if (!TwoThreadsShare(trace)) return;

  struct Variable {
    int last_write = -1;  // Index into trace.events.
    // Per thread, its last read since the last write (index into trace.events).
    std::vector<std::pair<ThreadId, int>> reads;
    bool reported = false;
  };
  std::vector<Variable> variables(trace.objects.size());
  const auto& events = trace.events;
  for (int i = 0; i < static_cast<int>(events.size()); ++i) {
    const TraceEvent& event = events[i];
    if (!IsSharedAccess(trace, event)) continue;
    Variable& v = variables[event.object];
    if (v.reported) continue;
    // The earliest unordered earlier access, if any.
    int racing = -1;
    if (v.last_write >= 0 && !HappensBefore(events[v.last_write], event)) racing = v.last_write;
    if (event.kind == OpKind::kWrite) {
      for (const auto& [thread, read] : v.reads) {
        if (!HappensBefore(events[read], event) && (racing < 0 || read < racing)) racing = read;
      }
    }
    if (racing >= 0) {
      findings.push_back(RaceFinding(trace, events[racing], event));
      v.reported = true;
      continue;
    }
    if (event.kind == OpKind::kWrite) {
      v.last_write = i;
      v.reads.clear();
    } else {
      bool replaced = false;
      for (auto& [thread, read] : v.reads) {
        if (thread == event.thread) {
          read = i;
          replaced = true;
        }
      }
      if (!replaced) v.reads.emplace_back(event.thread, i);
    }
  }
}

}  // namespace interleave
