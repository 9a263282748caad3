#include "checker/verdict.h"

#include <array>
#include <utility>

namespace interleave {
namespace {

constexpr std::array<std::pair<Verdict, std::string_view>, 5> kVerdicts = {{
    {Verdict::kPass, "PASS"},
    {Verdict::kIncomplete, "INCOMPLETE"},
    {Verdict::kWarning, "WARNING"},
    {Verdict::kBug, "BUG"},
    {Verdict::kError, "ERROR"},
}};

constexpr std::array<std::pair<FindingKind, std::string_view>, 15> kKinds = {{
    {FindingKind::kAssertionFailed, "ASSERTION FAILED"},
    {FindingKind::kUncaughtException, "UNCAUGHT EXCEPTION"},
    {FindingKind::kCrash, "CRASH"},
    {FindingKind::kLostUpdate, "LOST UPDATE"},
    {FindingKind::kDataRace, "DATA RACE"},
    {FindingKind::kLostWakeup, "LOST WAKEUP"},
    {FindingKind::kHangAtExit, "HANG AT EXIT"},
    {FindingKind::kDeadlock, "DEADLOCK"},
    {FindingKind::kLostMessage, "LOST MESSAGE"},
    {FindingKind::kSwallowedException, "SWALLOWED EXCEPTION"},
    {FindingKind::kUnjoinedThread, "UNJOINED THREAD"},
    {FindingKind::kLockMisuse, "LOCK MISUSE"},
    {FindingKind::kDaemonCutOff, "DAEMON CUT OFF"},
    {FindingKind::kLivelock, "LIVELOCK"},
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

bool IsWarning(FindingKind kind) {
  return kind == FindingKind::kDaemonCutOff || kind == FindingKind::kLivelock;
}

std::string ExpectationName(const Expectation& expected) {
  std::string text(VerdictName(expected.verdict));
  for (size_t i = 0; i < expected.kinds.size(); ++i) {
    text += (i == 0 ? " (" : ", ") + std::string(FindingKindName(expected.kinds[i]));
  }
  if (!expected.kinds.empty()) text += ")";
  return text;
}

}  // namespace interleave
