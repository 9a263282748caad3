// ProgramFailureDetector: a failed assert, an uncaught exception (in a worker and in main),
// and std::terminate inside an execution are findings with the interleaving that led
// to them (minimized and replayed like any other), never ERRORs; the search and the process go
// on (outside an execution: checker/crash_test).
#include "checker/detectors/program_failure.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

// The asserts under test, whatever the build's NDEBUG says.
#undef NDEBUG
#include <cassert>
#include <cstdlib>
#include <exception>
#include <functional>
#include <stdexcept>

#include "checker/dfs.h"
#include "checker/dpor.h"
#include "checker/explorer.h"
#include "checker/minimize.h"
#include "checker/replay.h"
#include "model/model.h"

namespace interleave {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::StartsWith;

Result Dpor(const std::function<void()>& body) {
  DporStrategy dpor;
  return Explore("failure", body, dpor, {.max_steps = 1'000, .stall_seconds = 0});
}

int failure_line = 0;

// Two unlocked read-modify-writes of x; `check` runs in main after the join.
std::function<void()> Increments(std::function<void(int)> check) {
  return [check] {
    Shared<int> x("x", 0);
    Thread t([&x] { x.write(x.read() + 1); }, "T");
    t.start();
    x.write(x.read() + 1);
    t.join();
    check(x.read());
  };
}

TEST(ProgramFailureDetectorTest, FailedAssertIsAFindingOfTheInterleavingsThatFailIt) {
  const Result result = Dpor(Increments([](int x) {
    failure_line = __LINE__ + 1;
    assert(x == 2);
  }));
  EXPECT_EQ(result.verdict, Verdict::kBug) << result.error;
  EXPECT_TRUE(result.error.empty());
  ASSERT_TRUE(result.counterexample.has_value());
  EXPECT_EQ(result.counterexample->end, EndReason::kFailure);
  ASSERT_FALSE(result.findings.empty());
  const Finding& f = result.findings[0];
  EXPECT_EQ(f.kind, FindingKind::kAssertionFailed);
  EXPECT_EQ(f.summary, "MainThread: assert(x == 2) failed at program_failure_test.cc:" +
                           std::to_string(failure_line));
  ASSERT_EQ(f.details.size(), 2u);
  EXPECT_THAT(
      f.details[0],
      HasSubstr(
          "assert(x == 2) failed in function 'interleave::{anonymous}::ProgramFailureDetectorTest_"
          "FailedAssertIsAFindingOfTheInterleavingsThatFailIt_Test::TestBody()::"
          "<lambda(int)>', after step "));
  EXPECT_THAT(f.threads, ElementsAre(0));
  ASSERT_EQ(f.lines.size(), 1u);
  EXPECT_EQ(f.lines[0].line, failure_line);
  EXPECT_EQ(f.certain_at_step, static_cast<int>(result.counterexample->events.size()));
  // Only the lost updates fail it: the other executions end normally, and the search goes on
  // past the failing ones.
  EXPECT_GT(result.stats.executions, result.finding_counts.at(FindingKind::kAssertionFailed));
  EXPECT_GE(result.finding_counts.at(FindingKind::kAssertionFailed), 1);
  EXPECT_TRUE(result.stats.exhaustive);
}

TEST(ProgramFailureDetectorTest, ReplayAndMinimizationReproduceIt) {
  const auto body = Increments([](int x) { assert(x == 2); });
  Result result = Dpor(body);
  ASSERT_EQ(result.verdict, Verdict::kBug);
  MinimizeCounterexample(body, {.max_steps = 1'000, .stall_seconds = 0}, result);
  ASSERT_FALSE(result.findings.empty());
  EXPECT_EQ(result.findings[0].kind, FindingKind::kAssertionFailed);
  ASSERT_TRUE(result.counterexample.has_value());
  EXPECT_EQ(result.counterexample->end, EndReason::kFailure);

  ReplayStrategy replay(result.counterexample->Schedule(), StepChecks(*result.counterexample));
  const Result replayed =
      Explore("failure", body, replay, {.max_steps = 1'000, .stall_seconds = 0});
  const ReplayConfirmation confirmation =
      ConfirmFinding(replayed, FindingKind::kAssertionFailed, result.findings[0].certain_at_step);
  EXPECT_TRUE(confirmation.confirmed) << confirmation.message;
}

TEST(ProgramFailureDetectorTest, UncaughtExceptionInAWorkerNamesTypeWhatAndLine) {
  const Result result = Dpor([] {
    Shared<int> x("x", 0);
    Thread t(
        [&x] {
          x.write(1);
          failure_line = __LINE__ + 1;
          throw std::runtime_error("boom");
        },
        "worker");
    t.start();
    x.write(2);
    t.join();
  });
  EXPECT_EQ(result.verdict, Verdict::kBug) << result.error;
  ASSERT_FALSE(result.findings.empty());
  const Finding& f = result.findings[0];
  EXPECT_EQ(f.kind, FindingKind::kUncaughtException);
  std::string at = " at program_failure_test.cc:" + std::to_string(failure_line);
#if defined(__OPTIMIZE__)
  // Optimised, the line table may have no line for the call of __cxa_throw (gdb shows none
  // either): the report then names the thread's last step, x.write(1), as for any failure
  // without a line.
  if (f.summary.find(" after its step at ") != std::string::npos) {
    at = " after its step at program_failure_test.cc:" + std::to_string(failure_line - 2);
  }
#endif
  EXPECT_EQ(f.summary, "worker ended by an uncaught exception: std::runtime_error: boom" + at);
  EXPECT_THAT(f.threads, ElementsAre(1));
  // Every execution fails, each its own interleaving of the two writes.
  EXPECT_EQ(result.finding_counts.at(FindingKind::kUncaughtException), result.stats.executions);
  EXPECT_GE(result.stats.executions, 2);
}

struct NotAnException {
  int code;
};

TEST(ProgramFailureDetectorTest, UncaughtExceptionInMainOfAnyType) {
  const Result result = Dpor([] {
    Shared<int> x("x", 0);
    x.write(1);
    throw NotAnException{7};
  });
  EXPECT_EQ(result.verdict, Verdict::kBug) << result.error;
  ASSERT_FALSE(result.findings.empty());
  EXPECT_EQ(result.findings[0].kind, FindingKind::kUncaughtException);
  EXPECT_THAT(
      result.findings[0].summary,
      StartsWith("MainThread ended by an uncaught exception: "
                 "interleave::(anonymous namespace)::NotAnException at program_failure_test.cc:"));
}

[[gnu::noinline]] void Throws() { throw std::logic_error("not here"); }
[[gnu::noinline]] void ThrowsThroughNoexcept() noexcept { Throws(); }

TEST(ProgramFailureDetectorTest, ExceptionLeavingANoexceptFunctionIsACrash) {
  const Result result = Dpor([] {
    Shared<int> x("x", 0);
    x.write(1);
    ThrowsThroughNoexcept();
  });
  EXPECT_EQ(result.verdict, Verdict::kBug) << result.error;
  ASSERT_FALSE(result.findings.empty());
  EXPECT_EQ(result.findings[0].kind, FindingKind::kCrash);
  EXPECT_THAT(result.findings[0].summary,
              StartsWith("MainThread crashed: std::terminate called after throwing "
                         "std::logic_error: not here at program_failure_test.cc:"));
}

// abort() and crash signals: checker/crash_test (a signal handler that leaves through a fiber
// switch is not for ThreadSanitizer builds, which run this test).
TEST(ProgramFailureDetectorTest, TerminateIsACrash) {
  const Result result = Dpor([] {
    Shared<int> x("x", 0);
    x.write(1);
    failure_line = __LINE__ + 1;
    std::terminate();
  });
  EXPECT_EQ(result.verdict, Verdict::kBug) << result.error;
  ASSERT_FALSE(result.findings.empty());
  EXPECT_EQ(result.findings[0].kind, FindingKind::kCrash);
  EXPECT_EQ(result.findings[0].summary,
            "MainThread crashed: std::terminate called at "
            "program_failure_test.cc:" +
                std::to_string(failure_line));
}

TEST(ProgramFailureDetectorTest, ACaughtExceptionIsNoFinding) {
  const Result result = Dpor([] {
    Shared<int> x("x", 0);
    try {
      x.write(1);
      throw std::runtime_error("handled");
    } catch (const std::runtime_error&) {
      x.write(2);
    }
    expect(x.read() == 2, "x is 2");
  });
  EXPECT_EQ(result.verdict, Verdict::kPass) << result.error;
}

TEST(ProgramFailureDetectorTest, SilentForACorrectProgram) {
  const Result result = Dpor([] {
    Shared<int> x("x", 0);
    Lock lock("L");
    Thread t([&] {
      LockGuard guard(lock);
      x.write(x.read() + 1);
    });
    t.start();
    {
      LockGuard guard(lock);
      x.write(x.read() + 1);
    }
    t.join();
    assert(x.read() == 2);
  });
  EXPECT_EQ(result.verdict, Verdict::kPass) << result.error;
  EXPECT_TRUE(result.findings.empty());
}

}  // namespace
}  // namespace interleave
