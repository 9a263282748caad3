#include "reports/replay_token.h"

#include <cctype>
#include <string>

namespace interleave {
namespace {

constexpr std::string_view kPrefix = "v1:";
constexpr std::string_view kDigits = "0123456789abcdefghijklmnopqrstuvwxyz";

std::string Choice(ThreadId thread) {
  if (thread >= 0 && thread < static_cast<ThreadId>(kDigits.size())) {
    return std::string(1, kDigits[thread]);
  }
  return "{" + std::to_string(thread) + "}";
}

}  // namespace

std::string EncodeReplayToken(const std::vector<ThreadId>& schedule) {
  std::string token(kPrefix);
  for (std::size_t i = 0; i < schedule.size();) {
    std::size_t run = 1;
    while (i + run < schedule.size() && schedule[i + run] == schedule[i]) ++run;
    const std::string choice = Choice(schedule[i]);
    const std::string repeated = choice + "_" + std::to_string(run) + ".";
    if (repeated.size() < choice.size() * run) {
      token += repeated;
    } else {
      for (std::size_t k = 0; k < run; ++k) token += choice;
    }
    i += run;
  }
  return token;
}

std::optional<std::vector<ThreadId>> DecodeReplayToken(std::string_view token, std::string* error) {
  auto fail = [&](const std::string& why) -> std::optional<std::vector<ThreadId>> {
    *error = "malformed replay token '" + std::string(token) + "': " + why;
    return std::nullopt;
  };
  if (token.substr(0, kPrefix.size()) != kPrefix) {
    return fail("it must start with \"v1:\"");
  }
  std::vector<ThreadId> schedule;
  std::size_t i = kPrefix.size();
  auto read_number = [&](std::size_t& pos, long& value) {
    const std::size_t begin = pos;
    value = 0;
    while (pos < token.size() && std::isdigit(static_cast<unsigned char>(token[pos]))) {
      value = value * 10 + (token[pos] - '0');
      if (value > 1'000'000) return false;
      ++pos;
    }
    return pos > begin;
  };
  while (i < token.size()) {
    const char c = token[i];
    ThreadId thread = 0;
    if (c == '{') {
      ++i;
      long value = 0;
      if (!read_number(i, value) || i >= token.size() || token[i] != '}') {
        return fail("expected a thread number and '}' at position " + std::to_string(i));
      }
      ++i;
      thread = static_cast<ThreadId>(value);
    } else if (const auto digit = kDigits.find(c); digit != std::string_view::npos) {
      thread = static_cast<ThreadId>(digit);
      ++i;
    } else {
      return fail("unexpected character '" + std::string(1, c) + "' at position " +
                  std::to_string(i));
    }
    long count = 1;
    if (i < token.size() && token[i] == '_') {
      ++i;
      if (!read_number(i, count) || count < 1 || i >= token.size() || token[i] != '.') {
        return fail("expected a repeat count and '.' after '_' at position " + std::to_string(i));
      }
      ++i;
    }
    schedule.insert(schedule.end(), static_cast<std::size_t>(count), thread);
  }
  return schedule;
}

}  // namespace interleave
