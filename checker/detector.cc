#include "checker/detector.h"

#include <algorithm>

#include "checker/detectors/daemon_cut_off.h"
#include "checker/detectors/data_race.h"
#include "checker/detectors/deadlock.h"
#include "checker/detectors/hang_at_exit.h"
#include "checker/detectors/invariant.h"
#include "checker/detectors/livelock.h"
#include "checker/detectors/lock_misuse.h"
#include "checker/detectors/lost_message.h"
#include "checker/detectors/lost_update.h"
#include "checker/detectors/lost_wakeup.h"
#include "checker/detectors/program_failure.h"
#include "checker/detectors/swallowed_exception.h"
#include "checker/detectors/unjoined_thread.h"

namespace interleave {

std::vector<std::unique_ptr<Detector>> AllDetectors() {
  std::vector<std::unique_ptr<Detector>> detectors;
  // In FindingKind's order; LOST UPDATE before INVARIANT, which reads its findings.
  detectors.push_back(std::make_unique<ProgramFailureDetector>());
  detectors.push_back(std::make_unique<LostUpdateDetector>());
  detectors.push_back(std::make_unique<DataRaceDetector>());
  detectors.push_back(std::make_unique<LostWakeupDetector>());
  detectors.push_back(std::make_unique<HangAtExitDetector>());
  detectors.push_back(std::make_unique<DeadlockDetector>());
  detectors.push_back(std::make_unique<LostMessageDetector>());
  detectors.push_back(std::make_unique<SwallowedExceptionDetector>());
  detectors.push_back(std::make_unique<UnjoinedThreadDetector>());
  detectors.push_back(std::make_unique<LockMisuseDetector>());
  detectors.push_back(std::make_unique<DaemonCutOffDetector>());
  detectors.push_back(std::make_unique<LivelockDetector>());
  detectors.push_back(std::make_unique<InvariantDetector>());
  return detectors;
}

std::optional<int> MainExitStep(const Trace& trace) {
  if (trace.threads.empty()) return std::nullopt;
  const ThreadInfo& main = trace.threads[0];
  const bool waiting_at_exit = !main.finished && main.pending == OpKind::kExitWait;
  if (!trace.main_returned && !waiting_at_exit) return std::nullopt;
  // Main's last step that is not part of the exit: its exit-waits and kills are the trailing
  // run of its steps (a mid-body exit-wait followed by other work does not count).
  int last = 0;
  for (const TraceEvent& event : trace.events) {
    if (event.thread == 0 && event.kind != OpKind::kExitWait && event.kind != OpKind::kKill) {
      last = event.step;
    }
  }
  if (trace.main_returned) last = std::min(last, trace.main_returned_after_step);
  return last;
}

std::string PendingText(const Trace& trace, const ThreadInfo& info) {
  std::string text(OpKindName(info.pending));
  if (info.pending_object != kNoObject) text += " on " + trace.objects[info.pending_object].name;
  return text;
}

int LastStepOf(const Trace& trace, ThreadId thread) {
  for (auto it = trace.events.rbegin(); it != trace.events.rend(); ++it) {
    if (it->thread == thread) return it->step;
  }
  return 0;
}

}  // namespace interleave
