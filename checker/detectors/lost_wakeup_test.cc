// LostWakeupDetector: seed 004's consumers that wait with no predicate miss the only notify;
// waiting for a flag set under the condition does not.
#include "checker/detectors/lost_wakeup.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <functional>

#include "checker/dfs.h"
#include "checker/explorer.h"
#include "model/model.h"
#include "model/testing/choosers.h"

namespace interleave {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

Result Dfs(const std::function<void()>& body, TimeMode time = TimeMode::kAny) {
  DfsStrategy dfs;
  return Explore("wakeup", body, dfs, {.max_steps = 1'000, .time = time, .stall_seconds = 0});
}

int wait_line = 0;
int notify_line = 0;

// A consumer waits on `cond` (for a flag when `predicate`); the producer sets the flag and
// notifies every waiter; nobody joins them.
std::function<void()> ConsumerProducer(bool predicate) {
  return [predicate] {
    Condition cond("cond");
    bool ready = false;
    Thread consumer(
        [&] {
          cond.acquire();
          wait_line = __LINE__ + 1;
          predicate ? cond.wait_for([&ready] { return ready; }) : cond.wait();
          cond.release();
        },
        "consumer");
    Thread producer(
        [&] {
          cond.acquire();
          ready = true;
          notify_line = __LINE__ + 1;
          cond.notify_all();
          cond.release();
        },
        "producer");
    consumer.start();
    producer.start();
  };
}

TEST(LostWakeupDetectorTest, NamesTheNotifyThatWokeNobodyAndTheWaiter) {
  // Steps: 1 start consumer, 2 start producer, 3-5 the producer acquires, notifies (nobody
  // waits), releases, 6 the consumer acquires, 7 releases to wait; 8 main waits at exit for
  // the producer; then the consumer waits forever and main with it.
  testing::Scripted chooser({0, 0, 2, 2, 2, 1, 1});
  const Trace trace = Execution::Run(ConsumerProducer(false), chooser);
  ASSERT_EQ(trace.end, EndReason::kDeadlock);
  std::vector<Finding> findings;
  LostWakeupDetector().Inspect(trace, findings);
  ASSERT_EQ(findings.size(), 1u);
  const Finding& f = findings[0];
  EXPECT_EQ(f.kind, FindingKind::kLostWakeup);
  EXPECT_EQ(f.summary,
            "producer's notify on cond at step 4 woke no waiter; consumer waits on it later and "
            "never returns");
  EXPECT_THAT(f.threads, ElementsAre(2, 1));
  ASSERT_EQ(f.lines.size(), 2u);
  EXPECT_EQ(f.lines[0].line, notify_line);
  EXPECT_EQ(f.lines[1].line, wait_line);
  ASSERT_EQ(f.marks.size(), 2u);
  EXPECT_EQ(f.marks[0].step, 4);
  EXPECT_EQ(f.marks[1].step, 7);
  EXPECT_THAT(f.details[1], HasSubstr("consumer began to wait on cond at step 7"));
  EXPECT_EQ(f.certain_at_step, 8);
}

TEST(LostWakeupDetectorTest, ReachableInTimeModeAny) {
  const Result result = Dfs(ConsumerProducer(false));
  EXPECT_EQ(result.verdict, Verdict::kBug);
  EXPECT_TRUE(result.Found(FindingKind::kLostWakeup));
  // The waiter blocks the program's exit too.
  EXPECT_TRUE(result.Found(FindingKind::kHangAtExit));
  EXPECT_LT(result.finding_counts.at(FindingKind::kLostWakeup), result.stats.executions);
}

TEST(LostWakeupDetectorTest, SilentWhenTheWaiterChecksAFlag) {
  EXPECT_EQ(Dfs(ConsumerProducer(true)).verdict, Verdict::kPass);
}

TEST(LostWakeupDetectorTest, SilentForAWaitNobodyEverNotified) {
  // No notify at all: a hang, but no wakeup was lost.
  const Result result = Dfs([] {
    Condition cond("cond");
    Thread consumer(
        [&] {
          cond.acquire();
          cond.wait();
          cond.release();
        },
        "consumer");
    consumer.start();
  });
  EXPECT_TRUE(result.Found(FindingKind::kHangAtExit));
  EXPECT_FALSE(result.Found(FindingKind::kLostWakeup));
}

// Seed 004's shape: two consumers wait with no predicate, the producer notifies every waiter
// once; nobody joins them.
void TwoConsumersOneNotify() {
  Condition cond("cond");
  auto consumer = [&cond] {
    cond.acquire();
    cond.wait();
    cond.release();
  };
  Thread c1(consumer, "c1");
  Thread c2(consumer, "c2");
  Thread p(
      [&cond] {
        cond.acquire();
        cond.notify_all();
        cond.release();
      },
      "p");
  c1.start();
  c2.start();
  p.start();
}

TEST(LostWakeupDetectorTest, ANotifyThatWokeOnlyTheEarlierWaiterIsLostForTheLaterOne) {
  // 1-3 main starts c1, c2, p; 4-5 c1 acquires and releases to wait; 6-8 p acquires, notifies
  // (waking c1 only), releases; 9-10 c2 acquires and releases to wait, after the notify.
  testing::Scripted chooser({0, 0, 0, 1, 1, 3, 3, 3, 2, 2});
  const Trace trace = Execution::Run(TwoConsumersOneNotify, chooser);
  ASSERT_EQ(trace.end, EndReason::kDeadlock);
  ASSERT_EQ(trace.events[6].kind, OpKind::kNotify);
  ASSERT_EQ(trace.events[6].value, "1");
  std::vector<Finding> findings;
  LostWakeupDetector().Inspect(trace, findings);
  ASSERT_EQ(findings.size(), 1u);
  const Finding& f = findings[0];
  EXPECT_EQ(f.summary,
            "p's notify on cond at step 7 woke only the 1 waiter waiting then; c2 waits on it "
            "later and never returns");
  EXPECT_THAT(f.threads, ElementsAre(3, 2));
  ASSERT_EQ(f.marks.size(), 2u);
  EXPECT_EQ(f.marks[0].step, 7);
  EXPECT_EQ(f.marks[1].step, 10);
}

TEST(LostWakeupDetectorTest, EveryHangOfTheSeedsShapeIsALostWakeup) {
  // Each execution that hangs has a consumer that began to wait after the only notify_all:
  // whether that notify woke the other consumer or nobody, the wakeup was lost for it.
  const Result result = Dfs(TwoConsumersOneNotify);
  ASSERT_TRUE(result.Found(FindingKind::kHangAtExit));
  EXPECT_EQ(result.finding_counts.at(FindingKind::kLostWakeup),
            result.finding_counts.at(FindingKind::kHangAtExit));
  EXPECT_TRUE(result.outcomes.contains("(hang at exit before the outcome)"));
}

TEST(LostWakeupDetectorTest, SilentForAWaiterTheNotifyWokeThatWaitsAgain) {
  // The consumer waits, the producer's notify wakes it, it waits a second time and nobody
  // notifies again: too few notifies (a hang), not a lost one.
  testing::Scripted chooser({0, 0, 1, 1});  // Main starts both; the consumer waits first.
  const Trace trace = Execution::Run(
      [] {
        Condition cond("cond");
        Thread consumer(
            [&cond] {
              cond.acquire();
              cond.wait();
              cond.wait();
              cond.release();
            },
            "consumer");
        Thread producer(
            [&cond] {
              cond.acquire();
              cond.notify_all();
              cond.release();
            },
            "producer");
        consumer.start();
        producer.start();
      },
      chooser);
  ASSERT_EQ(trace.end, EndReason::kDeadlock);
  std::vector<Finding> findings;
  LostWakeupDetector().Inspect(trace, findings);
  EXPECT_TRUE(findings.empty());
}

}  // namespace
}  // namespace interleave
