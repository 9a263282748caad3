// Value<T> and Array<T> (multiprocessing's shared memory with its own lock) under exhaustive
// exploration.
#include "model/value.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <functional>
#include <string>

#include "model/model.h"
#include "tests/testing/explore.h"

namespace interleave::testing {
namespace {

// SCENARIOS.md 004.l in miniature: balance 100; A withdraws 1 twice, B deposits 1 twice, each
// `balance.value = balance.value -/+ 1`, with or without `with balance.get_lock():`.
std::function<void()> Bank(bool locked) {
  return [locked] {
    Value<int> balance("balance", 100);
    auto transactions = [&balance, locked](int delta) {
      return [&balance, locked, delta] {
        for (int i = 0; i < 2; ++i) {
          if (locked) {
            LockGuard guard(balance.get_lock());
            balance.write(balance.read() + delta);
          } else {
            balance.write(balance.read() + delta);
          }
        }
      };
    };
    StartAndJoinAB(transactions(-1), transactions(+1));
    const int final_balance = balance.read();
    expect(final_balance == 100, "final balance is 100");
    outcome("balance", final_balance);
  };
}

TEST(ValueTest, UnlockedWithdrawAndDepositLoseUpdates) {
  for (TimeMode time : kBothModes) {
    const Result result = ExploreAll(Bank(false), time);
    EXPECT_EQ(result.verdict, Verdict::kBug) << TimeModeName(time);
    EXPECT_TRUE(result.HasFinding(FindingKind::kLostUpdate));
    // Each thread's last write can overwrite all, some or none of the other's updates.
    EXPECT_THAT(result.outcomes, ElementsAre(Pair("balance=100", Gt(0)), Pair("balance=101", Gt(0)),
                                             Pair("balance=102", Gt(0)), Pair("balance=98", Gt(0)),
                                             Pair("balance=99", Gt(0))));
  }
}

TEST(ValueTest, GetLockMakesEveryInterleavingEndAt100) {
  for (TimeMode time : kBothModes) {
    const auto [result, traces] = ExploreAndRecord(Bank(true), time);
    EXPECT_EQ(result.verdict, Verdict::kPass) << TimeModeName(time);
    EXPECT_TRUE(result.stats.exhaustive);
    EXPECT_THAT(result.outcomes, ElementsAre(Pair("balance=100", result.stats.executions)));
    // The value's own lock, acquired and released by each transaction.
    EXPECT_EQ(EventsOn(traces.at(0), "balance.lock", OpKind::kAcquire).size(), 4u);
    EXPECT_EQ(EventsOn(traces.at(0), "balance.lock", OpKind::kRelease).size(), 4u);
  }
}

TEST(ValueTest, ReadsAndWritesAreSharedVariableSteps) {
  const auto [result, traces] = ExploreAndRecord(
      [] {
        Value<int> v("v");  // multiprocessing.Value('i'): 0.
        v.write(v.read() + 3);
        outcome("v", v.read());
      },
      TimeMode::kAny);
  EXPECT_THAT(result.outcomes, ElementsAre(Pair("v=3", 1)));
  const Trace& trace = traces.at(0);
  ASSERT_EQ(trace.events.size(), 3u);
  EXPECT_EQ(trace.objects[trace.events[0].object].kind, ObjectKind::kShared);
  EXPECT_EQ(trace.Describe(trace.events[0]), "read v = 0");
  EXPECT_EQ(trace.Describe(trace.events[1]), "write v := 3");
}

// Two threads increment a[i] and a[j] of an Array; the elements are separate variables.
std::function<void()> ArrayIncrements(std::size_t i, std::size_t j, bool locked) {
  return [i, j, locked] {
    Array<int> a("a", {0, 0});
    auto increment = [&a, locked](std::size_t index) {
      return [&a, locked, index] {
        if (locked) {
          LockGuard guard(a.get_lock());
          a.write(index, a.read(index) + 1);
        } else {
          a.write(index, a.read(index) + 1);
        }
      };
    };
    Thread t1(increment(i), "T1");
    Thread t2(increment(j), "T2");
    t1.start();
    t2.start();
    t1.join();
    t2.join();
    const int sum = a.read(0) + a.read(1);
    expect(sum == 2, "both increments counted");
    outcome("a", std::to_string(a.read(0)) + "," + std::to_string(a.read(1)));
  };
}

TEST(ArrayTest, DifferentElementsDoNotInterfere) {
  const Result result = ExploreAll(ArrayIncrements(0, 1, false), TimeMode::kAny);
  EXPECT_EQ(result.verdict, Verdict::kPass);
  EXPECT_THAT(result.outcomes, ElementsAre(Pair("a=\"1,1\"", result.stats.executions)));
}

TEST(ArrayTest, SameElementLosesAnUpdateUnlessLocked) {
  const Result unlocked = ExploreAll(ArrayIncrements(0, 0, false), TimeMode::kAny);
  EXPECT_EQ(unlocked.verdict, Verdict::kBug);
  EXPECT_TRUE(unlocked.HasFinding(FindingKind::kLostUpdate));
  EXPECT_THAT(unlocked.outcomes, ElementsAre(Pair("a=\"1,0\"", Gt(0)), Pair("a=\"2,0\"", Gt(0))));
  const Result locked = ExploreAll(ArrayIncrements(0, 0, true), TimeMode::kAny);
  EXPECT_EQ(locked.verdict, Verdict::kPass);
  EXPECT_THAT(locked.outcomes, ElementsAre(Pair("a=\"2,0\"", locked.stats.executions)));
}

TEST(ArrayTest, SizeAndElementNames) {
  const auto [result, traces] = ExploreAndRecord(
      [] {
        Array<int> a("a", {4, 5, 6});
        outcome("size", a.size());
        outcome("a[2]", a.read(2));
      },
      TimeMode::kAny);
  EXPECT_THAT(result.outcomes, ElementsAre(Pair("size=3, a[2]=6", 1)));
  EXPECT_EQ(traces.at(0).Describe(traces.at(0).events.at(0)), "read a[2] = 6");
}

TEST(ArrayTest, IndexOutOfRangeIsAnError) {
  const Result result = ExploreAll(
      [] {
        Array<int> a("a", {0, 0});
        a.write(2, 1);
      },
      TimeMode::kAny);
  EXPECT_EQ(result.verdict, Verdict::kError);
  EXPECT_THAT(result.error, HasSubstr("index 2 out of range for Array 'a' of size 2"));
}

}  // namespace
}  // namespace interleave::testing
