#include "checker/detectors/lost_message.h"

#include <string>
#include <vector>

namespace interleave {

void LostMessageDetector::Inspect(const Trace& trace, std::vector<Finding>& findings) const {
  if (trace.end != EndReason::kFinished && trace.end != EndReason::kDeadlock) return;
  for (ObjectId q = 0; q < static_cast<ObjectId>(trace.objects.size()); ++q) {
    const ObjectInfo& queue = trace.objects[q];
    if (queue.kind != ObjectKind::kQueue || !queue.must_drain || queue.items <= 0) continue;
    std::vector<const TraceEvent*> puts;
    for (const TraceEvent& event : trace.events) {
      if (event.kind == OpKind::kPut && event.object == q && !event.timed_out &&
          event.value != "raised Full") {
        puts.push_back(&event);
      }
    }
    const std::string count = std::to_string(queue.items) + (queue.items == 1 ? " item" : " items");
    Finding finding;
    finding.kind = FindingKind::kLostMessage;
    finding.summary =
        queue.name + " still holds " + count + " when the program ends, though it must be drained";
    finding.objects = {q};
    const auto left = static_cast<std::size_t>(queue.items);
    for (std::size_t i = puts.size() > left ? puts.size() - left : 0; i < puts.size(); ++i) {
      const TraceEvent& put = *puts[i];
      const std::string& who = trace.threads[put.thread].name;
      finding.details.push_back(who + " put " + put.value + " at step " + std::to_string(put.step) +
                                " (" + put.where.ToString() + "), and nobody ever got it.");
      finding.threads.push_back(put.thread);
      finding.lines.push_back(put.where);
      finding.marks.push_back({put.step, "put " + put.value + ": never taken (LOST)"});
    }
    finding.details.push_back("The scenario declared that " + queue.name +
                              " must be empty at the end (expect_drained); " + count + " left.");
    finding.certain_at_step = static_cast<int>(trace.events.size());
    findings.push_back(std::move(finding));
  }
}

}  // namespace interleave
