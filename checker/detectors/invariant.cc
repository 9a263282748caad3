#include "checker/detectors/invariant.h"

namespace interleave {

void InvariantDetector::Inspect(const Trace& trace, std::vector<Finding>& findings) const {
  if (trace.failed_expects.empty()) return;
  // A lost update explains the expects that failed after its overwrite.
  int explained_from = -1;
  for (const Finding& f : findings) {
    if (f.kind == FindingKind::kLostUpdate &&
        (explained_from < 0 || f.certain_at_step < explained_from)) {
      explained_from = f.certain_at_step;
    }
  }
  for (const FailedExpect& failed : trace.failed_expects) {
    if (explained_from >= 0 && failed.after_step >= explained_from) continue;
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
