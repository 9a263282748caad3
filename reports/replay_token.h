// Replay tokens: what `interleave run SCENARIO --replay=TOKEN` re-runs, as a short string to
// copy from a report.
//
// Version 2 (written by reports): "v2:SCHEDULE-FINDING-STEPS".
// - SCHEDULE: one character per branch choice (Trace::Schedule(): a thread, or a value's
//   offset from lo): the id in base 36 (0-9, a-z), or "{N}" in decimal for 36 and above. A
//   run of the same choice may be written "C_N." (N times C; the dot ends the count, which a
//   digit choice could otherwise extend). Runs are written when that is shorter.
// - FINDING: what the replay must reproduce: the main finding's kind as two capital letters
//   (LU lost update, DR data race, LW lost wakeup, HX hang at exit, DL deadlock, LM lost
//   message, SE swallowed exception, UT unjoined thread, MU lock misuse, DC daemon cut off,
//   LL livelock, IN invariant) and, in decimal, the step at which it became certain. Empty
//   when the execution had no finding.
// - STEPS: two characters per step of the execution, in order (checker/replay.h, StepCheck):
//   the operation as a letter, then the hash of its thread's and object's names (0-9, A-Z,
//   a-z). A replay compares them step by step, so it names the first step that differs.
// Version 3, "v3:SCHEDULE-FINDING-STEPS", is version 2's of an execution whose plain accesses
// had no scheduling points of their own (the race-free reduction, checker/explorer.h
// PlainAccesses): its replay takes them inline too. Version 4, "v4:...", is version 3's of an
// execution whose lock releases by their holder had none either (the release reduction,
// ExploreOptions::releases_inline).
// Version 1, "v1:SCHEDULE", is still read: its replay follows the schedule and checks nothing
// more. Every character of either version is safe unquoted in a shell command.
#ifndef INTERLEAVE_REPORTS_REPLAY_TOKEN_H_
#define INTERLEAVE_REPORTS_REPLAY_TOKEN_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "checker/replay.h"
#include "checker/result.h"
#include "checker/verdict.h"
#include "model/trace.h"

namespace interleave {

struct ReplayToken {
  int version = 2;
  std::vector<ThreadId> schedule;
  // Version 2 only: the main finding to confirm (none: the execution had no finding), the
  // step at which it became certain, and the check of every step.
  std::optional<FindingKind> kind;
  int certain_at_step = 0;
  std::vector<StepCheck> steps;
  bool plain_accesses_inline = false;  // Version 3 and 4.
  bool releases_inline = false;        // Version 4 (with plain accesses inline).
};

// Version 1: the schedule alone.
std::string EncodeReplayToken(const std::vector<ThreadId>& schedule);
// Version 2, 3 when `token.plain_accesses_inline`, or 4 when `token.releases_inline` too
// (`token.version` is ignored).
std::string EncodeReplayTokenV2(const ReplayToken& token);
// The version 2 token of `trace` with `main` its main finding (nullptr: none).
ReplayToken ReplayTokenOf(const Trace& trace, const Finding* main);
// The version 2 token text of a result's counterexample (which must exist).
std::string ReplayTokenText(const Result& result);

// Either version, or nullopt with `error` (when not null) saying what is malformed.
// Whitespace and backslashes are left out first: what a token cut over lines by a report
// (reports/format.h WrapCommand) brings along when it is copied in pieces, or quoted whole.
std::optional<ReplayToken> ParseReplayToken(std::string_view token, std::string* error);
// The schedule of either version, or nullopt with `error` saying what is malformed.
std::optional<std::vector<ThreadId>> DecodeReplayToken(std::string_view token, std::string* error);

// "LU", "DL", ...; and back (nullopt for an unknown code).
std::string_view FindingKindCode(FindingKind kind);
std::optional<FindingKind> FindingKindFromCode(std::string_view code);

}  // namespace interleave

#endif  // INTERLEAVE_REPORTS_REPLAY_TOKEN_H_
