// LockMisuseDetector: releasing an unheld Lock, a Mutex unlocked by a non-owner, and a thread
// re-acquiring a Lock it holds end as findings (the search goes on), never as ERROR; correct
// use is silent.
#include "checker/detectors/lock_misuse.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <functional>

#include "checker/dfs.h"
#include "checker/dpor.h"
#include "checker/explorer.h"
#include "model/model.h"

namespace interleave {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

Result Dfs(const std::function<void()>& body) {
  DfsStrategy dfs;
  return Explore("misuse", body, dfs, {.max_steps = 1'000, .stall_seconds = 0});
}

int misuse_line = 0;

TEST(LockMisuseDetectorTest, ReleaseOfAnUnheldLock) {
  const Result result = Dfs([] {
    Lock lock("L");
    Thread t(
        [&lock] {
          misuse_line = __LINE__ + 1;
          lock.release();
        },
        "T");
    t.start();
    t.join();
  });
  EXPECT_EQ(result.verdict, Verdict::kBug);
  EXPECT_TRUE(result.error.empty());
  ASSERT_TRUE(result.counterexample.has_value());
  EXPECT_EQ(result.counterexample->end, EndReason::kMisuse);
  ASSERT_EQ(result.findings.size(), 1u);
  const Finding& f = result.findings[0];
  EXPECT_EQ(f.kind, FindingKind::kLockMisuse);
  EXPECT_EQ(f.summary, "T released L, which nobody held");
  // Steps: 1 start T, 2 T releases L (the execution ends there).
  EXPECT_EQ(f.details[0], "release of unlocked lock 'L' at lock_misuse_test.cc:" +
                              std::to_string(misuse_line) + ".");
  EXPECT_THAT(f.threads, ElementsAre(1));
  ASSERT_EQ(f.lines.size(), 1u);
  EXPECT_EQ(f.lines[0].line, misuse_line);
  ASSERT_EQ(f.marks.size(), 1u);
  EXPECT_EQ(f.marks[0].step, 2);
  EXPECT_EQ(f.certain_at_step, 2);
}

TEST(LockMisuseDetectorTest, MutexUnlockedByANonOwnerAndTheSearchGoesOn) {
  // T unlocks the mutex main holds, in the interleavings where main locked it first; in the
  // others T unlocks it unheld. Both are misuse; every interleaving is explored.
  const Result result = Dfs([] {
    Mutex m("m");
    Thread t(
        [&m] {
          misuse_line = __LINE__ + 1;
          m.unlock();
        },
        "T");
    t.start();
    m.lock();
    t.join();
  });
  EXPECT_EQ(result.verdict, Verdict::kBug);
  EXPECT_TRUE(result.stats.exhaustive);
  EXPECT_EQ(result.stats.executions, 2);
  EXPECT_EQ(result.finding_counts.at(FindingKind::kLockMisuse), 2);
  // The counterexample: 1 start T, 2 main locks m, 3 T unlocks it.
  const Finding& f = result.findings[0];
  EXPECT_EQ(f.summary, "T released m, which MainThread held");
  EXPECT_THAT(f.threads, ElementsAre(1, 0));
  EXPECT_THAT(f.details[0], HasSubstr("mutex 'm' unlocked by thread 'T' at"));
  EXPECT_EQ(f.marks[0].step, 3);
}

TEST(LockMisuseDetectorTest, DporExploresPastAMisuse) {
  // Two threads each release a lock that main may or may not hold: every execution ends in a
  // misuse, and dpor still explores the other orders.
  DporStrategy dpor;
  const Result result = Explore("misuse",
                                [] {
                                  Lock lock("L");
                                  Shared<int> x("x", 0);
                                  Thread a([&] { x.write(1); }, "A");
                                  Thread b(
                                      [&] {
                                        x.write(2);
                                        lock.release();
                                      },
                                      "B");
                                  a.start();
                                  b.start();
                                  a.join();
                                  b.join();
                                },
                                dpor, {.stall_seconds = 0});
  EXPECT_EQ(result.verdict, Verdict::kBug);
  EXPECT_TRUE(result.stats.exhaustive);
  EXPECT_GT(result.stats.executions, 1);
  EXPECT_EQ(result.finding_counts.at(FindingKind::kLockMisuse), result.stats.executions);
  EXPECT_TRUE(result.Found(FindingKind::kDataRace));
}

TEST(LockMisuseDetectorTest, SelfDeadlockOnANonReentrantLock) {
  const Result result = Dfs([] {
    Lock lock("L");
    lock.acquire();
    misuse_line = __LINE__ + 1;
    lock.acquire();
  });
  EXPECT_EQ(result.verdict, Verdict::kBug);
  // The execution deadlocks too (DEADLOCK names the one-thread cycle); LOCK MISUSE says why.
  EXPECT_TRUE(result.HasFinding(FindingKind::kDeadlock));
  ASSERT_EQ(result.findings.size(), 2u);
  const Finding& f = result.findings[1];
  EXPECT_EQ(f.kind, FindingKind::kLockMisuse);
  EXPECT_EQ(f.summary,
            "MainThread acquires L, which it already holds: it waits for itself forever "
            "(self-deadlock)");
  EXPECT_THAT(f.threads, ElementsAre(0));
  EXPECT_EQ(f.lines[0].line, misuse_line);
  ASSERT_EQ(f.marks.size(), 1u);
  EXPECT_EQ(f.marks[0].step, 1);
  EXPECT_EQ(f.certain_at_step, 1);
}

TEST(LockMisuseDetectorTest, SilentForCorrectUse) {
  const Result result = Dfs([] {
    Lock lock("L");
    Mutex m("m");
    RLock r("r");
    Thread t(
        [&] {
          lock.acquire();
          lock.release();
          m.lock();
          m.unlock();
          r.acquire();
          r.acquire();
          r.release();
          r.release();
        },
        "T");
    t.start();
    lock.acquire();
    lock.release();
    t.join();
  });
  EXPECT_EQ(result.verdict, Verdict::kPass);
}

TEST(LockMisuseDetectorTest, OtherModelErrorsStayErrors) {
  const Result result = Dfs([] {
    Thread t([] {}, "T");
    t.join();  // Joined before it is started: a rule of the model, not a program's defect.
  });
  EXPECT_EQ(result.verdict, Verdict::kError);
}

}  // namespace
}  // namespace interleave
