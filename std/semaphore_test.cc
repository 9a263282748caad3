// counting_semaphore and binary_semaphore, checked as a user would: small programs explored
// exhaustively by dpor.
#include "std/semaphore.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <chrono>

#include "checker/dpor.h"
#include "checker/explorer.h"
#include "model/model.h"
#include "std/testing.h"

namespace interleave::sync {
namespace {

using sync_testing::Check;
using sync_testing::Explain;

using ::testing::HasSubstr;
using ::testing::Pair;
using ::testing::UnorderedElementsAre;

binary_semaphore guard(1);  // A global used as a lock.

// Two increments, each between acquire and release of a binary semaphore: PASS.
void GuardedIncrements() {
  Shared<int> x("x", 0);
  auto bump = [&] {
    guard.acquire();
    x.write(x.read() + 1);
    guard.release();
  };
  Thread a(bump);
  Thread b(bump);
  a.start();
  b.start();
  a.join();
  b.join();
  expect(x.read() == 2, "both increments counted");
}

TEST(SemaphoreTest, ABinarySemaphoreAsALockPasses) {
  const Result result = Check("guarded_increments", GuardedIncrements);
  EXPECT_EQ(result.verdict, Verdict::kPass) << result.error;
  EXPECT_TRUE(result.stats.exhaustive);
  EXPECT_GT(result.stats.executions, 1);
}

// A signal: the producer's write happens before the consumer's read, through the release.
void Signal() {
  Shared<int> data("data", 0);
  counting_semaphore<4> items(0);
  Thread producer([&] {
    data.write(42);
    items.release();
  });
  producer.start();
  items.acquire();
  expect(data.read() == 42, "the write is visible");
  outcome("try_acquire after", items.try_acquire());
  producer.join();
}

TEST(SemaphoreTest, AReleaseHappensBeforeTheAcquire) {
  const Result result = Check("signal", Signal);
  EXPECT_EQ(result.verdict, Verdict::kPass) << result.error;
  EXPECT_THAT(result.outcomes, UnorderedElementsAre(Pair("try_acquire after=false", ::testing::_)));
}

// Nobody releases: the acquirer blocks for ever.
void NeverReleased() {
  counting_semaphore<> slots(0);
  Thread worker([&] { slots.acquire(); });
  worker.start();
  worker.join();
}

TEST(SemaphoreTest, AnAcquireNobodyReleasesDeadlocks) {
  const Result result = Check("never_released", NeverReleased);
  EXPECT_EQ(result.verdict, Verdict::kBug);
  EXPECT_TRUE(result.HasFinding(FindingKind::kDeadlock));
}

// A timed acquire may time out (time mode any) or get the unit.
void TimedAcquire() {
  binary_semaphore ready(0);
  Thread releaser([&] { ready.release(); });
  releaser.start();
  outcome("acquired", ready.try_acquire_for(std::chrono::milliseconds(10)));
  releaser.join();
}

TEST(SemaphoreTest, ATimedAcquireMayTimeOut) {
  const Result result = Check("timed_acquire", TimedAcquire);
  EXPECT_EQ(result.verdict, Verdict::kPass) << result.error;
  EXPECT_THAT(result.outcomes, UnorderedElementsAre(Pair("acquired=false", ::testing::_),
                                                    Pair("acquired=true", ::testing::_)));
}

// A binary semaphore released twice passes max(): undefined behaviour, LOCK MISUSE.
void ReleasedTwice() {
  binary_semaphore done(0);
  Thread a([&] { done.release(); });
  Thread b([&] { done.release(); });
  a.start();
  b.start();
  a.join();
  b.join();
}

TEST(SemaphoreTest, ReleasingPastMaxIsMisuse) {
  const Result result = Check("released_twice", ReleasedTwice);
  EXPECT_EQ(result.verdict, Verdict::kBug);
  ASSERT_TRUE(result.HasFinding(FindingKind::kLockMisuse));
  EXPECT_THAT(result.counterexample->error, HasSubstr("released too many times"));
  EXPECT_THAT(result.counterexample->error, HasSubstr("max() = 1"));
}

}  // namespace
}  // namespace interleave::sync
