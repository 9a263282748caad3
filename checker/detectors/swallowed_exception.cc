#include "checker/detectors/swallowed_exception.h"

#include <algorithm>
#include <string>
#include <vector>

#include "model/executor.h"

namespace interleave {
namespace {

// "a", "a and b", "a, b and c".
std::string Listed(const std::vector<std::string>& names) {
  std::string text;
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (i > 0) text += i + 1 == names.size() ? " and " : ", ";
    text += names[i];
  }
  return text;
}

}  // namespace

void SwallowedExceptionDetector::Inspect(const Trace& trace, std::vector<Finding>& findings) const {
  if (trace.end != EndReason::kFinished && trace.end != EndReason::kDeadlock) return;
  bool any_future = false;
  for (const ObjectInfo& object : trace.objects) any_future |= object.kind == ObjectKind::kFuture;
  if (!any_future) return;

  // The swallowed futures' set steps, grouped by submitting line and exception, in the order
  // of each group's first step.
  struct Group {
    const TraceEvent* first = nullptr;
    std::string exception;
    std::vector<int> steps;
  };
  std::vector<Group> groups;
  for (int step : SwallowedExceptions(trace)) {
    const TraceEvent& set = trace.events[step - 1];
    const std::string exception = set.value.substr(kFutureRaised.size());
    auto same = [&](const Group& g) {
      return g.first->where == set.where && g.exception == exception;
    };
    auto it = std::find_if(groups.begin(), groups.end(), same);
    if (it == groups.end()) {
      groups.push_back({&set, exception, {}});
      it = std::prev(groups.end());
    }
    it->steps.push_back(step);
  }

  for (const Group& group : groups) {
    const std::string where = group.first->where.ToString();
    const bool one = group.steps.size() == 1;
    Finding finding;
    finding.kind = FindingKind::kSwallowedException;
    std::vector<std::string> futures;
    std::vector<std::string> workers;
    std::string stored;
    for (int step : group.steps) {
      const TraceEvent& set = trace.events[step - 1];
      const std::string& future = trace.objects[set.object].name;
      const std::string& worker = trace.threads[set.thread].name;
      futures.push_back(future);
      if (std::find(workers.begin(), workers.end(), worker) == workers.end()) {
        workers.push_back(worker);
        finding.threads.push_back(set.thread);
      }
      stored += (stored.empty() ? "" : ", ") + future + " at step " + std::to_string(step);
      finding.objects.push_back(set.object);
      finding.marks.push_back({step, future + " stores \"" + group.exception + "\": never read"});
    }
    finding.summary = (one ? "the task of " : "the tasks of ") + Listed(futures) +
                      " (submitted at " + where + ") raised \"" + group.exception +
                      "\" and nobody read " + (one ? "it" : "them");
    finding.details = {
        Listed(workers) + " ran the task" + (one ? "" : "s") + " submitted at " + where + "; " +
            (one ? "it" : "each") + " raised \"" + group.exception + "\", stored in " + stored +
            ".",
        "No result() or exception() on " + Listed(futures) + " ever returned: the exception" +
            (one ? " was" : "s were") + " swallowed silently.",
    };
    finding.lines = {group.first->where};
    finding.certain_at_step = static_cast<int>(trace.events.size());
    findings.push_back(std::move(finding));
  }
}

}  // namespace interleave
