#include "checker/detectors/invariant.h"

namespace interleave {

void InvariantDetector::Inspect(const Trace& trace, std::vector<Finding>& findings) const {
  for (const FailedExpect& failed : trace.failed_expects) {
    Finding finding;
    finding.kind = FindingKind::kInvariant;
    finding.summary = "expect failed: " + failed.message;
    std::string where = failed.where.ToString();
    const std::string outcome = trace.OutcomeText();
    finding.details.push_back(trace.threads[failed.thread].name + " checked \"" + failed.message +
                              "\" at " + where + " after step " +
                              std::to_string(failed.after_step) + ", and it did not hold" +
                              (outcome.empty() ? "" : " (" + outcome + ")") + ".");
    finding.threads = {failed.thread};
    finding.lines = {failed.where};
    finding.certain_at_step = failed.after_step;
    findings.push_back(std::move(finding));
  }
}

}  // namespace interleave
