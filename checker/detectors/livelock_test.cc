// LivelockDetector: an execution cut off by the step bound is a suspected livelock (a
// WARNING) naming the spinning thread and its lines; a loop that ends is silent.
#include "checker/detectors/livelock.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <functional>

#include "checker/dfs.h"
#include "checker/explorer.h"
#include "model/model.h"

namespace interleave {
namespace {

using ::testing::ElementsAre;

int spin_line = 0;

// A spins on a flag nobody sets (`setter`: main sets it after starting A).
std::function<void()> Spin(bool setter) {
  return [setter] {
    Shared<bool> flag("flag", false);
    Lock lock("lock");
    Thread a(
        [&] {
          while (true) {
            LockGuard with(lock);
            spin_line = __LINE__ + 1;
            if (flag.read()) break;
          }
        },
        "A");
    a.start();
    if (setter) {
      LockGuard with(lock);
      flag.write(true);
    }
    a.join();
  };
}

TEST(LivelockDetectorTest, NamesTheSpinningThreadAndItsLines) {
  DfsStrategy dfs;
  const Result result = Explore("spin", Spin(false), dfs, {.max_steps = 300, .stall_seconds = 0});
  EXPECT_EQ(result.verdict, Verdict::kWarning);
  EXPECT_EQ(result.stats.step_bound_hits, 1);
  ASSERT_EQ(result.findings.size(), 1u);
  const Finding& f = result.findings[0];
  EXPECT_EQ(f.kind, FindingKind::kLivelock);
  EXPECT_EQ(f.summary,
            "suspected livelock: the execution hit the step bound (300 steps); A was busy at "
            "the end, a spin or polling loop?");
  EXPECT_THAT(f.threads, ElementsAre(1));
  // A's loop is acquire and release (both at the guard's line), then read: the guard's line
  // first, the read's second.
  ASSERT_EQ(f.lines.size(), 2u);
  EXPECT_EQ(f.lines[1].line, spin_line);
  EXPECT_THAT(f.details[0], ::testing::StartsWith("A took 200 of the last 200 steps, repeating"));
  ASSERT_EQ(f.marks.size(), 2u);
  EXPECT_EQ(f.marks[0].step, 101);
  EXPECT_EQ(f.marks[1].step, 300);
  EXPECT_EQ(f.certain_at_step, 300);
}

TEST(LivelockDetectorTest, SilentWhenTheLoopEnds) {
  // With a setter the spin ends in most interleavings; those where A spins until the bound
  // remain (dfs tries them), so look at one that ends: main sets the flag first.
  DfsStrategy dfs;
  const Result result =
      Explore("spin", Spin(true), dfs, {.max_executions = 1, .max_steps = 300, .stall_seconds = 0});
  EXPECT_EQ(result.stats.step_bound_hits, 0);
  EXPECT_FALSE(result.Found(FindingKind::kLivelock));
}

TEST(LivelockDetectorTest, ALongCountingLoopIsIncompleteNotALivelock) {
  // Seed 001's "More Shared variables" at its own scale: the loop counts value up, a new value
  // at every write, and only the step bound stops it. Not a livelock: INCOMPLETE.
  DfsStrategy dfs;
  const Result result = Explore("count",
                                [] {
                                  Shared<int> value("value", 0);
                                  Thread a(
                                      [&value] {
                                        for (int i = 0; i < 1'000; ++i)
                                          value.write(value.read() + 1);
                                      },
                                      "A");
                                  a.start();
                                  a.join();
                                },
                                dfs, {.max_steps = 300, .stall_seconds = 0});
  EXPECT_EQ(result.stats.step_bound_hits, 1);
  EXPECT_FALSE(result.Found(FindingKind::kLivelock));
  EXPECT_TRUE(result.findings.empty());
  EXPECT_EQ(result.verdict, Verdict::kIncomplete);
}

// A bound of a few steps cuts an execution off before any line repeats: nothing shows a loop,
// so the search is INCOMPLETE, not a suspected livelock (before: a LIVELOCK warning at step 1).
TEST(LivelockDetectorTest, ACutOffTooShortToShowALoopIsIncomplete) {
  for (const int max_steps : {1, 2, 4}) {
    DfsStrategy dfs;
    const Result result =
        Explore("spin", Spin(false), dfs, {.max_steps = max_steps, .stall_seconds = 0});
    EXPECT_EQ(result.verdict, Verdict::kIncomplete) << max_steps;
    EXPECT_FALSE(result.HasFinding(FindingKind::kLivelock)) << max_steps;
    EXPECT_GT(result.stats.step_bound_hits, 0) << max_steps;
  }
  DfsStrategy dfs;  // Enough steps for the loop's lines to repeat: the suspicion again.
  EXPECT_TRUE(Explore("spin", Spin(false), dfs, {.max_steps = 12, .stall_seconds = 0})
                  .HasFinding(FindingKind::kLivelock));
}

TEST(LivelockDetectorTest, ALoopThatRedoesTheSameChangeIsStillALivelock) {
  // A keeps writing the same value: busy, no progress.
  DfsStrategy dfs;
  const Result result = Explore("same",
                                [] {
                                  Shared<int> value("value", 0);
                                  Thread a(
                                      [&value] {
                                        while (true) value.write(1);
                                      },
                                      "A");
                                  a.start();
                                  a.join();
                                },
                                dfs, {.max_steps = 300, .stall_seconds = 0});
  EXPECT_TRUE(result.Found(FindingKind::kLivelock));
  EXPECT_EQ(result.verdict, Verdict::kWarning);
}

// Two threads backing off from each other's locks in step (std::scoped_lock(a, b) against
// std::scoped_lock(b, a) under a schedule that alternates every attempt): the finding says so.
Trace BackOffTrace(bool fails) {
  Trace trace;
  trace.threads.resize(2);
  trace.threads[0].name = "A";
  trace.threads[1].name = "B";
  trace.end = EndReason::kStepBound;
  const ObjectId a = 0;
  const ObjectId b = 1;
  int step = 0;
  auto add = [&](ThreadId thread, ObjectId lock, OpKind kind, const char* value = "") {
    trace.events.emplace_back(++step, thread, lock, kind, value);
  };
  while (step < 240) {
    add(0, a, OpKind::kAcquire);
    add(1, b, OpKind::kAcquire);
    add(0, b, OpKind::kAcquire, fails ? "not acquired" : "");
    add(1, a, OpKind::kAcquire, fails ? "not acquired" : "");
    add(0, a, OpKind::kRelease);
    add(1, b, OpKind::kRelease);
  }
  return trace;
}

TEST(LivelockDetectorTest, SaysWhenThreadsBackOffFromEachOthersLocks) {
  std::vector<Finding> findings;
  LivelockDetector().Inspect(BackOffTrace(true), findings);
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_THAT(findings[0].details,
              ::testing::Contains(::testing::StartsWith(
                  "They take a lock each, fail to take the one the other holds")));
  // Acquires that succeed: no back-off, no such detail.
  findings.clear();
  LivelockDetector().Inspect(BackOffTrace(false), findings);
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_THAT(findings[0].details,
              ::testing::Not(::testing::Contains(::testing::StartsWith("They take a lock each"))));
}

}  // namespace
}  // namespace interleave
