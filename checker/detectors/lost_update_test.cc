// LostUpdateDetector on traces of the two unlocked increments: the write that overwrote
// another unread, and silence when every expect holds.
#include "checker/detectors/lost_update.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

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

TEST(LostUpdateDetectorTest, SilentWhenTheExpectFailedBeforeTheOverwrite) {
  // The same lost update, but the only expect is checked (and fails) before it happens.
  Scripted chooser({0, 0, 1, 2, 1, 2});
  const Trace trace = Execution::Run(
      [] {
        Shared<int> x("x", 0);
        expect(false, "checked first");
        Thread a([&x] { x.write(x.read() + 1); }, "A");
        Thread b([&x] { x.write(x.read() + 1); }, "B");
        a.start();
        b.start();
        a.join();
        b.join();
      },
      chooser);
  std::vector<Finding> findings;
  LostUpdateDetector().Inspect(trace, findings);
  EXPECT_TRUE(findings.empty());
}

}  // namespace
}  // namespace interleave
