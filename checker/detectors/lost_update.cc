#include "checker/detectors/lost_update.h"

#include <map>
#include <utility>

namespace interleave {
namespace {

// Whether an expect failed after the overwriting write at `step`: only those it can explain.
bool ExplainsAFailure(const Trace& trace, int step) {
  for (const FailedExpect& failed : trace.failed_expects) {
    if (failed.after_step >= step) return true;
  }
  return false;
}

}  // namespace

void LostUpdateDetector::Inspect(const Trace& trace, std::vector<Finding>& findings) const {
  if (trace.failed_expects.empty()) return;

  // Per (object, thread): the index of that thread's last read of the object.
  std::map<std::pair<ObjectId, ThreadId>, int> last_read;
  // Per object: the index of its last write.
  std::map<ObjectId, int> last_write;
  for (int i = 0; i < static_cast<int>(trace.events.size()); ++i) {
    const TraceEvent& event = trace.events[i];
    if (event.object == kNoObject || trace.objects[event.object].kind != ObjectKind::kShared) {
      continue;
    }
    const auto key = std::make_pair(event.object, event.thread);
    if (event.kind == OpKind::kRead) {
      last_read[key] = i;
      continue;
    }
    if (event.kind != OpKind::kWrite) continue;
    const auto read = last_read.find(key);
    const auto previous = last_write.find(event.object);
    if (read != last_read.end() && previous != last_write.end() &&
        previous->second > read->second && trace.events[previous->second].thread != event.thread &&
        ExplainsAFailure(trace, event.step)) {
      const TraceEvent& stale_read = trace.events[read->second];
      const TraceEvent& lost = trace.events[previous->second];
      const std::string& object = trace.objects[event.object].name;
      const std::string& writer = trace.threads[event.thread].name;
      const std::string& loser = trace.threads[lost.thread].name;
      Finding finding;
      finding.kind = FindingKind::kLostUpdate;
      finding.summary =
          writer + " overwrote " + loser + "'s update of " + object + " without reading it";
      finding.details = {
          writer + " read " + object + " = " + stale_read.value + " at step " +
              std::to_string(stale_read.step) + " (" + stale_read.where.ToString() + ").",
          loser + " wrote " + object + " := " + lost.value + " at step " +
              std::to_string(lost.step) + " (" + lost.where.ToString() + ").",
          writer + " wrote " + object + " := " + event.value + " at step " +
              std::to_string(event.step) + " (" + event.where.ToString() +
              "), computed from the value it read before step " + std::to_string(lost.step) + ": " +
              loser + "'s write is lost.",
      };
      for (const FailedExpect& failed : trace.failed_expects) {
        if (failed.after_step < event.step) continue;  // Failed before: not this write's doing.
        finding.details.push_back(
            "So the check \"" + failed.message + "\" at " + failed.where.ToString() + " failed" +
            (trace.outcome.empty() ? "" : " (" + trace.OutcomeText() + ")") + ".");
      }
      finding.threads = {event.thread, lost.thread};
      finding.objects = {event.object};
      finding.lines = {stale_read.where, lost.where, event.where};
      finding.marks = {
          {stale_read.step, "stale read"},
          {lost.step, "LOST: overwritten at step " + std::to_string(event.step)},
          {event.step, "OVERWRITES step " + std::to_string(lost.step)},
      };
      finding.certain_at_step = event.step;
      findings.push_back(std::move(finding));
      return;  // The first lost update explains the failure; later ones follow from it.
    }
    last_write[event.object] = i;
  }
}

}  // namespace interleave
