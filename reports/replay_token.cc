#include "reports/replay_token.h"

#include <array>
#include <cctype>
#include <string>
#include <utility>

namespace interleave {
namespace {

constexpr std::string_view kV1 = "v1:";
constexpr std::string_view kV2 = "v2:";
constexpr std::string_view kV3 = "v3:";  // v2's, of an execution with plain accesses inline.
constexpr std::string_view kV4 = "v4:";  // v3's, whose lock releases by their holder were too.
constexpr std::string_view kDigits = "0123456789abcdefghijklmnopqrstuvwxyz";
// The step hash's digits: kStepHashes of them.
constexpr std::string_view kHashDigits =
    "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
static_assert(kHashDigits.size() == kStepHashes);
// The step checks of an execution of no step (an odd length: no pair of a check).
constexpr std::string_view kNoSteps = "0";

// Fixed letters, independent of the enums' order, so that a token keeps its meaning.
constexpr std::array<std::pair<OpKind, char>, 20> kOpLetters = {{
    {OpKind::kStart, 's'},   {OpKind::kJoin, 'j'},    {OpKind::kExitWait, 'x'},
    {OpKind::kAcquire, 'a'}, {OpKind::kRelease, 'l'}, {OpKind::kRead, 'r'},
    {OpKind::kWrite, 'w'},   {OpKind::kSleep, 'z'},   {OpKind::kLog, 'm'},
    {OpKind::kChoose, 'c'},  {OpKind::kKill, 'k'},    {OpKind::kWait, 'i'},
    {OpKind::kNotify, 'n'},  {OpKind::kSet, 't'},     {OpKind::kClear, 'e'},
    {OpKind::kPut, 'p'},     {OpKind::kGet, 'g'},     {OpKind::kTaskDone, 'd'},
    {OpKind::kCancel, 'v'},  {OpKind::kUpdate, 'u'},
}};

constexpr std::array<std::pair<FindingKind, std::string_view>, 15> kKindCodes = {{
    {FindingKind::kAssertionFailed, "AF"},
    {FindingKind::kUncaughtException, "UX"},
    {FindingKind::kCrash, "CR"},
    {FindingKind::kLostUpdate, "LU"},
    {FindingKind::kDataRace, "DR"},
    {FindingKind::kLostWakeup, "LW"},
    {FindingKind::kHangAtExit, "HX"},
    {FindingKind::kDeadlock, "DL"},
    {FindingKind::kLostMessage, "LM"},
    {FindingKind::kSwallowedException, "SE"},
    {FindingKind::kUnjoinedThread, "UT"},
    {FindingKind::kLockMisuse, "MU"},
    {FindingKind::kDaemonCutOff, "DC"},
    {FindingKind::kLivelock, "LL"},
    {FindingKind::kInvariant, "IN"},
}};

char OpLetter(OpKind op) {
  for (const auto& [kind, letter] : kOpLetters) {
    if (kind == op) return letter;
  }
  return '?';
}

std::optional<OpKind> OpOfLetter(char letter) {
  for (const auto& [kind, l] : kOpLetters) {
    if (l == letter) return kind;
  }
  return std::nullopt;
}

std::string Choice(ThreadId thread) {
  if (thread >= 0 && thread < static_cast<ThreadId>(kDigits.size())) {
    return std::string(1, kDigits[thread]);
  }
  return "{" + std::to_string(thread) + "}";
}

// `token` between single quotes, at most 80 characters of it (a message stays one short line).
std::string Quoted(std::string_view token) {
  constexpr std::size_t kLimit = 80;
  std::string text;
  for (const char c : token.substr(0, kLimit)) {
    text += static_cast<unsigned char>(c) < 0x20 || c == 0x7f ? '?' : c;
  }
  if (token.size() > kLimit) text += "... (" + std::to_string(token.size()) + " characters)";
  return "'" + text + "'";
}

std::string EncodeSchedule(const std::vector<ThreadId>& schedule) {
  std::string text;
  for (std::size_t i = 0; i < schedule.size();) {
    std::size_t run = 1;
    while (i + run < schedule.size() && schedule[i + run] == schedule[i]) ++run;
    const std::string choice = Choice(schedule[i]);
    const std::string repeated = choice + "_" + std::to_string(run) + ".";
    if (repeated.size() < choice.size() * run) {
      text += repeated;
    } else {
      for (std::size_t k = 0; k < run; ++k) text += choice;
    }
    i += run;
  }
  return text;
}

// Reads digits at `pos` into `value` (at most 1,000,000); false when there are none.
bool ReadNumber(std::string_view text, std::size_t& pos, long& value) {
  const std::size_t begin = pos;
  value = 0;
  while (pos < text.size() && std::isdigit(static_cast<unsigned char>(text[pos]))) {
    value = value * 10 + (text[pos] - '0');
    if (value > 1'000'000) return false;
    ++pos;
  }
  return pos > begin;
}

// The schedule part, which starts at `offset` in the whole token (for the error positions).
std::optional<std::vector<ThreadId>> DecodeSchedule(std::string_view token, std::size_t begin,
                                                    std::size_t end, std::string& why) {
  std::vector<ThreadId> schedule;
  std::size_t i = begin;
  const std::string_view text = token.substr(0, end);
  while (i < end) {
    const char c = text[i];
    ThreadId thread = 0;
    if (c == '{') {
      ++i;
      long value = 0;
      if (!ReadNumber(text, i, value) || i >= end || text[i] != '}') {
        why = "expected a thread number and '}' at position " + std::to_string(i);
        return std::nullopt;
      }
      ++i;
      thread = static_cast<ThreadId>(value);
    } else if (const auto digit = kDigits.find(c); digit != std::string_view::npos) {
      thread = static_cast<ThreadId>(digit);
      ++i;
    } else {
      why = "unexpected character '" + std::string(1, c) + "' at position " + std::to_string(i);
      return std::nullopt;
    }
    long count = 1;
    if (i < end && text[i] == '_') {
      ++i;
      if (!ReadNumber(text, i, count) || count < 1 || i >= end || text[i] != '.') {
        why = "expected a repeat count and '.' after '_' at position " + std::to_string(i);
        return std::nullopt;
      }
      ++i;
    }
    schedule.insert(schedule.end(), static_cast<std::size_t>(count), thread);
  }
  return schedule;
}

}  // namespace

std::string_view FindingKindCode(FindingKind kind) {
  for (const auto& [k, code] : kKindCodes) {
    if (k == kind) return code;
  }
  return "??";
}

std::optional<FindingKind> FindingKindFromCode(std::string_view code) {
  for (const auto& [kind, c] : kKindCodes) {
    if (c == code) return kind;
  }
  return std::nullopt;
}

std::string EncodeReplayToken(const std::vector<ThreadId>& schedule) {
  return std::string(kV1) + EncodeSchedule(schedule);
}

std::string EncodeReplayTokenV2(const ReplayToken& token) {
  std::string text = std::string(token.releases_inline         ? kV4
                                 : token.plain_accesses_inline ? kV3
                                                               : kV2) +
                     EncodeSchedule(token.schedule) + "-";
  if (token.kind) {
    text += std::string(FindingKindCode(*token.kind)) + std::to_string(token.certain_at_step);
  }
  text += "-";
  // An execution of no step (an exec program whose main fails before any): "0", so that a
  // token cut off after its second '-' is still told from it.
  if (token.steps.empty()) text += kNoSteps;
  for (const StepCheck& check : token.steps) {
    text += OpLetter(check.op);
    text += kHashDigits[check.who];
  }
  return text;
}

ReplayToken ReplayTokenOf(const Trace& trace, const Finding* main) {
  ReplayToken token;
  token.schedule = trace.Schedule();
  if (main != nullptr) {
    token.kind = main->kind;
    token.certain_at_step = main->certain_at_step;
  }
  token.steps = StepChecks(trace);
  token.plain_accesses_inline = trace.plain_accesses_inline;
  token.releases_inline = trace.releases_inline;
  return token;
}

std::string ReplayTokenText(const Result& result) {
  const Finding* main = result.findings.empty() ? nullptr : &result.findings.front();
  return EncodeReplayTokenV2(ReplayTokenOf(*result.counterexample, main));
}

std::optional<ReplayToken> ParseReplayToken(std::string_view text, std::string* error) {
  // A token copied from a report that cut it over lines (reports/format.h WrapCommand) may
  // bring the cut's backslash, the newline and the next line's indent along, or spaces where
  // the lines were joined by hand: none of them is a token character, so they are dropped.
  std::string joined;
  joined.reserve(text.size());
  for (const char c : text) {
    if (c != '\\' && std::isspace(static_cast<unsigned char>(c)) == 0) joined += c;
  }
  const std::string_view token = joined;
  auto fail = [&](const std::string& why) -> std::optional<ReplayToken> {
    if (error != nullptr) *error = "malformed replay token " + Quoted(token) + ": " + why;
    return std::nullopt;
  };
  const bool v1 = token.substr(0, kV1.size()) == kV1;
  const bool v4 = token.substr(0, kV4.size()) == kV4;
  const bool v3 = v4 || token.substr(0, kV3.size()) == kV3;
  const bool v2 = v3 || token.substr(0, kV2.size()) == kV2;
  if (!v1 && !v2) return fail("it must start with \"v4:\", \"v3:\" or \"v2:\" (or \"v1:\")");
  // ':' is only ever the version's: a second one is a second token run on to the first.
  if (const std::size_t colon = token.find(':', kV2.size()); colon != std::string_view::npos) {
    return fail("a second token starts at position " + std::to_string(colon >= 2 ? colon - 2 : 0) +
                " (two tokens run together? pass one)");
  }
  ReplayToken parsed;
  std::string why;
  if (v1) {
    parsed.version = 1;
    auto schedule = DecodeSchedule(token, kV1.size(), token.size(), why);
    if (!schedule) return fail(why);
    parsed.schedule = std::move(*schedule);
    return parsed;
  }
  parsed.version = v4 ? 4 : v3 ? 3 : 2;
  parsed.plain_accesses_inline = v3;
  parsed.releases_inline = v4;
  const std::size_t dash1 = token.find('-', kV2.size());
  const std::size_t dash2 = dash1 == std::string_view::npos ? dash1 : token.find('-', dash1 + 1);
  if (dash2 == std::string_view::npos) {
    return fail("a v2 token has three parts, SCHEDULE-FINDING-STEPS");
  }
  auto schedule = DecodeSchedule(token, kV2.size(), dash1, why);
  if (!schedule) return fail(why);
  parsed.schedule = std::move(*schedule);

  const std::string_view finding = token.substr(dash1 + 1, dash2 - dash1 - 1);
  if (!finding.empty()) {
    const auto kind = FindingKindFromCode(finding.substr(0, 2));
    std::size_t pos = 2;
    long step = 0;
    if (!kind || !ReadNumber(finding, pos, step) || pos != finding.size()) {
      return fail("expected a finding code and its step (such as LU20) at position " +
                  std::to_string(dash1 + 1));
    }
    parsed.kind = kind;
    parsed.certain_at_step = static_cast<int>(step);
  }

  std::string_view steps = token.substr(dash2 + 1);
  // The writer gives every step its check, and an execution of no step the mark "0": none at
  // all is a token cut off after its second '-' (a replay without them would check nothing).
  if (steps == kNoSteps) {
    steps = {};
  } else if (steps.empty()) {
    return fail("its step checks are missing after position " + std::to_string(dash2) +
                " (the token was cut off? copy it whole)");
  }
  if (steps.find('-') != std::string_view::npos) {
    return fail("a v2 token has three parts, SCHEDULE-FINDING-STEPS, and this one has more");
  }
  if (steps.size() % 2 != 0) {
    return fail(
        "the step checks come in pairs of characters, and the last is alone (the token "
        "was cut off? copy it whole)");
  }
  for (std::size_t i = 0; i < steps.size(); i += 2) {
    const auto op = OpOfLetter(steps[i]);
    const std::size_t who = kHashDigits.find(steps[i + 1]);
    if (!op || who == std::string_view::npos) {
      return fail("unexpected step check '" + std::string(steps.substr(i, 2)) + "' at position " +
                  std::to_string(dash2 + 1 + i));
    }
    parsed.steps.push_back({*op, static_cast<int>(who)});
  }
  if (parsed.kind && static_cast<std::size_t>(parsed.certain_at_step) > parsed.steps.size()) {
    return fail("its finding became certain at step " + std::to_string(parsed.certain_at_step) +
                ", but it checks " + std::to_string(parsed.steps.size()) +
                " steps (the token was cut off? copy it whole)");
  }
  return parsed;
}

std::optional<std::vector<ThreadId>> DecodeReplayToken(std::string_view token, std::string* error) {
  std::optional<ReplayToken> parsed = ParseReplayToken(token, error);
  if (!parsed) return std::nullopt;
  return std::move(parsed->schedule);
}

}  // namespace interleave
