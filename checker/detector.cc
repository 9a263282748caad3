#include "checker/detector.h"

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
#include "checker/detectors/swallowed_exception.h"
#include "checker/detectors/unjoined_thread.h"

namespace interleave {

std::vector<std::unique_ptr<Detector>> AllDetectors() {
  std::vector<std::unique_ptr<Detector>> detectors;
  // In FindingKind's order; LOST UPDATE before INVARIANT, which reads its findings.
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
  // An exit-wait step is recorded when the wait ends: main got there after its step before.
  int last_main_step = 0;
  for (const TraceEvent& event : trace.events) {
    if (trace.main_returned && event.step > trace.main_returned_after_step) break;
    if (event.thread != 0) continue;
    if (event.kind == OpKind::kExitWait) return last_main_step;
    last_main_step = event.step;
  }
  if (trace.main_returned) return trace.main_returned_after_step;
  if (!trace.threads.empty() && !trace.threads[0].finished &&
      trace.threads[0].pending == OpKind::kExitWait) {
    return last_main_step;
  }
  return std::nullopt;
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
