// DeadlockDetector: the wait-for graph and its cycle, while main is still in its body.
#include "checker/detectors/deadlock.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "checker/dpor.h"
#include "checker/explorer.h"
#include "model/model.h"
#include "model/testing/choosers.h"
#include "model/testing/programs.h"
#include "model/testing/weak_programs.h"

namespace interleave {
namespace {

using testing::CasSpinlockDeadlock;
using ::testing::HasSubstr;
using ::testing::Not;
using testing::Scripted;
using testing::TwoUnlockedIncrements;

TEST(DeadlockDetectorTest, NamesWhatEachThreadWaitsForAndTheCycle) {
  Scripted chooser({0, 0, 1, 2});
  const Trace trace = Execution::Run(testing::OppositeLockOrder, chooser);
  std::vector<Finding> findings;
  DeadlockDetector().Inspect(trace, findings);
  ASSERT_EQ(findings.size(), 1u);
  const Finding& f = findings[0];
  EXPECT_EQ(f.summary, "no thread can run: 3 of 3 threads blocked forever in a cycle");
  ASSERT_EQ(f.details.size(), 4u);
  EXPECT_THAT(f.details[0], HasSubstr("MainThread waits in join(A)"));
  EXPECT_THAT(f.details[0], HasSubstr("only A finishing could release it"));
  EXPECT_THAT(f.details[1], HasSubstr("A waits to acquire second"));
  EXPECT_THAT(f.details[1], HasSubstr("held by B"));
  EXPECT_THAT(f.details[2], HasSubstr("B waits to acquire first"));
  EXPECT_THAT(f.details[2], HasSubstr("held by A"));
  EXPECT_THAT(f.details[3], HasSubstr("Cycle: A -> B -> A."));
}

TEST(DeadlockDetectorTest, SilentWhenEveryThreadFinishes) {
  Scripted chooser({});
  std::vector<Finding> findings;
  DeadlockDetector().Inspect(Execution::Run(TwoUnlockedIncrements, chooser), findings);
  EXPECT_TRUE(findings.empty());
}

TEST(DeadlockDetectorTest, AnExitWaitInTheMiddleOfMainIsNotProgramExit) {
  // A Thread local to a nested block waits for its thread at the block's end; main then goes
  // on and blocks in join: still a DEADLOCK.
  Scripted chooser({});
  const Trace trace = Execution::Run(
      [] {
        {
          Thread quick([] { log("quick"); }, "quick");
          quick.start();
        }
        Queue<int> queue(0, "q");
        Thread worker([&queue] { queue.get(); }, "worker");
        worker.start();
        worker.join();
      },
      chooser);
  ASSERT_EQ(trace.end, EndReason::kDeadlock);
  std::vector<Finding> findings;
  DeadlockDetector().Inspect(trace, findings);
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_THAT(findings[0].details[0], HasSubstr("MainThread waits in join(worker)"));
}

TEST(DeadlockDetectorTest, SilentWhenMainHasReturned) {
  // A worker blocked forever after main's body returned: HANG AT EXIT's, not a deadlock.
  Scripted chooser({});
  const Trace trace = Execution::Run(
      [] {
        Queue<int> queue(0, "q");
        Thread worker([&queue] { queue.get(); }, "worker");
        worker.start();
      },
      chooser);
  ASSERT_EQ(trace.end, EndReason::kDeadlock);
  std::vector<Finding> findings;
  DeadlockDetector().Inspect(trace, findings);
  EXPECT_TRUE(findings.empty());
}

// Two CAS spinlocks taken in opposite orders (model/testing/weak_programs.h): each thread spins
// forever re-reading the lock the other holds. The finding says so, names the value and who stored
// it, and the cycle through the stores.
TEST(DeadlockDetectorTest, ASpinningThreadSpinsForever) {
  DporStrategy dpor;
  const Result result = Explore("spinlocks", CasSpinlockDeadlock, dpor);
  ASSERT_TRUE(result.HasFinding(FindingKind::kDeadlock));
  const Finding& f = result.findings.front();
  EXPECT_EQ(f.summary, "no thread can run: 3 of 3 threads blocked forever (2 spinning) in a cycle");
  ASSERT_EQ(f.details.size(), 4u);
  EXPECT_THAT(f.details[1], ::testing::MatchesRegex(
                                "T1 spins forever at .*weak_programs.h:[0-9]+ re-reading lock_b "
                                "= 1: no other thread will store to it \\(T2 stored it at step "
                                "[0-9]+\\)\\."));
  EXPECT_THAT(f.details[2], HasSubstr("T2 spins forever at "));
  EXPECT_THAT(f.details[2], HasSubstr(" re-reading lock_a = 1: no other thread will store to it"));
  EXPECT_THAT(f.details[3], HasSubstr("Cycle: T1 -> T2 -> T1."));
  for (const std::string& detail : f.details) EXPECT_THAT(detail, Not(HasSubstr("blocked in")));
}

TEST(DeadlockDetectorTest, MarksTheStaleCheckAndTheChangeThatMadeItStale) {
  // Seed 000's consumer: it reads the event unset, then main sets it and waits for the
  // consumer, which gets on a queue nobody will put on again. Steps: 1 main starts the
  // consumer, 2 the consumer reads event = false, 3 main sets the event, 4 main's join; then
  // the consumer's get blocks.
  Scripted chooser({0, 1, 0, 0});
  const Trace trace = Execution::Run(
      [] {
        Event event("event");
        Queue<int> queue(0, "queue");
        Thread consumer(
            [&] {
              if (!event.is_set()) queue.get();
            },
            "consumer");
        consumer.start();
        event.set();
        consumer.join();
      },
      chooser);
  ASSERT_EQ(trace.end, EndReason::kDeadlock);
  std::vector<Finding> findings;
  DeadlockDetector().Inspect(trace, findings);
  ASSERT_EQ(findings.size(), 1u);
  const Finding& f = findings[0];
  ASSERT_EQ(f.marks.size(), 2u);
  EXPECT_EQ(f.marks[0].step, 2);
  EXPECT_EQ(f.marks[0].label, "consumer checks event = false: goes on to get on queue");
  EXPECT_EQ(f.marks[1].step, 3);
  EXPECT_EQ(f.marks[1].label, "MainThread changes event after consumer's check: too late");
  EXPECT_THAT(f.details.back(), HasSubstr("consumer blocked on a stale check"));
}

}  // namespace
}  // namespace interleave
