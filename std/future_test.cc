// promise, future, shared_future, packaged_task and async, checked as a user would: small
// programs explored exhaustively by dpor.
#include "std/future.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <chrono>
#include <memory>
#include <set>
#include <stdexcept>
#include <string>
#include <utility>

#include "checker/dfs.h"
#include "checker/dpor.h"
#include "checker/explorer.h"
#include "model/model.h"
#include "std/testing.h"
#include "std/thread.h"

namespace interleave::sync {
namespace {

using sync_testing::Check;
using sync_testing::Explain;

using ::testing::HasSubstr;
using ::testing::Pair;
using ::testing::UnorderedElementsAre;

// A worker sets a promise; main gets the value: PASS, and the worker's write is visible.
void PromiseAndFuture() {
  Shared<int> side("side", 0);
  promise<int> answer;
  future<int> result = answer.get_future();
  thread worker([&] {
    side.write(1);
    answer.set_value(42);
  });
  expect(result.get() == 42, "the value set");
  expect(side.read() == 1, "the set happens before the get");
  expect(!result.valid(), "get releases the state");
  worker.join();
}

TEST(FutureTest, APromiseSetByAnotherThreadPasses) {
  const Result result = Check("promise_and_future", PromiseAndFuture);
  EXPECT_EQ(result.verdict, Verdict::kPass) << Explain(result);
  EXPECT_TRUE(result.stats.exhaustive);
}

// A promise that nobody sets (and that lives on): the get blocks for ever.
void NeverSet() {
  promise<void> done;
  future<void> waiting = done.get_future();
  thread worker([] {});
  waiting.get();
  worker.join();
}

TEST(FutureTest, APromiseNeverSetDeadlocks) {
  const Result result = Check("never_set", NeverSet);
  EXPECT_EQ(result.verdict, Verdict::kBug);
  EXPECT_TRUE(result.HasFinding(FindingKind::kDeadlock)) << Explain(result);
}

// A worker that may return without setting its promise: the waiter gets broken_promise.
void MaybeBroken() {
  promise<int> answer;
  future<int> result = answer.get_future();
  thread worker([&answer] {
    promise<int> mine = std::move(answer);
    if (choose(0, 1) == 1) mine.set_value(7);
  });
  try {
    outcome("got", result.get());
  } catch (const future_error& e) {
    outcome("got", e.code() == future_errc::broken_promise ? "broken_promise" : "other");
  }
  worker.join();
}

TEST(FutureTest, ADestroyedPromiseDeliversBrokenPromise) {
  const Result result = Check("maybe_broken", MaybeBroken);
  EXPECT_EQ(result.verdict, Verdict::kPass) << Explain(result);
  EXPECT_THAT(result.outcomes, UnorderedElementsAre(Pair("got=\"broken_promise\"", ::testing::_),
                                                    Pair("got=7", ::testing::_)));
}

// A promise moved into the thread's callable is destroyed when the thread ends, as with
// std::thread: unset, it delivers broken_promise to the waiter.
void PromiseCapturedByTheCallable() {
  promise<int> answer;
  future<int> result = answer.get_future();
  thread worker([mine = std::move(answer)]() mutable {
    if (choose(0, 1) == 1) mine.set_value(7);
  });
  try {
    outcome("got", result.get());
  } catch (const future_error& e) {
    outcome("got", e.code() == future_errc::broken_promise ? "broken_promise" : "other");
  }
  worker.join();
}

TEST(FutureTest, APromiseCapturedByTheCallableBreaksWhenTheThreadEnds) {
  const Result result = Check("promise_captured", PromiseCapturedByTheCallable);
  EXPECT_EQ(result.verdict, Verdict::kPass) << Explain(result);
  EXPECT_THAT(result.outcomes, UnorderedElementsAre(Pair("got=\"broken_promise\"", ::testing::_),
                                                    Pair("got=7", ::testing::_)));
}

// The std errors: a second set, a second get_future, a get on an invalid future.
TEST(FutureTest, StdErrors) {
  const Result result = Check("errors", [] {
    auto code_of = [](auto&& action) {
      try {
        action();
      } catch (const future_error& e) {
        return e.code();
      }
      return std::error_code();
    };
    promise<int> p;
    future<int> f = p.get_future();
    expect(code_of([&] { (void)p.get_future(); }) == future_errc::future_already_retrieved,
           "second get_future");
    p.set_value(1);
    expect(code_of([&] { p.set_value(2); }) == future_errc::promise_already_satisfied,
           "second set_value");
    expect(f.wait_for(std::chrono::seconds(0)) == future_status::ready, "ready");
    expect(f.get() == 1, "first value");
    expect(code_of([&] { (void)f.get(); }) == future_errc::no_state, "get on an invalid future");
    promise<int> moved = std::move(p);
    expect(code_of([&] { p.set_value(3); }) == future_errc::no_state, "moved-from promise");
  });
  EXPECT_EQ(result.verdict, Verdict::kPass) << Explain(result);
}

// An exception set and never retrieved: SWALLOWED EXCEPTION; retrieved: rethrown by get().
void ExceptionThroughAPromise() {
  promise<int> p;
  future<int> f = p.get_future();
  thread worker([&p] { p.set_exception(std::make_exception_ptr(std::runtime_error("boom"))); });
  try {
    f.get();
    expect(false, "get rethrows");
  } catch (const std::runtime_error& e) {
    expect(std::string(e.what()) == "boom", "the stored exception");
  }
  worker.join();
}

TEST(FutureTest, GetRethrowsTheStoredException) {
  const Result result = Check("exception_through_a_promise", ExceptionThroughAPromise);
  EXPECT_EQ(result.verdict, Verdict::kPass) << Explain(result);
}

void ExceptionNeverRetrieved() {
  promise<int> p;
  future<int> f = p.get_future();
  p.set_exception(std::make_exception_ptr(std::runtime_error("lost")));
}

TEST(FutureTest, AnExceptionNobodyGetsIsSwallowed) {
  const Result result = Check("exception_never_retrieved", ExceptionNeverRetrieved);
  EXPECT_EQ(result.verdict, Verdict::kBug);
  EXPECT_TRUE(result.HasFinding(FindingKind::kSwallowedException)) << Explain(result);
}

// shared_future: two threads wait for one value.
void SharedFuture() {
  promise<std::string> p;
  shared_future<std::string> ready = p.get_future().share();
  auto waiter = [ready] { expect(ready.get() == "go", "both see it"); };
  thread a(waiter);
  thread b(waiter);
  p.set_value("go");
  a.join();
  b.join();
}

TEST(FutureTest, ASharedFutureServesEveryWaiter) {
  const Result result = Check("shared_future", SharedFuture);
  EXPECT_EQ(result.verdict, Verdict::kPass) << Explain(result);
}

// A timed wait may time out or see the value (time mode any).
void TimedWait() {
  promise<int> p;
  future<int> f = p.get_future();
  thread worker([&p] { p.set_value(1); });
  const future_status status = f.wait_for(std::chrono::milliseconds(10));
  outcome("status", status == future_status::ready ? "ready" : "timeout");
  worker.join();
}

TEST(FutureTest, ATimedWaitMayTimeOut) {
  const Result result = Check("timed_wait", TimedWait);
  EXPECT_EQ(result.verdict, Verdict::kPass) << Explain(result);
  EXPECT_THAT(result.outcomes, UnorderedElementsAre(Pair("status=\"ready\"", ::testing::_),
                                                    Pair("status=\"timeout\"", ::testing::_)));
}

// packaged_task: run on a thread, its future gets the result; one never run breaks.
void PackagedTask() {
  packaged_task<int(int, int)> add([](int a, int b) { return a + b; });
  future<int> sum = add.get_future();
  thread worker([&add] { add(2, 3); });
  expect(sum.get() == 5, "the task's result");
  worker.join();
  packaged_task<void()> never([] {});
  future<void> unrun = never.get_future();
  { packaged_task<void()> gone = std::move(never); }
  bool broken = false;
  try {
    unrun.get();
  } catch (const future_error& e) {
    broken = e.code() == future_errc::broken_promise;
  }
  expect(broken, "a task destroyed unrun breaks its promise");
}

TEST(FutureTest, PackagedTask) {
  const Result result = Check("packaged_task", PackagedTask);
  EXPECT_EQ(result.verdict, Verdict::kPass) << Explain(result);
}

// async: launch::async runs on a new thread; launch::deferred in get().
void Async() {
  Shared<int> x("x", 0);
  future<int> computed = async(
      launch::async, [&x](int base) { return base + x.read(); }, 10);
  x.write(1);  // Races with the task's read.
  outcome("async", computed.get());
  future<int> lazy = async(launch::deferred, [] { return 5; });
  expect(lazy.wait_for(std::chrono::seconds(1)) == future_status::deferred, "deferred");
  expect(lazy.get() == 5, "run by get");
}

TEST(FutureTest, AsyncRunsOnAThreadAndRaces) {
  const Result result = Check("async", Async);
  EXPECT_EQ(result.verdict, Verdict::kBug);
  EXPECT_TRUE(result.Found(FindingKind::kDataRace)) << Explain(result);
  EXPECT_THAT(result.outcomes,
              UnorderedElementsAre(Pair("async=10", ::testing::_), Pair("async=11", ::testing::_)));
  // The task's thread starts, and is joined, at the line of the async call.
  ASSERT_TRUE(result.counterexample.has_value());
  int starts = 0;
  for (const TraceEvent& event : result.counterexample->events) {
    if (event.kind != OpKind::kStart && event.kind != OpKind::kJoin) continue;
    ++starts;
    EXPECT_THAT(event.where.ToString(), HasSubstr("future_test.cc")) << event.where.ToString();
  }
  EXPECT_EQ(starts, 2);
}

// The future of async blocks in its destructor: a discarded one runs its task to the end first.
void AsyncDiscarded() {
  Shared<int> x("x", 0);
  (void)async([&x] { x.write(1); });
  expect(x.read() == 1, "the task finished before the next statement");
}

TEST(FutureTest, ADiscardedAsyncFutureJoins) {
  const Result result = Check("async_discarded", AsyncDiscarded);
  EXPECT_EQ(result.verdict, Verdict::kPass) << Explain(result);
}

// promise<T&> hands over a reference; shared_future<void> only a signal.
void ReferencesAndVoid() {
  int target = 0;
  promise<int&> where;
  future<int&> found = where.get_future();
  promise<void> go;
  shared_future<void> started = go.get_future();
  thread worker([&] {
    started.wait();
    where.set_value(target);
  });
  go.set_value();
  found.get() = 9;
  worker.join();
  expect(target == 9, "the reference set is the one got");
}

TEST(FutureTest, ReferencesAndVoid) {
  const Result result = Check("references_and_void", ReferencesAndVoid);
  EXPECT_EQ(result.verdict, Verdict::kPass) << Explain(result);
}

// An async task that throws: get() rethrows it.
void AsyncThrows() {
  future<void> failing = async(launch::async, [] { throw std::runtime_error("task failed"); });
  try {
    failing.get();
    expect(false, "get rethrows");
  } catch (const std::runtime_error& e) {
    expect(std::string(e.what()) == "task failed", "the task's exception");
  }
}

TEST(FutureTest, AsyncExceptionsReachGet) {
  const Result result = Check("async_throws", AsyncThrows);
  EXPECT_EQ(result.verdict, Verdict::kPass) << Explain(result);
}

// An async task that waits for what main only gives after get(): a deadlock, whose report
// names the task's thread as the one that would set the future.
void AsyncWaitsForMain() {
  promise<int> input;
  future<int> given = input.get_future();
  future<int> doubled = async(launch::async, [&given] { return 2 * given.get(); });
  outcome("doubled", doubled.get());
  input.set_value(1);
}

TEST(FutureTest, AnAsyncTaskWaitingForItsCallerDeadlocks) {
  const Result result = Check("async_waits_for_main", AsyncWaitsForMain);
  EXPECT_EQ(result.verdict, Verdict::kBug);
  ASSERT_TRUE(result.HasFinding(FindingKind::kDeadlock)) << Explain(result);
  std::string details;
  for (const Finding& finding : result.findings) {
    for (const std::string& line : finding.details) details += line + "\n";
  }
  EXPECT_THAT(details, HasSubstr("only Thread-1 finishing could release it")) << details;
}

// dpor finds what dfs's every-interleaving search finds.
TEST(FutureTest, DporAgreesWithDfs) {
  for (auto [name, body] :
       {std::pair{"promise_and_future", &PromiseAndFuture}, std::pair{"maybe_broken", &MaybeBroken},
        std::pair{"shared_future", &SharedFuture}, std::pair{"async", &Async},
        std::pair{"async_waits_for_main", &AsyncWaitsForMain}}) {
    sync_testing::ExpectDporAgreesWithDfs(name, body);
  }
}

}  // namespace
}  // namespace interleave::sync
