// Condition and ConditionGuard: notify wakes one waiter in FIFO order, notify_all wakes all,
// timed waits race notifies (any: both outcomes; virtual: by the clock), wait_for a flag, the
// 004.t lost wakeup, RLock levels across a wait, misuse errors, and notify -> wake
// happens-before.
#include "model/condition.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <functional>
#include <string>
#include <vector>

#include "checker/explorer.h"
#include "model/model.h"
#include "tests/testing/explore.h"

namespace interleave::testing {
namespace {

std::string Join(const std::vector<std::string>& names) {
  std::string text;
  for (const std::string& name : names) text += (text.empty() ? "" : ",") + name;
  return text;
}

// Two waiters wait on `go`; main waits (on `ready`, over the same Lock) until both are waiting.
// The plain vectors are only touched under the lock.
struct TwoWaiters {
  Lock lock{"lock"};
  Condition ready{lock, "ready"};
  Condition go{lock, "go"};
  std::vector<std::string> waiting;
  std::vector<std::string> woken;
  Thread w1{[this] { Wait("W1"); }, "W1"};
  Thread w2{[this] { Wait("W2"); }, "W2"};

  void Wait(const std::string& name) {
    ConditionGuard guard(go);
    waiting.push_back(name);
    ready.notify();
    go.wait();
    woken.push_back(name);
    ready.notify();
  }
  // Starts both; returns holding the lock, once both wait.
  void StartAndLock() {
    w1.start();
    w2.start();
    go.acquire();
    ready.wait_for([this] { return waiting.size() == 2; });
  }
};

// main notifies once and waits until a waiter has woken. It then lets go of the lock for a while
// (any: a yield; virtual: 1 s), counts how many woke and checks it was the first to wait, and
// notifies once more for the other.
void NotifyTwice() {
  TwoWaiters t;
  t.StartAndLock();
  t.go.notify();
  t.ready.wait_for([&t] { return !t.woken.empty(); });
  t.go.release();
  sleep(1);
  {
    ConditionGuard guard(t.go);
    outcome("woken", static_cast<int>(t.woken.size()));
    expect(t.woken[0] == t.waiting[0], "the first waiter wakes first");
    t.go.notify();
  }
  t.w1.join();
  t.w2.join();
  outcome("order", Join(t.woken));
}

// main notifies all once and joins both: if one were left waiting, the joins would deadlock.
void NotifyAllOnce() {
  TwoWaiters t;
  t.StartAndLock();
  t.go.notify_all();
  t.go.release();
  t.w1.join();
  t.w2.join();
  outcome("order", Join(t.woken));
}

TEST(ConditionTest, NotifyWakesExactlyOneWaiterInFifoOrder) {
  for (TimeMode time : kBothModes) {
    const Result result = ExploreAll(NotifyTwice, time);
    EXPECT_EQ(result.verdict, Verdict::kPass) << TimeModeName(time);
    EXPECT_TRUE(result.stats.exhaustive);
    // Either waiter may wait first; the first notify wakes it and only it (the expect holds),
    // and the second notify wakes the other.
    EXPECT_THAT(result.outcomes, ElementsAre(Pair("woken=1, order=\"W1,W2\"", Gt(0)),
                                             Pair("woken=1, order=\"W2,W1\"", Gt(0))))
        << TimeModeName(time);
  }
}

TEST(ConditionTest, NotifyAllWakesEveryWaiter) {
  for (TimeMode time : kBothModes) {
    const Result result = ExploreAll(NotifyAllOnce, time);
    EXPECT_EQ(result.verdict, Verdict::kPass) << TimeModeName(time);
    EXPECT_TRUE(result.stats.exhaustive);
    // Both wake; they take the lock back in either order.
    EXPECT_THAT(result.outcomes,
                ElementsAre(Pair("order=\"W1,W2\"", Gt(0)), Pair("order=\"W2,W1\"", Gt(0))))
        << TimeModeName(time);
  }
}

// The notify step's value is how many it woke: 1 and 1 for the two notifies, 2 for notify_all.
TEST(ConditionTest, NotifyRecordsHowManyItWoke) {
  for (const bool all : {false, true}) {
    const Trace trace = RunOnce(all ? NotifyAllOnce : NotifyTwice);
    ASSERT_EQ(trace.end, EndReason::kFinished);
    std::vector<std::string> values;
    for (const TraceEvent* event : EventsOn(trace, "go", OpKind::kNotify)) {
      values.push_back(event->value);
    }
    const std::vector<std::string> expected =
        all ? std::vector<std::string>{"2"} : std::vector<std::string>{"1", "1"};
    EXPECT_EQ(values, expected);
  }
}

// W waits up to 1 s; main notifies after `delay` seconds.
std::function<void()> TimedWait(double delay) {
  return [delay] {
    Condition cond("cond");
    Thread w(
        [&cond] {
          ConditionGuard guard(cond);
          outcome("notified", cond.wait(1.0));
        },
        "W");
    w.start();
    sleep(delay);
    {
      ConditionGuard guard(cond);
      cond.notify();
    }
    w.join();
  };
}

TEST(ConditionTest, TimedWaitRacingANotifyInAnyModeHasBothOutcomes) {
  // Notified when W waits before the notify and its timeout does not fire first; not notified
  // when the timeout fires first or the notify comes before the wait.
  const Result result = ExploreAll(TimedWait(0.5), TimeMode::kAny);
  EXPECT_EQ(result.verdict, Verdict::kPass);
  EXPECT_TRUE(result.stats.exhaustive);
  EXPECT_THAT(result.outcomes,
              ElementsAre(Pair("notified=false", Gt(0)), Pair("notified=true", Gt(0))));
}

TEST(ConditionTest, TimedWaitOnTheVirtualClockFollowsTheDeadline) {
  // W waits at 0 s, so its deadline is 1 s: a notify at 0.5 s wakes it (2 executions: W's
  // wake-up before or after main's release; its re-acquire comes after either way), one at 2 s
  // is too late (1 execution: W times out at 1 s and ends alone).
  const Result early = ExploreAll(TimedWait(0.5), TimeMode::kVirtual);
  EXPECT_EQ(early.verdict, Verdict::kPass);
  EXPECT_EQ(early.stats.executions, 2);
  EXPECT_THAT(early.outcomes, ElementsAre(Pair("notified=true", 2)));
  const Result late = ExploreAll(TimedWait(2.0), TimeMode::kVirtual);
  EXPECT_EQ(late.verdict, Verdict::kPass);
  EXPECT_EQ(late.stats.executions, 1);
  EXPECT_THAT(late.outcomes, ElementsAre(Pair("notified=false", 1)));
}

TEST(ConditionTest, TimedOutWaiterIsNoLongerWaiting) {
  // On the virtual clock W times out at 1 s; the notify at 2 s finds nobody (value 0).
  const Trace trace = RunOnce(TimedWait(2.0), TimeMode::kVirtual);
  ASSERT_EQ(trace.end, EndReason::kFinished);
  const auto waits = EventsOn(trace, "cond", OpKind::kWait);
  ASSERT_EQ(waits.size(), 1u);
  EXPECT_TRUE(waits[0]->timed_out);
  EXPECT_EQ(waits[0]->time, 1'000'000);
  const auto notifies = EventsOn(trace, "cond", OpKind::kNotify);
  ASSERT_EQ(notifies.size(), 1u);
  EXPECT_EQ(notifies[0]->value, "0");
}

// W waits up to 1 s; main takes the lock at 0.5 s and holds it until 2 s, notifying at
// `notify_at` (0.5 s or 1.5 s) in between. Whether W was notified depends only on the notify
// and the deadline: W gets the lock back at 2 s either way.
std::function<void()> NotifierHoldsTheLock(double notify_at) {
  return [notify_at] {
    Condition cond("cond");
    Thread w(
        [&cond] {
          ConditionGuard guard(cond);
          outcome("notified", cond.wait(1.0));
          outcome("at", Execution::Current("test").now() / 1'000'000.0);
        },
        "W");
    w.start();
    sleep(0.5);
    ConditionGuard guard(cond);
    sleep(notify_at - 0.5);
    cond.notify();
    sleep(2.0 - notify_at);
  };
}

TEST(ConditionTest, NotifyBeforeTheDeadlineCountsEvenIfTheLockComesBackAfterIt) {
  const Result result = ExploreAll(NotifierHoldsTheLock(0.5), TimeMode::kVirtual);
  EXPECT_EQ(result.verdict, Verdict::kPass);
  EXPECT_THAT(result.outcomes, ElementsAre(Pair("notified=true, at=2", result.stats.executions)));
}

TEST(ConditionTest, NotifyAfterTheDeadlineWakesNobody) {
  // W times out at 1 s while main holds the lock; it is no longer a waiter, so the notify at
  // 1.5 s wakes nobody (value 0), though W has not yet returned from wait().
  const Result result = ExploreAll(NotifierHoldsTheLock(1.5), TimeMode::kVirtual);
  EXPECT_EQ(result.verdict, Verdict::kPass);
  EXPECT_THAT(result.outcomes, ElementsAre(Pair("notified=false, at=2", result.stats.executions)));
  const Trace trace = RunOnce(NotifierHoldsTheLock(1.5), TimeMode::kVirtual);
  const auto waits = EventsOn(trace, "cond", OpKind::kWait);
  ASSERT_EQ(waits.size(), 1u);
  EXPECT_TRUE(waits[0]->timed_out);
  EXPECT_EQ(waits[0]->time, 1'000'000);
  const auto notifies = EventsOn(trace, "cond", OpKind::kNotify);
  ASSERT_EQ(notifies.size(), 1u);
  EXPECT_EQ(notifies[0]->value, "0");
  EXPECT_EQ(notifies[0]->time, 1'500'000);
}

TEST(ConditionTest, WaitWithZeroTimeoutDoesNotBlock) {
  const Result result = ExploreAll(
      [] {
        Condition cond("cond");
        ConditionGuard guard(cond);
        outcome("notified", cond.wait(0));
      },
      TimeMode::kAny);
  EXPECT_EQ(result.verdict, Verdict::kPass);
  EXPECT_THAT(result.outcomes, ElementsAre(Pair("notified=false", 1)));
}

// A consumer waits for a flag that a producer sets under the condition.
std::function<void()> FlagProgram(double timeout, double produce_after) {
  return [timeout, produce_after] {
    Condition cond("cond");
    Shared<bool> ready("ready", false);
    Thread consumer(
        [&] {
          ConditionGuard guard(cond);
          auto is_ready = [&ready] { return ready.read(); };
          outcome("saw flag",
                  timeout < 0 ? cond.wait_for(is_ready) : cond.wait_for(is_ready, timeout));
        },
        "consumer");
    Thread producer(
        [&] {
          sleep(produce_after);
          ConditionGuard guard(cond);
          ready.write(true);
          cond.notify();
        },
        "producer");
    consumer.start();
    producer.start();
  };
}

TEST(ConditionTest, WaitForAFlagNeverMissesIt) {
  for (TimeMode time : kBothModes) {
    const Result result = ExploreAll(FlagProgram(/*timeout=*/-1, 0.5), time);
    EXPECT_EQ(result.verdict, Verdict::kPass) << TimeModeName(time);
    EXPECT_TRUE(result.stats.exhaustive);
    EXPECT_THAT(result.outcomes, ElementsAre(Pair("saw flag=true", result.stats.executions)))
        << TimeModeName(time);
  }
}

TEST(ConditionTest, WaitForWithTimeoutReturnsThePredicatesLastValue) {
  // any: the wait may time out before or after the producer; virtual: the flag comes at 0.5 s
  // (within 1 s) or at 2 s (after it).
  const Result any = ExploreAll(FlagProgram(1.0, 0.5), TimeMode::kAny);
  EXPECT_EQ(any.verdict, Verdict::kPass);
  EXPECT_THAT(any.outcomes,
              ElementsAre(Pair("saw flag=false", Gt(0)), Pair("saw flag=true", Gt(0))));
  const Result in_time = ExploreAll(FlagProgram(1.0, 0.5), TimeMode::kVirtual);
  EXPECT_THAT(in_time.outcomes, ElementsAre(Pair("saw flag=true", in_time.stats.executions)));
  const Result too_late = ExploreAll(FlagProgram(1.0, 2.0), TimeMode::kVirtual);
  EXPECT_THAT(too_late.outcomes, ElementsAre(Pair("saw flag=false", too_late.stats.executions)));
}

TEST(ConditionTest, WaitForWithTimeoutWaitsOnlyForTheTimeLeft) {
  // A notify at 0.4 s without the flag wakes the consumer; it waits again for the 0.6 s left of
  // its 1 s, and the flag at 2 s comes too late: it returns false at 1 s, not at 1.4 s. Two
  // executions: the wake-up at 0.4 s runs before or after main's release.
  const Result result = ExploreAll(
      [] {
        Condition cond("cond");
        bool flag = false;
        Thread consumer(
            [&] {
              ConditionGuard guard(cond);
              outcome("saw flag", cond.wait_for([&flag] { return flag; }, 1.0));
              outcome("at", Execution::Current("test").now() / 1'000'000.0);
            },
            "consumer");
        consumer.start();
        sleep(0.4);
        {
          ConditionGuard guard(cond);
          cond.notify();
        }
        sleep(1.6);
        ConditionGuard guard(cond);
        flag = true;
        cond.notify();
      },
      TimeMode::kVirtual);
  EXPECT_EQ(result.verdict, Verdict::kPass);
  EXPECT_THAT(result.outcomes, ElementsAre(Pair("saw flag=false, at=1", 2)));
}

// SCENARIOS.md 004.t without its log lines: `consumers` consumers (c1 at 0 s, c2 at 0.2 s) wait
// with no predicate, or for a flag; the producer (at 0.4 s) notifies all once; nobody joins.
// `consumed` counts the consumers that got past their wait.
std::function<void()> SynchronizingThreads(int consumers, bool with_flag) {
  return [consumers, with_flag] {
    Condition condition;
    bool available = false;
    int consumed = 0;
    outcome("consumed", consumed);
    auto consumer = [&] {
      ConditionGuard guard(condition);
      if (with_flag) {
        condition.wait_for([&available] { return available; });
      } else {
        condition.wait();
      }
      outcome("consumed", ++consumed);
    };
    auto producer = [&] {
      ConditionGuard guard(condition);
      available = true;
      condition.notify_all();
    };
    Thread c1(consumer, "c1");
    Thread c2(consumer, "c2");
    Thread p(producer, "p");
    c1.start();
    sleep(0.2);
    if (consumers == 2) {
      c2.start();
      sleep(0.2);
    }
    p.start();
  };
}

TEST(ConditionTest, LostWakeupOf004tIsReachableInAnyMode) {
  // One consumer keeps the search small; the wake-up is lost when it waits after the notify.
  const Result result = ExploreAll(SynchronizingThreads(1, /*with_flag=*/false), TimeMode::kAny);
  EXPECT_EQ(result.verdict, Verdict::kBug);
  EXPECT_TRUE(result.stats.exhaustive);
  // Main has returned: the waiter is a LOST WAKEUP that makes the program HANG AT EXIT.
  EXPECT_TRUE(result.HasFinding(FindingKind::kLostWakeup));
  EXPECT_TRUE(result.HasFinding(FindingKind::kHangAtExit));
  EXPECT_THAT(result.outcomes, ElementsAre(Pair("consumed=0", Gt(0)), Pair("consumed=1", Gt(0))));
  EXPECT_EQ(result.finding_counts.at(FindingKind::kHangAtExit), result.outcomes.at("consumed=0"));
  EXPECT_EQ(result.finding_counts.at(FindingKind::kLostWakeup), result.outcomes.at("consumed=0"));
  // The counterexample: c1 waits in wait(), after the producer's notify that woke nobody.
  ASSERT_TRUE(result.counterexample.has_value());
  const Trace& trace = *result.counterexample;
  EXPECT_EQ(trace.threads[1].pending, OpKind::kWait);
  const auto notifies = EventsOn(trace, "condition", OpKind::kNotify);
  ASSERT_EQ(notifies.size(), 1u);
  EXPECT_EQ(notifies[0]->value, "0");
}

TEST(ConditionTest, LostWakeupOf004tWithTwoConsumersIsFoundInAnyMode) {
  // At most 2'000 executions; the other bounds are ExploreOptions' own.
  const Result result = ExploreAll(SynchronizingThreads(2, /*with_flag=*/false), TimeMode::kAny,
                                   ExploreOptions{.max_executions = 2'000});
  EXPECT_EQ(result.verdict, Verdict::kBug);
  EXPECT_TRUE(result.HasFinding(FindingKind::kLostWakeup));
}

TEST(ConditionTest, On004tsTimelineBothConsumersWaitBeforeTheNotify) {
  const Result result =
      ExploreAll(SynchronizingThreads(2, /*with_flag=*/false), TimeMode::kVirtual);
  EXPECT_EQ(result.verdict, Verdict::kPass);
  EXPECT_TRUE(result.stats.exhaustive);
  EXPECT_THAT(result.outcomes, ElementsAre(Pair("consumed=2", result.stats.executions)));
}

TEST(ConditionTest, WaitForAFlagFixes004t) {
  const Result any = ExploreAll(SynchronizingThreads(1, /*with_flag=*/true), TimeMode::kAny);
  EXPECT_EQ(any.verdict, Verdict::kPass);
  EXPECT_TRUE(any.stats.exhaustive);
  EXPECT_THAT(any.outcomes, ElementsAre(Pair("consumed=1", any.stats.executions)));
  const Result virtual_clock =
      ExploreAll(SynchronizingThreads(2, /*with_flag=*/true), TimeMode::kVirtual);
  EXPECT_EQ(virtual_clock.verdict, Verdict::kPass);
  EXPECT_THAT(virtual_clock.outcomes,
              ElementsAre(Pair("consumed=2", virtual_clock.stats.executions)));
}

// A wait over an RLock held at level 2 releases both levels (main can take the lock to notify)
// and restores them (the waiter's two releases after the wait are both valid).
TEST(ConditionTest, WaitReleasesAndRestoresEveryRLockLevel) {
  auto program = [] {
    RLock r("r");
    Condition cond(r, "cond");
    bool flag = false;
    Thread w(
        [&] {
          RLockGuard outer(r);
          RLockGuard inner(r);
          cond.wait_for([&flag] { return flag; });
        },
        "W");
    w.start();
    {
      ConditionGuard guard(cond);
      flag = true;
      cond.notify();
    }
    w.join();
  };
  for (TimeMode time : kBothModes) {
    const Result result = ExploreAll(program, time);
    EXPECT_EQ(result.verdict, Verdict::kPass) << TimeModeName(time) << " " << result.error;
  }
  // W runs first (highest thread first): it waits at level 2.
  const Trace trace = RunOnce<HighestFirst>(program);
  ASSERT_EQ(trace.end, EndReason::kFinished);
  std::vector<std::string> values;
  for (const TraceEvent& event : trace.events) {
    if (event.thread == 1 && event.object != kNoObject && trace.objects[event.object].name == "r") {
      values.push_back(std::string(OpKindName(event.kind)) + " " + event.value);
    }
  }
  EXPECT_THAT(values, ElementsAre("acquire ", "acquire level 2", "release all 2 levels",
                                  "acquire level 2 restored", "release level 1", "release "));
}

TEST(ConditionTest, WaitWithoutTheLockIsAnError) {
  static int line = 0;
  const Result result = ExploreAll(
      [] {
        Condition cond("cond");
        line = __LINE__ + 1;
        cond.wait();
      },
      TimeMode::kAny);
  EXPECT_EQ(result.verdict, Verdict::kError);
  EXPECT_EQ(result.error,
            "cannot wait on un-acquired lock: condition 'cond' used by thread 'MainThread' at " +
                At(line) + " without holding its lock");
  // Over a plain Lock, as in CPython, "held" means locked.
  const Result over_lock = ExploreAll(
      [] {
        Lock lock("lock");
        Condition cond(lock, "cond");
        line = __LINE__ + 1;
        cond.wait_for([] { return false; }, 1.0);
      },
      TimeMode::kAny);
  EXPECT_EQ(over_lock.verdict, Verdict::kError);
  EXPECT_EQ(over_lock.error,
            "cannot wait on un-acquired lock: condition 'cond' used by thread 'MainThread' at " +
                At(line) + " without holding its lock");
}

TEST(ConditionTest, NotifyWithoutTheLockIsAnError) {
  // Over an RLock, holding means owning: main holds it, T notifies.
  static int line = 0;
  const Result result = ExploreAll(
      [] {
        RLock r("r");
        Condition cond(r, "cond");
        RLockGuard guard(r);
        Thread t(
            [&cond] {
              line = __LINE__ + 1;
              cond.notify_all();
            },
            "T");
        t.start();
        t.join();
      },
      TimeMode::kAny);
  EXPECT_EQ(result.verdict, Verdict::kError);
  EXPECT_EQ(result.error,
            "cannot notify on un-acquired lock: condition 'cond' used by thread 'T' at " +
                At(line) + " without holding its lock");
}

// W waits; main writes x, then notifies under the lock. The notify happens before W's wake-up,
// so the write happens before W's read.
TEST(ConditionTest, NotifyHappensBeforeTheWakeUp) {
  const Trace trace = RunOnce<HighestFirst>([] {
    Condition cond("cond");
    Shared<int> x("x", 0);
    Thread w(
        [&] {
          ConditionGuard guard(cond);
          cond.wait();
          x.read();
        },
        "W");
    w.start();
    x.write(1);
    {
      ConditionGuard guard(cond);
      cond.notify();
    }
    w.join();
  });
  ASSERT_EQ(trace.end, EndReason::kFinished);
  const auto notifies = EventsOn(trace, "cond", OpKind::kNotify);
  const auto waits = EventsOn(trace, "cond", OpKind::kWait);
  ASSERT_EQ(notifies.size(), 1u);
  ASSERT_EQ(waits.size(), 1u);
  EXPECT_EQ(waits[0]->value, "notified");
  EXPECT_TRUE(HappensBefore(*notifies[0], *waits[0]));
  EXPECT_TRUE(WriteHappensBeforeRead(trace, "x"));
}

// A consumer that checks its flag once before waiting ("if", not "while") is only correct
// when wake-ups come from notifies. With spurious wake-ups on (time mode any), it can go on
// without the flag; the "while" loop stays correct, and its retries do not make the search
// infinite.
std::function<void()> FlagConsumer(bool loop) {
  return [loop] {
    Lock lock("lock");
    Condition cond(lock, "cond");
    Shared<bool> flag("flag", false);
    Thread consumer(
        [&] {
          ConditionGuard guard(cond);
          if (loop) {
            while (!flag.read()) cond.wait();
          } else if (!flag.read()) {
            cond.wait();
          }
          expect(flag.read(), "the consumer goes on only once the flag is set");
        },
        "consumer");
    consumer.start();
    {
      ConditionGuard guard(cond);
      flag.write(true);
      cond.notify();
    }
    consumer.join();
  };
}

TEST(ConditionSpuriousWakeupTest, OffByDefault) {
  EXPECT_EQ(ExploreAll(FlagConsumer(false), TimeMode::kAny).verdict, Verdict::kPass);
}

TEST(ConditionSpuriousWakeupTest, BreakAWaitWithoutALoop) {
  const Result result = ExploreAll(FlagConsumer(false), TimeMode::kAny,
                                   ExploreOptions{.max_steps = 1'000, .spurious_wakeups = true});
  EXPECT_EQ(result.verdict, Verdict::kBug);
  ASSERT_TRUE(result.HasFinding(FindingKind::kInvariant));
  bool spurious = false;
  for (const TraceEvent& e : result.counterexample->events) {
    spurious = spurious || e.value == "spurious wake-up";
  }
  EXPECT_TRUE(spurious);
  EXPECT_TRUE(result.counterexample->spurious_wakeups);
}

TEST(ConditionSpuriousWakeupTest, AWaitLoopStaysCorrectAndFinite) {
  const Result result = ExploreAll(FlagConsumer(true), TimeMode::kAny,
                                   ExploreOptions{.max_steps = 1'000, .spurious_wakeups = true});
  EXPECT_EQ(result.verdict, Verdict::kPass);
  EXPECT_TRUE(result.stats.exhaustive);
  EXPECT_EQ(result.stats.step_bound_hits, 0);
}

TEST(ConditionSpuriousWakeupTest, NeverOnTheVirtualClock) {
  EXPECT_EQ(ExploreAll(FlagConsumer(false), TimeMode::kVirtual,
                       ExploreOptions{.max_steps = 1'000, .spurious_wakeups = true})
                .verdict,
            Verdict::kPass);
}

}  // namespace
}  // namespace interleave::testing
