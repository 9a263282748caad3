// Text for 16-byte values (wide_values.h).
#include "instrumented/wide_values.h"

#include <algorithm>

namespace interleave::instrumented {
namespace {
using U128 = unsigned __int128;
}  // namespace

std::string DecimalText(unsigned __int128 value) {
  std::string digits;
  do {
    digits.push_back(static_cast<char>('0' + static_cast<int>(value % 10)));
    value /= 10;
  } while (value != 0);
  std::reverse(digits.begin(), digits.end());
  return digits;
}

std::string DecimalText(__int128 value) {
  if (value >= 0) return DecimalText(static_cast<unsigned __int128>(value));
  // The magnitude in unsigned arithmetic: -value overflows for the smallest value.
  return "-" + DecimalText(U128{0} - static_cast<unsigned __int128>(value));
}

std::string WideValueText(unsigned __int128 bits,
                          const std::function<std::string(uint64_t)>& pointer) {
  const auto low = static_cast<uint64_t>(bits);
  const auto high = static_cast<uint64_t>(bits >> 64);
  std::string low_text = pointer(low);
  std::string high_text = pointer(high);
  if (low_text.empty() && high_text.empty()) return DecimalText(static_cast<__int128>(bits));
  if (low_text.empty()) low_text = std::to_string(static_cast<int64_t>(low));
  if (high_text.empty()) high_text = std::to_string(static_cast<int64_t>(high));
  return "{" + low_text + ", " + high_text + "}";
}

}  // namespace interleave::instrumented
