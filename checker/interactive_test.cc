#include "checker/interactive.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "checker/dpor.h"
#include "checker/explorer.h"
#include "checker/verdict.h"
#include "scenarios/registry.h"

namespace interleave {
namespace {

const Scenario& Get(const std::string& name) {
  const Scenario* scenario = FindScenario(name);
  EXPECT_NE(scenario, nullptr) << name;
  return *scenario;
}

// Always choosing the lowest enabled thread reaches the end, step by step.
TEST(RunToChoiceTest, PrefixGrowsToTheEnd) {
  const Scenario& scenario = Get("lost_update");
  const auto body = scenario.Bind();
  std::vector<int> prefix;
  int points = 0;
  for (;;) {
    const ChoicePoint point = RunToChoice(body, prefix, ExecutionLimits{});
    ASSERT_TRUE(point.error.empty()) << point.error;
    if (point.ended) {
      EXPECT_EQ(point.trace.end, EndReason::kFinished);
      break;
    }
    ASSERT_FALSE(point.value);
    ASSERT_GE(point.enabled.size(), 2u);
    EXPECT_EQ(point.trace.end, EndReason::kPruned);
    EXPECT_EQ(point.steps, static_cast<int>(point.trace.events.size()));
    prefix.push_back(point.enabled.front());
    ++points;
    ASSERT_LT(points, 100);
  }
  EXPECT_GT(points, 0);
  const Result replayed = ReplayResult(scenario.name, body, prefix, ExploreOptions{});
  EXPECT_NE(replayed.verdict, Verdict::kError) << replayed.error;
}

TEST(RunToChoiceTest, AThreadThatCannotRunIsAnError) {
  const Scenario& scenario = Get("lost_update");
  const ChoicePoint point = RunToChoice(scenario.Bind(), {42}, ExecutionLimits{});
  EXPECT_TRUE(point.ended);
  EXPECT_NE(point.error.find("thread 42 cannot run"), std::string::npos) << point.error;
}

// 001.p: after main's log (the first choice) the producer chooses a value; the point shows the
// state before that step.
TEST(RunToChoiceTest, ADataChoiceIsAPoint) {
  const Scenario& scenario = Get("queue_many_consumers_one_zero");
  const ChoicePoint point = RunToChoice(scenario.Bind(), {0}, ExecutionLimits{});
  ASSERT_TRUE(point.error.empty()) << point.error;
  ASSERT_FALSE(point.ended);
  EXPECT_TRUE(point.value);
  EXPECT_EQ(point.lo, 0);
  EXPECT_EQ(point.hi, 1);
  EXPECT_EQ(point.steps, 8);
  EXPECT_EQ(point.trace.events.size(), 8u);
  // Choosing 0 then takes the choose step and the put.
  const ChoicePoint next = RunToChoice(scenario.Bind(), {0, 0}, ExecutionLimits{});
  ASSERT_FALSE(next.ended);
  EXPECT_EQ(next.trace.events[8].kind, OpKind::kChoose);
  EXPECT_EQ(next.trace.events[8].value, "0");
}

TEST(RunToChoiceTest, EveryStepStopsWhereOneThreadCanRun) {
  const Scenario& scenario = Get("lost_update");
  const ChoicePoint point = RunToChoice(scenario.Bind(), {}, ExecutionLimits{}, true);
  ASSERT_FALSE(point.ended);
  EXPECT_EQ(point.steps, 0);
  EXPECT_EQ(point.enabled, std::vector<ThreadId>{0});
}

TEST(BlockedReasonTest, NamesTheLockAndItsHolder) {
  Trace trace;
  trace.objects.push_back({.kind = ObjectKind::kLock, .name = "lock", .owner = 0});
  trace.threads.push_back({.name = "t0"});
  trace.threads.push_back({.name = "t1",
                           .pending = OpKind::kAcquire,
                           .pending_object = 0,
                           .pending_where = SourceLine("demo.cc", 7),
                           .blocked = true});
  EXPECT_EQ(BlockedReason(trace, 1), "blocked in acquire on lock, held by t0 (demo.cc:7)");
  trace.threads[0].finished = true;
  EXPECT_EQ(BlockedReason(trace, 0), "finished");
}

// The bug's own schedule followed on the bug consumes every step and finds the same bug.
TEST(FollowTest, TheBugFollowedOnItselfMatchesEveryStep) {
  const Scenario& scenario = Get("lost_update");
  const auto body = scenario.Bind();
  // Always the highest enabled thread, to the end.
  const ChoicePoint start = RunToChoice(body, {}, ExecutionLimits{});
  ASSERT_FALSE(start.ended);
  std::vector<int> prefix;
  Trace trace;
  for (;;) {
    const ChoicePoint point = RunToChoice(body, prefix, ExecutionLimits{});
    if (point.ended) {
      trace = point.trace;
      break;
    }
    prefix.push_back(point.enabled.back());
  }
  const FollowResult followed = Follow(body, NamedSteps(trace), ExecutionLimits{});
  ASSERT_EQ(followed.trace.events.size(), trace.events.size());
  for (std::size_t i = 0; i < followed.matched.size(); ++i) {
    EXPECT_EQ(followed.matched[i], static_cast<int>(i));
  }
  EXPECT_TRUE(followed.deviations.empty());
  EXPECT_EQ(followed.schedule, prefix);
}

// On the locked fix, the lost update's schedule meets the lock: a deviation names it.
TEST(FollowTest, TheLockBlocksTheLostUpdate) {
  const Scenario& bug = Get("lost_update");
  const Scenario& fix = Get("lost_update_locked");
  ExploreOptions options;
  DporStrategy strategy;
  const Result result = Explore(bug.name, bug.Bind(), strategy, options);
  ASSERT_TRUE(result.counterexample.has_value());
  const FollowResult followed =
      Follow(fix.Bind(), NamedSteps(*result.counterexample), ExecutionLimits{});
  ASSERT_FALSE(followed.deviations.empty());
  EXPECT_NE(followed.deviations.front().why.find("blocked in acquire on"), std::string::npos)
      << followed.deviations.front().why;
  EXPECT_NE(followed.deviations.front().why.find("held by"), std::string::npos);
  const Result replayed = ReplayResult(fix.name, fix.Bind(), followed.schedule, options);
  EXPECT_EQ(replayed.verdict, Verdict::kPass) << replayed.error;
}

}  // namespace
}  // namespace interleave
