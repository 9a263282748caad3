// Mutex and MutexGuard: mutual exclusion, try_lock, the owner check, self-deadlock and the
// unlock -> lock happens-before edge, explored exhaustively in both time modes.
#include "model/mutex.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "model/model.h"
#include "tests/testing/explore.h"

namespace interleave::testing {
namespace {

TEST(MutexTest, GuardedIncrementsNeverLoseAnUpdate) {
  for (TimeMode time : kBothModes) {
    const Result result = ExploreAll(
        [] {
          Mutex m("m");
          TwoIncrements([&m](Shared<int>& x) {
            MutexGuard guard(m);
            x.write(x.read() + 1);
          });
        },
        time);
    EXPECT_EQ(result.verdict, Verdict::kPass) << TimeModeName(time);
    EXPECT_TRUE(result.stats.exhaustive);
    EXPECT_THAT(result.outcomes, ElementsAre(Pair("x=2", result.stats.executions)))
        << TimeModeName(time);
  }
}

// T's try_lock comes before main's lock (got it: main's lock waits for T's unlock), between
// main's lock and unlock (fails), or after the unlock (got it): 3 executions, the same on the
// virtual clock, where everything happens at 0 s.
TEST(MutexTest, TryLockFailsOnlyWhileHeld) {
  for (TimeMode time : kBothModes) {
    const Result result = ExploreAll(
        [] {
          Mutex m("m");
          Thread t(
              [&m] {
                const bool got = m.try_lock();
                outcome("got", got);
                if (got) m.unlock();
              },
              "T");
          t.start();
          m.lock();
          m.unlock();
          t.join();
        },
        time);
    EXPECT_EQ(result.verdict, Verdict::kPass);
    EXPECT_EQ(result.stats.executions, 3) << TimeModeName(time);
    EXPECT_THAT(result.outcomes, ElementsAre(Pair("got=false", 1), Pair("got=true", 2)))
        << TimeModeName(time);
  }
}

// A failed try_lock leaves the thread's spin window open (Execution::PollStep): a loop of
// tries that also loads an atomic comes back to its state at the load and waits there until
// the mutex or the atomic changes, instead of failing to the step bound while the holder
// does not run (before: WARNING LIVELOCK).
TEST(MutexTest, TryLockLoopThatLoadsAnAtomicWaitsForAChange) {
  for (TimeMode time : kBothModes) {
    const Result result = ExploreAll(
        [] {
          Mutex m("m");
          Atomic<bool> quit("quit", false);
          Thread t(
              [&] {
                while (!m.try_lock()) {
                  if (quit.load()) return;
                }
                m.unlock();
              },
              "T");
          t.start();
          m.lock();
          m.unlock();
          t.join();
        },
        time);
    EXPECT_EQ(result.verdict, Verdict::kPass) << TimeModeName(time);
    EXPECT_TRUE(result.stats.exhaustive);
    EXPECT_FALSE(result.Found(FindingKind::kLivelock));
  }
}

TEST(MutexTest, TryLockByTheHolderFails) {
  const Result result = ExploreAll(
      [] {
        Mutex m("m");
        m.lock();
        outcome("again", m.try_lock());
        m.unlock();
      },
      TimeMode::kAny);
  EXPECT_EQ(result.verdict, Verdict::kPass);
  EXPECT_THAT(result.outcomes, ElementsAre(Pair("again=false", 1)));
}

TEST(MutexTest, UnlockByAnotherThreadIsALockMisuse) {
  static int lock_line = 0;
  static int unlock_line = 0;
  const Result result = ExploreAll(
      [] {
        Mutex m("m");
        lock_line = __LINE__ + 1;
        m.lock();
        Thread t(
            [&m] {
              unlock_line = __LINE__ + 1;
              m.unlock();
            },
            "T");
        t.start();
        t.join();
      },
      TimeMode::kAny);
  // A LOCK MISUSE finding (the execution ends there), not an ERROR of the scenario.
  EXPECT_EQ(result.verdict, Verdict::kBug);
  EXPECT_TRUE(result.HasFinding(FindingKind::kLockMisuse));
  ASSERT_TRUE(result.counterexample.has_value());
  EXPECT_THAT(
      result.counterexample->error,
      HasSubstr("mutex 'm' unlocked by thread 'T' at " + At(unlock_line) +
                ", but it is held by thread 'MainThread' (locked at " + At(lock_line) + ")"));
}

TEST(MutexTest, UnlockOfAnUnlockedMutexIsALockMisuse) {
  static int line = 0;
  const Result result = ExploreAll(
      [] {
        Mutex m("m");
        m.lock();
        m.unlock();
        line = __LINE__ + 1;
        m.unlock();
      },
      TimeMode::kAny);
  EXPECT_EQ(result.verdict, Verdict::kBug);
  EXPECT_TRUE(result.HasFinding(FindingKind::kLockMisuse));
  ASSERT_TRUE(result.counterexample.has_value());
  EXPECT_EQ(result.counterexample->error,
            "unlock of unlocked mutex 'm' by thread 'MainThread' at " + At(line));
}

TEST(MutexTest, LockingTwiceDeadlocksOnItself) {
  const Result result = ExploreAll(
      [] {
        Mutex m("m");
        m.lock();
        m.lock();
      },
      TimeMode::kAny);
  EXPECT_EQ(result.verdict, Verdict::kBug);
  ASSERT_TRUE(result.HasFinding(FindingKind::kDeadlock));
  EXPECT_THAT(result.findings[0].details[0], HasSubstr("which it holds itself"));
  EXPECT_TRUE(result.HasFinding(FindingKind::kLockMisuse));  // A self-deadlock.
}

// main locks, starts A, writes x and unlocks; A locks (after main's unlock) and reads x. The
// unlock happens before A's lock, so main's write happens before A's read.
TEST(MutexTest, UnlockHappensBeforeTheNextLock) {
  const Trace trace = RunOnce([] {
    Mutex m("m");
    Shared<int> x("x", 0);
    m.lock();
    Thread a(
        [&] {
          MutexGuard guard(m);
          x.read();
        },
        "A");
    a.start();
    x.write(1);
    m.unlock();
    a.join();
  });
  ASSERT_EQ(trace.end, EndReason::kFinished);
  const auto unlocks = EventsOn(trace, "m", OpKind::kRelease);
  const auto locks = EventsOn(trace, "m", OpKind::kAcquire);
  ASSERT_EQ(unlocks.size(), 2u);
  ASSERT_EQ(locks.size(), 2u);
  EXPECT_EQ(locks[1]->thread, 1);
  EXPECT_TRUE(HappensBefore(*unlocks[0], *locks[1]));
  EXPECT_TRUE(WriteHappensBeforeRead(trace, "x"));
}

}  // namespace
}  // namespace interleave::testing
