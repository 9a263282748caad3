#include "tools/cli_text.h"

#include <cmath>
#include <cstdio>
#include <string>

namespace interleave {
namespace {

// The longest message SafeMessage lets through.
constexpr std::size_t kMessageLimit = 400;

std::string Escaped(std::string_view text) {
  std::string out;
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (c == '\n') {
      out += "\\n";
    } else if (c == '\r') {
      out += "\\r";
    } else if (c == '\t') {
      out += "\\t";
    } else if (byte < 0x20 || byte == 0x7f) {
      char hex[8];
      std::snprintf(hex, sizeof hex, "\\x%02x", byte);
      out += hex;
    } else {
      out += c;
    }
  }
  return out;
}

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

}  // namespace

std::string Shorten(std::string_view text) {
  if (text.size() <= kQuoteLimit) return Escaped(text);
  return Escaped(text.substr(0, kQuoteLimit)) + "... (" + std::to_string(text.size()) +
         " characters)";
}

std::string Quote(std::string_view text) { return "'" + Shorten(text) + "'"; }

std::optional<uint64_t> ParseWhole(std::string_view text, uint64_t min, uint64_t max,
                                   std::string_view option, std::string& error) {
  auto fail = [&]() -> std::optional<uint64_t> {
    error = std::string(option) + " must be a whole number from " + std::to_string(min) + " to " +
            std::to_string(max) + ", not " + Quote(text);
    return std::nullopt;
  };
  if (text.empty()) return fail();
  uint64_t value = 0;
  for (const char c : text) {
    if (!IsDigit(c)) return fail();
    const auto digit = static_cast<uint64_t>(c - '0');
    if (value > (UINT64_MAX - digit) / 10) return fail();  // Past 64 bits.
    value = value * 10 + digit;
  }
  if (value < min || value > max) return fail();
  return value;
}

std::optional<double> ParseSeconds(std::string_view text, double max, std::string_view option,
                                   std::string& error) {
  auto fail = [&]() -> std::optional<double> {
    char limit[32];
    std::snprintf(limit, sizeof limit, "%.0f", max);
    error = std::string(option) + " must be a number of seconds above 0 and at most " + limit +
            " (digits, an optional fraction: 10, 0.5), not " + Quote(text);
    return std::nullopt;
  };
  std::size_t i = 0;
  std::size_t digits = 0;
  while (i < text.size() && IsDigit(text[i])) ++i, ++digits;
  if (i < text.size() && text[i] == '.') {
    ++i;
    std::size_t fraction = 0;
    while (i < text.size() && IsDigit(text[i])) ++i, ++fraction;
    if (fraction == 0) return fail();
    digits += fraction;
  }
  if (digits == 0 || i != text.size() || digits > 30) return fail();
  const double value = std::strtod(std::string(text).c_str(), nullptr);
  if (!std::isfinite(value) || !(value > 0) || value > max) return fail();
  return value;
}

std::string SafeMessage(std::string message, const std::vector<std::string>& args) {
  // The arguments as typed, and the values of --name=value ones (CLI11 quotes the value).
  std::vector<std::string> long_args;
  for (const std::string& arg : args) {
    if (arg.size() > kQuoteLimit) long_args.push_back(arg);
    const std::size_t eq = arg.find('=');
    if (arg.starts_with("-") && eq != std::string::npos && arg.size() - eq - 1 > kQuoteLimit) {
      long_args.push_back(arg.substr(eq + 1));
    }
  }
  for (const std::string& arg : long_args) {
    const std::string short_form = Shorten(arg);
    for (std::size_t at = message.find(arg); at != std::string::npos;
         at = message.find(arg, at + short_form.size())) {
      message.replace(at, arg.size(), short_form);
    }
  }
  // Any other long word (a part of an argument, say) is cut the same way.
  std::string cut;
  std::size_t word_start = 0;
  for (std::size_t i = 0; i <= message.size(); ++i) {
    if (i == message.size() || message[i] == ' ') {
      const std::string_view word = std::string_view(message).substr(word_start, i - word_start);
      cut += word.size() > kQuoteLimit + 40 ? Shorten(word) : std::string(word);
      if (i < message.size()) cut += ' ';
      word_start = i + 1;
    }
  }
  std::string safe = Escaped(cut);
  if (safe.size() > kMessageLimit) safe = safe.substr(0, kMessageLimit) + "...";
  return safe;
}

}  // namespace interleave
