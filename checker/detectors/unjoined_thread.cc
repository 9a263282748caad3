#include "checker/detectors/unjoined_thread.h"

#include <algorithm>
#include <string>
#include <vector>

namespace interleave {

void UnjoinedThreadDetector::Inspect(const Trace& trace, std::vector<Finding>& findings) const {
  const int threads = static_cast<int>(trace.threads.size());
  if (threads < 3) return;  // Main and at least one joined and one unjoined thread.
  // Main's start step of each thread (0: not main's), and whether main joined it. Storage
  // reused across the executions of a search on this OS thread.
  thread_local std::vector<int> started_at;
  thread_local std::vector<bool> joined;
  started_at.assign(threads, 0);
  joined.assign(threads, false);
  bool joined_any = false;
  const TraceEvent* last_log = nullptr;
  for (const TraceEvent& event : trace.events) {
    if (event.thread != 0) continue;
    if (event.kind == OpKind::kLog) last_log = &event;
    if (event.object == kNoObject || trace.objects[event.object].kind != ObjectKind::kThread) {
      continue;
    }
    const ThreadId target = trace.objects[event.object].owner;
    if (target <= 0 || target >= threads) continue;
    if (event.kind == OpKind::kStart) started_at[target] = event.step;
    if (event.kind == OpKind::kJoin && !event.timed_out && started_at[target] > 0) {
      joined[target] = true;
      joined_any = true;
    }
  }
  if (!joined_any || last_log == nullptr) return;
  // A thread main is stuck joining when the execution ends was not skipped: main is blocked in
  // its join (a DEADLOCK), not done without it.
  const ThreadInfo& main = trace.threads[0];
  if (!main.finished && main.pending == OpKind::kJoin && main.pending_object != kNoObject) {
    const ThreadId target = trace.objects[main.pending_object].owner;
    if (target > 0 && target < threads) joined[target] = true;
  }

  Finding finding;
  finding.kind = FindingKind::kUnjoinedThread;
  finding.lines.push_back(last_log->where);
  finding.marks.push_back({last_log->step, "main logs its last message"});
  int certain = 0;
  std::string names;
  for (ThreadId t = 1; t < threads; ++t) {
    const ThreadInfo& info = trace.threads[t];
    if (started_at[t] == 0 || joined[t] || info.daemon) continue;
    // Its first step after main's last log.
    int after = 0;
    for (auto it = trace.events.begin() + last_log->step; it != trace.events.end(); ++it) {
      if (it->thread == t) {
        after = it->step;
        break;
      }
    }
    if (after == 0 && info.finished) continue;  // It had finished its work before the log.
    names += (names.empty() ? "" : ", ") + info.name;
    std::string line = info.name + " (started at step " + std::to_string(started_at[t]) +
                       ", never joined) was still running: ";
    if (after > 0) {
      const TraceEvent& next = trace.events[after - 1];
      line += "it did " + trace.Describe(next) + " at step " + std::to_string(after) + " (" +
              next.where.ToString() + ")";
      finding.marks.push_back({after, info.name + " still runs after main's last log"});
      finding.lines.push_back(next.where);
    } else {
      line += "it never finished";
    }
    finding.details.push_back(line + ".");
    finding.threads.push_back(t);
    finding.objects.push_back(info.object);
    const int at = after > 0 ? after : static_cast<int>(trace.events.size());
    certain = certain == 0 ? at : std::min(certain, at);
  }
  if (finding.threads.empty()) return;
  finding.details.insert(finding.details.begin(),
                         "MainThread joined some of the threads it started, not all, and logged "
                         "\"" +
                             last_log->value + "\" at step " + std::to_string(last_log->step) +
                             " (" + last_log->where.ToString() + ").");
  finding.summary = "main logged \"" + last_log->value + "\" while " + names +
                    (finding.threads.size() == 1 ? ", which it never joined, was"
                                                 : ", which it never joined, were") +
                    " still running";
  finding.certain_at_step = certain;
  findings.push_back(std::move(finding));
}

}  // namespace interleave
