// Semaphore, BoundedSemaphore and SemaphoreGuard: the bound on holders (002.m's pool), blocking,
// non-blocking and timed acquires, release(n), over-release, and release -> acquire
// happens-before.
#include "model/semaphore.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <functional>

#include "model/model.h"
#include "tests/testing/explore.h"

namespace interleave::testing {
namespace {

// Semaphore(2) and three workers that each hold it across a 1 s nap. `inside` counts the
// holders; it is plain data updated in the same atomic step as the acquire and the release (a
// Shared counter would need a lock of its own and multiply the interleavings for nothing), and
// every holder expects it to be at most 2. The outcome is the largest number of holders seen, and
// the time the last worker finished.
void Pool() {
  Semaphore pool(2, "pool");
  int inside = 0;
  int peak = 0;
  auto work = [&] {
    pool.acquire();
    ++inside;
    peak = std::max(peak, inside);
    expect(inside <= 2, "at most 2 workers inside");
    sleep(1);
    pool.release();
    --inside;
  };
  Thread a(work, "A");
  Thread b(work, "B");
  Thread c(work, "C");
  a.start();
  b.start();
  c.start();
  a.join();
  b.join();
  c.join();
  outcome("peak", peak);
  outcome("end", Execution::Current("test").now() / 1'000'000.0);
}

TEST(SemaphoreTest, AtMostTwoOfThreeInsideInAnyInterleaving) {
  const Result result = ExploreAll(Pool, TimeMode::kAny);
  EXPECT_EQ(result.verdict, Verdict::kPass);
  EXPECT_TRUE(result.stats.exhaustive);
  // Alone when each worker leaves before the next comes in; two at once in the others.
  EXPECT_THAT(result.outcomes,
              ElementsAre(Pair("peak=1, end=0", Gt(0)), Pair("peak=2, end=0", Gt(0))));
}

TEST(SemaphoreTest, OnTheVirtualClockTwoWorkAndTheThirdWaits) {
  const Result result = ExploreAll(Pool, TimeMode::kVirtual);
  EXPECT_EQ(result.verdict, Verdict::kPass);
  EXPECT_TRUE(result.stats.exhaustive);
  // Two of the three get in at 0 s, the third at 1 s when one leaves: 2 s in all.
  EXPECT_THAT(result.outcomes, ElementsAre(Pair("peak=2, end=2", result.stats.executions)));
}

// Semaphore(0): T's non-blocking acquire runs before or after main's release.
TEST(SemaphoreTest, NonBlockingAcquireFailsAtZero) {
  for (TimeMode time : kBothModes) {
    const Result result = ExploreAll(
        [] {
          Semaphore sem(0, "sem");
          Thread t([&sem] { outcome("got", sem.acquire(false)); }, "T");
          t.start();
          sem.release();
          t.join();
        },
        time);
    EXPECT_EQ(result.verdict, Verdict::kPass);
    EXPECT_EQ(result.stats.executions, 2);
    EXPECT_THAT(result.outcomes, ElementsAre(Pair("got=false", 1), Pair("got=true", 1)))
        << TimeModeName(time);
  }
}

// T waits up to 1 s for a unit that main releases after `delay` seconds.
std::function<void()> TimedAcquire(double delay) {
  return [delay] {
    Semaphore sem(0, "sem");
    Thread t([&sem] { outcome("got", sem.acquire(true, 1.0)); }, "T");
    t.start();
    sleep(delay);
    sem.release();
    t.join();
  };
}

TEST(SemaphoreTest, TimedAcquireInAnyModeMayTimeOutOrSucceed) {
  const Result result = ExploreAll(TimedAcquire(2.0), TimeMode::kAny);
  EXPECT_EQ(result.verdict, Verdict::kPass);
  EXPECT_THAT(result.outcomes, ElementsAre(Pair("got=false", Gt(0)), Pair("got=true", Gt(0))));
}

TEST(SemaphoreTest, TimedAcquireOnTheVirtualClockFollowsTheDeadline) {
  const Result late = ExploreAll(TimedAcquire(2.0), TimeMode::kVirtual);
  EXPECT_EQ(late.stats.executions, 1);
  EXPECT_THAT(late.outcomes, ElementsAre(Pair("got=false", 1)));
  const Result early = ExploreAll(TimedAcquire(0.5), TimeMode::kVirtual);
  EXPECT_EQ(early.stats.executions, 1);
  EXPECT_THAT(early.outcomes, ElementsAre(Pair("got=true", 1)));
}

// Two threads block on Semaphore(0); release(n) lets n of them go: with n = 2 both finish, with
// n = 1 exactly one does and the other is blocked forever (either may be the one).
std::function<void()> ReleaseN(int n) {
  return [n] {
    Semaphore sem(0, "sem");
    int done = 0;
    outcome("done", done);
    auto take = [&] {
      sem.acquire();
      outcome("done", ++done);
    };
    Thread a(take, "A");
    Thread b(take, "B");
    a.start();
    b.start();
    sem.release(n);
  };
}

TEST(SemaphoreTest, ReleaseNLetsNWaitersGo) {
  for (TimeMode time : kBothModes) {
    const Result two = ExploreAll(ReleaseN(2), time);
    EXPECT_EQ(two.verdict, Verdict::kPass);
    EXPECT_THAT(two.outcomes, ElementsAre(Pair("done=2", two.stats.executions)));
    const Result one = ExploreAll(ReleaseN(1), time);
    EXPECT_EQ(one.verdict, Verdict::kBug);
    // Main has returned: the thread left waiting keeps the program from exiting.
    EXPECT_TRUE(one.HasFinding(FindingKind::kHangAtExit));
    EXPECT_THAT(one.outcomes, ElementsAre(Pair("done=1", one.stats.executions)));
  }
}

TEST(SemaphoreTest, GuardIsWithSemaphore) {
  const Result result = ExploreAll(
      [] {
        Semaphore sem(1, "sem");
        TwoIncrements([&sem](Shared<int>& x) {
          SemaphoreGuard guard(sem);
          x.write(x.read() + 1);
        });
      },
      TimeMode::kAny);
  EXPECT_EQ(result.verdict, Verdict::kPass);
  EXPECT_THAT(result.outcomes, ElementsAre(Pair("x=2", result.stats.executions)));
}

TEST(SemaphoreTest, UnboundedSemaphoreMayGoAboveItsInitialValue) {
  const Result result = ExploreAll(
      [] {
        Semaphore sem(1, "sem");
        sem.release();
        int taken = 0;
        while (sem.acquire(false)) ++taken;
        outcome("taken", taken);
      },
      TimeMode::kAny);
  EXPECT_EQ(result.verdict, Verdict::kPass);
  EXPECT_THAT(result.outcomes, ElementsAre(Pair("taken=2", 1)));
}

TEST(SemaphoreTest, BoundedSemaphoreReleasedTooManyTimesIsAnError) {
  static int line = 0;
  const Result result = ExploreAll(
      [] {
        BoundedSemaphore sem(2, "bounded");
        sem.acquire();
        sem.release();
        line = __LINE__ + 1;
        sem.release();
      },
      TimeMode::kAny);
  EXPECT_EQ(result.verdict, Verdict::kError);
  EXPECT_EQ(result.error,
            "semaphore released too many times: bounded semaphore 'bounded' released by thread "
            "'MainThread' at " +
                At(line) + " above its initial value 2");
}

TEST(SemaphoreTest, BoundedSemaphoreWithinItsBoundPasses) {
  const Result result = ExploreAll(
      [] {
        BoundedSemaphore sem(2, "bounded");
        Thread t(
            [&sem] {
              SemaphoreGuard guard(sem);
              log("inside");
            },
            "T");
        t.start();
        {
          SemaphoreGuard guard(sem);
          log("inside");
        }
        t.join();
      },
      TimeMode::kAny);
  EXPECT_EQ(result.verdict, Verdict::kPass);
}

TEST(SemaphoreTest, BadArgumentsAreErrors) {
  const Result negative = ExploreAll([] { Semaphore sem(-1, "sem"); }, TimeMode::kAny);
  EXPECT_EQ(negative.verdict, Verdict::kError);
  EXPECT_EQ(negative.error, "semaphore 'sem' initial value must be >= 0, not -1");
  const Result zero = ExploreAll(
      [] {
        Semaphore sem(1, "sem");
        sem.release(0);
      },
      TimeMode::kAny);
  EXPECT_EQ(zero.verdict, Verdict::kError);
  EXPECT_THAT(zero.error, HasSubstr("n must be one or more"));
}

// Semaphore(0) as a signal: A writes x and releases; main acquires and reads x. The release
// happens before the acquire, so the write happens before the read, with no join in between.
TEST(SemaphoreTest, ReleaseHappensBeforeTheAcquireThatFollows) {
  const Trace trace = RunOnce([] {
    Semaphore signal(0, "signal");
    Shared<int> x("x", 0);
    Thread a(
        [&] {
          x.write(1);
          signal.release();
        },
        "A");
    a.start();
    signal.acquire();  // Blocks until A has released.
    x.read();
    a.join();
  });
  ASSERT_EQ(trace.end, EndReason::kFinished);
  EXPECT_TRUE(WriteHappensBeforeRead(trace, "x"));
  const auto acquires = EventsOn(trace, "signal", OpKind::kAcquire);
  ASSERT_EQ(acquires.size(), 1u);
  EXPECT_EQ(acquires[0]->value, "value 0");
}

}  // namespace
}  // namespace interleave::testing
