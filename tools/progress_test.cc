#include "tools/progress.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <string>

namespace interleave {
namespace {

TEST(ProgressLineTest, SaysExecutionsRateElapsedAndFindings) {
  EXPECT_EQ(ProgressLine(
                "lost_update",
                {.executions = 12'345, .executions_with_findings = 3, .pruned = 7, .seconds = 1.5}),
            "lost_update: 12,345 executions, 8,230/s, 1.5 s, 3 with findings");
  EXPECT_EQ(ProgressLine("", {.executions = 1, .seconds = 2}),
            "1 execution, 1/s, 2.0 s, 0 with findings");
}

// The count says what it counts: classes under dpor, interleavings under dfs, runs under
// random and pct.
TEST(ProgressLineTest, SaysWhatTheStrategyCounts) {
  EXPECT_EQ(ProgressLine("q", {.executions = 62, .seconds = 0}, "dpor"),
            "q: 62 classes, 0.0 s, 0 with findings");
  EXPECT_EQ(ProgressLine("q", {.executions = 1, .seconds = 0}, "dpor"),
            "q: 1 class, 0.0 s, 0 with findings");
  EXPECT_EQ(ProgressLine("q", {.executions = 2, .seconds = 0}, "dfs"),
            "q: 2 interleavings, 0.0 s, 0 with findings");
  EXPECT_EQ(ProgressLine("q", {.executions = 2, .seconds = 0}, "pct"),
            "q: 2 runs, 0.0 s, 0 with findings");
}

TEST(ProgressLineTest, NoRateBeforeAMillisecondAndALongLabelIsCut) {
  EXPECT_EQ(ProgressLine("s", {.executions = 5, .seconds = 0}),
            "s: 5 executions, 0.0 s, 0 with findings");
  const std::string line = ProgressLine(std::string(100, 'x'), {.executions = 5, .seconds = 1});
  EXPECT_EQ(line, std::string(37, 'x') + "...: 5 executions, 5/s, 1.0 s, 0 with findings");
}

// What a display wrote to its file.
std::string Written(std::FILE* file) {
  std::fflush(file);
  std::rewind(file);
  std::string text;
  char buffer[256];
  for (std::size_t n; (n = std::fread(buffer, 1, sizeof buffer, file)) > 0;) text.append(buffer, n);
  return text;
}

TEST(ProgressDisplayTest, RewritesTheLineInPlaceAndErasesIt) {
  std::FILE* file = std::tmpfile();
  ASSERT_NE(file, nullptr);
  ProgressDisplay display(true, file, {.delay_seconds = 0, .interval_seconds = 0});
  ASSERT_TRUE(display.enabled());
  const auto callback = display.Callback("scenario");
  ASSERT_TRUE(callback);
  callback({.executions = 10, .seconds = 1});
  callback({.executions = 20, .seconds = 2});
  display.Clear();
  EXPECT_EQ(Written(file),
            "\r\033[Kscenario: 10 executions, 10/s, 1.0 s, 0 with findings"
            "\r\033[Kscenario: 20 executions, 10/s, 2.0 s, 0 with findings"
            "\r\033[K");
  std::fclose(file);
}

TEST(ProgressDisplayTest, NothingBeforeTheDelayOrBetweenIntervalsOrAfterClear) {
  std::FILE* file = std::tmpfile();
  ASSERT_NE(file, nullptr);
  {  // A search shorter than the delay shows nothing, and its Clear erases nothing.
    ProgressDisplay display(true, file, {.delay_seconds = 1e6});
    display.Callback("s")({.executions = 10, .seconds = 1});
    display.Clear();
  }
  EXPECT_EQ(Written(file), "");
  {  // One line per interval; a callback made before Clear is ignored after it.
    ProgressDisplay display(true, file, {.delay_seconds = 0, .interval_seconds = 1e6});
    const auto callback = display.Callback("s");
    callback({.executions = 10, .seconds = 1});
    callback({.executions = 20, .seconds = 2});
    display.Clear();
    callback({.executions = 30, .seconds = 3});
  }
  EXPECT_EQ(Written(file), "\r\033[Ks: 10 executions, 10/s, 1.0 s, 0 with findings\r\033[K");
  std::fclose(file);
}

TEST(ProgressDisplayTest, DisabledGivesNoCallback) {
  ProgressDisplay display(false, stderr);
  EXPECT_FALSE(display.enabled());
  EXPECT_FALSE(display.Callback("s"));
  display.Clear();  // Nothing to erase.
}

}  // namespace
}  // namespace interleave
