#include "checker/detectors/daemon_cut_off.h"

#include <algorithm>
#include <optional>
#include <string>

namespace interleave {

void DaemonCutOffDetector::Inspect(const Trace& trace, std::vector<Finding>& findings) const {
  std::optional<int> exit_step;
  bool looked = false;
  for (ThreadId t = 1; t < static_cast<ThreadId>(trace.threads.size()); ++t) {
    const ThreadInfo& info = trace.threads[t];
    if (!info.killed || info.blocked) continue;
    // The runtime's reason for a daemon at exit (model/thread.cc), not a terminate().
    if (info.killed_reason.find("at program exit") == std::string::npos) continue;
    if (!looked) {
      exit_step = MainExitStep(trace);
      looked = true;
    }
    const std::string doing = PendingText(trace, info);
    const std::string where = info.pending_where.ToString();
    Finding finding;
    finding.kind = FindingKind::kDaemonCutOff;
    finding.summary = "daemon " + info.name +
                      " was killed at program exit before it finished (in " + doing + " at " +
                      where + ")";
    if (exit_step) {
      finding.details.push_back("MainThread's body returned after step " +
                                std::to_string(*exit_step) +
                                "; the program waited for its non-daemon threads, then killed "
                                "the daemons where they stood.");
    }
    // A sleep that had not ended (time mode virtual: it wakes at its deadline) is where the
    // daemon was, not what it was about to do.
    const std::string state = info.pending == OpKind::kSleep ? " was in its sleep at "
                                                             : " was about to " + doing + " at ";
    finding.details.push_back(info.name + state + where + " when it was killed at step " +
                              std::to_string(info.killed_at_step) +
                              ": the rest of its work never ran.");
    finding.threads = {t};
    finding.lines = {info.pending_where};
    if (info.pending_object != kNoObject) finding.objects = {info.pending_object};
    // The daemon's last step (seed 000's daemon: it logged "starting"), where main ends, and
    // the kill: the lesson in order.
    const int last = LastStepOf(trace, t);
    if (last > 0 && last != info.killed_at_step && (!exit_step || last != *exit_step)) {
      finding.marks.push_back({last, info.name + "'s last step before it was cut off"});
    }
    if (exit_step && *exit_step > 0) finding.marks.push_back({*exit_step, "main ends"});
    std::stable_sort(finding.marks.begin(), finding.marks.end(),
                     [](const StepMark& a, const StepMark& b) { return a.step < b.step; });
    finding.marks.push_back({info.killed_at_step, "daemon " + info.name + " CUT OFF in " + doing});
    finding.certain_at_step = info.killed_at_step;
    findings.push_back(std::move(finding));
  }
}

}  // namespace interleave
