#include "checker/detectors/hang_at_exit.h"

#include <algorithm>
#include <optional>
#include <string>

namespace interleave {

void HangAtExitDetector::Inspect(const Trace& trace, std::vector<Finding>& findings) const {
  if (trace.end != EndReason::kDeadlock) return;
  const std::optional<int> exit_step = MainExitStep(trace);
  if (!exit_step) return;

  Finding finding;
  finding.kind = FindingKind::kHangAtExit;
  finding.details.push_back("MainThread's body returned after step " + std::to_string(*exit_step) +
                            "; the program waits at exit for every non-daemon thread.");
  finding.marks.push_back({*exit_step, "main ends: the program waits for its threads"});
  std::string names;
  for (ThreadId t = 1; t < static_cast<ThreadId>(trace.threads.size()); ++t) {
    const ThreadInfo& info = trace.threads[t];
    if (info.finished || info.daemon) continue;
    std::string blocked = info.name + " blocked in " + PendingText(trace, info);
    if (!names.empty()) names += ", ";
    names += blocked;
    std::string line = blocked + " at " + info.pending_where.ToString();
    if (info.pending == OpKind::kAcquire && info.pending_object != kNoObject) {
      const ThreadId holder = trace.objects[info.pending_object].owner;
      if (holder != kNoThread) line += ", held by " + trace.threads[holder].name;
    }
    finding.details.push_back(line + ": it never ends, so the program never exits.");
    finding.threads.push_back(t);
    if (info.pending_object != kNoObject) finding.objects.push_back(info.pending_object);
    finding.lines.push_back(info.pending_where);
    const int last = LastStepOf(trace, t);
    if (last > 0) finding.marks.push_back({last, info.name + "'s last step: then blocked forever"});
  }
  if (finding.threads.empty()) return;  // Only daemons (or main itself) are stuck.
  std::stable_sort(finding.marks.begin(), finding.marks.end(),
                   [](const StepMark& a, const StepMark& b) { return a.step < b.step; });
  finding.summary = "the program never exits: main returned, but " +
                    std::to_string(finding.threads.size()) + " non-daemon thread" +
                    (finding.threads.size() == 1 ? " is" : "s are") + " blocked forever (" + names +
                    ")";
  finding.certain_at_step = static_cast<int>(trace.events.size());
  findings.push_back(std::move(finding));
}

}  // namespace interleave
