// Tests of the log view: the printed lines verbatim, in order, with threads and virtual times;
// how an execution that did not finish ends; the view of a search (counterexample, examples).
#include "reports/log_view.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <sstream>
#include <string>

namespace interleave {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

constexpr char kFile[] = "scenarios/daemon.cc";

// Main logs twice with the seed's padding ("Main    :"), a daemon logs once after a sleep,
// and is killed at exit, in time mode virtual.
Trace DaemonTrace() {
  Trace trace;
  trace.time = TimeMode::kVirtual;
  trace.objects = {{ObjectKind::kThread, "MainThread", 0}, {ObjectKind::kThread, "Thread-1", 1}};
  trace.threads = {{"MainThread", 0, true}, {"Thread-1", 1, true}};
  trace.threads[1].daemon = true;
  trace.threads[1].killed = true;
  trace.threads[1].killed_at_step = 6;
  trace.threads[1].killed_reason = "daemon thread killed at program exit";
  trace.events = {
      {1, 0, kNoObject, OpKind::kLog, "Main    : before creating thread", {kFile, 10}},
      {2, 0, 1, OpKind::kStart, "", {kFile, 11}},
      {3, 1, kNoObject, OpKind::kLog, "Thread 1: starting", {kFile, 20}},
      {4, 1, kNoObject, OpKind::kSleep, "2", {kFile, 21}, 2'000'000},
      {5, 0, kNoObject, OpKind::kLog, "Main    : all done", {kFile, 13}, 1'500'000},
      {6, 0, 1, OpKind::kKill, "daemon thread killed at program exit", {kFile, 13}, 1'500'000},
  };
  trace.outcome = {{"last", "\"all done\""}};
  return trace;
}

TEST(LogViewTest, LogLinesAreThePrintedLinesInOrderVerbatim) {
  const std::vector<LogLine> lines = LogLines(DaemonTrace());
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_EQ(lines[0].text, "Main    : before creating thread");
  EXPECT_EQ(lines[0].thread_name, "MainThread");
  EXPECT_EQ(lines[1].step, 3);
  EXPECT_EQ(lines[1].thread, 1);
  EXPECT_EQ(lines[2].time, 1'500'000);
  EXPECT_EQ(lines[2].text, "Main    : all done");
}

TEST(LogViewTest, RendersStepTimeThreadAndTextThenHowItEnded) {
  EXPECT_EQ(RenderLog(DaemonTrace()),
            "  step  time    thread      printed\n"
            "     1  0.000s  MainThread  Main    : before creating thread\n"
            "     3  0.000s  Thread-1    Thread 1: starting\n"
            "     5  1.500s  MainThread  Main    : all done\n"
            "  - Thread-1 was killed at step 6 (daemon thread killed at program exit)\n"
            "  - outcome: last=\"all done\"\n");
}

TEST(LogViewTest, NoTimeColumnInTimeModeAny) {
  Trace trace = DaemonTrace();
  trace.time = TimeMode::kAny;
  EXPECT_THAT(RenderLog(trace), HasSubstr("     5  MainThread  Main    : all done\n"));
  EXPECT_THAT(RenderLog(trace), Not(HasSubstr("0.000s")));
}

TEST(LogViewTest, ALongLineGoesOnUnderTheTextColumnWithNothingDropped) {
  Trace trace = DaemonTrace();
  const std::string text = "word  " + std::string(200, 'x') + "  end";
  trace.events[0].value = text;
  const std::string log = RenderLog(trace);
  std::istringstream in(log);
  std::string joined;
  for (std::string line; std::getline(in, line);) {
    EXPECT_LE(line.size(), 120u) << line;
    if (line.find("word") != std::string::npos || line.starts_with("                          ")) {
      joined += line.substr(28);
    }
  }
  EXPECT_THAT(joined, HasSubstr(text));
}

TEST(LogViewTest, ADeadlockEndsWithWhereEachThreadHangs) {
  Trace trace = DaemonTrace();
  trace.threads[1] = {"Thread-1", 1, false, OpKind::kGet, 1, {kFile, 22}, true};
  trace.objects[1] = {ObjectKind::kQueue, "queue"};
  trace.events.pop_back();
  trace.end = EndReason::kDeadlock;
  EXPECT_EQ(LogEnding(trace), "then no thread can run: the program hangs (Thread-1 in get queue)");
  EXPECT_EQ(LogEnding(Trace{}), "");
  Trace silent;
  EXPECT_EQ(RenderLog(silent), "  (the program printed nothing)\n");
}

TEST(LogViewTest, TheViewOfASearchHasTheCounterexampleAndEveryOutcomesExample) {
  Result result;
  result.strategy = "dpor";
  result.stats.executions = 5;
  result.outcomes = {{"last=\"all done\"", 3}, {"last=\"finishing\"", 2}};
  Finding cut_off;
  cut_off.kind = FindingKind::kDaemonCutOff;
  result.findings = {cut_off};
  result.counterexample = DaemonTrace();
  result.examples["last=\"all done\""] = {DaemonTrace(), {cut_off}};
  Trace finished = DaemonTrace();
  finished.threads[1].killed = false;
  finished.events.back() = {6, 1, kNoObject, OpKind::kLog, "Thread 1: finishing", {kFile, 22}};
  finished.outcome = {{"last", "\"finishing\""}};
  result.examples["last=\"finishing\""] = {finished, {}};
  const std::string view = RenderLogView(result);
  EXPECT_THAT(view, HasSubstr("The log of the counterexample (DAEMON CUT OFF; outcome "
                              "last=\"all done\"):\n  step  time"));
  EXPECT_THAT(view, HasSubstr("\nlast=\"all done\", in 3 of 5 classes (DAEMON CUT OFF):\n"));
  EXPECT_THAT(view, HasSubstr("\nlast=\"finishing\", in 2 of 5 classes (no finding):\n"));
  EXPECT_THAT(view, HasSubstr("     6  0.000s  Thread-1    Thread 1: finishing\n"));
  // A PASS: only the examples.
  result.findings.clear();
  result.counterexample.reset();
  EXPECT_THAT(RenderLogView(result), Not(HasSubstr("counterexample")));
  EXPECT_THAT(RenderLogView(result), HasSubstr("The log of one execution of each outcome"));
  EXPECT_EQ(RenderLogView(Result{}), "No execution to show (the search ran none to its end).\n");
}

}  // namespace
}  // namespace interleave
