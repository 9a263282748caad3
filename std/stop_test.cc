// Stop tokens with condition_variable_any's interruptible waits (wait, wait_for, wait_until
// with a stop_token), and stop_callback's destructor, as std defines them:
// - an interruptible wait ends when a stop is requested, and returns the predicate's value;
//   request_stop wakes it (a stop_callback that notifies every waiter), under an internal
//   mutex the waiter holds from its look at the token until it has joined the waiters, so a
//   stop between the two is never lost;
// - a stop_callback destroyed before request_stop runs it never runs; one destroyed while
//   request_stop runs it in another thread waits in its destructor until it has returned.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <chrono>

#include "checker/dfs.h"
#include "checker/explorer.h"
#include "model/api.h"
#include "std/sync.h"
#include "std/testing.h"

namespace interleave {
namespace {

using sync_testing::Check;
using sync_testing::Explain;
using ::testing::ElementsAre;
using ::testing::Pair;

// A worker waits for an item that never comes; the jthread's destructor requests the stop.
TEST(StopTest, InterruptibleWaitEndsAtAStop) {
  for (TimeMode time : {TimeMode::kAny, TimeMode::kVirtual}) {
    const Result result = Check("stop_test",
                                [] {
                                  sync::mutex m;
                                  sync::condition_variable_any cv;
                                  bool ready = false;
                                  sync::jthread worker([&](sync::stop_token token) {
                                    sync::unique_lock lock(m);
                                    outcome("got", cv.wait(lock, token, [&] { return ready; }));
                                  });
                                },
                                {.time = time});
    EXPECT_EQ(result.verdict, Verdict::kPass) << Explain(result);
    EXPECT_TRUE(result.stats.exhaustive);
    EXPECT_THAT(result.outcomes, ElementsAre(Pair("got=false", result.stats.executions)));
  }
}

// Nobody requests the stop and nobody notifies: the waiter waits forever.
TEST(StopTest, InterruptibleWaitThatNobodyStopsIsADeadlock) {
  const Result result = Check("stop_test", [] {
    sync::mutex m;
    sync::condition_variable_any cv;
    bool ready = false;
    sync::stop_source source;
    sync::thread worker([&, token = source.get_token()] {
      sync::unique_lock lock(m);
      cv.wait(lock, token, [&] { return ready; });
    });
    worker.join();
  });
  EXPECT_EQ(result.verdict, Verdict::kBug) << Explain(result);
  EXPECT_TRUE(result.Found(FindingKind::kDeadlock)) << Explain(result);
}

// An item and a stop race: the wait returns the predicate's value, true whenever the item
// came first, false only when the stop came before it.
void ItemOrStop() {
  sync::mutex m;
  sync::condition_variable_any cv;
  bool ready = false;
  sync::stop_source source;
  sync::thread worker([&, token = source.get_token()] {
    sync::unique_lock lock(m);
    const bool got = cv.wait(lock, token, [&] { return ready; });
    expect(got == ready, "the wait returns the predicate");
    outcome("got", got);
  });
  sync::thread producer([&] {
    {
      sync::lock_guard guard(m);
      ready = true;
    }
    cv.notify_one();
  });
  source.request_stop();
  worker.join();
  producer.join();
}

TEST(StopTest, InterruptibleWaitReturnsThePredicate) {
  const Result result = Check("stop_test", ItemOrStop);
  EXPECT_EQ(result.verdict, Verdict::kPass) << Explain(result);
  EXPECT_THAT(result.outcomes,
              ElementsAre(Pair("got=false", ::testing::Gt(0)), Pair("got=true", ::testing::Gt(0))));
}

// The timed form ends at the stop, or on the virtual clock at its timeout when nobody stops it.
TEST(StopTest, TimedInterruptibleWaitEndsAtAStopOrATimeout) {
  for (bool stop : {true, false}) {
    const Result result = Check("stop_test",
                                [stop] {
                                  sync::mutex m;
                                  sync::condition_variable_any cv;
                                  bool ready = false;
                                  sync::stop_source source;
                                  sync::thread worker([&, token = source.get_token()] {
                                    sync::unique_lock lock(m);
                                    outcome("got", cv.wait_for(lock, token, std::chrono::seconds(1),
                                                               [&] { return ready; }));
                                  });
                                  if (stop) source.request_stop();
                                  worker.join();
                                },
                                {.time = TimeMode::kVirtual});
    EXPECT_EQ(result.verdict, Verdict::kPass) << stop << Explain(result);
    EXPECT_TRUE(result.stats.exhaustive) << stop;
    EXPECT_THAT(result.outcomes, ElementsAre(Pair("got=false", result.stats.executions))) << stop;
  }
}

// request_stop runs a registered callback; one whose stop_callback is destroyed first never
// runs; and a destructor that meets its callback running in another thread waits until it
// has returned (else it would free the callback under the running thread: the flag shows it).
void CallbackAndStop() {
  sync::mutex m;
  sync::atomic<int> inside{0};
  sync::atomic<int> ran{0};
  sync::stop_source source;
  sync::thread worker([&, token = source.get_token()] {
    {
      sync::stop_callback callback(token, [&] {
        inside = 1;
        {
          sync::lock_guard guard(m);
          ran++;
        }
        inside = 0;
      });
    }
    expect(inside.load() == 0, "the callback has returned");
  });
  source.request_stop();
  worker.join();
  outcome("ran", ran.load());
}

TEST(StopTest, StopCallbackDestructorWaitsForItsRunningCallback) {
  const Result result = Check("stop_test", CallbackAndStop);
  EXPECT_EQ(result.verdict, Verdict::kPass) << Explain(result);
  EXPECT_THAT(result.outcomes,
              ElementsAre(Pair("ran=0", ::testing::Gt(0)), Pair("ran=1", ::testing::Gt(0))));
}

// A callback that request_stop ran and that returned before its stop_callback's destructor (in
// another thread) deregisters it: its effects still happen before the destructor returns, as in
// libstdc++, libc++ and MSVC (the destructor acquires the callback's completion). Before, the
// destructor synchronized only with a callback it found running, and RC11 let the worker read
// `ran` as 0 after the callback had run (dfs: a third outcome; dpor missed it: the destructor
// decided in the tail of its step before whether to wait, which dpor ordered one way only).
void CallbackUnrelatedStepAndStop() {
  sync::atomic<int> ran{0};
  sync::atomic<int> unrelated{0};
  sync::stop_source source;
  sync::thread worker([&, token = source.get_token()] {
    {
      sync::stop_callback callback(token, [&] { ran++; });
      unrelated.store(1, std::memory_order_relaxed);
    }
    outcome("ran_seen_by_worker", ran.load());
  });
  source.request_stop();
  worker.join();
  outcome("ran", ran.load());
}

TEST(StopTest, CallbackThatReturnedHappensBeforeTheDestructor) {
  DfsStrategy dfs;
  const Result every =
      Explore("callback returned", CallbackUnrelatedStepAndStop, dfs, {.stall_seconds = 0});
  EXPECT_EQ(every.verdict, Verdict::kPass) << Explain(every);
  EXPECT_THAT(every.outcomes, ElementsAre(Pair("ran_seen_by_worker=0, ran=0", ::testing::Gt(0)),
                                          Pair("ran_seen_by_worker=1, ran=1", ::testing::Gt(0))));
}

// request_stop takes its callbacks one at a time, the next when the last has returned: a
// destructor in another thread races with that take too (the second callback runs or not),
// not only with the request's first step.
void TwoCallbacksAndStop() {
  sync::atomic<int> first{0};
  sync::atomic<int> second{0};
  sync::stop_source source;
  sync::stop_callback mine(source.get_token(), [&] { first.store(1); });
  sync::thread worker(
      [&, token = source.get_token()] { sync::stop_callback callback(token, [&] { second++; }); });
  source.request_stop();
  worker.join();
  outcome("first", first.load());
  outcome("second", second.load());
}

// dpor's reduction keeps every outcome of these programs (the stop state's steps carry their
// dependences: a deregistration that comes before request_stop, a callback that returns).
TEST(StopTest, DporAgreesWithDfs) {
  sync_testing::ExpectDporAgreesWithDfs("item or stop", ItemOrStop);
  sync_testing::ExpectDporAgreesWithDfs("callback and stop", CallbackAndStop);
  sync_testing::ExpectDporAgreesWithDfs("callback, unrelated step and stop",
                                        CallbackUnrelatedStepAndStop);
  sync_testing::ExpectDporAgreesWithDfs("two callbacks and stop", TwoCallbacksAndStop);
}

}  // namespace
}  // namespace interleave
