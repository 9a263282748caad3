// InvariantDetector: every failed expect, except those a LOST UPDATE already explains.
#include "checker/detectors/invariant.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "checker/detectors/lost_update.h"
#include "model/model.h"
#include "model/testing/choosers.h"
#include "model/testing/programs.h"

namespace interleave {
namespace {

using testing::Scripted;
using testing::TwoUnlockedIncrements;

// start A, start B, A reads, B reads, A writes, B writes: B's write loses A's.
Trace LostUpdateTrace() {
  Scripted chooser({0, 0, 1, 2, 1, 2});
  return Execution::Run(TwoUnlockedIncrements, chooser);
}

TEST(InvariantDetectorTest, ReportsEachFailedExpect) {
  std::vector<Finding> findings;
  InvariantDetector().Inspect(LostUpdateTrace(), findings);
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].summary, "expect failed: x == 2");
  EXPECT_EQ(findings[0].threads, std::vector<ThreadId>{0});
}

TEST(InvariantDetectorTest, LeavesOutTheExpectALostUpdateExplains) {
  std::vector<Finding> findings;
  const Trace trace = LostUpdateTrace();
  LostUpdateDetector().Inspect(trace, findings);
  InvariantDetector().Inspect(trace, findings);
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].kind, FindingKind::kLostUpdate);
}

TEST(InvariantDetectorTest, KeepsAnExpectThatFailedBeforeTheLostUpdate) {
  Scripted chooser({0, 0, 1, 2, 1, 2});
  const Trace trace = Execution::Run(
      [] {
        expect(false, "checked first");
        TwoUnlockedIncrements();
      },
      chooser);
  std::vector<Finding> findings;
  LostUpdateDetector().Inspect(trace, findings);
  InvariantDetector().Inspect(trace, findings);
  ASSERT_EQ(findings.size(), 2u);
  EXPECT_EQ(findings[0].kind, FindingKind::kLostUpdate);
  EXPECT_EQ(findings[1].kind, FindingKind::kInvariant);
  EXPECT_EQ(findings[1].summary, "expect failed: checked first");
  EXPECT_EQ(findings[1].certain_at_step, 0);
}

}  // namespace
}  // namespace interleave
