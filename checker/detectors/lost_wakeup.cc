#include "checker/detectors/lost_wakeup.h"

#include <map>
#include <string>
#include <vector>

namespace interleave {
namespace {

// The last notify on `condition` before step `began` that did not wake `thread`, or null: null
// also when `thread` was woken after that notify (it waited again; see the header).
const TraceEvent* LostNotify(const Trace& trace, ObjectId condition, ThreadId thread, int began) {
  for (int i = began - 1; i >= 1; --i) {  // Events before step `began`, latest first.
    const TraceEvent& e = trace.events[i - 1];
    if (e.object != condition) continue;
    // A wait of this thread that a notify ended: the notify reached it.
    if (e.thread == thread && e.kind == OpKind::kWait && e.value == "notified") return nullptr;
    if (e.kind == OpKind::kNotify) return &e;
  }
  return nullptr;
}

std::string Waiters(const std::string& count) {
  return count == "1" ? "1 waiter" : count + " waiters";
}

}  // namespace

void LostWakeupDetector::Inspect(const Trace& trace, std::vector<Finding>& findings) const {
  if (trace.end != EndReason::kDeadlock) return;
  // The threads blocked in a wait on a condition, per condition.
  std::map<ObjectId, std::vector<ThreadId>> waiters;
  for (ThreadId t = 0; t < static_cast<ThreadId>(trace.threads.size()); ++t) {
    const ThreadInfo& info = trace.threads[t];
    if (info.finished || info.pending != OpKind::kWait || info.pending_object == kNoObject ||
        trace.objects[info.pending_object].kind != ObjectKind::kCondition) {
      continue;
    }
    waiters[info.pending_object].push_back(t);
  }
  if (waiters.empty()) return;

  for (const auto& [condition, threads] : waiters) {
    const std::string& name = trace.objects[condition].name;
    Finding finding;
    finding.kind = FindingKind::kLostWakeup;
    const TraceEvent* notify = nullptr;  // The last lost notify before a waiter's wait.
    std::string names;
    for (ThreadId t : threads) {
      const int began = LastStepOf(trace, t);
      const TraceEvent* lost = LostNotify(trace, condition, t, began);
      if (lost == nullptr) continue;
      if (notify == nullptr || lost->step > notify->step) notify = lost;
      const ThreadInfo& info = trace.threads[t];
      names += (names.empty() ? "" : ", ") + info.name;
      finding.threads.push_back(t);
      finding.lines.push_back(info.pending_where);
      finding.details.push_back(info.name + " began to wait on " + name + " at step " +
                                std::to_string(began) + " (" + info.pending_where.ToString() +
                                "), after that notify, and nothing notified it since: it waits "
                                "forever.");
      finding.marks.push_back({began, info.name + " waits on " + name + " after the notify"});
    }
    if (notify == nullptr) continue;
    const std::string& notifier = trace.threads[notify->thread].name;
    const bool woke_nobody = notify->value == "0";
    const std::string never = finding.threads.size() == 1 ? " waits on it later and never returns"
                                                          : " wait on it later and never return";
    finding.summary =
        notifier + "'s notify on " + name + " at step " + std::to_string(notify->step) +
        (woke_nobody
             ? " woke no waiter; " + names + never
             : " woke only the " + Waiters(notify->value) + " waiting then; " + names + never);
    finding.details.insert(
        finding.details.begin(),
        notifier + " notified " + name + " at step " + std::to_string(notify->step) + " (" +
            notify->where.ToString() + ")" +
            (woke_nobody ? " while nobody waited: the wakeup was lost."
                         : ", waking the " + Waiters(notify->value) + " waiting then, before " +
                               names + " began to wait: for " + names + " the wakeup was lost."));
    finding.threads.insert(finding.threads.begin(), notify->thread);
    finding.objects = {condition};
    finding.lines.insert(finding.lines.begin(), notify->where);
    finding.marks.insert(finding.marks.begin(),
                         {notify->step, woke_nobody ? "notify woke nobody: LOST"
                                                    : "notify before " + names + " waits: LOST"});
    finding.certain_at_step = static_cast<int>(trace.events.size());
    findings.push_back(std::move(finding));
  }
}

}  // namespace interleave
