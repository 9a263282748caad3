// Atomic<T> (sequentially consistent) under exhaustive exploration.
#include "model/atomic.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

#include "model/model.h"
#include "tests/testing/explore.h"

namespace interleave::testing {
namespace {

// Each test below runs A and B with StartAndJoinAB (start A, start B, join A, join B), each
// doing one atomic step: 5 orders. A's step runs before main starts B (then B's step and main's
// join of A in either order), or after it: A's first (B's step and main's join of A in either
// order) or B's first. So A's step comes first in 4 of the 5 executions.
constexpr int kOrders = 5;

TEST(AtomicTest, FetchAddNeverLosesAnIncrement) {
  for (TimeMode time : kBothModes) {
    const auto [result, traces] = ExploreAndRecord(
        [] {
          Atomic<int> x("x", 0);
          StartAndJoinAB([&x] { x.fetch_add(1); }, [&x] { x.fetch_add(1); });
          const int value = x.load();
          expect(value == 2, "both increments counted");
          outcome("x", value);
        },
        time);
    EXPECT_EQ(result.verdict, Verdict::kPass) << TimeModeName(time);
    EXPECT_THAT(result.outcomes, ElementsAre(Pair("x=2", kOrders)));
    for (const Trace& trace : traces) {
      const auto updates = EventsOn(trace, "x", OpKind::kUpdate);
      ASSERT_EQ(updates.size(), 2u);
      EXPECT_EQ(updates[0]->value, "fetch_add 1: 0 -> 1");
      EXPECT_EQ(updates[1]->value, "fetch_add 1: 1 -> 2");
      EXPECT_TRUE(HappensBefore(*updates[0], *updates[1]));
    }
  }
}

TEST(AtomicTest, SharedReadThenWriteLosesAnIncrementWhereFetchAddDoesNot) {
  // The same two increments as x.write(x.read() + 1) on a Shared, expecting x == 2.
  const Result result = ExploreAll(TwoUnlockedIncrements, TimeMode::kAny);
  EXPECT_EQ(result.verdict, Verdict::kBug);
  EXPECT_TRUE(result.HasFinding(FindingKind::kLostUpdate));
  EXPECT_THAT(result.outcomes, ElementsAre(Pair("x=1", Gt(0)), Pair("x=2", Gt(0))));
}

TEST(AtomicTest, CompareExchangeLetsExactlyOneWin) {
  for (TimeMode time : kBothModes) {
    const auto [result, traces] = ExploreAndRecord(
        [] {
          Atomic<int> x("x", 0);
          std::string winner;
          int loser_saw = 0;
          auto racer = [&](int id, std::string name) {
            return [&, id, name] {
              int expected = 0;
              if (x.compare_exchange(expected, id)) {
                winner += name;
              } else {
                loser_saw = expected;  // compare_exchange put the value it found there.
              }
            };
          };
          StartAndJoinAB(racer(1, "A"), racer(2, "B"));
          outcome("winner", winner);
          outcome("loser saw", loser_saw);
          outcome("x", x.load());
        },
        time);
    EXPECT_THAT(result.outcomes, ElementsAre(Pair("winner=\"A\", loser saw=1, x=1", kOrders - 1),
                                             Pair("winner=\"B\", loser saw=2, x=2", 1)))
        << TimeModeName(time);
    for (const Trace& trace : traces) {
      const auto updates = EventsOn(trace, "x", OpKind::kUpdate);
      ASSERT_EQ(updates.size(), 2u);
      EXPECT_EQ(updates[0]->value.rfind("compare_exchange 0 -> ", 0), 0u) << updates[0]->value;
      EXPECT_EQ(updates[1]->value.rfind("compare_exchange failed: ", 0), 0u) << updates[1]->value;
    }
  }
}

TEST(AtomicTest, ExchangeReturnsTheValueItReplaced) {
  const Result result = ExploreAll(
      [] {
        Atomic<int> x("x", 0);
        int got_a = -1;
        int got_b = -1;
        StartAndJoinAB([&] { got_a = x.exchange(1); }, [&] { got_b = x.exchange(2); });
        outcome("A got", got_a);
        outcome("B got", got_b);
        outcome("x", x.load());
      },
      TimeMode::kAny);
  EXPECT_THAT(result.outcomes, ElementsAre(Pair("A got=0, B got=1, x=2", kOrders - 1),
                                           Pair("A got=2, B got=0, x=1", 1)));
}

TEST(AtomicTest, EachOperationIsOneStepOfItsKind) {
  const auto [result, traces] = ExploreAndRecord(
      [] {
        Atomic<int> x("x", 0);
        x.store(5);
        outcome("fetch_sub", x.fetch_sub(2));
        int expected = 7;
        outcome("cas", x.compare_exchange(expected, 9));
        outcome("expected", expected);
        outcome("load", x.load());
      },
      TimeMode::kAny);
  EXPECT_THAT(result.outcomes, ElementsAre(Pair("fetch_sub=5, cas=false, expected=3, load=3", 1)));
  const Trace& trace = traces.at(0);
  ASSERT_EQ(trace.events.size(), 4u);
  EXPECT_EQ(trace.events[0].kind, OpKind::kWrite);
  EXPECT_EQ(trace.events[0].value, "5");
  EXPECT_EQ(trace.events[1].kind, OpKind::kUpdate);
  EXPECT_EQ(trace.events[1].value, "fetch_sub 2: 5 -> 3");
  EXPECT_EQ(trace.events[2].kind, OpKind::kUpdate);
  EXPECT_EQ(trace.events[2].value, "compare_exchange failed: 3, not 7");
  EXPECT_EQ(trace.events[3].kind, OpKind::kRead);
  EXPECT_EQ(trace.events[3].value, "3");
}

// Message passing: a load that sees the flag sees the data written before the store.
TEST(AtomicTest, StoreHappensBeforeTheLoadThatSeesIt) {
  const auto [result, traces] = ExploreAndRecord(
      [] {
        Shared<int> data("data", 0);
        Atomic<bool> ready("ready", false);
        Thread t(
            [&] {
              data.write(42);
              ready.store(true);
            },
            "T");
        t.start();
        outcome("data", ready.load() ? data.read() : -1);
        t.join();
      },
      TimeMode::kAny);
  EXPECT_THAT(result.outcomes, ElementsAre(Pair("data=-1", Gt(0)), Pair("data=42", Gt(0))));
  for (const Trace& trace : traces) {
    const auto reads = EventsOn(trace, "data", OpKind::kRead);
    if (reads.empty()) continue;
    EXPECT_TRUE(HappensBefore(*EventsOn(trace, "data", OpKind::kWrite).at(0), *reads[0]));
  }
}

}  // namespace
}  // namespace interleave::testing
