#include "tools/cli_text.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>
#include <utility>

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

std::size_t EditDistance(std::string_view a, std::string_view b) {
  // Optimal string alignment: Levenshtein's table plus a swap of two adjacent characters.
  const std::size_t n = a.size();
  const std::size_t m = b.size();
  std::vector<std::vector<std::size_t>> d(n + 1, std::vector<std::size_t>(m + 1, 0));
  for (std::size_t i = 0; i <= n; ++i) d[i][0] = i;
  for (std::size_t j = 0; j <= m; ++j) d[0][j] = j;
  for (std::size_t i = 1; i <= n; ++i) {
    for (std::size_t j = 1; j <= m; ++j) {
      const std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
      }
    }
  }
  return d[n][m];
}

std::vector<std::string> ClosestNames(std::string_view typed, const std::vector<std::string>& known,
                                      std::size_t limit) {
  // A typed text far longer than any name is no typo of one (and its table would be large).
  constexpr std::size_t kLongest = 200;
  if (typed.empty() || typed.size() > kLongest) return {};
  std::vector<std::pair<std::size_t, std::size_t>> close;  // (distance, index in known).
  for (std::size_t i = 0; i < known.size(); ++i) {
    if (known[i].size() > kLongest) continue;
    const std::size_t longer = std::max(typed.size(), known[i].size());
    const std::size_t allowed = std::clamp<std::size_t>(longer / 3, 1, 3);
    const std::size_t distance = EditDistance(typed, known[i]);
    if (distance > 0 && distance <= allowed) close.emplace_back(distance, i);
  }
  std::stable_sort(close.begin(), close.end());
  std::vector<std::string> names;
  for (std::size_t i = 0; i < close.size() && i < limit; ++i) {
    names.push_back(known[close[i].second]);
  }
  return names;
}

std::string DidYouMean(const std::vector<std::string>& names) {
  if (names.empty()) return "";
  std::string text = "; did you mean ";
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (i > 0) text += i + 1 == names.size() ? " or " : ", ";
    text += Quote(names[i]);
  }
  return text + "?";
}

}  // namespace interleave
