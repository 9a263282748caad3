// Strict parsing of the command line's numbers, and how its error messages quote what the user
// typed.
//
// Numbers: CLI11 converts integers with strtoull/strtoll in base 0, so it takes "0x10" as 16,
// "010" as 8, "+5" and " 5" as 5, "-1" as 2^64-1 for an unsigned option, and saturates on
// overflow. The command therefore takes every number as text and parses it here: a whole
// number is decimal digits only (no sign, space, base prefix or exponent; leading zeros are
// decimal), within [min, max], and a value past the range or past 64 bits is rejected, never
// clamped. Seconds are a decimal with an optional fraction ("10", "0.5"), finite and within
// their range.
//
// Quoting: an error message quotes at most kQuoteLimit characters of an argument, on one line
// (control characters escaped), and says how long the argument was when it cut it.
#ifndef INTERLEAVE_TOOLS_CLI_TEXT_H_
#define INTERLEAVE_TOOLS_CLI_TEXT_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace interleave {

inline constexpr std::size_t kQuoteLimit = 80;

// `text` on one line and at most kQuoteLimit characters of it: control characters as \n, \t,
// \xNN; a longer text cut with "... (N characters)".
std::string Shorten(std::string_view text);
// Shorten(text) between single quotes.
std::string Quote(std::string_view text);

// `text` as an unsigned decimal in [min, max], or nullopt with `error` set to
// "OPTION must be a whole number from MIN to MAX, not 'TEXT'" (`option` names what is parsed:
// "--seed", "parameter threads").
std::optional<uint64_t> ParseWhole(std::string_view text, uint64_t min, uint64_t max,
                                   std::string_view option, std::string& error);

// `text` as seconds: digits with an optional fraction, above 0 and at most `max`; or nullopt
// with `error` set.
std::optional<double> ParseSeconds(std::string_view text, double max, std::string_view option,
                                   std::string& error);

// An error message made safe to print: every argument of `args` longer than kQuoteLimit that
// occurs in it is replaced by its Shorten()ed form, any other word longer than kQuoteLimit is
// cut the same way, control characters are escaped, and the whole is at most a few hundred
// characters on one line.
std::string SafeMessage(std::string message, const std::vector<std::string>& args);

// "Did you mean": the edit distance (insertions, deletions, substitutions, and swaps of two
// adjacent characters, each 1) between two names.
std::size_t EditDistance(std::string_view a, std::string_view b);

// Up to `limit` names of `known` close to `typed` (an edit distance of at most a third of the
// longer name, at least 1 and at most 3), closest first, then in the order of `known`; none
// when nothing is close.
std::vector<std::string> ClosestNames(std::string_view typed, const std::vector<std::string>& known,
                                      std::size_t limit = 3);

// "; did you mean 'lost_update'?", "; did you mean 'a', 'b' or 'c'?"; empty for no names.
std::string DidYouMean(const std::vector<std::string>& names);

}  // namespace interleave

#endif  // INTERLEAVE_TOOLS_CLI_TEXT_H_
