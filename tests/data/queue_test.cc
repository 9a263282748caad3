// Queue<T> (Python's queue.Queue) under exhaustive exploration in both time modes.
#include "model/queue.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

#include "model/model.h"
#include "tests/testing/explore.h"

namespace interleave::testing {
namespace {

using ::testing::Contains;

// Two producers put 1 and 2 into a queue of maxsize 1; one consumer gets one item. The other
// put waits for the room the get makes; the item left is the one not taken (FIFO).
void TwoPutsOneGet() {
  Queue<int> q(1, "q");
  Thread p1([&q] { q.put(1); }, "P1");
  Thread p2([&q] { q.put(2); }, "P2");
  Thread c([&q] { outcome("got", q.get()); }, "C");
  p1.start();
  p2.start();
  c.start();
  p1.join();
  p2.join();
  c.join();
  outcome("left", q.qsize());
  outcome("last", q.get_nowait());
}

TEST(QueueTest, TwoPutsAndOneGetOnAQueueOfMaxsizeOne) {
  for (TimeMode time : kBothModes) {
    const auto [result, traces] = ExploreAndRecord(TwoPutsOneGet, time);
    EXPECT_EQ(result.verdict, Verdict::kPass) << TimeModeName(time);
    // P1 is started first, so more orders let it put first. Counted by hand: P1 puts before
    // main starts P2 (then 3 orders of C's get and main's joins), or after that but before
    // P2 puts, main starting C before or after it (3 each); P2 puts first, before or after
    // main starts C (1 each).
    EXPECT_EQ(result.stats.executions, 11);
    EXPECT_THAT(result.outcomes,
                ElementsAre(Pair("got=1, left=1, last=2", 9), Pair("got=2, left=1, last=1", 2)));
    for (const Trace& trace : traces) {
      // The queue never holds more than one item: every put but the first follows a get.
      const auto puts = EventsOn(trace, "q", OpKind::kPut);
      const auto gets = EventsOn(trace, "q", OpKind::kGet);
      ASSERT_EQ(puts.size(), 2u);
      ASSERT_EQ(gets.size(), 2u);
      EXPECT_LT(gets[0]->step, puts[1]->step);
      // Each get happens after the put of the item it took.
      for (const TraceEvent* get : gets) {
        const TraceEvent* put = puts[0]->value == get->value ? puts[0] : puts[1];
        EXPECT_EQ(put->value, get->value);
        EXPECT_TRUE(HappensBefore(*put, *get));
      }
    }
  }
}

TEST(QueueTest, ItemsComeOutInTheOrderTheyWentIn) {
  for (TimeMode time : kBothModes) {
    const Result result = ExploreAll(
        [] {
          Queue<std::string> q(0, "q");
          Thread producer(
              [&q] {
                q.put("a");
                q.put("b");
                q.put("c");
              },
              "producer");
          producer.start();
          const std::string first = q.get();
          const std::string second = q.get();
          outcome("order", first + second + q.get());
        },
        time);
    EXPECT_THAT(result.outcomes, ElementsAre(Pair("order=\"abc\"", Gt(0)))) << TimeModeName(time);
  }
}

// A consumer gets with a 1 s timeout while the producer puts after `delay` seconds.
std::function<void()> TimedGet(double delay) {
  return [delay] {
    Queue<int> q(0, "q");
    Thread c(
        [&q] {
          try {
            outcome("got", q.get(true, 1.0));
          } catch (const QueueEmpty&) {
            outcome("got", std::string("Empty"));
          }
        },
        "C");
    Thread p(
        [&q, delay] {
          sleep(delay);
          q.put(7);
        },
        "P");
    c.start();
    p.start();
    c.join();
    p.join();
    outcome("left", q.qsize());
  };
}

TEST(QueueTest, GetWithTimeoutMayRaiseEmptyOrGetInModeAny) {
  const Result result = ExploreAll(TimedGet(2), TimeMode::kAny);
  EXPECT_EQ(result.verdict, Verdict::kPass);
  EXPECT_THAT(result.outcomes,
              ElementsAre(Pair("got=\"Empty\", left=1", Gt(0)), Pair("got=7, left=0", Gt(0))));
}

TEST(QueueTest, GetWithTimeoutFollowsTheVirtualClock) {
  // The put comes at 2 s, after the deadline at 1 s: Empty, at 1 s.
  const auto late = ExploreAndRecord(TimedGet(2), TimeMode::kVirtual);
  EXPECT_THAT(late.result.outcomes, ElementsAre(Pair("got=\"Empty\", left=1", 1)));
  const TraceEvent& timed_out = *EventsOn(late.traces.at(0), "q", OpKind::kGet).at(0);
  EXPECT_TRUE(timed_out.timed_out);
  EXPECT_EQ(timed_out.value, "raised Empty");
  EXPECT_EQ(timed_out.time, Microseconds(1));
  // The put comes at 0.5 s, before the deadline: the item, at 0.5 s.
  const auto early = ExploreAndRecord(TimedGet(0.5), TimeMode::kVirtual);
  EXPECT_THAT(early.result.outcomes, ElementsAre(Pair("got=7, left=0", 1)));
  const TraceEvent& got = *EventsOn(early.traces.at(0), "q", OpKind::kGet).at(0);
  EXPECT_FALSE(got.timed_out);
  EXPECT_EQ(got.value, "7");
  EXPECT_EQ(got.time, Microseconds(0.5));
}

TEST(QueueTest, NonBlockingOperationsAndTimedPutRaise) {
  for (TimeMode time : kBothModes) {
    const auto [result, traces] = ExploreAndRecord(
        [] {
          Queue<int> q(1, "q");
          std::string seen;
          seen += q.empty() ? "empty " : "not-empty ";
          try {
            q.get_nowait();
          } catch (const Queue<int>::Empty&) {
            seen += "Empty ";
          }
          q.put_nowait(1);
          seen += q.full() ? "full " : "not-full ";
          try {
            q.put_nowait(2);
          } catch (const QueueFull&) {
            seen += "Full ";
          }
          try {
            q.put(3, true, 0.5);
          } catch (const Queue<int>::Full& e) {
            seen += "Full(timeout) ";
          }
          seen += std::to_string(q.qsize());
          outcome("seen", seen);
        },
        time);
    EXPECT_THAT(result.outcomes,
                ElementsAre(Pair("seen=\"empty Empty full Full Full(timeout) 1\"", 1)));
    const auto puts = EventsOn(traces.at(0), "q", OpKind::kPut);
    ASSERT_EQ(puts.size(), 3u);
    EXPECT_EQ(puts[0]->value, "1");
    EXPECT_EQ(puts[1]->value, "raised Full");
    EXPECT_FALSE(puts[1]->timed_out);
    EXPECT_TRUE(puts[2]->timed_out);
    EXPECT_EQ(puts[2]->time, time == TimeMode::kVirtual ? Microseconds(0.5) : 0);
  }
}

TEST(QueueTest, UnboundedQueueIsNeverFull) {
  const Result result = ExploreAll(
      [] {
        Queue<int> q(0, "q");
        for (int i = 0; i < 5; ++i) q.put_nowait(i);
        outcome("full", q.full());
        outcome("size", q.qsize());
      },
      TimeMode::kAny);
  EXPECT_THAT(result.outcomes, ElementsAre(Pair("full=false, size=5", 1)));
}

// The worker processes what main put; main's join returns once every item is task_done.
void TaskDoneAndJoin() {
  Queue<int> q(0, "q");
  Shared<int> processed("processed", 0);
  Thread worker(
      [&] {
        for (int i = 0; i < 2; ++i) {
          const int item = q.get();
          processed.write(processed.read() + item);
          q.task_done();
        }
      },
      "worker");
  worker.start();
  q.put(5);
  q.put(6);
  q.join();
  outcome("processed", processed.read());
}

TEST(QueueTest, JoinWaitsForEveryTaskDone) {
  for (TimeMode time : kBothModes) {
    const auto [result, traces] = ExploreAndRecord(TaskDoneAndJoin, time);
    EXPECT_EQ(result.verdict, Verdict::kPass) << TimeModeName(time);
    EXPECT_THAT(result.outcomes, ElementsAre(Pair("processed=11", Gt(0))));
    for (const Trace& trace : traces) {
      const auto done = EventsOn(trace, "q", OpKind::kTaskDone);
      const auto joins = EventsOn(trace, "q", OpKind::kWait);
      ASSERT_EQ(done.size(), 2u);
      ASSERT_EQ(joins.size(), 1u);
      EXPECT_EQ(done[1]->value, "0 unfinished");
      EXPECT_TRUE(HappensBefore(*done[1], *joins[0]));
      // So main's read of `processed` is ordered after the worker's last write.
      const auto writes = EventsOn(trace, "processed", OpKind::kWrite);
      const auto reads = EventsOn(trace, "processed", OpKind::kRead);
      EXPECT_TRUE(HappensBefore(*writes.back(), *reads.back()));
    }
  }
}

TEST(QueueTest, JoinWithNothingPutReturnsAtOnce) {
  const Result result = ExploreAll(
      [] {
        Queue<int> q(0, "q");
        q.join();
        outcome("joined", true);
      },
      TimeMode::kAny);
  EXPECT_THAT(result.outcomes, ElementsAre(Pair("joined=true", 1)));
}

TEST(QueueTest, TaskDoneMoreTimesThanItemsPutIsAnError) {
  const Result result = ExploreAll(
      [] {
        Queue<int> q(0, "q");
        q.put(1);
        q.get();
        q.task_done();
        q.task_done();
      },
      TimeMode::kAny);
  EXPECT_EQ(result.verdict, Verdict::kError);
  EXPECT_THAT(result.error, HasSubstr("task_done() called too many times on queue 'q'"));
}

TEST(QueueTest, UncaughtEmptyIsAFindingNamingTheQueue) {
  const Result result = ExploreAll(
      [] {
        Queue<int> q(0, "q");
        q.get_nowait();
      },
      TimeMode::kAny);
  // The program dies there (an uncaught exception): a finding, not an ERROR of the tool.
  EXPECT_EQ(result.verdict, Verdict::kBug) << result.error;
  ASSERT_FALSE(result.findings.empty());
  EXPECT_EQ(result.findings[0].kind, FindingKind::kUncaughtException);
  EXPECT_THAT(result.findings[0].summary, HasSubstr("queue 'q' is empty"));
}

// SCENARIOS.md 001.p in miniature: two consumers get until they see 0; the producer sends one
// 0. The other consumer waits in get() forever and main waits in join() for it.
TEST(QueueTest, ConsumerBlockedForeverInGetIsADeadlock) {
  for (TimeMode time : kBothModes) {
    const Result result = ExploreAll(
        [] {
          Queue<int> q(0, "q");
          auto consume = [&q] {
            while (q.get() != 0) {
            }
          };
          Thread c1(consume, "C1");
          Thread c2(consume, "C2");
          c1.start();
          c2.start();
          q.put(0);
          c1.join();
          c2.join();
        },
        time);
    EXPECT_EQ(result.verdict, Verdict::kBug) << TimeModeName(time);
    EXPECT_EQ(result.finding_counts.at(FindingKind::kDeadlock), result.stats.executions);
    EXPECT_THAT(result.outcomes,
                ElementsAre(Pair("(deadlock before the outcome)", result.stats.executions)));
    ASSERT_FALSE(result.findings.empty());
    EXPECT_THAT(result.findings[0].details, Contains(HasSubstr("waits in get q")));
  }
}

// Items nobody took stay in the queue, and the end of the program can see them.
TEST(QueueTest, ItemsLeftAtTheEndAreObservable) {
  for (TimeMode time : kBothModes) {
    const Result result = ExploreAll(
        [] {
          Queue<int> q(0, "q");
          Thread p(
              [&q] {
                for (int i = 1; i <= 3; ++i) q.put(i);
              },
              "P");
          Thread c(
              [&q] {
                try {
                  outcome("got", q.get_nowait());
                } catch (const QueueEmpty&) {
                  outcome("got", std::string("Empty"));
                }
              },
              "C");
          p.start();
          c.start();
          p.join();
          c.join();
          outcome("left", q.qsize());
        },
        time);
    // k of P's puts run before main starts C (k = 0..3); then C's get goes before one of the
    // 3 - k others, or after all of them, before or after main's join of P: 5 + 4 + 3 + 2
    // orders, one of which (k = 0, get first) finds the queue empty.
    EXPECT_THAT(result.outcomes,
                ElementsAre(Pair("got=\"Empty\", left=3", 1), Pair("got=1, left=2", 13)))
        << TimeModeName(time);
  }
}

}  // namespace
}  // namespace interleave::testing
