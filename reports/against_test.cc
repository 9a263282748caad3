// The text helpers of the bug-beside-fix report; the whole report is tested end to end against
// golden transcripts (tests/play/play_cli_test.sh).
#include "reports/against.h"

#include <gtest/gtest.h>

#include <sstream>
#include <string>

namespace interleave {
namespace {

TEST(WrapTest, ShortTextIsOneLine) { EXPECT_EQ(Wrap("a  b", "> ", "  "), "> a  b\n"); }

TEST(WrapTest, LongTextBreaksAtSpacesWithinTheWidth) {
  std::string text;
  for (int i = 0; i < 40; ++i) text += "word" + std::to_string(i) + " ";
  text += "end";
  const std::string wrapped = Wrap(text, "  >> ", "     ");
  std::istringstream lines(wrapped);
  std::string line;
  int count = 0;
  std::string joined;
  while (std::getline(lines, line)) {
    EXPECT_LE(line.size(), 120u) << line;
    EXPECT_NE(line.back(), ' ');
    EXPECT_EQ(line.rfind(count == 0 ? "  >> " : "     ", 0), 0u) << line;
    joined += (count == 0 ? line.substr(5) : " " + line.substr(5));
    ++count;
  }
  EXPECT_GE(count, 3);
  EXPECT_EQ(joined, text);
}

TEST(WrapTest, KeepsTheTextsOwnSpaces) {
  const std::string text = "log \"Main    : all done\"";
  EXPECT_EQ(Wrap(text, "", ""), text + "\n");
}

TEST(WrapTest, AWordLongerThanTheLineStaysWhole) {
  const std::string word(150, 'x');
  EXPECT_EQ(Wrap(word, "", ""), word + "\n");
}

}  // namespace
}  // namespace interleave
