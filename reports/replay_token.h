// Replay tokens: a schedule (the thread chosen at each branch point) as a short string to
// copy into `interleave run SCENARIO --replay=TOKEN`.
//
// Format "v1:" followed by one character per choice: the thread id in base 36 (0-9, a-z), or
// "{N}" in decimal for ids of 36 and above. A run of the same choice may be written "C_N."
// (N times C; the dot ends the count, which a digit choice could otherwise extend). Encode
// writes runs when that is shorter. Every character is safe unquoted in a shell command.
#ifndef INTERLEAVE_REPORTS_REPLAY_TOKEN_H_
#define INTERLEAVE_REPORTS_REPLAY_TOKEN_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/trace.h"

namespace interleave {

std::string EncodeReplayToken(const std::vector<ThreadId>& schedule);

// The schedule, or nullopt with `error` saying what is malformed.
std::optional<std::vector<ThreadId>> DecodeReplayToken(std::string_view token, std::string* error);

}  // namespace interleave

#endif  // INTERLEAVE_REPORTS_REPLAY_TOKEN_H_
