// latch, checked as a user would: small programs explored exhaustively by dpor.
#include "std/latch.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

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

latch ready(2);  // A global: counts from 2 in every execution.

// Two workers write their part and count down; main waits, then reads both: PASS, no race.
void WorkersCountDown() {
  Shared<int> a("a", 0);
  Shared<int> b("b", 0);
  Thread first([&] {
    a.write(1);
    ready.count_down();
  });
  Thread second([&] {
    b.write(2);
    ready.count_down();
  });
  first.start();
  second.start();
  ready.wait();
  expect(a.read() + b.read() == 3, "both parts done");
  expect(ready.try_wait(), "the latch stays open");
  first.join();
  second.join();
}

TEST(LatchTest, WaitAfterEveryCountDownPasses) {
  const Result result = Check("workers_count_down", WorkersCountDown);
  EXPECT_EQ(result.verdict, Verdict::kPass) << result.error;
  EXPECT_TRUE(result.stats.exhaustive);
  EXPECT_GT(result.stats.executions, 1);
}

// Counted down once of two: main waits for ever.
void CountedDownTooFewTimes() {
  latch done(2);
  Thread worker([&] { done.count_down(); });
  worker.start();
  done.wait();
  worker.join();
}

TEST(LatchTest, CountedDownTooFewTimesDeadlocks) {
  const Result result = Check("too_few_count_downs", CountedDownTooFewTimes);
  EXPECT_EQ(result.verdict, Verdict::kBug);
  EXPECT_TRUE(result.HasFinding(FindingKind::kDeadlock));
}

// arrive_and_wait: both threads pass only together; before main arrives the latch is closed
// in every schedule.
void ArriveAndWait() {
  latch both(2);
  Thread other([&] { both.arrive_and_wait(); });
  other.start();
  outcome("open before", both.try_wait());
  both.arrive_and_wait();
  other.join();
}

TEST(LatchTest, ArriveAndWait) {
  const Result result = Check("arrive_and_wait", ArriveAndWait);
  EXPECT_EQ(result.verdict, Verdict::kPass) << result.error;
  EXPECT_THAT(result.outcomes, UnorderedElementsAre(Pair("open before=false", ::testing::_)));
}

// Counting below zero is undefined behaviour: LOCK MISUSE.
void CountedDownTooManyTimes() {
  latch once(1);
  once.count_down();
  once.count_down();
}

TEST(LatchTest, CountingBelowZeroIsMisuse) {
  const Result result = Check("too_many_count_downs", CountedDownTooManyTimes);
  EXPECT_EQ(result.verdict, Verdict::kBug);
  ASSERT_TRUE(result.HasFinding(FindingKind::kLockMisuse));
  EXPECT_THAT(result.counterexample->error, HasSubstr("counted down too many times"));
}

}  // namespace
}  // namespace interleave::sync
