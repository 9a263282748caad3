#include "checker/result.h"

#include <algorithm>

namespace interleave {

bool Result::HasFinding(FindingKind kind) const {
  return std::any_of(findings.begin(), findings.end(),
                     [kind](const Finding& f) { return f.kind == kind; });
}

bool Result::Matches(const Expectation& expected) const {
  if (verdict != expected.verdict) return false;
  return !expected.kind.has_value() || HasFinding(*expected.kind);
}

}  // namespace interleave
