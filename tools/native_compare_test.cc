// The --native comparison: parsing the runner's --machine output and the printed table.
#include "tools/native_compare.h"

#include <sstream>
#include <string>

#include "gtest/gtest.h"

namespace interleave {
namespace {

TEST(NativeCompareTest, ParsesTheRunnersMachineOutput) {
  NativeCounts counts;
  ASSERT_TRUE(
      ParseNativeCounts("runs\t1000\noutcome\t3\tvalue=1\noutcome\t997\tvalue=2\n"
                        "expect\t3\tvalue == 2 after two updates (lost_update.cc:73)\n"
                        "error\t1\tthe run's process exited with status 66\n",
                        counts));
  EXPECT_EQ(counts.runs, 1000);
  EXPECT_EQ(counts.outcomes.at("value=1"), 3);
  EXPECT_EQ(counts.outcomes.at("value=2"), 997);
  EXPECT_EQ(counts.expects.at("value == 2 after two updates (lost_update.cc:73)"), 3);
  EXPECT_EQ(counts.errors.at("the run's process exited with status 66"), 1);
}

TEST(NativeCompareTest, RejectsWhatIsNotTheMachineOutput) {
  NativeCounts counts;
  EXPECT_FALSE(ParseNativeCounts("run_native: no scenario 'x'\n", counts));
  NativeCounts no_runs;
  EXPECT_FALSE(ParseNativeCounts("outcome\t1\tvalue=1\n", no_runs));
}

TEST(NativeCompareTest, PrintsModelAndRealCountsSideBySide) {
  Result model;
  model.scenario = "lost_update";
  model.strategy = "dpor";
  model.verdict = Verdict::kBug;
  model.stats.executions = 4;
  model.stats.exhaustive = true;
  model.outcomes = {{"value=1", 2}, {"value=2", 2}};
  model.finding_counts = {{FindingKind::kLostUpdate, 2}};
  NativeCounts real;
  real.runs = 1000;
  real.outcomes = {{"value=2", 1000}, {"(crashed: signal 11)", 0}};
  std::ostringstream out;
  PrintNativeComparison(model, real, out);
  EXPECT_EQ(out.str(),
            "lost_update: outcomes in the model (exhaustive, dpor, 4 classes of equivalent "
            "interleavings)\n"
            "  and on real threads (native backend, 1,000 runs)\n"
            "  (crashed: signal 11)  model 0 of 4 classes  /  real 0 of 1,000 runs\n"
            "  value=1               model 2 of 4 classes  /  real 0 of 1,000 runs\n"
            "  value=2               model 2 of 4 classes  /  real 1,000 of 1,000 runs\n"
            "Model verdict: BUG (found: LOST UPDATE).\n");
}

}  // namespace
}  // namespace interleave
