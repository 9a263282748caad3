#include "checker/detectors/data_race.h"

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

namespace interleave {
namespace {

// A read or write of a shared variable, or an atomic operation on one (an unmodified
// program's atomics are words like its plain variables: instrumented/runtime.h).
bool IsSharedAccess(const Trace& trace, const TraceEvent& event) {
  return (event.kind == OpKind::kRead || event.kind == OpKind::kWrite ||
          (event.kind == OpKind::kUpdate && event.order != MemoryOrder::kNone)) &&
         event.object != kNoObject && trace.objects[event.object].kind == ObjectKind::kShared;
}

// Whether `a` (earlier in the trace) happens before `b`: b has seen a's own step.
inline bool HappensBefore(const TraceEvent& a, const TraceEvent& b) {
  return a.thread == b.thread || b.clock.Get(a.thread) >= a.clock.Get(a.thread);
}

// Working storage reused across the executions of a search on this OS thread (the detector
// runs on every one of them): sized by the trace, never shrunk.
struct Scratch {
  // Per Shared object: the index of its last plain write (-1: none), whether it was reported,
  // and its reads since that write: one index while each of them happens before the next
  // (read_epoch, -1: none), else per thread (reads_shared set; see `reads`).
  std::vector<int> last_write;
  std::vector<uint8_t> reported;
  std::vector<int> read_epoch;
  std::vector<uint8_t> reads_shared;
  // Per object and thread (object * threads + thread): that thread's last read of the object
  // since its last write (-1: none); filled in for an object only while its reads are shared.
  std::vector<int> reads;
  // The same for atomic operations (writes: stores and read-modify-writes), once the trace has
  // had one on a Shared object; last_write and the reads then hold the plain accesses only.
  std::vector<int> atomic_writes;
  std::vector<int> atomic_reads;
};

Scratch& ThisThreadScratch() {
  thread_local Scratch scratch;
  return scratch;
}

std::string Access(const Trace& trace, const TraceEvent& event) {
  const std::string& object = trace.objects[event.object].name;
  return trace.threads[event.thread].name +
         (event.kind == OpKind::kRead ? " read " + object + " = " : " wrote " + object + " := ") +
         event.value + " at step " + std::to_string(event.step) + " (" + event.where.ToString() +
         ")";
}

Finding RaceFinding(const Trace& trace, const TraceEvent& first, const TraceEvent& second) {
  const std::string& object = trace.objects[second.object].name;
  const std::string& a = trace.threads[first.thread].name;
  const std::string& b = trace.threads[second.thread].name;
  auto verb = [](const TraceEvent& e) {
    if (e.order != MemoryOrder::kNone)
      return e.kind == OpKind::kRead ? "atomic read" : "atomic write";
    return e.kind == OpKind::kWrite ? "write" : "read";
  };
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
  // Without a Shared object there is nothing to check. (Within one thread every access
  // happens before the next, so a trace whose Shared objects no two threads access finds
  // nothing below either: one pass, no separate test for that.)
  if (std::none_of(trace.objects.begin(), trace.objects.end(),
                   [](const ObjectInfo& object) { return object.kind == ObjectKind::kShared; })) {
    return;
  }
  Scratch& scratch = ThisThreadScratch();
  const std::size_t objects = trace.objects.size();
  const std::size_t threads = trace.threads.size();
  std::vector<int>& last_write = scratch.last_write;
  std::vector<uint8_t>& reported = scratch.reported;
  std::vector<int>& read_epoch = scratch.read_epoch;
  std::vector<uint8_t>& reads_shared = scratch.reads_shared;
  std::vector<int>& reads = scratch.reads;
  std::vector<int>& atomic_writes = scratch.atomic_writes;
  std::vector<int>& atomic_reads = scratch.atomic_reads;
  last_write.assign(objects, -1);
  reported.assign(objects, 0);
  read_epoch.assign(objects, -1);
  reads_shared.assign(objects, 0);
  if (reads.size() < objects * threads) reads.resize(objects * threads);
  // Whether an atomic access was met: from the first one on, the atomic accesses are tracked
  // (before it they are none, so the plain accesses have none to race with).
  bool atomics = false;
  const auto& events = trace.events;
  for (int i = 0; i < static_cast<int>(events.size()); ++i) {
    const TraceEvent& event = events[i];
    if (!IsSharedAccess(trace, event)) continue;
    const auto v = static_cast<std::size_t>(event.object);
    if (reported[v] != 0) continue;
    const bool writes = event.kind == OpKind::kWrite || event.kind == OpKind::kUpdate;
    const bool atomic = event.order != MemoryOrder::kNone;
    if (atomic && !atomics) {
      atomics = true;
      atomic_writes.assign(objects * threads, -1);
      atomic_reads.assign(objects * threads, -1);
    }
    int* const reads_of_v = &reads[v * threads];
    // The earliest unordered earlier access, if any: a plain access races with every access,
    // an atomic one with plain accesses only.
    int racing = -1;
    auto check = [&](int earlier) {
      if (earlier >= 0 && !HappensBefore(events[earlier], event) &&
          (racing < 0 || earlier < racing)) {
        racing = earlier;
      }
    };
    check(last_write[v]);
    if (writes) {
      // Whether a read since the last write is unordered with this write: one test per
      // thread in the read-shared state, else one.
      bool read_races = false;
      if (reads_shared[v] != 0) {
        for (std::size_t t = 0; t < threads && !read_races; ++t) {
          read_races = reads_of_v[t] >= 0 && !HappensBefore(events[reads_of_v[t]], event);
        }
      } else {
        const int epoch = read_epoch[v];
        read_races = epoch >= 0 && !HappensBefore(events[epoch], event);
      }
      if (read_races) {
        // Which read the finding names: the earliest unordered one among each thread's last
        // read since the write, found by a scan (once per variable: it is reported).
        std::fill(reads_of_v, reads_of_v + threads, -1);
        for (int k = last_write[v] + 1; k < i; ++k) {
          const TraceEvent& earlier = events[k];
          if (earlier.object == event.object && earlier.kind == OpKind::kRead &&
              earlier.order == MemoryOrder::kNone) {
            reads_of_v[earlier.thread] = k;
          }
        }
        for (std::size_t t = 0; t < threads; ++t) check(reads_of_v[t]);
      }
    }
    if (atomics && !atomic) {
      for (std::size_t t = 0; t < threads; ++t) {
        check(atomic_writes[v * threads + t]);
        if (writes) check(atomic_reads[v * threads + t]);
      }
    }
    if (racing >= 0) {
      findings.push_back(RaceFinding(trace, events[racing], event));
      reported[v] = 1;
      continue;
    }
    if (atomic) {
      // Per thread, its last atomic read and write: each thread's earlier ones happen before.
      if (writes) atomic_writes[v * threads + static_cast<std::size_t>(event.thread)] = i;
      if (event.kind != OpKind::kWrite) {
        atomic_reads[v * threads + static_cast<std::size_t>(event.thread)] = i;
      }
    } else if (writes) {
      // Every earlier access happens before this write (else it raced): a later access
      // ordered after it is ordered after them.
      last_write[v] = i;
      read_epoch[v] = -1;
      reads_shared[v] = 0;
      if (atomics) {
        std::fill(&atomic_writes[v * threads], &atomic_writes[v * threads] + threads, -1);
        std::fill(&atomic_reads[v * threads], &atomic_reads[v * threads] + threads, -1);
      }
    } else if (reads_shared[v] != 0) {
      reads_of_v[event.thread] = i;
    } else if (const int epoch = read_epoch[v]; epoch < 0 || HappensBefore(events[epoch], event)) {
      // Every read since the write happens before this one: it stands for them all.
      read_epoch[v] = i;
    } else {
      // Two unordered reads: from here on, each thread's last read (FastTrack's read-shared
      // state).
      reads_shared[v] = 1;
      std::fill(reads_of_v, reads_of_v + threads, -1);
      reads_of_v[events[epoch].thread] = epoch;
      reads_of_v[event.thread] = i;
    }
  }
}

}  // namespace interleave
