// UnjoinedThreadDetector: seed 001's join loop that joins only the last thread; not a main
// that joins every thread, nor one that joins none (the program waits for them at exit).
#include "checker/detectors/unjoined_thread.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <functional>
#include <string>
#include <vector>

#include "checker/dfs.h"
#include "checker/explorer.h"
#include "model/model.h"
#include "model/testing/choosers.h"

namespace interleave {
namespace {

using ::testing::ElementsAre;

Result Dfs(const std::function<void()>& body) {
  DfsStrategy dfs;
  return Explore("unjoined", body, dfs, {.max_steps = 1'000, .stall_seconds = 0});
}

int done_line = 0;
int finishing_line = 0;

enum class Joins { kLast, kAll, kNone };

// Three counting threads; main joins the last, all, or none, then logs "all done".
std::function<void()> Counting(Joins joins) {
  return [joins] {
    std::vector<Thread> threads;
    for (int i = 1; i <= 3; ++i) {
      threads.emplace_back(
          [] {
            finishing_line = __LINE__ + 1;
            log("finishing");
          },
          "Thread-" + std::to_string(i));
    }
    for (Thread& t : threads) t.start();
    if (joins == Joins::kLast) threads.back().join();
    if (joins == Joins::kAll) {
      for (Thread& t : threads) t.join();
    }
    done_line = __LINE__ + 1;
    log("all done");
  };
}

TEST(UnjoinedThreadDetectorTest, NamesTheThreadsStillRunningWhenMainLogs) {
  // Steps: 1-3 main starts Thread-1..3, 4 Thread-3 logs, 5 main joins it, 6 main logs
  // "all done", 7 Thread-1 logs, 8 Thread-2 logs; then main's exit-waits.
  testing::Scripted chooser({0, 0, 0, 3, 0, 0, 1, 2});
  const Trace trace = Execution::Run(Counting(Joins::kLast), chooser);
  ASSERT_EQ(trace.end, EndReason::kFinished);
  std::vector<Finding> findings;
  UnjoinedThreadDetector().Inspect(trace, findings);
  ASSERT_EQ(findings.size(), 1u);
  const Finding& f = findings[0];
  EXPECT_EQ(f.kind, FindingKind::kUnjoinedThread);
  EXPECT_EQ(f.summary,
            "main logged \"all done\" while Thread-1, Thread-2, which it never joined, were "
            "still running");
  EXPECT_THAT(f.threads, ElementsAre(1, 2));
  EXPECT_EQ(f.details[0],
            "MainThread joined some of the threads it started, not all, and logged \"all "
            "done\" at step 6 (unjoined_thread_test.cc:" +
                std::to_string(done_line) + ").");
  EXPECT_EQ(f.details[1],
            "Thread-1 (started at step 1, never joined) was still running: it did log "
            "\"finishing\" at step 7 (unjoined_thread_test.cc:" +
                std::to_string(finishing_line) + ").");
  EXPECT_EQ(f.details[2],
            "Thread-2 (started at step 2, never joined) was still running: it did log "
            "\"finishing\" at step 8 (unjoined_thread_test.cc:" +
                std::to_string(finishing_line) + ").");
  ASSERT_EQ(f.lines.size(), 3u);
  EXPECT_EQ(f.lines[0].line, done_line);
  ASSERT_EQ(f.marks.size(), 3u);
  EXPECT_EQ(f.marks[0].step, 6);
  EXPECT_EQ(f.marks[1].step, 7);
  EXPECT_EQ(f.marks[2].step, 8);
  EXPECT_EQ(f.certain_at_step, 7);
}

TEST(UnjoinedThreadDetectorTest, SilentWhenTheUnjoinedThreadsFinishedBeforeTheLog) {
  // Every thread logs before main's "all done": nothing was still running.
  testing::Scripted chooser({0, 0, 0, 1, 2, 3});
  const Trace trace = Execution::Run(Counting(Joins::kLast), chooser);
  std::vector<Finding> findings;
  UnjoinedThreadDetector().Inspect(trace, findings);
  EXPECT_TRUE(findings.empty());
}

TEST(UnjoinedThreadDetectorTest, ReachableWhenMainJoinsOnlyTheLastThread) {
  const Result result = Dfs(Counting(Joins::kLast));
  EXPECT_EQ(result.verdict, Verdict::kBug);
  EXPECT_TRUE(result.Found(FindingKind::kUnjoinedThread));
  EXPECT_LT(result.finding_counts.at(FindingKind::kUnjoinedThread), result.stats.executions);
}

TEST(UnjoinedThreadDetectorTest, SilentWhenMainJoinsEveryThread) {
  EXPECT_EQ(Dfs(Counting(Joins::kAll)).verdict, Verdict::kPass);
}

TEST(UnjoinedThreadDetectorTest, SilentWhenMainJoinsNone) {
  // Seed 000's "What if I don't join?": the program waits for them at exit.
  EXPECT_EQ(Dfs(Counting(Joins::kNone)).verdict, Verdict::kPass);
}

TEST(UnjoinedThreadDetectorTest, SilentWhenMainIsStuckJoiningTheOther) {
  // Main joins both threads in turn; the second waits forever on an event nobody sets. Main's
  // log ran while it was running, but main did not skip its join: it is blocked in it, a
  // DEADLOCK, not an UNJOINED THREAD.
  const Result result = Dfs([] {
    Event never("never");
    Thread quick([] { log("quick"); }, "quick");
    Thread stuck([&never] { never.wait(); }, "stuck");
    quick.start();
    stuck.start();
    log("joining");
    quick.join();
    stuck.join();
  });
  EXPECT_TRUE(result.Found(FindingKind::kDeadlock));
  EXPECT_FALSE(result.Found(FindingKind::kUnjoinedThread));
}

TEST(UnjoinedThreadDetectorTest, TheProgramWaitsAtExitForEachThreadOnce) {
  // Seed 001's scenario keeps every started thread alive (Python does) and calls
  // wait_at_exit() on each; the Thread's destructor after it must not wait a second time
  // (the report showed "wait at exit for Thread-3" twice).
  testing::Scripted chooser({});
  const Trace trace = Execution::Run(
      [] {
        Thread a([] { log("a"); }, "a");
        Thread b([] { log("b"); }, "b");
        a.start();
        b.start();
        a.wait_at_exit();
        b.wait_at_exit();
      },
      chooser);
  ASSERT_EQ(trace.end, EndReason::kFinished);
  int exit_waits = 0;
  for (const TraceEvent& event : trace.events) exit_waits += event.kind == OpKind::kExitWait;
  EXPECT_EQ(exit_waits, 2);
}

}  // namespace
}  // namespace interleave
