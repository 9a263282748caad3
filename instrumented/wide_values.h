// Text for 16-byte values (the __tsan_atomic128_* operations, runtime.h AtomicOperation): the
// standard library has no std::to_string or operator<< for __int128. Pure functions, no state.
#ifndef INTERLEAVE_INSTRUMENTED_WIDE_VALUES_H_
#define INTERLEAVE_INSTRUMENTED_WIDE_VALUES_H_

#include <cstdint>
#include <functional>
#include <string>

namespace interleave::instrumented {

// Decimal digits, a '-' before a negative one: "0", "18446744073709551616",
// "-170141183460469231731687303715884105728".
std::string DecimalText(unsigned __int128 value);
std::string DecimalText(__int128 value);

// A 16-byte value as a report shows it. When neither 8-byte half is a pointer (`pointer`
// gives the text of a half that points somewhere named, as the 8-byte values show it, and ""
// when it does not): the signed decimal, so a small value reads as a plain number ("5",
// "-1"). Otherwise the two halves in memory order (x86-64: low half first), each as an 8-byte
// value: "{&heap+0x10, 3}", a {pointer, counter} pair, the same in every run.
std::string WideValueText(unsigned __int128 bits,
                          const std::function<std::string(uint64_t)>& pointer);

}  // namespace interleave::instrumented

#endif  // INTERLEAVE_INSTRUMENTED_WIDE_VALUES_H_
