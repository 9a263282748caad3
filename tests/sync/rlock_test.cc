// RLock and RLockGuard: reentrancy (levels), blocking and timed acquires by other threads,
// the owner check on release, and the release -> acquire happens-before edge.
#include "model/rlock.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <functional>

#include "model/model.h"
#include "tests/testing/explore.h"

namespace interleave::testing {
namespace {

// The owner takes the lock twice without blocking; another thread cannot take it until the
// second release: its non-blocking acquire fails at level 1 and succeeds after.
TEST(RLockTest, OwnerReentersAndOthersWaitForTheLastRelease) {
  const Result result = ExploreAll(
      [] {
        RLock r("r");
        r.acquire();
        outcome("reentered", r.acquire(false));
        r.release();
        auto try_it = [&r](const char* name) {
          const bool got = r.acquire(false);
          outcome(name, got);
          if (got) r.release();
        };
        Thread at_level_one([&] { try_it("at level 1"); }, "T1");
        at_level_one.start();
        at_level_one.join();
        r.release();
        Thread when_free([&] { try_it("when free"); }, "T2");
        when_free.start();
        when_free.join();
      },
      TimeMode::kAny);
  EXPECT_EQ(result.verdict, Verdict::kPass);
  EXPECT_THAT(result.outcomes,
              ElementsAre(Pair("reentered=true, at level 1=false, when free=true", 1)));
}

TEST(RLockTest, NestedGuardsExcludeOtherThreads) {
  for (TimeMode time : kBothModes) {
    const Result result = ExploreAll(
        [] {
          RLock r("r");
          TwoIncrements([&r](Shared<int>& x) {
            RLockGuard outer(r);
            RLockGuard inner(r);
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

// Main holds the lock at level 2 for `hold` seconds; T tries to take it with a 1 s timeout.
std::function<void()> TimedAcquire(double hold) {
  return [hold] {
    RLock r("r");
    r.acquire();
    r.acquire();
    Thread t(
        [&r] {
          const bool got = r.acquire(true, 1.0);
          outcome("got", got);
          if (got) r.release();
        },
        "T");
    t.start();
    sleep(hold);
    r.release();
    r.release();
    t.join();
  };
}

TEST(RLockTest, TimedAcquireInAnyModeMayTimeOutOrSucceed) {
  const Result result = ExploreAll(TimedAcquire(2.0), TimeMode::kAny);
  EXPECT_EQ(result.verdict, Verdict::kPass);
  EXPECT_THAT(result.outcomes, ElementsAre(Pair("got=false", Gt(0)), Pair("got=true", Gt(0))));
}

TEST(RLockTest, TimedAcquireOnTheVirtualClockFollowsTheDeadline) {
  // One execution each: T blocks at 0 s; main's releases run at 2 s (after T's deadline at
  // 1 s) or at 0.5 s (before it).
  const Result late = ExploreAll(TimedAcquire(2.0), TimeMode::kVirtual);
  EXPECT_EQ(late.stats.executions, 1);
  EXPECT_THAT(late.outcomes, ElementsAre(Pair("got=false", 1)));
  const Result early = ExploreAll(TimedAcquire(0.5), TimeMode::kVirtual);
  EXPECT_EQ(early.stats.executions, 1);
  EXPECT_THAT(early.outcomes, ElementsAre(Pair("got=true", 1)));
}

TEST(RLockTest, ReleaseByAnotherThreadIsALockMisuse) {
  static int line = 0;
  const Result result = ExploreAll(
      [] {
        RLock r("r");
        r.acquire();
        Thread t(
            [&r] {
              line = __LINE__ + 1;
              r.release();
            },
            "T");
        t.start();
        t.join();
        r.release();
      },
      TimeMode::kAny);
  // A LOCK MISUSE finding (the execution ends there), not an ERROR of the scenario.
  EXPECT_EQ(result.verdict, Verdict::kBug);
  EXPECT_TRUE(result.HasFinding(FindingKind::kLockMisuse));
  ASSERT_TRUE(result.counterexample.has_value());
  EXPECT_EQ(result.counterexample->error,
            "cannot release un-acquired lock: rlock 'r' released by thread 'T' at " + At(line) +
                ", but it is held by thread 'MainThread'");
}

TEST(RLockTest, ReleasingMoreTimesThanAcquiredIsALockMisuse) {
  static int line = 0;
  const Result result = ExploreAll(
      [] {
        RLock r("r");
        r.acquire();
        r.acquire();
        r.release();
        r.release();
        line = __LINE__ + 1;
        r.release();
      },
      TimeMode::kAny);
  EXPECT_EQ(result.verdict, Verdict::kBug);
  EXPECT_TRUE(result.HasFinding(FindingKind::kLockMisuse));
  ASSERT_TRUE(result.counterexample.has_value());
  EXPECT_THAT(result.counterexample->error,
              HasSubstr("rlock 'r' released by thread 'MainThread' at " + At(line) +
                        ", but nobody holds it"));
}

// The release that frees the lock happens before the next acquire: A's write, under the lock,
// happens before main's read under the lock, with no join in between (newest thread first: A
// takes the lock as soon as main lets it go).
TEST(RLockTest, LastReleaseHappensBeforeTheNextAcquire) {
  const Trace trace = RunOnce<HighestFirst>([] {
    RLock r("r");
    Shared<int> x("x", 0);
    Thread a(
        [&] {
          RLockGuard outer(r);
          RLockGuard inner(r);
          x.write(1);
        },
        "A");
    r.acquire();
    a.start();
    r.release();
    {
      RLockGuard guard(r);
      x.read();
    }
    a.join();
  });
  ASSERT_EQ(trace.end, EndReason::kFinished);
  EXPECT_TRUE(WriteHappensBeforeRead(trace, "x"));
  const auto releases = EventsOn(trace, "r", OpKind::kRelease);
  ASSERT_EQ(releases.size(), 4u);  // main; A inner (level 1 left), A outer; main's guard.
  EXPECT_EQ(releases[1]->value, "level 1");
  EXPECT_EQ(releases[2]->value, "");
}

}  // namespace
}  // namespace interleave::testing
