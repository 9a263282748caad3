// Unit tests of the runtime: fiber switching, join, lock blocking and hand-over, deadlock,
// program rules. Each test drives the scheduler with a small scripted chooser; exhaustive
// exploration of the same programs is tested in checker/.
#include "model/execution.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <deque>
#include <span>
#include <string>
#include <vector>

#include "model/model.h"
#include "model/testing/choosers.h"
#include "model/testing/programs.h"

namespace interleave {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

using testing::HighestFirst;
using testing::LowestFirst;
using testing::Scripted;

// Switches threads at every step, round robin over the enabled ones.
class RoundRobin : public Chooser {
 public:
  ThreadId ChooseThread(const SchedulePoint& point) override {
    for (ThreadId id : *point.enabled) {
      if (id > point.previous) return id;
    }
    return point.enabled->front();
  }
  int ChooseValue(int, int lo, int) override { return lo; }
};

std::vector<std::string> Logged(const Trace& trace) {
  std::vector<std::string> lines;
  for (const TraceEvent& event : trace.events) {
    if (event.kind == OpKind::kLog) {
      lines.push_back(trace.threads[event.thread].name + ": " + event.value);
    }
  }
  return lines;
}

TEST(ExecutionTest, MainThreadRunsTheBody) {
  LowestFirst chooser;
  const Trace trace = Execution::Run([] { log("hello"); }, chooser);
  EXPECT_EQ(trace.end, EndReason::kFinished);
  ASSERT_EQ(trace.threads.size(), 1u);
  EXPECT_EQ(trace.threads[0].name, "MainThread");
  EXPECT_THAT(Logged(trace), ElementsAre("MainThread: hello"));
  EXPECT_EQ(trace.events[0].step, 1);
  EXPECT_EQ(trace.events[0].where.Basename(), "execution_test.cc");
}

TEST(ExecutionTest, FibersSwitchAtEveryVisibleOperation) {
  // main starts A and B, then A and B alternate; main's join waits for both.
  Scripted chooser({0, 0, 1, 2, 1, 2});
  const Trace trace = Execution::Run(
      [] {
        Thread a(
            [] {
              log("a1");
              log("a2");
            },
            "A");
        Thread b(
            [] {
              log("b1");
              log("b2");
            },
            "B");
        a.start();
        b.start();
        a.join();
        b.join();
      },
      chooser);
  ASSERT_EQ(trace.end, EndReason::kFinished);
  EXPECT_THAT(Logged(trace), ElementsAre("A: a1", "B: b1", "A: a2", "B: b2"));
  // A is preempted after a1 (B runs b1) and B after b1 (A runs a2). Main is not: after
  // starting B it waits in join(A), which cannot run yet.
  EXPECT_EQ(trace.Preemptions(), 2);
}

TEST(ExecutionTest, DefaultThreadNamesCountFromOne) {
  LowestFirst chooser;
  std::vector<std::string> names;
  Execution::Run(
      [&names] {
        Thread first([] {});
        Thread second([] {});
        names = {first.name(), second.name()};
      },
      chooser);
  EXPECT_THAT(names, ElementsAre("Thread-1", "Thread-2"));
}

TEST(ExecutionTest, JoinWaitsForTheThreadInEverySchedule) {
  for (Chooser* chooser :
       std::vector<Chooser*>{new LowestFirst, new HighestFirst, new RoundRobin}) {
    const Trace trace = Execution::Run(
        [] {
          Thread worker(
              [] {
                log("working");
                log("done");
              },
              "worker");
          worker.start();
          worker.join();
          log("joined");
        },
        *chooser);
    delete chooser;
    EXPECT_THAT(Logged(trace),
                ElementsAre("worker: working", "worker: done", "MainThread: joined"));
  }
}

TEST(ExecutionTest, UnjoinedThreadIsWaitedForAtScopeExit) {
  LowestFirst chooser;
  const Trace trace = Execution::Run(
      [] {
        Thread worker([] { log("working"); }, "worker");
        worker.start();
        log("main done");
      },
      chooser);
  EXPECT_EQ(trace.end, EndReason::kFinished);
  EXPECT_THAT(Logged(trace), ElementsAre("MainThread: main done", "worker: working"));
  EXPECT_EQ(trace.events.back().kind, OpKind::kExitWait);
}

TEST(ExecutionTest, LockBlocksUntilReleasedAndHandsOver) {
  // Thread 1 takes the lock; thread 2 asks for it while it is held and must not run until the
  // release; then it gets it.
  HighestFirst chooser;  // Prefers thread 2 whenever it can run.
  const Trace trace = Execution::Run(
      [] {
        Lock lock("L");
        Thread holder(
            [&lock] {
              lock.acquire();
              log("holding");
              lock.release();
            },
            "holder");
        Thread waiter(
            [&lock] {
              LockGuard guard(lock);
              log("got it");
            },
            "waiter");
        holder.start();
        // Let the holder take the lock before the waiter exists.
        log("holder started");
        waiter.start();
        holder.join();
        waiter.join();
      },
      chooser);
  ASSERT_EQ(trace.end, EndReason::kFinished);
  std::vector<std::string> ops;
  for (const TraceEvent& e : trace.events) {
    if (e.kind == OpKind::kAcquire || e.kind == OpKind::kRelease) {
      ops.push_back(trace.threads[e.thread].name + " " + std::string(OpKindName(e.kind)));
    }
  }
  EXPECT_THAT(ops,
              ElementsAre("holder acquire", "holder release", "waiter acquire", "waiter release"));
  EXPECT_EQ(trace.objects[1].owner, kNoThread);  // Free at the end.
}

TEST(ExecutionTest, OppositeLockOrderDeadlocks) {
  // main: start A (A runs to its first acquire), start B, then A takes `first`, B takes
  // `second`, and neither can go on.
  Scripted chooser({0, 0, 1, 2});
  const Trace trace = Execution::Run(testing::OppositeLockOrder, chooser);
  ASSERT_EQ(trace.end, EndReason::kDeadlock);
  ASSERT_EQ(trace.threads.size(), 3u);
  for (int t = 0; t < 3; ++t) EXPECT_TRUE(trace.threads[t].blocked) << t;
  EXPECT_EQ(trace.threads[0].pending, OpKind::kJoin);
  EXPECT_EQ(trace.threads[1].pending, OpKind::kAcquire);
  EXPECT_EQ(trace.objects[trace.threads[1].pending_object].name, "second");
  EXPECT_EQ(trace.threads[2].pending, OpKind::kAcquire);
  EXPECT_EQ(trace.objects[trace.threads[2].pending_object].name, "first");
  EXPECT_EQ(trace.objects[trace.threads[1].pending_object].owner, 2);  // B holds second.

  // Without the interleaving, the same program finishes.
  LowestFirst sequential;
  EXPECT_EQ(Execution::Run(testing::OppositeLockOrder, sequential).end, EndReason::kFinished);
}

TEST(ExecutionTest, SharedRecordsValuesReadAndWritten) {
  LowestFirst chooser;
  const Trace trace = Execution::Run(
      [] {
        Shared<int> x("x", 41);
        x.write(x.read() + 1);
        outcome("x", x.read());
        expect(x.read() == 43, "x is 43");
      },
      chooser);
  ASSERT_EQ(trace.events.size(), 4u);
  EXPECT_EQ(trace.Describe(trace.events[0]), "read x = 41");
  EXPECT_EQ(trace.Describe(trace.events[1]), "write x := 42");
  EXPECT_EQ(trace.OutcomeText(), "x=42");
  ASSERT_EQ(trace.failed_expects.size(), 1u);
  EXPECT_EQ(trace.failed_expects[0].message, "x is 43");
  EXPECT_EQ(trace.failed_expects[0].after_step, 4);
}

TEST(ExecutionTest, StepBoundEndsTheExecution) {
  LowestFirst chooser;
  const Trace trace = Execution::Run(
      [] {
        Shared<int> x("x");
        while (true) x.write(1);
      },
      chooser, ExecutionLimits{.max_steps = 50});
  EXPECT_EQ(trace.end, EndReason::kStepBound);
  EXPECT_EQ(trace.events.size(), 50u);
}

// A chooser that replays every step of `steps` (Chooser::ReplayedSteps), lowest thread first.
class ReplaysSteps : public LowestFirst {
 public:
  explicit ReplaysSteps(std::vector<StepPrint> steps) : steps_(std::move(steps)) {}
  std::span<const StepPrint> ReplayedSteps() override { return steps_; }

 private:
  std::vector<StepPrint> steps_;
};

// The time bound ends an execution at one of its periodic checks (every 4096 steps), but not
// within the prefix it replays: a strategy would take that end for nondeterminism (the same
// decisions, fewer steps), as long searches that hit --max-seconds did.
TEST(ExecutionTest, TimeBoundDoesNotCutAReplayedPrefix) {
  auto body = [] {
    Shared<int> x("x");
    for (int i = 0; i < 5000; ++i) x.write(i);
  };
  LowestFirst first_chooser;
  const Trace first = Execution::Run(body, first_chooser);
  ASSERT_EQ(first.end, EndReason::kFinished);
  std::vector<StepPrint> steps;
  for (const TraceEvent& event : first.events) steps.push_back(StepPrint::Of(event));
  const ExecutionLimits expired{.deadline = std::chrono::steady_clock::now()};

  LowestFirst fresh;
  const Trace cut = Execution::Run(body, fresh, expired);
  EXPECT_EQ(cut.end, EndReason::kTimeBound);
  EXPECT_LT(cut.events.size(), first.events.size());

  ReplaysSteps replaying(steps);
  const Trace replayed = Execution::Run(body, replaying, expired);
  EXPECT_EQ(replayed.end, EndReason::kFinished);
  EXPECT_EQ(replayed.events.size(), first.events.size());
}

// An exclusive thread's steps (SetExclusive) follow each other with no other thread's in
// between and no thread decision, until it drops the exclusivity.
TEST(ExecutionTest, ExclusiveThreadStepsWithoutDecisions) {
  RoundRobin chooser;
  const Trace trace = Execution::Run(
      [] {
        Thread a(
            [] {
              log("a0");
              Execution& execution = Execution::Current("test");
              execution.SetExclusive(execution.current_thread());
              log("a1");
              log("a2");
              log("a3");
              execution.SetExclusive(kNoThread);
              log("a4");
            },
            "A");
        Thread b(
            [] {
              for (int i = 0; i < 5; ++i) log("b");
            },
            "B");
        a.start();
        b.start();
        a.join();
        b.join();
      },
      chooser);
  ASSERT_EQ(trace.end, EndReason::kFinished);
  const std::vector<std::string> lines = Logged(trace);
  const auto a1 = std::find(lines.begin(), lines.end(), "A: a1") - lines.begin();
  ASSERT_LT(a1 + 2, static_cast<long>(lines.size()));
  EXPECT_EQ(lines[a1 + 1], "A: a2");
  EXPECT_EQ(lines[a1 + 2], "A: a3");
  for (const Decision& decision : trace.decisions) {
    const TraceEvent& event = trace.events[static_cast<std::size_t>(decision.step) - 1];
    EXPECT_FALSE(event.kind == OpKind::kLog && (event.value == "a2" || event.value == "a3"))
        << "a decision before " << event.value;
  }
}

TEST(ExecutionTest, ExceptionLeavingAThreadIsAFailure) {
  LowestFirst chooser;
  const Trace trace = Execution::Run(
      [] {
        Lock lock("L");
        Thread t(
            [&lock] {
              LockGuard guard(lock);
              throw std::runtime_error("boom");
            },
            "T");
        t.start();
        t.join();
      },
      chooser);
  // The program would end there (std::terminate): a failure of the program, not an error.
  EXPECT_EQ(trace.end, EndReason::kFailure);
  EXPECT_TRUE(trace.error.empty());
  EXPECT_EQ(trace.failure.kind, FailureKind::kUncaughtException);
  EXPECT_EQ(trace.failure.thread, 1);
  EXPECT_EQ(trace.failure.message, "std::runtime_error: boom");
}

TEST(ExecutionTest, ReleasingAnUnlockedLockIsAMisuse) {
  // A defect of the program (Python raises RuntimeError), not of the scenario: the execution
  // ends with kMisuse and says which release it was.
  LowestFirst chooser;
  const Trace trace = Execution::Run([] { Lock("L").release(); }, chooser);
  EXPECT_EQ(trace.end, EndReason::kMisuse);
  EXPECT_THAT(trace.error, HasSubstr("release of unlocked lock 'L'"));
  EXPECT_EQ(trace.misuse.step, 1);
  EXPECT_EQ(trace.misuse.thread, 0);
  EXPECT_EQ(trace.misuse.holder, kNoThread);
  EXPECT_EQ(trace.objects[trace.misuse.lock].name, "L");
}

TEST(ExecutionTest, ModelObjectOutsideAnExecutionIsRejected) {
  try {
    Lock lock("L");
    FAIL() << "no error";
  } catch (const ModelError& e) {
    EXPECT_THAT(e.what(), HasSubstr("Lock used outside an execution"));
  }
}

TEST(ExecutionTest, VectorClocksOrderLockedAccessesOnly) {
  // Lowest thread first runs A's whole increment, then B's. Under the lock A's write happens
  // before B's read; without it the two are concurrent even in this order.
  for (const bool locked : {false, true}) {
    LowestFirst chooser;
    const Trace trace = Execution::Run(
        locked ? testing::TwoLockedIncrements : testing::TwoUnlockedIncrements, chooser);
    const TraceEvent* a_write = nullptr;
    const TraceEvent* b_read = nullptr;
    for (const TraceEvent& e : trace.events) {
      if (e.kind == OpKind::kWrite && trace.threads[e.thread].name == "A") a_write = &e;
      if (e.kind == OpKind::kRead && trace.threads[e.thread].name == "B") b_read = &e;
    }
    ASSERT_NE(a_write, nullptr);
    ASSERT_NE(b_read, nullptr);
    ASSERT_LT(a_write->step, b_read->step);
    EXPECT_EQ(a_write->clock.ConcurrentWith(b_read->clock), !locked) << locked;
    // The final read by main comes after joining both: ordered after every write.
    EXPECT_TRUE(a_write->clock.LessOrEqual(trace.events.back().clock));
  }
}

TEST(ExecutionTest, KilledDaemonKeepsItsLock) {
  // On the virtual clock main ends at 1 s while the daemon sleeps holding the lock; it is
  // killed there, and its release never happens.
  LowestFirst chooser;
  const Trace trace = Execution::Run(
      [] {
        Lock lock("L");
        Thread d(
            [&lock] {
              LockGuard guard(lock);
              sleep(5);
            },
            "daemon", true);
        d.start();
        sleep(1);
      },
      chooser, ExecutionLimits{.time = TimeMode::kVirtual});
  EXPECT_EQ(trace.end, EndReason::kFinished);
  ASSERT_EQ(trace.threads.size(), 2u);
  EXPECT_TRUE(trace.threads[1].killed);
  EXPECT_EQ(trace.threads[1].killed_reason, "daemon thread killed at program exit");
  EXPECT_EQ(trace.objects[1].owner, 1);  // L is still held by the daemon.
  EXPECT_EQ(trace.events.back().kind, OpKind::kKill);
  EXPECT_EQ(trace.events.back().time, 1'000'000);
}

TEST(ExecutionTest, VirtualClockWakesSleepersInDeadlineOrder) {
  LowestFirst chooser;
  const Trace trace = Execution::Run(
      [] {
        Thread slow(
            [] {
              sleep(0.3);
              log("slow");
            },
            "slow");
        Thread fast(
            [] {
              sleep(0.1);
              log("fast");
            },
            "fast");
        slow.start();
        fast.start();
        slow.join();
        fast.join();
        log("done");
      },
      chooser, ExecutionLimits{.time = TimeMode::kVirtual});
  EXPECT_THAT(Logged(trace), ElementsAre("fast: fast", "slow: slow", "MainThread: done"));
  EXPECT_EQ(trace.events.back().time, 300'000);
}

TEST(ExecutionTest, ChooserPickingABlockedThreadEndsInAnError) {
  Scripted chooser({0, 0, 0});  // The third pick is main, blocked in join(A).
  const Trace trace = Execution::Run(testing::TwoUnlockedIncrements, chooser);
  EXPECT_EQ(trace.end, EndReason::kError);
  EXPECT_THAT(trace.error,
              HasSubstr("internal error: the chooser picked a thread that cannot run"));
}

TEST(ExecutionTest, ChooseOutsideItsRangeIsRejected) {
  LowestFirst chooser;
  const Trace trace = Execution::Run([] { choose(3, 1); }, chooser);
  EXPECT_EQ(trace.end, EndReason::kError);
  EXPECT_THAT(trace.error, HasSubstr("choose(3, 1)"));
}

}  // namespace
}  // namespace interleave
