// Timer (model/timer.h) under exhaustive exploration in both time modes: the seed's two timers
// with one cancelled (SCENARIOS.md 002.i, threading_timer.py), and cancel() racing the firing.
#include "model/timer.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <functional>
#include <stdexcept>
#include <string>

#include "model/model.h"
#include "tests/testing/explore.h"

namespace interleave::testing {
namespace {

// One run under a fixed schedule: the lowest enabled thread first (main: the cancel wins), or
// the highest (`last`: the timer, whose timeout fires first).
Trace RunFirstOrLast(const std::function<void()>& body, bool last, TimeMode time = TimeMode::kAny) {
  return last ? RunOnce<HighestFirst>(body, time) : RunOnce(body, time);
}

// 002.i: two 0.3 s timers; main sleeps 0.2 s, then cancels t2. The outcome says whether t2
// fired (its function began), and if so whether before main's cancel() or after it (never, if
// cancel works).
void TwoTimers() {
  bool t1_ran = false;
  bool t2_ran = false;
  bool t2_ran_before_cancel = false;
  Timer t1(
      0.3,
      [&] {
        t1_ran = true;  // Plain bookkeeping: runs in the timer's firing step.
        log("worker running");
      },
      "t1");
  Timer t2(
      0.3,
      [&] {
        t2_ran = true;
        log("worker running");
      },
      "t2");
  log("starting timers");
  t1.start();
  t2.start();
  log("waiting before canceling t2");
  sleep(0.2);
  log("canceling t2");
  t2.cancel();
  t2_ran_before_cancel = t2_ran;
  log("done");
  t1.join();
  t2.join();
  outcome("t1", t1_ran ? "ran" : "never ran");
  outcome("t2", t2_ran_before_cancel ? "ran before cancel"
                : t2_ran             ? "ran after cancel"
                                     : "never ran");
}

TEST(TimerTest, VirtualSeedRunsOnlyT1) {
  const Result result = ExploreAll(TwoTimers, TimeMode::kVirtual);
  EXPECT_EQ(result.verdict, Verdict::kPass);
  EXPECT_TRUE(result.stats.exhaustive);
  // Up to 0.2 s only main can run; at 0.2 s main's log("done") and t2's wake-up by the cancel
  // interleave (2 orders); t1 fires alone at 0.3 s.
  EXPECT_EQ(result.stats.executions, 2);
  EXPECT_THAT(result.outcomes, ElementsAre(Pair("t1=\"ran\", t2=\"never ran\"", 2)));
}

TEST(TimerTest, VirtualSeedPrintsTheSeedsLines) {
  // The seed's output, with the virtual time of each line, in both orders at 0.2 s.
  for (bool last : {false, true}) {
    const Trace trace = RunFirstOrLast(TwoTimers, last, TimeMode::kVirtual);
    std::vector<std::string> lines;
    for (const TraceEvent& event : trace.events) {
      if (event.kind == OpKind::kLog) {
        lines.push_back(std::to_string(event.time / 1000) + "ms " +
                        trace.threads[event.thread].name + ": " + event.value);
      }
    }
    EXPECT_THAT(lines, ElementsAre("0ms MainThread: starting timers",
                                   "0ms MainThread: waiting before canceling t2",
                                   "200ms MainThread: canceling t2", "200ms MainThread: done",
                                   "300ms t1: worker running"));
  }
}

TEST(TimerTest, AnySeedLetsT2RunBeforeItsCancel) {
  const Result result = ExploreAll(TwoTimers, TimeMode::kAny);
  EXPECT_EQ(result.verdict, Verdict::kPass);
  EXPECT_TRUE(result.stats.exhaustive);
  EXPECT_THAT(result.outcomes, ElementsAre(Pair("t1=\"ran\", t2=\"never ran\"", Gt(0)),
                                           Pair("t1=\"ran\", t2=\"ran before cancel\"", Gt(0))));
}

// One timer; main starts it, optionally sleeps, then cancels it.
std::function<void()> CancelRace(double sleep_before_cancel) {
  return [sleep_before_cancel] {
    bool fired = false;
    Timer timer(
        0.3, [&fired] { fired = true; }, "timer");
    timer.start();
    if (sleep_before_cancel > 0) sleep(sleep_before_cancel);
    timer.cancel();
    timer.join();
    outcome("fired", fired);
  };
}

TEST(TimerTest, AnyCancelRacesTheFiring) {
  // After start: the timer fires first (then cancel is too late), or cancel comes first (then
  // the timer wakes up cancelled).
  const Result result = ExploreAll(CancelRace(0), TimeMode::kAny);
  EXPECT_EQ(result.verdict, Verdict::kPass);
  EXPECT_EQ(result.stats.executions, 2);
  EXPECT_THAT(result.outcomes, ElementsAre(Pair("fired=false", 1), Pair("fired=true", 1)));
}

TEST(TimerTest, VirtualCancelBeforeTheDeadlineWins) {
  const Result result = ExploreAll(CancelRace(0.1), TimeMode::kVirtual);
  EXPECT_EQ(result.stats.executions, 1);
  EXPECT_THAT(result.outcomes, ElementsAre(Pair("fired=false", 1)));
}

TEST(TimerTest, VirtualCancelAfterTheDeadlineIsTooLate) {
  const Result result = ExploreAll(CancelRace(0.5), TimeMode::kVirtual);
  EXPECT_EQ(result.stats.executions, 1);
  EXPECT_THAT(result.outcomes, ElementsAre(Pair("fired=true", 1)));
}

TEST(TimerTest, VirtualCancelAtTheDeadlineRaces) {
  // At 0.3 s main's sleep ends and the timer's timeout falls due: the timer fires first; or
  // main's sleep step runs first, then the timer fires or main cancels it.
  const Result result = ExploreAll(CancelRace(0.3), TimeMode::kVirtual);
  EXPECT_EQ(result.stats.executions, 3);
  EXPECT_THAT(result.outcomes, ElementsAre(Pair("fired=false", 1), Pair("fired=true", 2)));
}

TEST(TimerTest, CancelBeforeStartNeverFires) {
  for (TimeMode time : kBothModes) {
    const Result result = ExploreAll(
        [] {
          bool fired = false;
          Timer timer(0.3, [&fired] { fired = true; });
          timer.cancel();
          timer.start();
          timer.join();
          outcome("fired", fired);
          outcome("name", timer.name());
        },
        time);
    EXPECT_THAT(result.outcomes, ElementsAre(Pair("fired=false, name=\"Thread-1\"", 1)))
        << TimeModeName(time);
  }
}

TEST(TimerTest, UncancelledTimerIsWaitedForAtExit) {
  // Main returns at once; the program waits for the non-daemon timer, which fires.
  for (TimeMode time : kBothModes) {
    const Result result = ExploreAll(
        [] {
          outcome("fired", false);
          Timer timer(1.0, [] { outcome("fired", true); });
          timer.start();
        },
        time);
    EXPECT_EQ(result.verdict, Verdict::kPass);
    EXPECT_THAT(result.outcomes, ElementsAre(Pair("fired=true", 1))) << TimeModeName(time);
  }
}

TEST(TimerTest, TraceShowsTheWaitAndTheCancel) {
  EXPECT_THAT(Operations(RunFirstOrLast(CancelRace(0), /*last=*/false)),
              ElementsAre("start timer", "cancel timer.finished", "wait timer.finished cancelled",
                          "join timer"));
  EXPECT_THAT(Operations(RunFirstOrLast(CancelRace(0), /*last=*/true)),
              ElementsAre("start timer", "wait timer.finished fired after 0.3s (timed out)",
                          "cancel timer.finished (too late: it has fired)", "join timer"));
}

TEST(TimerTest, TimedJoinAndIsAlive) {
  // join(0.5) on a 1 s timer: on the virtual clock it returns at 0.5 s with the timer still
  // waiting; in `any` the timer may have fired by then, or not.
  auto body = [] {
    Timer timer(
        1.0, [] {}, "timer");
    outcome("before start", timer.is_alive());
    timer.start();
    timer.join(0.5);
    outcome("after join(0.5)", timer.is_alive());
    timer.join();
    outcome("after join", timer.is_alive());
  };
  EXPECT_THAT(ExploreAll(body, TimeMode::kVirtual).outcomes,
              ElementsAre(Pair("before start=false, after join(0.5)=true, after join=false", 1)));
  EXPECT_THAT(
      ExploreAll(body, TimeMode::kAny).outcomes,
      ElementsAre(Pair("before start=false, after join(0.5)=false, after join=false", Gt(0)),
                  Pair("before start=false, after join(0.5)=true, after join=false", Gt(0))));
}

TEST(TimerTest, StartedTwiceIsAnError) {
  const Result result = ExploreAll(
      [] {
        Timer timer(0.1, [] {});
        timer.start();
        timer.start();
      },
      TimeMode::kAny);
  EXPECT_EQ(result.verdict, Verdict::kError);
  EXPECT_THAT(result.error, HasSubstr("started twice"));
}

// An exception that the scenario catches leaves the Timer's scope without waiting for its
// thread (no scheduling point while an exception propagates): the thread, still in its timed
// wait, must never read the dead Timer again (fire, or evaluate its predicate): an ERROR.
TEST(TimerTest, DestroyedByAnExceptionWhileItsThreadWaitsIsAnError) {
  const Result result = ExploreAll(
      [] {
        try {
          Timer timer(
              0.1, [] {}, "timer");
          timer.start();
          throw std::runtime_error("boom");
        } catch (const std::runtime_error&) {
        }
        sleep(0.2);
      },
      TimeMode::kAny);
  EXPECT_EQ(result.verdict, Verdict::kError);
  EXPECT_THAT(result.error, HasSubstr("'timer.finished' was destroyed while thread 'timer' was "
                                      "in an operation on it (wait at "));
}

}  // namespace
}  // namespace interleave::testing
