// Replay reproduces an execution exactly, and says where a schedule stops fitting.
#include "checker/replay.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "checker/dfs.h"
#include "checker/explorer.h"
#include "model/model.h"
#include "model/testing/programs.h"

namespace interleave {
namespace {

using ::testing::HasSubstr;

std::vector<std::string> Steps(const Trace& trace) {
  std::vector<std::string> steps;
  for (const TraceEvent& e : trace.events) {
    steps.push_back(trace.threads[e.thread].name + " " + trace.Describe(e));
  }
  return steps;
}

TEST(ReplayTest, ReproducesTheCounterexample) {
  DfsStrategy dfs;
  const Result found = Explore("two_increments", testing::TwoUnlockedIncrements, dfs);
  ASSERT_TRUE(found.counterexample.has_value());

  ReplayStrategy replay(found.counterexample->Schedule());
  const Result replayed = Explore("two_increments", testing::TwoUnlockedIncrements, replay);
  EXPECT_EQ(replayed.stats.executions, 1);
  EXPECT_EQ(replayed.verdict, Verdict::kBug);
  ASSERT_TRUE(replayed.counterexample.has_value());
  EXPECT_EQ(Steps(*replayed.counterexample), Steps(*found.counterexample));
  ASSERT_EQ(replayed.findings.size(), found.findings.size());
  for (std::size_t i = 0; i < found.findings.size(); ++i) {
    EXPECT_EQ(replayed.findings[i].kind, found.findings[i].kind);
    EXPECT_EQ(replayed.findings[i].summary, found.findings[i].summary);
  }
}

TEST(ReplayTest, ThreadThatCannotRunIsStale) {
  ReplayStrategy replay({7});
  const Result result = Explore("two_increments", testing::TwoUnlockedIncrements, replay);
  EXPECT_EQ(result.verdict, Verdict::kError);
  EXPECT_THAT(result.error, HasSubstr("stale replay token: at step 2 (choice 1)"));
  EXPECT_THAT(result.error, HasSubstr("thread 7, which cannot run"));
}

TEST(ReplayTest, ScheduleTooShortIsStale) {
  ReplayStrategy replay({});
  const Result result = Explore("two_increments", testing::TwoUnlockedIncrements, replay);
  EXPECT_EQ(result.verdict, Verdict::kError);
  EXPECT_THAT(result.error, HasSubstr("stale replay token: the schedule ends after 0 choices"));
}

TEST(ReplayTest, ScheduleTooLongIsStale) {
  DfsStrategy dfs;
  const Result found = Explore("two_increments", testing::TwoUnlockedIncrements, dfs);
  std::vector<ThreadId> schedule = found.counterexample->Schedule();
  schedule.push_back(0);
  ReplayStrategy replay(schedule);
  const Result result = Explore("two_increments", testing::TwoUnlockedIncrements, replay);
  EXPECT_EQ(result.verdict, Verdict::kError);
  EXPECT_THAT(result.error, HasSubstr("choices"));
  EXPECT_THAT(result.error, HasSubstr("stale replay token: the execution ended"));
}

}  // namespace
}  // namespace interleave
