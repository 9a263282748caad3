// Process (model/process.h) under exhaustive exploration in both time modes: terminate right
// after start (SCENARIOS.md 004.f), terminate of a process holding a lock, exitcode, naming and
// misuse.
#include "model/process.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <functional>
#include <optional>
#include <string>

#include "model/model.h"
#include "tests/testing/explore.h"

namespace interleave::testing {
namespace {

std::string ExitCode(const std::optional<int>& code) {
  return code ? std::to_string(*code) : "None";
}

// 004.f: the worker prints, sleeps 0.1 s and prints; main terminates it right after start
// (with the seed's is_alive() print in between) and joins it. Outcomes: which lines the
// worker printed, is_alive() after terminate and after join, and the exit code.
void TerminateAfterStart() {
  outcome("started", false);
  outcome("finished", false);
  Process p([] {
    log("Starting worker");
    outcome("started", true);
    sleep(0.1);
    log("Finished worker");
    outcome("finished", true);
  });
  outcome("before", p.is_alive());
  p.start();
  outcome("during", p.is_alive());
  p.terminate();
  outcome("terminated", p.is_alive());
  p.join();
  outcome("joined", p.is_alive());
  outcome("exitcode", ExitCode(p.exitcode()));
}

TEST(ProcessTest, VirtualTerminateAfterStartNeverFinishes) {
  // At 0 s the worker's first print comes before main's is_alive(), between it and the
  // terminate, or never; its sleep ends at 0.1 s, long after the terminate.
  const Result result = ExploreAll(TerminateAfterStart, TimeMode::kVirtual);
  EXPECT_EQ(result.verdict, Verdict::kPass);
  EXPECT_EQ(result.stats.executions, 3);
  const std::string rest =
      ", before=false, during=true, terminated=false, joined=false, exitcode=\"-15\"";
  EXPECT_THAT(result.outcomes, ElementsAre(Pair("started=false, finished=false" + rest, 1),
                                           Pair("started=true, finished=false" + rest, 2)));
}

TEST(ProcessTest, AnyTerminateMayComeAfterTheWorkerEnded) {
  // In `any` the worker's sleep is a yield, so it may run all three steps before the
  // terminate (which then does nothing: exit code 0). The worker's k steps before the
  // terminate (k = 0..3) interleave with main's is_alive() in k + 1 ways: 10 executions.
  const Result result = ExploreAll(TerminateAfterStart, TimeMode::kAny);
  EXPECT_EQ(result.verdict, Verdict::kPass);
  EXPECT_EQ(result.stats.executions, 10);
  EXPECT_THAT(result.outcomes,
              ElementsAre(Pair("started=false, finished=false, before=false, during=true, "
                               "terminated=false, joined=false, exitcode=\"-15\"",
                               1),
                          Pair("started=true, finished=false, before=false, during=true, "
                               "terminated=false, joined=false, exitcode=\"-15\"",
                               5),
                          // The worker ended before main's is_alive() ...
                          Pair("started=true, finished=true, before=false, during=false, "
                               "terminated=false, joined=false, exitcode=\"0\"",
                               1),
                          // ... or after it.
                          Pair("started=true, finished=true, before=false, during=true, "
                               "terminated=false, joined=false, exitcode=\"0\"",
                               3)));
}

// A process takes a lock and holds it for 1 s; main terminates it, then tries the lock.
std::function<void()> TerminateHolder(double wait) {
  return [wait] {
    Lock lock("lock");
    outcome("acquired", false);
    outcome("released", false);
    Process p([&lock] {
      {
        LockGuard with(lock);
        outcome("acquired", true);  // Bookkeeping, in the acquire's step.
        sleep(1);
      }
      outcome("released", true);  // In the release's step.
    });
    p.start();
    if (wait > 0) sleep(wait);
    p.terminate();
    p.join();
    outcome("main's acquire(false)", lock.acquire(false));
  };
}

TEST(ProcessTest, VirtualTerminateWhileHoldingLeavesTheLockHeld) {
  // At 0.5 s the process holds the lock, asleep; killed there, its guard's release is void.
  const Result result = ExploreAll(TerminateHolder(0.5), TimeMode::kVirtual);
  EXPECT_EQ(result.verdict, Verdict::kPass);
  EXPECT_EQ(result.stats.executions, 1);
  EXPECT_THAT(result.outcomes,
              ElementsAre(Pair("acquired=true, released=false, main's acquire(false)=false", 1)));
}

TEST(ProcessTest, AnyTerminateHolderExactOutcomes) {
  // The process takes k = 0..3 of its steps (acquire, sleep, release) before the terminate:
  // killed before it acquires (the lock is free), while it holds the lock (after the acquire
  // or after the sleep: held for good), or after its release (free). Never: acquired, not
  // released, and yet free.
  const Result result = ExploreAll(TerminateHolder(0), TimeMode::kAny);
  EXPECT_EQ(result.verdict, Verdict::kPass);
  EXPECT_EQ(result.stats.executions, 4);
  EXPECT_THAT(result.outcomes,
              ElementsAre(Pair("acquired=false, released=false, main's acquire(false)=true", 1),
                          Pair("acquired=true, released=false, main's acquire(false)=false", 2),
                          Pair("acquired=true, released=true, main's acquire(false)=true", 1)));
}

TEST(ProcessTest, KilledHolderDeadlocksABlockingAcquire) {
  const Result result = ExploreAll(
      [] {
        Lock lock("lock");
        Process p([&lock] {
          lock.acquire();
          sleep(1);
          lock.release();
        });
        p.start();
        sleep(0.5);
        p.terminate();
        lock.acquire();
      },
      TimeMode::kVirtual);
  EXPECT_EQ(result.verdict, Verdict::kBug);
  EXPECT_TRUE(result.HasFinding(FindingKind::kDeadlock));
}

TEST(ProcessTest, ExitCodeIsNoneUntilTheEnd) {
  for (TimeMode time : kBothModes) {
    const Result result = ExploreAll(
        [] {
          Process p([] { sleep(1); });
          outcome("before start", ExitCode(p.exitcode()));
          p.start();
          p.join(0.5);
          outcome("after join(0.5)", ExitCode(p.exitcode()));
          p.join();
          outcome("after join", ExitCode(p.exitcode()));
          p.terminate();  // Ended already: nothing.
          outcome("after terminate", ExitCode(p.exitcode()));
        },
        time);
    // `any`: the timed join may return before or after the sleep; `virtual`: at 0.5 s, before.
    const std::string none = "before start=\"None\", after join(0.5)=\"None\", ";
    const std::string zero = "before start=\"None\", after join(0.5)=\"0\", ";
    const std::string rest = "after join=\"0\", after terminate=\"0\"";
    if (time == TimeMode::kAny) {
      EXPECT_THAT(result.outcomes, ElementsAre(Pair(zero + rest, Gt(0)), Pair(none + rest, Gt(0))));
    } else {
      EXPECT_THAT(result.outcomes, ElementsAre(Pair(none + rest, 1)));
    }
  }
}

TEST(ProcessTest, NamesCountProcessesFromOne) {
  const Result result = ExploreAll(
      [] {
        Thread t([] {});
        Process a([] {});
        Process b([] {}, "named");
        Process c([] {});
        outcome("names", t.name() + " " + a.name() + " " + b.name() + " " + c.name());
        outcome("daemon", a.daemon());
      },
      TimeMode::kAny);
  EXPECT_THAT(result.outcomes,
              ElementsAre(Pair("names=\"Thread-1 Process-1 named Process-2\", daemon=false", 1)));
}

TEST(ProcessTest, DaemonProcessIsKilledAtExit) {
  const Result result = ExploreAll(
      [] {
        outcome("finished", false);
        Process p([] {
          sleep(2);
          outcome("finished", true);
        });
        p.set_daemon(true);
        p.start();
      },
      TimeMode::kVirtual);
  EXPECT_THAT(result.outcomes, ElementsAre(Pair("finished=false", 1)));
}

TEST(ProcessTest, TraceShowsTheTerminateAndTheKill) {
  const Trace trace = RunOnce([] {
    Process p([] { log("never"); }, "worker");
    p.start();
    p.terminate();
    p.join();
  });
  EXPECT_THAT(Operations(trace),
              ElementsAre("start worker", "cancel worker (terminate)",
                          "kill worker (terminated by MainThread)", "join worker"));
  EXPECT_TRUE(trace.threads[1].killed);
}

TEST(ProcessTest, TerminateBeforeStartIsAnError) {
  const Result result = ExploreAll(
      [] {
        Process p([] {});
        p.terminate();
      },
      TimeMode::kAny);
  EXPECT_EQ(result.verdict, Verdict::kError);
  EXPECT_THAT(result.error, HasSubstr("cannot terminate process 'Process-1' before it is started"));
}

TEST(ProcessTest, SetDaemonAfterStartIsAnError) {
  const Result result = ExploreAll(
      [] {
        Process p([] {});
        p.start();
        p.set_daemon(true);
      },
      TimeMode::kAny);
  EXPECT_EQ(result.verdict, Verdict::kError);
  EXPECT_THAT(result.error, HasSubstr("cannot set daemon status of active thread"));
}

}  // namespace
}  // namespace interleave::testing
