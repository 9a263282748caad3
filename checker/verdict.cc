#include "checker/verdict.h"

#include <array>
#include <utility>

namespace interleave {
namespace {

constexpr std::array<std::pair<Verdict, std::string_view>, 5> kVerdicts = {{
    {Verdict::kPass, "PASS"},
    {Verdict::kBug, "BUG"},
    {Verdict::kWarning, "WARNING"},
    {Verdict::kIncomplete, "INCOMPLETE"},
    {Verdict::kError, "ERROR"},
}};

constexpr std::array<std::pair<FindingKind, std::string_view>, 3> kKinds = {{
    {FindingKind::kLostUpdate, "LOST UPDATE"},
    {FindingKind::kDeadlock, "DEADLOCK"},
    {FindingKind::kInvariant, "INVARIANT"},
}};

}  // namespace

std::string_view VerdictName(Verdict verdict) {
  for (const auto& [value, name] : kVerdicts) {
    if (value == verdict) return name;
  }
  return "?";
}

std::string_view FindingKindName(FindingKind kind) {
  for (const auto& [value, name] : kKinds) {
    if (value == kind) return name;
  }
  return "?";
}

std::string ExpectationName(const Expectation& expected) {
  std::string text(VerdictName(expected.verdict));
  if (expected.kind) text += " (" + std::string(FindingKindName(*expected.kind)) + ")";
  return text;
}

}  // namespace interleave
