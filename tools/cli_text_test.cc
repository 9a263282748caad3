#include "tools/cli_text.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <vector>

namespace interleave {
namespace {

std::optional<uint64_t> Whole(const std::string& text, uint64_t min = 0,
                              uint64_t max = UINT64_MAX) {
  std::string error;
  std::optional<uint64_t> value = ParseWhole(text, min, max, "--seed", error);
  EXPECT_EQ(value.has_value(), error.empty()) << error;
  return value;
}

TEST(ParseWholeTest, TakesDecimalDigits) {
  EXPECT_EQ(Whole("0"), 0u);
  EXPECT_EQ(Whole("42"), 42u);
  EXPECT_EQ(Whole("007"), 7u);  // Decimal, not octal.
  EXPECT_EQ(Whole("18446744073709551615"), UINT64_MAX);
}

TEST(ParseWholeTest, RejectsSignsSpacesBasesAndEmpty) {
  for (const char* text : {"", "-1", "+5", " 5", "5 ", "0x10", "1e3", "1.0", "five", "5\n"}) {
    EXPECT_EQ(Whole(text), std::nullopt) << text;
  }
}

TEST(ParseWholeTest, RejectsOverflowAndOutOfRangeWithoutClamping) {
  EXPECT_EQ(Whole("18446744073709551616"), std::nullopt);
  EXPECT_EQ(Whole("99999999999999999999999"), std::nullopt);
  EXPECT_EQ(Whole("0", 1, 10), std::nullopt);
  EXPECT_EQ(Whole("11", 1, 10), std::nullopt);
  EXPECT_EQ(Whole("10", 1, 10), 10u);
}

TEST(ParseWholeTest, SaysWhatItWants) {
  std::string error;
  ParseWhole("-1", 0, 100, "--max-steps", error);
  EXPECT_EQ(error, "--max-steps must be a whole number from 0 to 100, not '-1'");
}

TEST(ParseSecondsTest, TakesADecimal) {
  std::string error;
  EXPECT_EQ(ParseSeconds("10", 1e9, "--max-seconds", error), 10.0);
  EXPECT_EQ(ParseSeconds("0.5", 1e9, "--max-seconds", error), 0.5);
  EXPECT_EQ(ParseSeconds(".5", 1e9, "--max-seconds", error), 0.5);
  EXPECT_EQ(ParseSeconds("1e9", 1e9, "--max-seconds", error), std::nullopt);
  for (const char* text :
       {"", "0", "0.0", ".", "-1", "+1", "1.", "inf", "nan", "0x10", " 1", "1e3", "2e9"}) {
    error.clear();
    EXPECT_EQ(ParseSeconds(text, 1e9, "--max-seconds", error), std::nullopt) << text;
    EXPECT_FALSE(error.empty()) << text;
  }
  EXPECT_EQ(ParseSeconds("1000000001", 1e9, "--max-seconds", error), std::nullopt);
}

TEST(QuoteTest, ShortensAndKeepsOneLine) {
  EXPECT_EQ(Quote("abc"), "'abc'");
  EXPECT_EQ(Quote("a\nb\tc\x01"), "'a\\nb\\tc\\x01'");
  const std::string long_text(100'000, 'x');
  const std::string quoted = Quote(long_text);
  EXPECT_EQ(quoted, "'" + std::string(80, 'x') + "... (100000 characters)'");
}

TEST(SafeMessageTest, ShortensLongArgumentsAndWords) {
  const std::string arg(100'000, 'y');
  const std::string message =
      SafeMessage("The following argument was not expected: " + arg, {"run", arg});
  EXPECT_LT(message.size(), 200u);
  EXPECT_NE(message.find(std::string(80, 'y') + "... (100000 characters)"), std::string::npos);
  // The value of --name=value, as CLI11 quotes it.
  const std::string value(500, 'z');
  EXPECT_LT(
      SafeMessage("--color: " + value + " not in {auto,always,never}", {"--color=" + value}).size(),
      200u);
  // A word that is no argument, but long, is cut too; newlines never pass.
  EXPECT_LT(SafeMessage("bad " + std::string(5000, 'w'), {}).size(), 200u);
  EXPECT_EQ(SafeMessage("two\nlines", {}), "two\\nlines");
}

TEST(DidYouMeanTest, EditDistanceCountsEditsAndSwaps) {
  EXPECT_EQ(EditDistance("lost_updte", "lost_update"), 1u);  // An insertion.
  EXPECT_EQ(EditDistance("chek", "check"), 1u);
  EXPECT_EQ(EditDistance("rnu", "run"), 1u);  // A swap of two adjacent characters.
  EXPECT_EQ(EditDistance("list", "list"), 0u);
  EXPECT_EQ(EditDistance("", "run"), 3u);
  EXPECT_EQ(EditDistance("kitten", "sitting"), 3u);
}

TEST(DidYouMeanTest, SuggestsCloseNamesClosestFirst) {
  const std::vector<std::string> scenarios = {"lost_update", "lost_update_locked", "deadlock",
                                              "lost_updates"};
  EXPECT_EQ(ClosestNames("lost_updte", scenarios),
            (std::vector<std::string>{"lost_update", "lost_updates"}));
  EXPECT_EQ(ClosestNames("deadlok", scenarios), std::vector<std::string>{"deadlock"});
  const std::vector<std::string> commands = {"list", "run", "check"};
  EXPECT_EQ(ClosestNames("chek", commands), std::vector<std::string>{"check"});
  EXPECT_EQ(ClosestNames("lsit", commands), std::vector<std::string>{"list"});
}

TEST(DidYouMeanTest, SuggestsAtMostThreeAndNoneWhenNothingIsClose) {
  const std::vector<std::string> names = {"ab1", "ab2", "ab3", "ab4", "ab5"};
  EXPECT_EQ(ClosestNames("ab0", names).size(), 3u);
  EXPECT_EQ(ClosestNames("ab0", names, 1), std::vector<std::string>{"ab1"});
  EXPECT_TRUE(ClosestNames("frobnicate", {"list", "run", "check"}).empty());
  EXPECT_TRUE(ClosestNames("xyz", {"run"}).empty());
  EXPECT_TRUE(ClosestNames("", {"run"}).empty());
  EXPECT_TRUE(ClosestNames(std::string(10'000, 'a'), {"run"}).empty());
}

TEST(DidYouMeanTest, SaysTheNames) {
  EXPECT_EQ(DidYouMean({}), "");
  EXPECT_EQ(DidYouMean({"lost_update"}), "; did you mean 'lost_update'?");
  EXPECT_EQ(DidYouMean({"a", "b"}), "; did you mean 'a' or 'b'?");
  EXPECT_EQ(DidYouMean({"a", "b", "c"}), "; did you mean 'a', 'b' or 'c'?");
}

}  // namespace
}  // namespace interleave
