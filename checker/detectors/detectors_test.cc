// Each detector on traces of small programs with a known defect, and on correct ones.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "checker/detectors/deadlock.h"
#include "checker/detectors/invariant.h"
#include "checker/detectors/lost_update.h"
#include "model/model.h"
#include "model/testing/choosers.h"
#include "model/testing/programs.h"

namespace interleave {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using testing::Scripted;
using testing::TwoUnlockedIncrements;

// start A, start B, A reads, B reads, A writes, B writes: B's write loses A's.
Trace LostUpdateTrace() {
  Scripted chooser({0, 0, 1, 2, 1, 2});
  return Execution::Run(TwoUnlockedIncrements, chooser);
}

TEST(LostUpdateDetectorTest, NamesTheOverwrittenWrite) {
  std::vector<Finding> findings;
  LostUpdateDetector().Inspect(LostUpdateTrace(), findings);
  ASSERT_EQ(findings.size(), 1u);
  const Finding& f = findings[0];
  EXPECT_EQ(f.kind, FindingKind::kLostUpdate);
  EXPECT_EQ(f.summary, "B overwrote A's update of x without reading it");
  // Steps: 1 start A, 2 start B, 3 A read, 4 B read, 5 A write, 6 B write.
  ASSERT_EQ(f.marks.size(), 3u);
  EXPECT_EQ(f.marks[0].step, 4);
  EXPECT_EQ(f.marks[1].step, 5);
  EXPECT_EQ(f.marks[2].step, 6);
  EXPECT_THAT(f.details.back(), HasSubstr("x == 2"));
  EXPECT_THAT(f.threads, ElementsAre(2, 1));
}

TEST(LostUpdateDetectorTest, SilentWhenEveryExpectHolds) {
  Scripted sequential({});  // Lowest thread first: A runs to the end before B.
  std::vector<Finding> findings;
  LostUpdateDetector().Inspect(Execution::Run(TwoUnlockedIncrements, sequential), findings);
  EXPECT_TRUE(findings.empty());
}

TEST(InvariantDetectorTest, ReportsEachFailedExpect) {
  std::vector<Finding> findings;
  InvariantDetector().Inspect(LostUpdateTrace(), findings);
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].summary, "expect failed: x == 2");
  EXPECT_EQ(findings[0].threads, std::vector<ThreadId>{0});
}

TEST(DeadlockDetectorTest, NamesWhatEachThreadWaitsForAndTheCycle) {
  Scripted chooser({0, 0, 1, 2});
  const Trace trace = Execution::Run(testing::OppositeLockOrder, chooser);
  std::vector<Finding> findings;
  DeadlockDetector().Inspect(trace, findings);
  ASSERT_EQ(findings.size(), 1u);
  const Finding& f = findings[0];
  EXPECT_EQ(f.summary, "no thread can run: 3 of 3 threads blocked forever in a cycle");
  ASSERT_EQ(f.details.size(), 4u);
  EXPECT_THAT(f.details[0], HasSubstr("MainThread waits in join(A)"));
  EXPECT_THAT(f.details[0], HasSubstr("only A finishing could release it"));
  EXPECT_THAT(f.details[1], HasSubstr("A waits to acquire second"));
  EXPECT_THAT(f.details[1], HasSubstr("held by B"));
  EXPECT_THAT(f.details[2], HasSubstr("B waits to acquire first"));
  EXPECT_THAT(f.details[2], HasSubstr("held by A"));
  EXPECT_THAT(f.details[3], HasSubstr("Cycle: A -> B -> A."));
}

TEST(DeadlockDetectorTest, SilentWhenEveryThreadFinishes) {
  Scripted chooser({});
  std::vector<Finding> findings;
  DeadlockDetector().Inspect(Execution::Run(TwoUnlockedIncrements, chooser), findings);
  EXPECT_TRUE(findings.empty());
}

}  // namespace
}  // namespace interleave
