// The runtime's semantics under exhaustive exploration: data choices, timed waits in both time
// modes, the polling rule, program exit with daemon threads. Each test asserts the exact set
// of reachable outcomes.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <functional>
#include <memory>
#include <string>

#include "checker/dpor.h"
#include "model/model.h"
#include "scenarios/registry.h"
#include "tests/testing/explore.h"

namespace interleave::testing {
namespace {

TEST(ChooseTest, EveryValueIsExplored) {
  const Result result = ExploreAll([] { outcome("v", choose(1, 3)); }, TimeMode::kAny);
  EXPECT_EQ(result.verdict, Verdict::kPass);
  EXPECT_THAT(result.outcomes, ElementsAre(Pair("v=1", 1), Pair("v=2", 1), Pair("v=3", 1)));
}

TEST(ChooseTest, ValuesAndSchedulesCombine) {
  // Main's read comes before T's choice, between the choice and the write, or after the
  // write: three orders, each with both values; only read-after-write(1) sees 1.
  const Result result = ExploreAll(
      [] {
        Shared<int> x("x", 0);
        Thread t([&x] { x.write(choose(0, 1)); }, "T");
        t.start();
        outcome("x", x.read());
        t.join();
      },
      TimeMode::kAny);
  EXPECT_EQ(result.stats.executions, 6);
  EXPECT_THAT(result.outcomes, ElementsAre(Pair("x=0", 5), Pair("x=1", 1)));
}

// join(0.5) on a thread that sleeps 1 s: in `any` it may or may not have finished; on the
// virtual clock the join times out at 0.5 s, always before the thread ends at 1 s.
void TimedJoin() {
  Thread worker([] { sleep(1.0); }, "worker");
  worker.start();
  worker.join(0.5);
  outcome("alive", worker.is_alive());
  worker.join();
}

TEST(TimedJoinTest, AnyModeReachesBothOutcomes) {
  const Result result = ExploreAll(TimedJoin, TimeMode::kAny);
  EXPECT_EQ(result.verdict, Verdict::kPass);
  EXPECT_THAT(result.outcomes, ElementsAre(Pair("alive=false", Gt(0)), Pair("alive=true", Gt(0))));
}

TEST(TimedJoinTest, VirtualModeTimesOutBeforeTheThreadEnds) {
  const Result result = ExploreAll(TimedJoin, TimeMode::kVirtual);
  EXPECT_EQ(result.verdict, Verdict::kPass);
  EXPECT_THAT(result.outcomes, ElementsAre(Pair("alive=true", result.stats.executions)));
}

// A holds the lock for `hold` seconds; B tries to acquire it with a 1 s timeout.
std::function<void()> TimedAcquire(double hold) {
  return [hold] {
    Lock lock("lock");
    Shared<bool> got("got", false);
    Thread a(
        [&lock, hold] {
          lock.acquire();
          sleep(hold);
          lock.release();
        },
        "A");
    Thread b(
        [&] {
          if (lock.acquire(true, 1.0)) {
            got.write(true);
            lock.release();
          }
        },
        "B");
    a.start();
    sleep(0.1);  // B starts after A holds the lock (on the virtual clock).
    b.start();
    a.join();
    b.join();
    outcome("got", got.read());
  };
}

TEST(TimedAcquireTest, AnyModeMayTimeOutOrAcquire) {
  const Result result = ExploreAll(TimedAcquire(2.0), TimeMode::kAny);
  EXPECT_THAT(result.outcomes, ElementsAre(Pair("got=false", Gt(0)), Pair("got=true", Gt(0))));
}

TEST(TimedAcquireTest, VirtualModeFollowsTheClock) {
  EXPECT_THAT(ExploreAll(TimedAcquire(2.0), TimeMode::kVirtual).outcomes,
              ElementsAre(Pair("got=false", Gt(0))));
  EXPECT_THAT(ExploreAll(TimedAcquire(0.5), TimeMode::kVirtual).outcomes,
              ElementsAre(Pair("got=true", Gt(0))));
}

TEST(NonBlockingAcquireTest, FailsWhileHeld) {
  const Result result = ExploreAll(
      [] {
        Lock lock("lock");
        lock.acquire();
        outcome("second", lock.acquire(false));
        lock.release();
      },
      TimeMode::kAny);
  EXPECT_THAT(result.outcomes, ElementsAre(Pair("second=false", 1)));
}

// A poller retries a timed acquire until the holder lets go: in `any` mode each retry could
// time out again forever, but a retry is only explored after the holder has moved, so the
// search ends without hitting the step bound.
TEST(PollingTest, TimedRetriesDoNotMakeExplorationInfinite) {
  const Result result = ExploreAll(
      [] {
        Lock lock("lock");
        Shared<int> retries("retries", 0);
        Thread holder(
            [&lock] {
              lock.acquire();
              sleep(1);
              log("holding");
              lock.release();
            },
            "holder");
        Thread poller(
            [&] {
              while (!lock.acquire(true, 0.1)) retries.write(retries.read() + 1);
              lock.release();
            },
            "poller");
        holder.start();
        poller.start();
      },
      TimeMode::kAny);
  EXPECT_EQ(result.verdict, Verdict::kPass);
  EXPECT_TRUE(result.stats.exhaustive);
  EXPECT_EQ(result.stats.step_bound_hits, 0);
}

// A consumer that gives up after three timeouts on a queue nobody fills: in real time it
// times out three times and ends. No other thread is left to change anything it looks at,
// so its timeouts fire anyway (the polling rule yields only while another thread can run):
// a PASS in both modes, not a deadlock.
void GiveUpAfterThreeTimeouts() {
  Queue<int> q(0, "q");
  Atomic<int> timeouts("timeouts", 0);
  Thread consumer(
      [&] {
        for (int attempt = 0; attempt < 3; ++attempt) {
          try {
            q.get(true, 1.0);
            return;
          } catch (const QueueEmpty&) {
            timeouts.store(timeouts.load() + 1);
          }
        }
        log("gave up");
      },
      "consumer");
  consumer.start();
  consumer.join();
  outcome("timeouts", timeouts.load());
}

TEST(PollingTest, BoundedRetriesTimeOutWhenNothingElseCanRun) {
  for (TimeMode time : {TimeMode::kAny, TimeMode::kVirtual}) {
    const Result result = ExploreAll(GiveUpAfterThreeTimeouts, time);
    EXPECT_EQ(result.verdict, Verdict::kPass) << TimeModeName(time);
    EXPECT_THAT(result.outcomes, ElementsAre(Pair("timeouts=3", result.stats.executions)))
        << TimeModeName(time);
  }
}

// An endless poller that nobody ever releases spins in real time; here it times out again
// and again once nothing else can run, until the step bound: a suspected LIVELOCK, as on the
// virtual clock.
TEST(PollingTest, EndlessPollerAloneIsASuspectedLivelock) {
  for (TimeMode time : {TimeMode::kAny, TimeMode::kVirtual}) {
    const Result result = ExploreAll(
        [] {
          Event never("never");
          Thread poller(
              [&never] {
                while (!never.wait(1.0)) log("still waiting");
              },
              "poller");
          poller.start();
        },
        time);
    EXPECT_EQ(result.verdict, Verdict::kWarning) << TimeModeName(time);
    EXPECT_TRUE(result.Found(FindingKind::kLivelock)) << TimeModeName(time);
  }
}

// 000.b's shape: a daemon sleeps 2 s and would then log; main ends at once.
std::function<void()> DaemonAtExit(bool daemon) {
  return [daemon] {
    outcome("daemon finished", false);
    Thread d(
        [] {
          sleep(2);
          outcome("daemon finished", true);
        },
        "daemon", daemon);
    d.start();
    log("Main: all done");
  };
}

TEST(ProgramExitTest, DaemonIsCutOffInSomeInterleavingsOfAny) {
  const Result result = ExploreAll(DaemonAtExit(true), TimeMode::kAny);
  EXPECT_THAT(result.outcomes, ElementsAre(Pair("daemon finished=false", Gt(0)),
                                           Pair("daemon finished=true", Gt(0))));
}

TEST(ProgramExitTest, DaemonIsCutOffAlwaysOnTheVirtualClock) {
  const Result result = ExploreAll(DaemonAtExit(true), TimeMode::kVirtual);
  EXPECT_THAT(result.outcomes, ElementsAre(Pair("daemon finished=false", 1)));
  ASSERT_TRUE(result.stats.exhaustive);
}

TEST(ProgramExitTest, NonDaemonIsWaitedForInBothModes) {
  for (TimeMode time : kBothModes) {
    const Result result = ExploreAll(DaemonAtExit(false), time);
    EXPECT_THAT(result.outcomes, ElementsAre(Pair("daemon finished=true", Gt(0))))
        << TimeModeName(time);
  }
}

TEST(ProgramExitTest, DaemonWaitsForNonDaemonsDeclaredBeforeIt) {
  // The non-daemon worker is declared first, so its Thread is destroyed last; the program
  // still waits for it before cutting the daemon off (on the virtual clock: the daemon's 1 s
  // nap ends before the worker's 2 s one).
  const Result result = ExploreAll(
      [] {
        outcome("daemon finished", false);
        Thread worker([] { sleep(2); }, "worker");
        Thread d(
            [] {
              sleep(1);
              outcome("daemon finished", true);
            },
            "daemon", true);
        worker.start();
        d.start();
      },
      TimeMode::kVirtual);
  EXPECT_THAT(result.outcomes, ElementsAre(Pair("daemon finished=true", 1)));
}

// SCENARIOS.md 000.e, `virtual`: both workers read at 0 s, sleep 0.1 s and write back the same
// value: every interleaving loses an update. The scenario runs on a ThreadPoolExecutor, whose
// steps make dfs's every-interleaving search too long for a test: dpor, which explores every
// class of equivalent interleavings, gives the same outcome set.
Result ExploreScenarioWithDpor(const std::string& name, TimeMode time) {
  const Scenario& scenario = *FindScenario(name);
  DporStrategy dpor;
  return Explore(scenario.name, scenario.Bind(), dpor, {.max_steps = kMaxSteps, .time = time});
}

TEST(VirtualTimeTest, LostUpdateLosesInEveryInterleaving) {
  const Result result = ExploreScenarioWithDpor("lost_update", TimeMode::kVirtual);
  EXPECT_TRUE(result.stats.exhaustive);
  EXPECT_THAT(result.outcomes, ElementsAre(Pair("value=1", result.stats.executions)));
  EXPECT_EQ(result.verdict, Verdict::kBug);
  EXPECT_TRUE(result.HasFinding(FindingKind::kLostUpdate));
}

TEST(VirtualTimeTest, LockedUpdateStillPasses) {
  const Result result = ExploreScenarioWithDpor("lost_update_locked", TimeMode::kVirtual);
  EXPECT_EQ(result.verdict, Verdict::kPass);
  EXPECT_THAT(result.outcomes, ElementsAre(Pair("value=2", result.stats.executions)));
}

// Subclass style, 002.h (threading_subclass.py): `class MyThread(Thread): def run(self)`,
// five started and never joined; the program waits for them at exit.
class MyThread : public Thread {
 public:
  MyThread() = default;

 protected:
  void run() override { log("running"); }
};

TEST(SubclassTest, UnjoinedSubclassThreadsAreWaitedForAtExit) {
  for (TimeMode time : kBothModes) {
    const Result result = ExploreAll(
        [] {
          for (int i = 0; i < 3; ++i) make_thread<MyThread>().start();
          log("main done");
        },
        time);
    EXPECT_EQ(result.verdict, Verdict::kPass) << TimeModeName(time);
    EXPECT_TRUE(result.stats.exhaustive);
  }
  // In every execution the program waits at exit: main's last step (an exit-wait when a worker
  // was still going) comes after every worker's step, and some executions needed the wait.
  const Recorded recorded = ExploreAndRecord(
      [] {
        for (int i = 0; i < 3; ++i) make_thread<MyThread>().start();
        log("main done");
      },
      TimeMode::kAny);
  int waited = 0;
  for (const Trace& trace : recorded.traces) {
    int main_last = 0;
    int worker_last = 0;
    for (const TraceEvent& e : trace.events) {
      (e.thread == 0 ? main_last : worker_last) = e.step;
    }
    EXPECT_GT(main_last, worker_last);
    waited += trace.events[main_last - 1].kind == OpKind::kExitWait;
    EXPECT_EQ(trace.end, EndReason::kFinished);
  }
  EXPECT_GT(waited, 0);
  const Trace trace = RunOnce([] {
    for (int i = 0; i < 3; ++i) make_thread<MyThread>().start();
    log("main done");
  });
  std::vector<std::string> lines;
  for (const TraceEvent& e : trace.events) {
    if (e.kind == OpKind::kLog) lines.push_back(trace.threads[e.thread].name + ": " + e.value);
  }
  EXPECT_THAT(lines, ElementsAre("MainThread: main done", "Thread-1: running", "Thread-2: running",
                                 "Thread-3: running"));
  EXPECT_EQ(trace.end, EndReason::kFinished);
}

// 004.r: a Process subclass with constructor arguments.
class SquareProcess : public Process {
 public:
  SquareProcess(Shared<int>& out, int n) : Process("square"), out_(out), n_(n) {}

 protected:
  void run() override { out_.write(n_ * n_); }

 private:
  Shared<int>& out_;
  int n_;
};

TEST(SubclassTest, ProcessSubclassRunsWithItsArguments) {
  const Result result = ExploreAll(
      [] {
        Shared<int> out("out", 0);
        SquareProcess& p = make_thread<SquareProcess>(out, 7);
        p.start();
        p.join();
        outcome("out", out.read());
        outcome("exitcode", p.exitcode().value_or(-1));
      },
      TimeMode::kAny);
  EXPECT_EQ(result.verdict, Verdict::kPass);
  EXPECT_THAT(result.outcomes, ElementsAre(Pair("out=49, exitcode=0", 1)));
}

class SleepyDaemon : public Thread {
 public:
  SleepyDaemon() : Thread("sleepy", /*daemon=*/true) {}

 protected:
  void run() override {
    sleep(2);
    outcome("daemon finished", true);
  }
};

TEST(SubclassTest, OwnedDaemonIsCutOffAtExit) {
  auto body = [] {
    outcome("daemon finished", false);
    make_thread<SleepyDaemon>().start();
    log("Main: all done");
  };
  EXPECT_THAT(ExploreAll(body, TimeMode::kVirtual).outcomes,
              ElementsAre(Pair("daemon finished=false", 1)));
  EXPECT_THAT(
      ExploreAll(body, TimeMode::kAny).outcomes,
      ElementsAre(Pair("daemon finished=false", Gt(0)), Pair("daemon finished=true", Gt(0))));
}

TEST(SubclassTest, OwnedThreadsOfADeadlockedExecutionAreUnwound) {
  const Result result = ExploreAll(
      [] {
        Lock lock("lock");
        lock.acquire();
        make_thread<MyThread>().start();
        lock.acquire();  // Main deadlocks on itself; the owned thread is dropped unrun.
      },
      TimeMode::kAny);
  EXPECT_EQ(result.verdict, Verdict::kBug);
  EXPECT_TRUE(result.HasFinding(FindingKind::kDeadlock));
}

// A queue destroyed while a thread waits in get(): the waiter's ready predicate reads the
// queue, so the runtime drops it before the queue goes (Execution::ObjectDestroyed), and the
// execution is an ERROR naming the queue, the thread and its line, never a read of freed memory.
TEST(LifetimeTest, QueueDestroyedWhileAThreadWaitsOnItIsAnError) {
  const Result result = ExploreAll(
      [] {
        auto queue = std::make_unique<Queue<int>>(0, "q");
        Thread getter([&queue] { queue->get(); }, "getter");
        getter.start();  // It runs to its get() on the empty queue and blocks there.
        queue.reset();
        getter.join();
      },
      TimeMode::kAny);
  EXPECT_EQ(result.verdict, Verdict::kError);
  EXPECT_THAT(result.error, HasSubstr("'q' was destroyed while thread 'getter' was in an "
                                      "operation on it (get at "));
}

}  // namespace
}  // namespace interleave::testing
