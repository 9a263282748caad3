#include "checker/result.h"

#include <algorithm>

namespace interleave {

bool Result::HasFinding(FindingKind kind) const {
  return std::any_of(findings.begin(), findings.end(),
                     [kind](const Finding& f) { return f.kind == kind; });
}

bool Result::Found(FindingKind kind) const {
  const auto it = finding_counts.find(kind);
  return it != finding_counts.end() && it->second > 0;
}

bool Result::Matches(const Expectation& expected) const {
  if (verdict != expected.verdict) return false;
  return std::all_of(expected.kinds.begin(), expected.kinds.end(),
                     [this](FindingKind kind) { return Found(kind); });
}

std::optional<OutcomeInterleavings> InterleavingsOf(const Result& result,
                                                    const std::string& outcome) {
  const auto sized = result.outcome_interleavings.find(outcome);
  const auto unsized = result.outcome_unsized_classes.find(outcome);
  const int64_t unsized_classes =
      unsized == result.outcome_unsized_classes.end() ? 0 : unsized->second;
  if (sized == result.outcome_interleavings.end() && unsized_classes == 0) return std::nullopt;
  const int64_t interleavings = sized == result.outcome_interleavings.end() ? 0 : sized->second;
  // Each unsized class stands for at least one; past INT64_MAX the bound stays there.
  int64_t at_least = INT64_MAX;
  if (__builtin_add_overflow(interleavings, unsized_classes, &at_least)) at_least = INT64_MAX;
  return OutcomeInterleavings{.interleavings = at_least, .exact = unsized_classes == 0};
}

Verdict VerdictOf(const std::map<FindingKind, int64_t>& finding_counts, bool complete) {
  bool warning = false;
  for (const auto& [kind, count] : finding_counts) {
    if (count == 0) continue;
    if (!IsWarning(kind)) return Verdict::kBug;
    warning = true;
  }
  if (warning) return Verdict::kWarning;
  return complete ? Verdict::kPass : Verdict::kIncomplete;
}

std::set<std::string> OutcomeNames(const Result& result) {
  std::set<std::string> names;
  for (const auto& [outcome, count] : result.outcomes) names.insert(outcome);
  return names;
}

std::set<FindingKind> FindingKinds(const Result& result) {
  std::set<FindingKind> kinds;
  for (const auto& [kind, count] : result.finding_counts) kinds.insert(kind);
  return kinds;
}

}  // namespace interleave
