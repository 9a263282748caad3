// Barrier (Python's threading.Barrier) under exhaustive exploration in both time modes.
#include "model/barrier.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <functional>
#include <string>
#include <vector>

#include "model/model.h"
#include "tests/testing/explore.h"

namespace interleave::testing {
namespace {

// Three threads meet at the barrier twice. Each round, no thread leaves before all three have
// arrived, the indices are 0, 1, 2, and the one that got 2 (the last to arrive) is recorded.
void ThreeThreadsTwoRounds() {
  Barrier b(3, "b");
  int arrived[2] = {0, 0};  // Plain counters: updated between visible steps.
  std::vector<int> indices[2];
  std::string releaser[2];
  auto party = [&](std::string name) {
    return [&, name] {
      for (int round = 0; round < 2; ++round) {
        ++arrived[round];
        const int index = b.wait();
        expect(arrived[round] == 3, "everyone arrived before anyone left");
        indices[round].push_back(index);
        if (index == 2) releaser[round] = name;
      }
    };
  };
  Thread a(party("A"), "A");
  Thread bb(party("B"), "B");
  Thread c(party("C"), "C");
  a.start();
  bb.start();
  c.start();
  a.join();
  bb.join();
  c.join();
  for (std::vector<int>& round : indices) {
    std::sort(round.begin(), round.end());
    expect(round == std::vector<int>{0, 1, 2}, "indices 0, 1, 2 in each round");
  }
  outcome("releasers", releaser[0] + releaser[1]);
}

TEST(BarrierTest, ThreeThreadsTwoRounds) {
  for (TimeMode time : kBothModes) {
    const auto [result, traces] = ExploreAndRecord(ThreeThreadsTwoRounds, time);
    EXPECT_EQ(result.verdict, Verdict::kPass) << TimeModeName(time);
    EXPECT_TRUE(result.stats.exhaustive);
    // Any of the three can be last in either round.
    EXPECT_THAT(result.outcomes,
                ElementsAre(Pair("releasers=\"AA\"", Gt(0)), Pair("releasers=\"AB\"", Gt(0)),
                            Pair("releasers=\"AC\"", Gt(0)), Pair("releasers=\"BA\"", Gt(0)),
                            Pair("releasers=\"BB\"", Gt(0)), Pair("releasers=\"BC\"", Gt(0)),
                            Pair("releasers=\"CA\"", Gt(0)), Pair("releasers=\"CB\"", Gt(0)),
                            Pair("releasers=\"CC\"", Gt(0))));
    for (const Trace& trace : traces) {
      // 6 arrivals; the 2 last of their rounds release it, the other 4 wait and pass.
      const auto arrivals = EventsOn(trace, "b", OpKind::kUpdate);
      const auto passes = EventsOn(trace, "b", OpKind::kWait);
      ASSERT_EQ(arrivals.size(), 6u);
      ASSERT_EQ(passes.size(), 4u);
      EXPECT_EQ(arrivals[2]->value, "arrival 3 of 3: released");
      EXPECT_EQ(arrivals[5]->value, "arrival 3 of 3: released");
      // Every arrival of round 0 happens before every pass of round 0 (the first two passes
      // are round 0's: round 1 cannot release before every thread has left round 0).
      for (int i = 0; i < 3; ++i) {
        for (int j = 0; j < 2; ++j) EXPECT_TRUE(HappensBefore(*arrivals[i], *passes[j]));
      }
    }
  }
}

// A waits at most 1 s for B, which arrives after `delay` seconds. A timeout breaks the
// barrier: A and the late B both raise BrokenBarrier.
std::function<void()> TimedWait(double delay) {
  return [delay] {
    Barrier b(2, "b");
    auto wait = [&b](const std::string& who, double timeout) {
      try {
        timeout < 0 ? b.wait() : b.wait(timeout);
        outcome(who, std::string("passed"));
      } catch (const BrokenBarrier&) {
        outcome(who, std::string("broken"));
      }
    };
    outcome("A", std::string("?"));
    outcome("B", std::string("?"));
    Thread a([&wait] { wait("A", 1.0); }, "A");
    Thread bb(
        [&wait, delay] {
          sleep(delay);
          wait("B", -1);
        },
        "B");
    a.start();
    bb.start();
    a.join();
    bb.join();
    outcome("broken", b.broken());
  };
}

TEST(BarrierTest, TimeoutBreaksTheBarrierInSomeInterleavingsOfAny) {
  const Result result = ExploreAll(TimedWait(2), TimeMode::kAny);
  EXPECT_EQ(result.verdict, Verdict::kPass);
  EXPECT_THAT(result.outcomes,
              ElementsAre(Pair("A=\"broken\", B=\"broken\", broken=true", Gt(0)),
                          Pair("A=\"passed\", B=\"passed\", broken=false", Gt(0))));
}

TEST(BarrierTest, TimeoutFollowsTheVirtualClock) {
  // Two executions each: A's arrival and B's sleep both run at 0 s, in either order.
  const auto late = ExploreAndRecord(TimedWait(2), TimeMode::kVirtual);
  EXPECT_THAT(late.result.outcomes,
              ElementsAre(Pair("A=\"broken\", B=\"broken\", broken=true", 2)));
  const TraceEvent& timed_out = *EventsOn(late.traces.at(0), "b", OpKind::kWait).at(0);
  EXPECT_TRUE(timed_out.timed_out);
  EXPECT_EQ(timed_out.time, Microseconds(1));
  EXPECT_THAT(ExploreAll(TimedWait(0.5), TimeMode::kVirtual).outcomes,
              ElementsAre(Pair("A=\"passed\", B=\"passed\", broken=false", 2)));
}

TEST(BarrierTest, AbortBreaksTheBarrierForWaitersAndLaterArrivals) {
  for (TimeMode time : kBothModes) {
    const Result result = ExploreAll(
        [] {
          Barrier b(2, "b");
          Thread a(
              [&b] {
                try {
                  b.wait();
                  outcome("A", std::string("passed"));
                } catch (const BrokenBarrier&) {
                  outcome("A", std::string("broken"));
                }
              },
              "A");
          a.start();
          b.abort();
          a.join();
          outcome("waiting", b.n_waiting());
        },
        time);
    // A's arrival before the abort (then its wait raises) or after it (the arrival raises).
    EXPECT_THAT(result.outcomes, ElementsAre(Pair("A=\"broken\", waiting=0", 2)))
        << TimeModeName(time);
  }
}

TEST(BarrierTest, NWaitingCountsTheArrivalsOfTheRound) {
  const Result result = ExploreAll(
      [] {
        Barrier b(2, "b");
        Thread a([&b] { b.wait(); }, "A");
        a.start();
        const int waiting = b.n_waiting();
        b.wait();
        a.join();
        outcome("waiting", waiting);
        outcome("after", b.n_waiting());
      },
      TimeMode::kAny);
  EXPECT_THAT(result.outcomes,
              ElementsAre(Pair("waiting=0, after=0", Gt(0)), Pair("waiting=1, after=0", Gt(0))));
}

TEST(BarrierTest, OnePartyNeverBlocks) {
  const Result result = ExploreAll(
      [] {
        Barrier b(1, "b");
        outcome("first", b.wait());
        outcome("second", b.wait());
      },
      TimeMode::kVirtual);
  EXPECT_THAT(result.outcomes, ElementsAre(Pair("first=0, second=0", 1)));
}

TEST(BarrierTest, NoPartiesIsAnError) {
  const Result result = ExploreAll([] { Barrier b(0, "b"); }, TimeMode::kAny);
  EXPECT_EQ(result.verdict, Verdict::kError);
  EXPECT_THAT(result.error, HasSubstr("Barrier 'b' needs at least one party, not 0"));
}

TEST(BarrierTest, UncaughtBrokenBarrierIsAFindingNamingTheBarrier) {
  const Result result = ExploreAll(
      [] {
        Barrier b(2, "b");
        b.wait(0.5);
      },
      TimeMode::kVirtual);
  // The program dies there (an uncaught exception): a finding, not an ERROR of the tool.
  EXPECT_EQ(result.verdict, Verdict::kBug) << result.error;
  ASSERT_FALSE(result.findings.empty());
  EXPECT_EQ(result.findings[0].kind, FindingKind::kUncaughtException);
  EXPECT_THAT(result.findings[0].summary, HasSubstr("barrier 'b' is broken"));
}

}  // namespace
}  // namespace interleave::testing
