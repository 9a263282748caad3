// Tests of the shared formatting: what a count counts, virtual times, widths and wrapping, the
// shell command's continuation lines, and how a Condition's wait reads.
#include "reports/format.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <regex>
#include <string>
#include <vector>

namespace interleave {
namespace {

using ::testing::ElementsAre;

TEST(CountNounTest, NamesWhatEachStrategyCounts) {
  EXPECT_EQ(CountNoun("dpor", 62), "62 classes of equivalent interleavings");
  EXPECT_EQ(CountNoun("dpor", 1), "1 class of equivalent interleavings");
  EXPECT_EQ(CountNoun("dpor-symmetry", 15400),
            "15,400 classes of equivalent interleavings up to symmetry");
  EXPECT_EQ(ShortCount("dpor-symmetry", 1), "1 class");
  EXPECT_EQ(CountNoun("dfs", 656404), "656,404 interleavings");
  EXPECT_EQ(CountNoun("bounded", 1), "1 interleaving");
  EXPECT_EQ(CountNoun("random", 1000), "1,000 sampled runs");
  EXPECT_EQ(CountNoun("pct", 1), "1 sampled run");
  EXPECT_EQ(CountNoun("native", 994), "994 runs");
  EXPECT_EQ(CountNoun("replay", 1), "1 replayed schedule");
  EXPECT_EQ(CountNoun("graphs", 4), "4 execution graphs");
  EXPECT_EQ(CountNoun("", 2), "2 executions");
  EXPECT_EQ(ShortCount("dpor", 62), "62 classes");
  EXPECT_EQ(ShortCount("dpor", 1), "1 class");
  EXPECT_EQ(ShortCount("dfs", 1), "1 interleaving");
  EXPECT_EQ(ShortCount("pct", 3), "3 runs");
  EXPECT_EQ(ShortUnitNoun("native"), "runs");
  EXPECT_EQ(CountUnitOf("dpor", 0, false), "dpor");
  EXPECT_EQ(CountUnitOf("dpor", 3, true), "graphs");
  // Under RC11 every count is of execution graphs, whether or not one was reached twice.
  EXPECT_EQ(CountUnitOf("dpor", 0, true), "graphs");
  EXPECT_EQ(CountUnitOf("random", 0, true), "graphs");
}

TEST(VirtualTimeTest, SecondsWithMillisecondsOrMicroseconds) {
  EXPECT_EQ(VirtualSeconds(0), "0.000s");
  EXPECT_EQ(VirtualSeconds(100'000), "0.100s");
  EXPECT_EQ(VirtualSeconds(1'500'000), "1.500s");
  EXPECT_EQ(VirtualSeconds(1), "0.000001s");
}

TEST(VirtualTimeTest, ASleepStartsItsDurationBeforeItsWakeUp) {
  TraceEvent sleep(3, kNoThread, kNoObject, OpKind::kSleep, "0.25", {}, 350'000);
  EXPECT_EQ(StepStartMicros(sleep), 100'000);
  TraceEvent log(4, kNoThread, kNoObject, OpKind::kLog, "0.25", {}, 350'000);
  EXPECT_EQ(StepStartMicros(log), 350'000);
  sleep.value = "not a number";
  EXPECT_EQ(StepStartMicros(sleep), 350'000);
}

TEST(WrapTest, CutsAtSpacesAndKeepsInnerSpaces) {
  EXPECT_THAT(Wrap("Main    : all done", 40), ElementsAre("Main    : all done"));
  EXPECT_THAT(Wrap("aaa bbb ccc", 7), ElementsAre("aaa bbb", "ccc"));
  EXPECT_THAT(Wrap("abcdefghij", 4), ElementsAre("abcd", "efgh", "ij"));
  EXPECT_EQ(DisplayWidth("\xc3\xa9t\xc3\xa9"), 3);  // "été": three columns, five bytes.
  EXPECT_EQ(PadLeft("7", 3), "  7");
  EXPECT_EQ(PadRight("7", 3), "7  ");
}

TEST(WrapTest, WrapLinesIndentsContinuations) {
  EXPECT_EQ(WrapLines("short\n"), "short\n");
  const std::string wrapped = WrapLines("  - " + std::string(10, 'a') + " " + std::string(10, 'b') +
                                            " " + std::string(10, 'c') + "\n",
                                        30);
  EXPECT_EQ(wrapped, "  - aaaaaaaaaa bbbbbbbbbb\n    cccccccccc\n");
  for (const std::string& line : {std::string("x"), std::string(300, 'y')}) {
    for (size_t at = 0, end; at < WrapLines(line).size(); at = end + 1) {
      end = WrapLines(line).find('\n', at);
      if (end == std::string::npos) end = WrapLines(line).size();
      EXPECT_LE(end - at, static_cast<size_t>(kTextWidth));
    }
  }
}

// What the shell reads: " \<newline>    " between words, "\<newline>" inside one.
std::string Joined(const std::string& lines) {
  std::string text = std::regex_replace(lines, std::regex(" \\\\\n    "), " ");
  return std::regex_replace(text, std::regex("\\\\\n"), "");
}

TEST(WrapCommandTest, LongCommandsContinueOnLinesTheShellJoins) {
  EXPECT_EQ(WrapCommand("Replay: ", "interleave run x"), "Replay: interleave run x\n");
  const std::string token = "--replay=v2:" + std::string(200, 'k');
  const std::string command = "interleave run some_scenario --param a=1 --param b=2 " + token;
  const std::string wrapped = WrapCommand("Replay: ", command, 60);
  size_t start = 0;
  for (size_t end; (end = wrapped.find('\n', start)) != std::string::npos; start = end + 1) {
    EXPECT_LE(end - start, 60u) << wrapped;
  }
  EXPECT_EQ(Joined(wrapped), "Replay: " + command + "\n");
}

// Condition.wait as the model records it: the release of the condition's lock, the wait's
// return, the lock taken again, all on the wait's line.
Trace ConditionWaitTrace(bool finished) {
  Trace trace;
  trace.objects = {{ObjectKind::kThread, "MainThread", 0},
                   {ObjectKind::kLock, "condition.lock"},
                   {ObjectKind::kCondition, "condition"},
                   {ObjectKind::kLock, "other"}};
  trace.threads = {{"MainThread", 0, finished, OpKind::kWait, 2, {"c.cc", 33}, !finished}};
  trace.events = {{1, 0, 1, OpKind::kAcquire, "", {"c.cc", 32}},
                  {2, 0, 1, OpKind::kRelease, "", {"c.cc", 33}}};
  if (finished) {
    trace.events.push_back({3, 0, 2, OpKind::kWait, "", {"c.cc", 33}});
    trace.events.push_back({4, 0, 1, OpKind::kAcquire, "", {"c.cc", 33}});
    trace.events.push_back({5, 0, 3, OpKind::kRelease, "", {"c.cc", 34}});
  }
  return trace;
}

TEST(DescribeStepTest, AConditionWaitReadsAsAWaitNotARelease) {
  const Trace woken = ConditionWaitTrace(true);
  EXPECT_TRUE(BeginsConditionWait(woken, woken.events[1]));
  EXPECT_EQ(DescribeStep(woken, woken.events[1]), "wait condition (releases condition.lock)");
  EXPECT_EQ(DescribeStep(woken, woken.events[2]), "woken from wait condition");
  EXPECT_EQ(DescribeStep(woken, woken.events[3]), "acquire condition.lock");
  // A release on another line, not followed by a wait, is a release.
  EXPECT_FALSE(BeginsConditionWait(woken, woken.events[4]));
  EXPECT_EQ(DescribeStep(woken, woken.events[4]), "release other");
  // Still waiting at the end: the thread's pending operation is the wait.
  const Trace waiting = ConditionWaitTrace(false);
  EXPECT_EQ(DescribeStep(waiting, waiting.events[1]), "wait condition (releases condition.lock)");
  Trace timed = woken;
  timed.events[2].timed_out = true;
  EXPECT_EQ(DescribeStep(timed, timed.events[2]), "wait condition timed out");
}

}  // namespace
}  // namespace interleave
