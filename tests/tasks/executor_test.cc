// ThreadPoolExecutor and Future (model/executor.h) under exhaustive exploration: map in order
// (SCENARIOS.md 000.d), the lost update of 000.e with the seed's executor, exceptions stored in
// futures, shutdown waiting for the tasks, worker naming, and misuse.
#include "model/executor.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <functional>
#include <stdexcept>
#include <string>
#include <vector>

#include "checker/dpor.h"
#include "model/model.h"
#include "model/threading.h"
#include "tests/testing/explore.h"

namespace interleave::testing {
namespace {

using ::testing::Contains;
using ::testing::IsEmpty;
using ::testing::SizeIs;

std::string Join(const std::vector<int>& values) {
  std::string text;
  for (int v : values) text += (text.empty() ? "" : " ") + std::to_string(v);
  return text;
}

// 000.d's shape: map over range(3) with three workers, each task logging, sleeping 2 s and
// logging again. Its interleavings are too many for a unit test (hundreds of thousands without
// partial-order reduction), so it runs once, for the seed's timeline, and the exhaustive test
// maps two items on two workers.
void MapSquares() {
  ThreadPoolExecutor executor(3);
  const std::vector<int> squares = executor.map(
      [](int i) {
        log("Thread " + std::to_string(i) + ": starting");
        sleep(2);
        log("Thread " + std::to_string(i) + ": finishing");
        return i * i;
      },
      std::vector<int>{0, 1, 2});
  outcome("squares", Join(squares));
}

TEST(ExecutorTest, MapReturnsResultsInOrderWhateverOrderTasksComplete) {
  // Each task logs, then completes; the two workers may complete them in either order, and
  // map still returns the squares in item order. Without sleeps, both time modes explore the
  // same executions.
  const Result result = ExploreAll(
      [] {
        std::string completed;
        ThreadPoolExecutor executor(2);
        const std::vector<int> squares = executor.map(
            [&completed](int i) {
              log("task " + std::to_string(i));
              completed += std::to_string(i);  // Plain bookkeeping, in the log's step.
              return i * i;
            },
            std::vector<int>{2, 3});
        outcome("completed", completed);
        outcome("squares", Join(squares));
      },
      TimeMode::kAny);
  EXPECT_EQ(result.verdict, Verdict::kPass);
  EXPECT_TRUE(result.stats.exhaustive);
  EXPECT_THAT(result.outcomes, ElementsAre(Pair("completed=\"23\", squares=\"4 9\"", Gt(0)),
                                           Pair("completed=\"32\", squares=\"4 9\"", Gt(0))));
}

TEST(ExecutorTest, MapLogsLikeTheSeedOnTheVirtualClock) {
  // Three workers start at 0 s and finish at 2 s, as the seed printed; main's last line is at
  // 2 s too.
  const Trace trace = RunOnce(
      [] {
        log("Main    : before creating thread");
        MapSquares();
        log("Main    : all done");
      },
      TimeMode::kVirtual);
  std::vector<std::string> lines;
  for (const TraceEvent& event : trace.events) {
    if (event.kind == OpKind::kLog) {
      lines.push_back(std::to_string(event.time / 1'000'000) + "s " + event.value);
    }
  }
  EXPECT_THAT(lines, ElementsAre("0s Main    : before creating thread", "0s Thread 0: starting",
                                 "0s Thread 1: starting", "0s Thread 2: starting",
                                 "2s Thread 0: finishing", "2s Thread 1: finishing",
                                 "2s Thread 2: finishing", "2s Main    : all done"));
}

TEST(ExecutorTest, WorkersAreNamedAndCreatedLazily) {
  // max_workers=2, two tasks: the second submit starts "ThreadPoolExecutor-0_1" unless the
  // first worker has completed its task by then; either worker may take either task. A second
  // executor is "ThreadPoolExecutor-1". Names as seen by the threads that ran the tasks.
  const Result result = ExploreAll(
      [] {
        std::string first;
        {
          ThreadPoolExecutor executor(2);
          const std::vector<std::string> names =
              executor.map([](int) { return current_thread_name(); }, std::vector<int>{0, 1});
          first = names[0] + " " + names[1];
        }
        ThreadPoolExecutor executor(1);
        outcome("first", first);
        outcome("second", executor.submit([] { return current_thread_name(); }).result());
      },
      TimeMode::kAny);
  EXPECT_EQ(result.verdict, Verdict::kPass);
  const std::string second = ", second=\"ThreadPoolExecutor-1_0\"";
  EXPECT_THAT(
      result.outcomes,
      ElementsAre(Pair("first=\"ThreadPoolExecutor-0_0 ThreadPoolExecutor-0_0\"" + second, Gt(0)),
                  Pair("first=\"ThreadPoolExecutor-0_0 ThreadPoolExecutor-0_1\"" + second, Gt(0)),
                  Pair("first=\"ThreadPoolExecutor-0_1 ThreadPoolExecutor-0_0\"" + second, Gt(0)),
                  Pair("first=\"ThreadPoolExecutor-0_1 ThreadPoolExecutor-0_1\"" + second, Gt(0))));
}

TEST(ExecutorTest, AnIdleWorkerIsReusedInsteadOfStartingAnother) {
  // The first task has completed before the second submit. When its worker has also released
  // the idle semaphore by then, the submit takes it and starts no second worker, though
  // max_workers is 2; as in CPython, the worker releases it only after setting the future, so
  // main's result() may return and the second submit come first, and then start a worker.
  const Result result = ExploreAll(
      [] {
        ThreadPoolExecutor executor(2);
        executor.submit([] {}).result();
        executor.submit([] {}).result();
        outcome("threads", active_count());
      },
      TimeMode::kAny);
  EXPECT_THAT(result.outcomes, ElementsAre(Pair("threads=2", Gt(0)), Pair("threads=3", Gt(0))));
}

TEST(ExecutorTest, TheIdleSignalIsAStepOnTheIdleSemaphore) {
  // The newest thread first: worker 0 gets the first task, sets its future and releases the
  // idle semaphore (value 1) before main goes on; after the second submit's put it takes that
  // task too and releases again (value 2, CPython's count of completed tasks), and then the
  // submit's acquire takes one (value 1) and starts no worker. Each release happens before
  // the acquire that follows it.
  const Trace trace = RunOnce<HighestFirst>([] {
    ThreadPoolExecutor executor(2);
    executor.submit([] {}).result();
    executor.submit([] {});
  });
  const std::vector<const TraceEvent*> releases =
      EventsOn(trace, "ThreadPoolExecutor-0_idle_semaphore", OpKind::kRelease);
  const std::vector<const TraceEvent*> acquires =
      EventsOn(trace, "ThreadPoolExecutor-0_idle_semaphore", OpKind::kAcquire);
  ASSERT_THAT(releases, SizeIs(2));
  ASSERT_THAT(acquires, SizeIs(2));
  EXPECT_EQ(acquires[0]->value, "not acquired");  // The first submit starts worker 0.
  EXPECT_EQ(releases[0]->value, "value 1");
  EXPECT_EQ(releases[1]->value, "value 2");
  EXPECT_EQ(acquires[1]->value, "value 1");
  EXPECT_EQ(trace.threads[releases[0]->thread].name, "ThreadPoolExecutor-0_0");
  EXPECT_TRUE(HappensBefore(*releases[1], *acquires[1]));
  EXPECT_EQ(trace.threads.size(), 2u);  // MainThread and one worker.
}

// 000.e with the seed's executor: two submitted updates of a Shared, without or with the
// lock; main waits for both results (the seed's `with` block waits for them at shutdown, which
// interleaves the same updates with more executor steps). The seed's sleep(0.1) between read
// and write (`nap`) is only a yield in `any`, where it adds executions and no outcome, so the
// `any` test leaves it out. The unlocked ones are explored with dpor: dfs runs 30 s of them
// unoptimised (checker/dpor_test's oracle checks dpor against dfs on a smaller executor).
std::function<void()> LostUpdate(bool locked, bool nap) {
  return [locked, nap] {
    Shared<int> value("value", 0);
    Lock lock("_lock");
    auto update = [&] {
      if (locked) lock.acquire();
      int local_copy = value.read();
      local_copy += 1;
      if (nap) sleep(0.1);
      value.write(local_copy);
      if (locked) lock.release();
    };
    ThreadPoolExecutor executor(2);
    Future<void> first = executor.submit(update);
    Future<void> second = executor.submit(update);
    first.result();
    second.result();
    const int final_value = value.read();
    expect(final_value == 2, "value == 2");
    outcome("value", final_value);
  };
}

Result ExploreWithDpor(const std::function<void()>& body, TimeMode time) {
  DporStrategy dpor;
  return Explore("test", body, dpor, {.max_steps = kMaxSteps, .time = time});
}

TEST(ExecutorTest, UnlockedUpdatesCanLoseOneInAny) {
  const Result result = ExploreWithDpor(LostUpdate(false, false), TimeMode::kAny);
  EXPECT_EQ(result.verdict, Verdict::kBug);
  EXPECT_TRUE(result.HasFinding(FindingKind::kLostUpdate));
  EXPECT_TRUE(result.stats.exhaustive);
  EXPECT_THAT(result.outcomes, ElementsAre(Pair("value=1", Gt(0)), Pair("value=2", Gt(0))));
}

TEST(ExecutorTest, UnlockedUpdatesLoseOneInEveryVirtualInterleaving) {
  const Result result = ExploreWithDpor(LostUpdate(false, true), TimeMode::kVirtual);
  EXPECT_EQ(result.verdict, Verdict::kBug);
  EXPECT_TRUE(result.HasFinding(FindingKind::kLostUpdate));
  EXPECT_TRUE(result.stats.exhaustive);
  EXPECT_THAT(result.outcomes, ElementsAre(Pair("value=1", result.stats.executions)));
}

TEST(ExecutorTest, LockedUpdatesPass) {
  const Result result = ExploreAll(LostUpdate(true, true), TimeMode::kVirtual);
  EXPECT_EQ(result.verdict, Verdict::kPass);
  EXPECT_TRUE(result.stats.exhaustive);
  EXPECT_THAT(result.outcomes, ElementsAre(Pair("value=2", result.stats.executions)));
}

TEST(ExecutorTest, ResultRethrowsTheTasksException) {
  const Result result = ExploreAll(
      [] {
        ThreadPoolExecutor executor(1);
        Future<int> future = executor.submit([]() -> int { throw std::runtime_error("boom"); });
        try {
          future.result();
          outcome("result", "returned");
        } catch (const std::runtime_error& e) {
          outcome("result", std::string("raised ") + e.what());
        }
        outcome("exception", ExceptionText(future.exception()));
      },
      TimeMode::kAny);
  EXPECT_EQ(result.verdict, Verdict::kPass);
  // The worker's release of the idle semaphore after the set comes before main's result(),
  // before its exception(), before its shutdown or after it.
  EXPECT_THAT(result.outcomes, ElementsAre(Pair("result=\"raised boom\", exception=\"boom\"", 4)));
}

TEST(ExecutorTest, UncaughtRethrownExceptionIsAFinding) {
  // result() rethrows in main, which does not catch it: the program dies, as in Python.
  const Result result = ExploreAll(
      [] {
        ThreadPoolExecutor executor(1);
        executor.submit([]() -> int { throw std::runtime_error("boom"); }).result();
      },
      TimeMode::kAny);
  EXPECT_EQ(result.verdict, Verdict::kBug) << result.error;
  ASSERT_FALSE(result.findings.empty());
  EXPECT_EQ(result.findings[0].kind, FindingKind::kUncaughtException);
  EXPECT_THAT(result.findings[0].summary,
              HasSubstr("MainThread ended by an uncaught exception: std::runtime_error: boom"));
}

TEST(ExecutorTest, ExceptionIsNullWhenTheTaskReturned) {
  const Result result = ExploreAll(
      [] {
        ThreadPoolExecutor executor(1);
        Future<void> future = executor.submit([] {});
        outcome("exception is null", future.exception() == nullptr);
      },
      TimeMode::kAny);
  // The worker's release of the idle semaphore comes before main's exception(), before its
  // shutdown or after it.
  EXPECT_THAT(result.outcomes, ElementsAre(Pair("exception is null=true", 3)));
}

// Main polls done() once, then waits for the result: the task is done or not at the poll, and
// the result is there either way.
TEST(ExecutorTest, DoneIsAVisibleRead) {
  const Result result = ExploreAll(
      [] {
        ThreadPoolExecutor executor(1);
        Future<int> future = executor.submit([] { return 7; });
        outcome("done", future.done());
        outcome("result", future.result());
      },
      TimeMode::kAny);
  // submit starts the worker, which waits to get the task; main's done() comes before the
  // get, between the get and the set, or after the set. After the set the worker releases the
  // idle semaphore, anywhere among main's steps up to its shutdown: main's done(), result()
  // and shutdown merged with the worker's get, set and release, the result() after the set,
  // are 10 interleavings (half of the 20 merges); done() is true in the 4 where it follows
  // the set (main's three steps merged with the release after it).
  EXPECT_EQ(result.stats.executions, 10);
  EXPECT_THAT(result.outcomes,
              ElementsAre(Pair("done=false, result=7", 6), Pair("done=true, result=7", 4)));
}

TEST(ExecutorTest, ShutdownWaitsForEveryTask) {
  // One worker, two tasks: shutdown() waits for the running task and for the queued one.
  for (TimeMode time : kBothModes) {
    const Result result = ExploreAll(
        [] {
          Shared<bool> a("a", false);
          Shared<bool> b("b", false);
          ThreadPoolExecutor executor(1);
          executor.submit([&a] {
            sleep(1);
            a.write(true);
          });
          executor.submit([&b] {
            sleep(1);
            b.write(true);
          });
          executor.shutdown();
          outcome("a", a.read());
          outcome("b", b.read());
        },
        time);
    EXPECT_EQ(result.verdict, Verdict::kPass) << TimeModeName(time);
    EXPECT_TRUE(result.stats.exhaustive);
    EXPECT_THAT(result.outcomes, ElementsAre(Pair("a=true, b=true", result.stats.executions)))
        << TimeModeName(time);
  }
}

TEST(ExecutorTest, ScopeExitWaitsForTheTasks) {
  const Result result = ExploreAll(
      [] {
        outcome("ran", false);
        ThreadPoolExecutor executor(1);
        executor.submit([] {
          sleep(1);
          outcome("ran", true);
        });
      },
      TimeMode::kVirtual);
  EXPECT_EQ(result.verdict, Verdict::kPass);
  // At 0 s the worker's get comes before or after the destructor's shutdown put.
  EXPECT_EQ(result.stats.executions, 2);
  EXPECT_THAT(result.outcomes, ElementsAre(Pair("ran=true", 2)));
}

TEST(ExecutorTest, ShutdownWithoutWaitReturnsAtOnce) {
  // On the virtual clock main reads at 0 s, before the 1 s task is done; the executor's scope
  // exit still waits for it.
  const Result result = ExploreAll(
      [] {
        Shared<bool> ran("ran", false);
        ThreadPoolExecutor executor(1);
        executor.submit([&ran] {
          sleep(1);
          ran.write(true);
        });
        executor.shutdown(/*wait=*/false);
        outcome("ran at shutdown", ran.read());
      },
      TimeMode::kVirtual);
  // At 0 s the worker's get comes before main's shutdown put, before its read, or after it.
  EXPECT_EQ(result.stats.executions, 3);
  EXPECT_THAT(result.outcomes, ElementsAre(Pair("ran at shutdown=false", 3)));
}

TEST(ExecutorTest, SwallowedExceptionsAreVisibleInTheTrace) {
  auto program = [](bool retrieve) {
    return [retrieve] {
      ThreadPoolExecutor executor(1);
      Future<void> failed = executor.submit([] { throw std::runtime_error("lost"); });
      Future<int> fine = executor.submit([] { return 1; });
      fine.result();
      outcome("done", failed.done());
      if (retrieve) failed.exception();
    };
  };
  const Trace swallowed = RunOnce(program(false));
  EXPECT_EQ(swallowed.end, EndReason::kFinished);
  const std::vector<int> steps = SwallowedExceptions(swallowed);
  ASSERT_THAT(steps, SizeIs(1));
  const TraceEvent& set = swallowed.events[steps[0] - 1];
  EXPECT_EQ(swallowed.Describe(set), "set future-0 raised lost");
  EXPECT_EQ(swallowed.threads[set.thread].name, "ThreadPoolExecutor-0_0");

  const Trace retrieved = RunOnce(program(true));
  EXPECT_THAT(SwallowedExceptions(retrieved), IsEmpty());
}

TEST(ExecutorTest, TraceOfOneTask) {
  const Trace trace = RunOnce([] {
    ThreadPoolExecutor executor(1);
    outcome("r", executor.submit([] { return 4; }).result());
  });
  std::vector<std::string> ops;
  for (const TraceEvent& event : trace.events) {
    ops.push_back(trace.threads[event.thread].name + ": " + trace.Describe(event));
  }
  EXPECT_THAT(
      ops,
      ElementsAre("MainThread: put ThreadPoolExecutor-0 future-0",
                  "MainThread: acquire ThreadPoolExecutor-0_idle_semaphore not acquired",
                  "MainThread: start ThreadPoolExecutor-0_0",
                  "ThreadPoolExecutor-0_0: get ThreadPoolExecutor-0 future-0",
                  "ThreadPoolExecutor-0_0: set future-0 returned 4",
                  "MainThread: wait future-0 result() = 4",
                  "MainThread: put ThreadPoolExecutor-0 None (shutdown)",
                  "ThreadPoolExecutor-0_0: release ThreadPoolExecutor-0_idle_semaphore value 1",
                  "ThreadPoolExecutor-0_0: get ThreadPoolExecutor-0 None (shut down)",
                  "MainThread: join ThreadPoolExecutor-0_0"));
}

TEST(ExecutorTest, WaitingForATaskThatWaitsForMeDeadlocks) {
  // Main holds the lock and waits for the task's result; the task waits for the lock. The
  // future's owner is the worker running the task, so the report closes the cycle.
  const Result result = ExploreAll(
      [] {
        Lock lock("lock");
        ThreadPoolExecutor executor(1);
        lock.acquire();
        Future<void> future = executor.submit([&lock] { lock.acquire(); });
        future.result();
        lock.release();
      },
      TimeMode::kAny);
  EXPECT_EQ(result.verdict, Verdict::kBug);
  ASSERT_TRUE(result.HasFinding(FindingKind::kDeadlock));
  EXPECT_THAT(result.findings[0].details,
              Contains("Cycle: MainThread -> ThreadPoolExecutor-0_0 -> MainThread."));
}

TEST(ExecutorTest, SubmitAfterShutdownIsAnError) {
  const Result result = ExploreAll(
      [] {
        ThreadPoolExecutor executor(1);
        executor.shutdown();
        executor.submit([] {});
      },
      TimeMode::kAny);
  EXPECT_EQ(result.verdict, Verdict::kError);
  EXPECT_THAT(result.error, HasSubstr("cannot schedule new futures after shutdown"));
}

TEST(ExecutorTest, EmptyFutureIsAnError) {
  const Result result = ExploreAll(
      [] {
        Future<int> future;
        future.result();
      },
      TimeMode::kAny);
  EXPECT_EQ(result.verdict, Verdict::kError);
  EXPECT_THAT(result.error, HasSubstr("Future::result on an empty Future"));
}

TEST(ExecutorTest, NoWorkersIsAnError) {
  const Result result = ExploreAll([] { ThreadPoolExecutor executor(0); }, TimeMode::kAny);
  EXPECT_EQ(result.verdict, Verdict::kError);
  EXPECT_THAT(result.error, HasSubstr("max_workers must be greater than 0"));
}

TEST(ExecutorTest, ModelErrorInATaskIsAnErrorNotAStoredException) {
  const Result result = ExploreAll(
      [] {
        ThreadPoolExecutor executor(1);
        executor.submit([] { choose(1, 0); }).exception();
      },
      TimeMode::kAny);
  EXPECT_EQ(result.verdict, Verdict::kError);
  EXPECT_THAT(result.error, HasSubstr("choose(1, 0)"));
}

TEST(ExecutorTest, LockMisuseInATaskIsAFindingNotAStoredException) {
  const Result result = ExploreAll(
      [] {
        ThreadPoolExecutor executor(1);
        Lock lock("lock");
        executor.submit([&lock] { lock.release(); }).exception();
      },
      TimeMode::kAny);
  EXPECT_EQ(result.verdict, Verdict::kBug);
  EXPECT_TRUE(result.HasFinding(FindingKind::kLockMisuse));
  EXPECT_FALSE(result.Found(FindingKind::kSwallowedException));
}

}  // namespace
}  // namespace interleave::testing
