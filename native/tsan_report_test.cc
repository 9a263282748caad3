// The TSan report parser on captured stderr of the native runner under ThreadSanitizer
// (native/testdata): lost_update (two races on `value`) and lost_update_locked (none).
#include "native/tsan_report.h"

#include <fstream>
#include <sstream>
#include <string>

#include "gtest/gtest.h"

namespace interleave::native {
namespace {

std::string ReadTestData(const std::string& name) {
  std::ifstream file("native/testdata/" + name);
  EXPECT_TRUE(file) << "cannot open native/testdata/" << name;
  std::stringstream text;
  text << file.rdbuf();
  return text.str();
}

// Replaces every occurrence of `from` in `text`.
std::string ReplaceAll(std::string text, const std::string& from, const std::string& to) {
  for (size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) {
    text.replace(at, from.size(), to);
  }
  return text;
}

TEST(TsanReportTest, ReadsTheRacesOfACapturedRun) {
  const std::vector<TsanReport> reports = ParseTsanLog(ReadTestData("tsan_race.txt"));
  ASSERT_EQ(reports.size(), 2u);
  const TsanReport& first = reports[0];
  EXPECT_EQ(first.kind, "data race");
  EXPECT_EQ(first.object, "value");
  ASSERT_EQ(first.accesses.size(), 2u);
  EXPECT_EQ(first.accesses[0].what, "Write of size 4");
  EXPECT_EQ(first.accesses[0].address, "0x7ffd70446628");
  EXPECT_EQ(first.accesses[1].what, "Previous read of size 4");
  ASSERT_GE(first.accesses[0].frames.size(), 2u);
  EXPECT_NE(first.accesses[0].frames[0].find("Shared<int>::write("), std::string::npos);
  EXPECT_EQ(first.accesses[0].frames[1], "update scenarios/lost_update.cc:25");
  std::string why;
  EXPECT_TRUE(IsRaceOn(first, "value", "scenarios/lost_update.cc", &why)) << why;
  EXPECT_TRUE(IsRaceOn(reports[1], "value", "scenarios/lost_update.cc", &why)) << why;
}

TEST(TsanReportTest, ACleanRunHasNoReport) {
  const std::string log = ReadTestData("tsan_clean.txt");
  EXPECT_NE(log.find("interleave-native: object value Shared"), std::string::npos);
  EXPECT_TRUE(ParseTsanLog(log).empty());
}

TEST(TsanReportTest, ARaceOnAnotherVariableDoesNotMatch) {
  const std::vector<TsanReport> reports = ParseTsanLog(ReadTestData("tsan_race.txt"));
  ASSERT_FALSE(reports.empty());
  std::string why;
  EXPECT_FALSE(IsRaceOn(reports[0], "counter", "scenarios/lost_update.cc", &why));
  EXPECT_EQ(why, "on 'value', not 'counter'");
  EXPECT_FALSE(IsRaceOn(reports[0], "value", "scenarios/queues.cc", &why));
  EXPECT_EQ(why, "Write of size 4: no frame in scenarios/queues.cc");
}

TEST(TsanReportTest, TheVariableIsTheOneAnnouncedLastAtTheAddress) {
  // A later object at the same address (the next run's) renames it; an unannounced address
  // has no name.
  std::string log = ReadTestData("tsan_race.txt");
  const std::string announce = "interleave-native: object value Shared at 0x7ffd70446628\n";
  const size_t second = log.find(announce, log.find(announce) + 1);
  ASSERT_NE(second, std::string::npos);
  log.replace(second, announce.size(),
              "interleave-native: object total Shared at 0x7ffd70446628\n");
  std::vector<TsanReport> reports = ParseTsanLog(log);
  ASSERT_EQ(reports.size(), 2u);
  EXPECT_EQ(reports[0].object, "value");
  EXPECT_EQ(reports[1].object, "total");

  reports = ParseTsanLog(ReplaceAll(ReadTestData("tsan_race.txt"), announce, ""));
  ASSERT_EQ(reports.size(), 2u);
  std::string why;
  EXPECT_FALSE(IsRaceOn(reports[0], "value", "scenarios/lost_update.cc", &why));
  EXPECT_EQ(why, "on memory no Shared announced, not 'value'");
}

TEST(TsanReportTest, OtherWarningsAreReportsButNotRaces) {
  const std::string log =
      "==================\n"
      "WARNING: ThreadSanitizer: lock-order-inversion (potential deadlock) (pid=1)\n"
      "  Cycle in lock order graph: M0 (0x1) => M1 (0x2) => M0\n"
      "==================\n";
  const std::vector<TsanReport> reports = ParseTsanLog(log);
  ASSERT_EQ(reports.size(), 1u);
  EXPECT_EQ(reports[0].kind, "lock-order-inversion (potential deadlock)");
  std::string why;
  EXPECT_FALSE(IsRaceOn(reports[0], "value", "scenarios/lost_update.cc", &why));
  EXPECT_EQ(why, "not a data race: lock-order-inversion (potential deadlock)");
}

}  // namespace
}  // namespace interleave::native
