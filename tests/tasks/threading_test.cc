// The threading module's thread queries (model/threading.h): current and main thread names,
// enumerate() and active_count() as visible reads, in both time modes.
#include "model/threading.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <functional>
#include <string>
#include <vector>

#include "model/model.h"
#include "model/timer.h"
#include "tests/testing/explore.h"

namespace interleave::testing {
namespace {

std::string Names(const std::vector<std::string>& names) {
  std::string text;
  for (const std::string& name : names) text += (text.empty() ? "" : " ") + name;
  return text;
}

TEST(ThreadingTest, CurrentAndMainThreadNames) {
  const Result result = ExploreAll(
      [] {
        std::string seen;
        Thread t([&seen] { seen = current_thread_name() + "/" + main_thread_name(); }, "worker");
        t.start();
        t.join();
        outcome("main", current_thread_name());
        outcome("worker", seen);
      },
      TimeMode::kAny);
  EXPECT_THAT(result.outcomes,
              ElementsAre(Pair("main=\"MainThread\", worker=\"worker/MainThread\"", 1)));
}

// Main enumerates while a worker that takes one step may or may not have ended.
void EnumerateRacingAWorker() {
  Thread worker([] { log("working"); }, "worker");
  outcome("before start", Names(enumerate_threads()));
  worker.start();
  outcome("while running", Names(enumerate_threads()));
  outcome("count", active_count());
  worker.join();
  outcome("after join", Names(enumerate_threads()));
}

TEST(ThreadingTest, AnyEnumerateSeesTheWorkerAliveOrEnded) {
  // The worker's one step comes before main's enumerate, between it and active_count, or after:
  // three executions.
  const Result result = ExploreAll(EnumerateRacingAWorker, TimeMode::kAny);
  EXPECT_EQ(result.verdict, Verdict::kPass);
  EXPECT_EQ(result.stats.executions, 3);
  EXPECT_THAT(result.outcomes,
              ElementsAre(Pair("before start=\"MainThread\", while running=\"MainThread worker\", "
                               "count=1, after join=\"MainThread\"",
                               1),
                          Pair("before start=\"MainThread\", while running=\"MainThread worker\", "
                               "count=2, after join=\"MainThread\"",
                               1),
                          Pair("before start=\"MainThread\", while running=\"MainThread\", "
                               "count=1, after join=\"MainThread\"",
                               1)));
}

TEST(ThreadingTest, VirtualEnumerateSeesASleeperAlive) {
  // A worker asleep for 1 s is alive at 0 s in every interleaving; a timer's thread is listed
  // under its name until it fires.
  const Result result = ExploreAll(
      [] {
        Thread sleeper([] { sleep(1); }, "sleeper");
        Timer timer(
            0.5, [] {}, "timer");
        sleeper.start();
        timer.start();
        outcome("at 0s", Names(enumerate_threads()));
        sleep(0.7);
        outcome("at 0.7s", Names(enumerate_threads()));
        sleep(0.5);
        outcome("at 1.2s", active_count());
      },
      TimeMode::kVirtual);
  EXPECT_EQ(result.verdict, Verdict::kPass);
  EXPECT_THAT(result.outcomes,
              ElementsAre(Pair("at 0s=\"MainThread sleeper timer\", at 0.7s=\"MainThread "
                               "sleeper\", at 1.2s=1",
                               result.stats.executions)));
}

TEST(ThreadingTest, EnumerateIsARecordedRead) {
  const Trace trace = RunOnce([] {
    Thread worker([] { sleep(1); }, "worker");
    worker.start();
    enumerate_threads();
    active_count();
  });
  ASSERT_GE(trace.events.size(), 3u);
  EXPECT_EQ(trace.Describe(trace.events[1]), "read MainThread = enumerate() [MainThread, worker]");
  EXPECT_EQ(trace.Describe(trace.events[2]), "read MainThread = active_count() 2");
}

TEST(ThreadingTest, OutsideAnExecutionIsAnError) {
  EXPECT_THROW(current_thread_name(), ModelError);
  EXPECT_THROW(enumerate_threads(), ModelError);
}

}  // namespace
}  // namespace interleave::testing
