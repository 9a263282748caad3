// A failed assert() in one test of a gtest binary leaves the binary's other tests running: the
// assert inside an execution is an ASSERTION FAILED finding of the search (the process goes
// on), so the first test sees BUG and the second still runs and passes. Were the assert to
// abort the process, the binary would die in the first test and this target would fail.
#include <gtest/gtest.h>

// The asserts under test, whatever the build's NDEBUG says.
#undef NDEBUG
#include <gmock/gmock.h>

#include <atomic>
#include <cassert>

#include "checker/dpor.h"
#include "checker/explorer.h"
#include "checker/minimize.h"
#include "model/model.h"
#include "reports/text_report.h"

namespace interleave {
namespace {

// Set by the first test once its search is over, read by the second: both ran in one process.
std::atomic<bool> first_test_done{false};

// Two unlocked increments: assert that both landed.
void RacyIncrements() {
  Shared<int> x("x", 0);
  Thread t([&x] { x.write(x.read() + 1); }, "T");
  t.start();
  x.write(x.read() + 1);
  t.join();
  assert(x.read() == 2);
}

TEST(AssertInOneTest, AFailedAssertIsAFinding) {
  first_test_done = true;
  DporStrategy dpor;
  const ExploreOptions options{.stall_seconds = 0};
  Result result = Explore("racy_increments", RacyIncrements, dpor, options);
  MinimizeCounterexample(RacyIncrements, options, result);
  EXPECT_EQ(result.verdict, Verdict::kBug) << result.error;
  ASSERT_FALSE(result.findings.empty());
  EXPECT_EQ(result.findings[0].kind, FindingKind::kAssertionFailed);
  // The text report: the headline, the interleaving's table, the replay token.
  const std::string text = RenderText(result, {.show_time = false});
  EXPECT_THAT(text, ::testing::StartsWith("BUG  racy_increments: ASSERTION FAILED: MainThread: "
                                          "assert(x.read() == 2) failed at "
                                          "assert_in_one_test_test.cc:"))
      << text;
  EXPECT_THAT(text, ::testing::HasSubstr("The interleaving")) << text;
  EXPECT_THAT(text, ::testing::HasSubstr("--replay=")) << text;
}

TEST(AssertInOneTest, TheNextTestStillRuns) {
  EXPECT_TRUE(first_test_done) << "runs after AFailedAssertIsAFinding, in the same process";
  DporStrategy dpor;
  const Result result = Explore("locked_increments",
                                [] {
                                  Shared<int> x("x", 0);
                                  Lock lock("lock");
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
                                },
                                dpor, {.stall_seconds = 0});
  EXPECT_EQ(result.verdict, Verdict::kPass) << result.error;
}

}  // namespace
}  // namespace interleave
