// The fail-closed suite: a PASS is a proof, so a scenario that breaks the model's rules, or
// depends on something outside it, must end in ERROR (or INCOMPLETE, for a bound), with its
// reason, never in PASS, never in a dead process; a program that fails by itself (a crash, a
// failed assert, an uncaught exception) is a BUG with that finding, never a dead process
// either. Each case runs 20 times under dpor, dfs and dpor on two OS threads: the detection
// of nondeterminism samples, so once is not enough.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

// The asserts under test, whatever the build's NDEBUG says.
#undef NDEBUG
#include <cassert>
#include <chrono>
#include <condition_variable>
#include <cstdlib>
#include <functional>
#include <memory>
#include <mutex>
#include <random>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "checker/dfs.h"
#include "checker/dpor.h"
#include "checker/explorer.h"
#include "checker/result.h"
#include "checker/verdict.h"
#include "model/model.h"

namespace interleave {
namespace {

using ::testing::AnyOf;
using ::testing::HasSubstr;

constexpr int kRuns = 20;

// The three ways a search runs: dpor on one OS thread, dfs, and dpor on two.
enum class How { kDpor, kDfs, kDporTwoThreads };

std::string HowName(const ::testing::TestParamInfo<How>& info) {
  switch (info.param) {
    case How::kDpor:
      return "dpor";
    case How::kDfs:
      return "dfs";
    case How::kDporTwoThreads:
      return "dpor_jobs2";
  }
  return "";
}

Result Search(How how, const std::function<void()>& body, ExploreOptions options = {}) {
  options.stall_seconds = 20;
  if (how == How::kDporTwoThreads) options.jobs = 2;
  if (how == How::kDfs) {
    DfsStrategy dfs;
    return Explore("fail_closed", body, dfs, options);
  }
  DporStrategy dpor;
  return Explore("fail_closed", body, dpor, options);
}

class FailClosed : public ::testing::TestWithParam<How> {};

// Real randomness: a coin flip per thread.
bool Coin() { return std::random_device{}() % 2 == 0; }

// Real time: the parity of the steady clock.
bool ClockParity() { return std::chrono::steady_clock::now().time_since_epoch().count() % 2 == 0; }

// Three threads increment a counter under a lock (race-free); each takes the lock once more
// first when `flip` says so: the same schedule reaches other steps.
bool Never() { return false; }
bool Always() { return true; }

// Three threads increment a counter under a lock (race-free); each takes the lock once more
// first when `extra` says so, and main finally expects `holds`.
std::function<void()> LockedIncrements(bool (*extra)(), bool (*holds)()) {
  return [extra, holds] {
    Shared<int> counter("counter", 0);
    Lock lock("lock");
    auto worker = [&] {
      if (extra()) {
        lock.acquire();
        lock.release();
      }
      lock.acquire();
      counter.write(counter.read() + 1);
      lock.release();
    };
    Thread a(worker, "A");
    Thread b(worker, "B");
    Thread c(worker, "C");
    a.start();
    b.start();
    c.start();
    a.join();
    b.join();
    c.join();
    expect(counter.read() == 3, "every increment counted");
    expect(holds(), "a coin flip outside the model");
  };
}

// The same schedule reaches other steps when an extra acquire depends on `flip`.
std::function<void()> ExtraAcquireWhen(bool (*flip)()) { return LockedIncrements(flip, Always); }

TEST_P(FailClosed, RandomDeviceChangingTheStepsIsAnError) {
  for (int run = 0; run < kRuns; ++run) {
    const Result result = Search(GetParam(), ExtraAcquireWhen(Coin));
    ASSERT_EQ(result.verdict, Verdict::kError) << "run " << run;
    EXPECT_THAT(result.error, HasSubstr("not deterministic"));
  }
}

TEST_P(FailClosed, ClockParityChangingTheStepsIsAnError) {
  for (int run = 0; run < kRuns; ++run) {
    const Result result = Search(GetParam(), ExtraAcquireWhen(ClockParity));
    ASSERT_EQ(result.verdict, Verdict::kError) << "run " << run;
    EXPECT_THAT(result.error, HasSubstr("not deterministic"));
  }
}

// The same steps every time, but an `expect` on real randomness: what differs is only whether
// it holds, which the re-runs of executions and of the counterexample see.
TEST_P(FailClosed, ExpectOnRandomDeviceIsAnError) {
  for (int run = 0; run < kRuns; ++run) {
    const Result result = Search(GetParam(), LockedIncrements(Never, Coin));
    ASSERT_EQ(result.verdict, Verdict::kError) << "run " << run;
    EXPECT_THAT(result.error, HasSubstr("not deterministic"));
    EXPECT_THAT(result.error, HasSubstr("a coin flip outside the model"));
  }
}

// A thread writes a Shared whose scope has ended: the thread outlives the variable it uses.
TEST_P(FailClosed, UseAfterScopeIsAnError) {
  for (int run = 0; run < kRuns; ++run) {
    const Result result = Search(GetParam(), [] {
      std::unique_ptr<Thread> writer;
      {
        Shared<int> x("x", 0);
        writer = std::make_unique<Thread>([&x] { x.write(1); }, "writer");
        writer->start();
      }  // x is gone; the writer may not have written yet.
      writer->join();
    });
    ASSERT_EQ(result.verdict, Verdict::kError) << "run " << run;
    // Caught when x dies while the writer waits to write it, or when the writer comes to it.
    EXPECT_THAT(result.error, HasSubstr("'x'"));
    EXPECT_THAT(result.error, HasSubstr("destroyed"));
    EXPECT_THAT(result.error, HasSubstr("must outlive every thread that uses it"));
    EXPECT_THAT(result.error, HasSubstr("thread 'writer'"));
    EXPECT_THAT(result.error, HasSubstr("fail_closed_test.cc:"));
  }
}

// A model object kept in a static belongs to the execution that created it.
TEST_P(FailClosed, ObjectFromAnotherExecutionIsAnError) {
  for (int run = 0; run < kRuns; ++run) {
    const Result result = Search(GetParam(), [] {
      static Shared<int>* kept = nullptr;  // Deliberately leaked: the point is to outlive.
      if (kept == nullptr) kept = new Shared<int>("kept", 0);
      Thread a([] { kept->write(1); }, "A");
      Thread b([] { kept->write(2); }, "B");
      a.start();
      b.start();
      a.join();
      b.join();
    });
    // Every run's first execution creates it: the first re-run already uses it again.
    ASSERT_EQ(result.verdict, Verdict::kError) << "run " << run;
    EXPECT_THAT(result.error, HasSubstr("created in another execution"));
  }
}

// A thread that spins on a flag nobody sets.
void SpinForever() {
  Shared<bool> done("done", false);
  Thread spinner(
      [&done] {
        while (!done.read()) {
        }
      },
      "spinner");
  spinner.start();
  spinner.join();
}

// A spin that never ends, with the step bound raised out of reach: the time bound still holds
// inside the execution, and the search is INCOMPLETE, not a process that runs for minutes.
TEST_P(FailClosed, TimeBoundHoldsInsideAnExecution) {
  const auto start = std::chrono::steady_clock::now();
  const Result result =
      Search(GetParam(), SpinForever, {.max_steps = int64_t{1} << 40, .max_seconds = 0.5});
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  EXPECT_EQ(result.verdict, Verdict::kIncomplete);
  EXPECT_EQ(result.stats.bound, Bound::kTime);
  EXPECT_LT(seconds, 10) << "the bound is 0.5 s";
}

// The same spin with a small trace memory bound: the execution is cut off there.
TEST_P(FailClosed, TraceMemoryIsBounded) {
  const Result result =
      Search(GetParam(), SpinForever, {.max_steps = int64_t{1} << 40, .max_trace_bytes = 4 << 20});
  EXPECT_EQ(result.verdict, Verdict::kIncomplete);
  EXPECT_EQ(result.stats.bound, Bound::kMemory);
}

// Each of `crash`'s cases, after a write that races with main's: ERROR naming `what` and the
// thread, 20 runs out of 20, with the interleaving kept. (checker/crash_test and
// checker/escapes_test check the messages in detail.)
void ExpectErrorEveryRun(How how, const std::function<void()>& crash, const std::string& what,
                         ExploreOptions options = {}) {
  for (int run = 0; run < kRuns; ++run) {
    const Result result = Search(
        how,
        [&crash] {
          Shared<int> x("x", 0);
          Thread worker(
              [&] {
                x.write(1);
                crash();
              },
              "worker");
          worker.start();
          x.write(2);
          worker.join();
        },
        options);
    ASSERT_EQ(result.verdict, Verdict::kError) << "run " << run;
    EXPECT_THAT(result.error, HasSubstr(what));
    EXPECT_THAT(result.error, HasSubstr("'worker'"));
    ASSERT_TRUE(result.counterexample.has_value());
    EXPECT_FALSE(result.counterexample->events.empty());
  }
}

// Each of `crash`'s cases, after a write that races with main's: BUG with a finding of `kind`
// whose summary names `what` and the thread, 20 runs out of 20, with the interleaving kept,
// in every execution of the search.
void ExpectFindingEveryRun(How how, const std::function<void()>& crash, FindingKind kind,
                           const std::string& what, ExploreOptions options = {}) {
  for (int run = 0; run < kRuns; ++run) {
    const Result result = Search(
        how,
        [&crash] {
          Shared<int> x("x", 0);
          Thread worker(
              [&] {
                x.write(1);
                crash();
              },
              "worker");
          worker.start();
          x.write(2);
          worker.join();
        },
        options);
    ASSERT_EQ(result.verdict, Verdict::kBug) << "run " << run << ": " << result.error;
    ASSERT_FALSE(result.findings.empty());
    EXPECT_EQ(result.findings[0].kind, kind);
    EXPECT_THAT(result.findings[0].summary, HasSubstr(what));
    EXPECT_THAT(result.findings[0].summary, HasSubstr("worker"));
    EXPECT_EQ(result.finding_counts.at(kind), result.stats.executions);
    ASSERT_TRUE(result.counterexample.has_value());
    EXPECT_FALSE(result.counterexample->events.empty());
  }
}

#ifdef __SANITIZE_ADDRESS__
#define SKIP_UNDER_SANITIZERS() GTEST_SKIP() << "the sanitizer reports this itself, first"
#else
#define SKIP_UNDER_SANITIZERS() (void)0
#endif

TEST_P(FailClosed, RealSleepIsAnErrorAtOnce) {
  const auto start = std::chrono::steady_clock::now();
  ExpectErrorEveryRun(
      GetParam(), [] { std::this_thread::sleep_for(std::chrono::seconds(1)); }, "nanosleep");
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(10))
      << "20 runs of a 1 s sleep: each must be caught, not slept";
}

TEST_P(FailClosed, ContendedRealMutexIsAnErrorAtOnce) {
  std::mutex real;
  std::mutex gate;
  std::condition_variable cv;
  bool held = false;
  bool release = false;
  std::thread holder([&] {
    std::unique_lock<std::mutex> lock(gate);
    real.lock();
    held = true;
    cv.notify_all();
    cv.wait(lock, [&] { return release; });
    real.unlock();
  });
  {
    std::unique_lock<std::mutex> lock(gate);
    cv.wait(lock, [&] { return held; });
  }
  ExpectErrorEveryRun(
      GetParam(),
      [&real] {
        real.lock();
        real.unlock();
      },
      "pthread_mutex_lock");
  {
    const std::lock_guard<std::mutex> lock(gate);
    release = true;
  }
  cv.notify_all();
  holder.join();
}

TEST_P(FailClosed, StackOverflowIsACrash) {
  SKIP_UNDER_SANITIZERS();
  ExpectFindingEveryRun(GetParam(),
                        [] {
                          std::function<int(int)> recurse = [&recurse](int depth) {
                            volatile char frame[512];
                            frame[0] = static_cast<char>(depth);
                            return recurse(depth + 1) + frame[0];
                          };
                          recurse(0);
                        },
                        FindingKind::kCrash, "stack overflow", {.stack_size = 32 * 1024});
}

TEST_P(FailClosed, DivisionByZeroIsACrash) {
  SKIP_UNDER_SANITIZERS();
  ExpectFindingEveryRun(
      GetParam(),
      [] {
        volatile int zero = 0;
        volatile int one = 1;
        one = one / zero;
      },
      FindingKind::kCrash, "SIGFPE");
}

TEST_P(FailClosed, NullDereferenceIsACrash) {
  SKIP_UNDER_SANITIZERS();
  ExpectFindingEveryRun(
      GetParam(),
      [] {
        volatile int* volatile null = nullptr;  // -O2 drops a plain store through it.
        *null = 1;
      },
      FindingKind::kCrash, "SIGSEGV");
}

TEST_P(FailClosed, AbortIsACrash) {
  ExpectFindingEveryRun(
      GetParam(), [] { std::abort(); }, FindingKind::kCrash, "SIGABRT");
}

TEST_P(FailClosed, TerminateIsACrash) {
  ExpectFindingEveryRun(
      GetParam(), [] { std::terminate(); }, FindingKind::kCrash, "std::terminate called");
}

TEST_P(FailClosed, FailedAssertIsAnAssertionFailed) {
  ExpectFindingEveryRun(
      GetParam(),
      [] {
        volatile bool ok = false;
        assert(ok);
      },
      FindingKind::kAssertionFailed, "assert(ok) failed");
}

TEST_P(FailClosed, UncaughtExceptionIsAFinding) {
  ExpectFindingEveryRun(
      GetParam(), [] { throw std::runtime_error("boom"); }, FindingKind::kUncaughtException,
      "std::runtime_error: boom");
}

// A model object touched from a real std::thread: no execution runs there. The process says
// so and exits 2; it does not abort.
TEST(FailClosedDeathTest, ModelObjectFromARealThreadExitsTwo) {
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  EXPECT_EXIT(
      {
        Search(How::kDpor, [] {
          Shared<int> x("x", 0);
          std::thread real([&x] { x.write(1); });
          // Not real.join(): a join of a thread that has not yet run is itself an escape
          // (an ERROR returned by the search), which on a loaded machine wins the race.
          // The real thread's write ends the process; until then the scenario spins.
          for (volatile bool forever = true; forever;) {
          }
          real.detach();
        });
      },
      ::testing::ExitedWithCode(2), "interleave: ERROR: .*outside an execution");
}

INSTANTIATE_TEST_SUITE_P(Strategies, FailClosed,
                         ::testing::Values(How::kDpor, How::kDfs, How::kDporTwoThreads), HowName);

}  // namespace
}  // namespace interleave
