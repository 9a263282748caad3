// The checker's closed vocabulary: verdicts and finding kinds, with fixed printable names.
// A leaf library: scenarios use it to declare what the checker must find.
#ifndef INTERLEAVE_CHECKER_VERDICT_H_
#define INTERLEAVE_CHECKER_VERDICT_H_

#include <optional>
#include <string>
#include <string_view>

namespace interleave {

enum class Verdict {
  kPass,        // The search ended; no detector fired; every expect held.
  kBug,         // Some execution has a finding.
  kWarning,     // Only warnings (none yet: DAEMON CUT OFF will be one).
  kIncomplete,  // A bound was hit before the search ended, and nothing was found.
  kError,       // The scenario broke a rule of the model, or a replay token is stale.
};

enum class FindingKind {
  kLostUpdate,  // A failed expect explained by a write that overwrote another unread.
  kDeadlock,    // No thread can run while some have not finished.
  kInvariant,   // A failed expect.
};

std::string_view VerdictName(Verdict verdict);       // "PASS", "BUG", ...
std::string_view FindingKindName(FindingKind kind);  // "LOST UPDATE", "DEADLOCK", ...

// What a scenario declares the checker must reach: a verdict and, for a BUG, the kind of
// finding that must be among the findings.
struct Expectation {
  Verdict verdict = Verdict::kPass;
  std::optional<FindingKind> kind;
};

// "BUG (LOST UPDATE)", "PASS".
std::string ExpectationName(const Expectation& expected);

}  // namespace interleave

#endif  // INTERLEAVE_CHECKER_VERDICT_H_
