#include "checker/detectors/swallowed_exception.h"

#include <string>

#include "model/executor.h"

namespace interleave {

void SwallowedExceptionDetector::Inspect(const Trace& trace, std::vector<Finding>& findings) const {
  if (trace.end != EndReason::kFinished && trace.end != EndReason::kDeadlock) return;
  bool any_future = false;
  for (const ObjectInfo& object : trace.objects) any_future |= object.kind == ObjectKind::kFuture;
  if (!any_future) return;
  for (int step : SwallowedExceptions(trace)) {
    const TraceEvent& set = trace.events[step - 1];
    const std::string& future = trace.objects[set.object].name;
    const std::string& worker = trace.threads[set.thread].name;
    const std::string exception = set.value.substr(kFutureRaised.size());
    Finding finding;
    finding.kind = FindingKind::kSwallowedException;
    finding.summary = "the task of " + future + " (submitted at " + set.where.ToString() +
                      ") raised \"" + exception + "\" and nobody read it";
    finding.details = {
        worker + " ran the task submitted at " + set.where.ToString() + "; it raised \"" +
            exception + "\", stored in " + future + " at step " + std::to_string(step) + ".",
        "No result() or exception() on " + future +
            " ever returned: the exception was swallowed silently.",
    };
    finding.threads = {set.thread};
    finding.objects = {set.object};
    finding.lines = {set.where};
    finding.marks = {{step, future + " stores \"" + exception + "\": never read"}};
    finding.certain_at_step = static_cast<int>(trace.events.size());
    findings.push_back(std::move(finding));
  }
}

}  // namespace interleave
