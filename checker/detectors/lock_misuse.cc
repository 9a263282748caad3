#include "checker/detectors/lock_misuse.h"

#include <string>

namespace interleave {

void LockMisuseDetector::Inspect(const Trace& trace, std::vector<Finding>& findings) const {
  if (trace.end == EndReason::kMisuse) {
    const LockMisuse& m = trace.misuse;
    const std::string& thread = trace.threads[m.thread].name;
    const std::string& lock = trace.objects[m.lock].name;
    // A release, or a condition wait (whose entry releases the mutex: the instrumented runtime).
    const bool wait = m.step >= 1 && m.step <= static_cast<int>(trace.events.size()) &&
                      trace.events[m.step - 1].kind == OpKind::kWait;
    const std::string what =
        wait ? " waits on " + trace.objects[trace.events[m.step - 1].object].name + " with " + lock
             : " released " + lock;
    Finding finding;
    finding.kind = FindingKind::kLockMisuse;
    finding.summary =
        thread + what + ", which " +
        (m.holder == kNoThread ? std::string("nobody") : trace.threads[m.holder].name) + " held";
    finding.details = {
        trace.error + ".",
        "The execution ends at step " + std::to_string(m.step) +
            ": Python raises RuntimeError here, and in C and C++ it is undefined behaviour.",
    };
    finding.threads = {m.thread};
    if (m.holder != kNoThread) finding.threads.push_back(m.holder);
    finding.objects = {m.lock};
    finding.lines = {m.where};
    finding.marks = {{m.step, (wait ? "MISUSE: wait with " : "MISUSE: release of ") + lock +
                                  " not held by " + thread}};
    finding.certain_at_step = m.step;
    findings.push_back(std::move(finding));
    return;
  }
  if (trace.end != EndReason::kDeadlock) return;
  for (ThreadId t = 0; t < static_cast<ThreadId>(trace.threads.size()); ++t) {
    const ThreadInfo& info = trace.threads[t];
    if (info.finished || info.pending != OpKind::kAcquire || info.pending_object == kNoObject) {
      continue;
    }
    const ObjectInfo& lock = trace.objects[info.pending_object];
    if (lock.kind != ObjectKind::kLock || lock.owner != t) continue;
    Finding finding;
    finding.kind = FindingKind::kLockMisuse;
    finding.summary = info.name + " acquires " + lock.name +
                      ", which it already holds: it waits for itself forever (self-deadlock)";
    finding.details = {
        info.name + " blocks acquiring " + lock.name + " at " + info.pending_where.ToString() +
        "; the lock is not reentrant and only its holder, " + info.name + ", could release it."};
    finding.threads = {t};
    finding.objects = {info.pending_object};
    finding.lines = {info.pending_where};
    const int last = LastStepOf(trace, t);
    if (last > 0) {
      finding.marks = {{last, info.name + "'s last step: next it acquires " + lock.name +
                                  " again (self-deadlock)"}};
    }
    finding.certain_at_step = static_cast<int>(trace.events.size());
    findings.push_back(std::move(finding));
  }
}

}  // namespace interleave
