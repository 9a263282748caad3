#include "instrumented/wide_values.h"

#include <cstdint>
#include <string>

#include "gtest/gtest.h"

namespace interleave::instrumented {
namespace {

using U128 = unsigned __int128;

constexpr U128 kTwoTo64 = U128{1} << 64;

TEST(DecimalTextTest, SmallValuesArePlainDecimals) {
  EXPECT_EQ(DecimalText(U128{0}), "0");
  EXPECT_EQ(DecimalText(U128{7}), "7");
  EXPECT_EQ(DecimalText(__int128{0}), "0");
  EXPECT_EQ(DecimalText(__int128{42}), "42");
  EXPECT_EQ(DecimalText(__int128{-1}), "-1");
  EXPECT_EQ(DecimalText(__int128{-1000}), "-1000");
}

TEST(DecimalTextTest, AroundTwoTo64) {
  EXPECT_EQ(DecimalText(kTwoTo64 - 1), "18446744073709551615");
  EXPECT_EQ(DecimalText(kTwoTo64), "18446744073709551616");
  EXPECT_EQ(DecimalText(3 * kTwoTo64 + 5), "55340232221128654853");
  EXPECT_EQ(DecimalText(-static_cast<__int128>(kTwoTo64)), "-18446744073709551616");
}

TEST(DecimalTextTest, Extremes) {
  const U128 all = ~U128{0};
  EXPECT_EQ(DecimalText(all), "340282366920938463463374607431768211455");
  EXPECT_EQ(DecimalText(static_cast<__int128>(all >> 1)),
            "170141183460469231731687303715884105727");
  // The smallest value, whose negation overflows.
  EXPECT_EQ(DecimalText(static_cast<__int128>((all >> 1) + 1)),
            "-170141183460469231731687303715884105728");
  EXPECT_EQ(DecimalText(static_cast<__int128>(all)), "-1");
}

TEST(DecimalTextTest, EveryPowerOfTenRoundTrips) {
  U128 power = 1;
  std::string expected = "1";
  for (int i = 0; i <= 38; ++i) {
    EXPECT_EQ(DecimalText(power), expected) << i;
    EXPECT_EQ(DecimalText(power - 1), i == 0 ? "0" : std::string(i, '9')) << i;
    power *= 10;
    expected += "0";
  }
}

// No half names a pointer.
std::string NoPointer(uint64_t) { return ""; }
// 0x1000 names "&p" (a stand-in for the runtime's heap, stack and module names).
std::string OnePointer(uint64_t half) { return half == 0x1000 ? "&p" : ""; }

TEST(WideValueTextTest, NumbersAreSignedDecimals) {
  EXPECT_EQ(WideValueText(0, NoPointer), "0");
  EXPECT_EQ(WideValueText(12, NoPointer), "12");
  EXPECT_EQ(WideValueText(~U128{0}, NoPointer), "-1");
  EXPECT_EQ(WideValueText(2 * kTwoTo64 + 3, NoPointer), "36893488147419103235");
  EXPECT_EQ(WideValueText(2 * kTwoTo64 + 3, OnePointer), "36893488147419103235");
}

TEST(WideValueTextTest, APointerHalfShowsBothHalvesLowFirst) {
  EXPECT_EQ(WideValueText(3 * kTwoTo64 + 0x1000, OnePointer), "{&p, 3}");
  EXPECT_EQ(WideValueText(0x1000, OnePointer), "{&p, 0}");
  EXPECT_EQ(WideValueText(0x1000 * kTwoTo64 + 7, OnePointer), "{7, &p}");
  EXPECT_EQ(WideValueText(0x1000 * kTwoTo64 + 0x1000, OnePointer), "{&p, &p}");
  // The other half as a signed 8-byte value, as an 8-byte atomic shows it.
  EXPECT_EQ(WideValueText(~uint64_t{0} * kTwoTo64 + 0x1000, OnePointer), "{&p, -1}");
}

}  // namespace
}  // namespace interleave::instrumented
