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
inline bool HappensBefore(const TraceEvent& a, const TraceEvent& b) {
  return a.thread == b.thread || b.clock.Get(a.thread) >= a.clock.Get(a.thread);
}

// Working storage reused across the executions of a search on this OS thread (the detector
// runs on every one of them): sized by the trace, never shrunk.
struct Scratch {
  std::vector<ThreadId> first;  // Per object: the first thread that accessed it.
  // Per Shared object: the index of its last write (-1: none) and whether it was reported.
  std::vector<int> last_write;
  std::vector<uint8_t> reported;
  // Per object and thread (object * threads + thread): the index of that thread's last read
  // of the object since its last write (-1: none).
  std::vector<int> reads;
};

Scratch& ThisThreadScratch() {
  thread_local Scratch scratch;
  return scratch;
}

// Whether some Shared object is accessed by two threads: otherwise there is nothing to check.
bool TwoThreadsShare(const Trace& trace, std::vector<ThreadId>& first) {
  bool any_shared = false;
  for (const ObjectInfo& object : trace.objects) any_shared |= object.kind == ObjectKind::kShared;
  if (!any_shared) return false;
  first.assign(trace.objects.size(), kNoThread);
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
  Scratch& scratch = ThisThreadScratch();
  if (!TwoThreadsShare(trace, scratch.first)) return;

  const std::size_t objects = trace.objects.size();
  const std::size_t threads = trace.threads.size();
  std::vector<int>& last_write = scratch.last_write;
  std::vector<uint8_t>& reported = scratch.reported;
  std::vector<int>& reads = scratch.reads;
  last_write.assign(objects, -1);
  reported.assign(objects, 0);
  reads.assign(objects * threads, -1);
  const auto& events = trace.events;
  for (int i = 0; i < static_cast<int>(events.size()); ++i) {
    const TraceEvent& event = events[i];
    if (!IsSharedAccess(trace, event)) continue;
    const auto v = static_cast<std::size_t>(event.object);
    if (reported[v] != 0) continue;
    int* const reads_of_v = &reads[v * threads];
    // The earliest unordered earlier access, if any.
    int racing = -1;
    if (last_write[v] >= 0 && !HappensBefore(events[last_write[v]], event)) racing = last_write[v];
    if (event.kind == OpKind::kWrite) {
      for (std::size_t t = 0; t < threads; ++t) {
        const int read = reads_of_v[t];
        if (read >= 0 && !HappensBefore(events[read], event) && (racing < 0 || read < racing)) {
          racing = read;
        }
      }
    }
    if (racing >= 0) {
      findings.push_back(RaceFinding(trace, events[racing], event));
      reported[v] = 1;
      continue;
    }
    if (event.kind == OpKind::kWrite) {
      last_write[v] = i;
      std::fill(reads_of_v, reads_of_v + threads, -1);
    } else {
      reads_of_v[event.thread] = i;
    }
  }
}

}  // namespace interleave
