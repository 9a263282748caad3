// Minimization shrinks a counterexample to the fewest preemptions, then steps, reaching the same
// finding; keeps it when it is already minimal, when the budget runs out, or when off.
#include "checker/minimize.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <atomic>
#include <optional>
#include <string>
#include <vector>

#include "checker/dpor.h"
#include "checker/explorer.h"
#include "checker/random.h"
#include "checker/replay.h"
#include "model/model.h"
#include "model/testing/programs.h"
#include "scenarios/registry.h"

namespace interleave {
namespace {

using ::testing::HasSubstr;
using ::testing::StartsWith;

std::string ObjectOf(const Result& result) {
  const Finding& main = result.findings.front();
  if (main.objects.empty()) return "";
  return result.counterexample->objects[main.objects.front()].name;
}

// Random runs: their counterexample takes a switch wherever the dice said, several more than
// the defect needs.
Result Sampled(const std::function<void()>& body, uint64_t seed) {
  RandomStrategy random(seed, 20);
  return Explore("sampled", body, random);
}

TEST(MinimizeTest, ShrinksARandomLostUpdateToOnePreemption) {
  Result result = Sampled(testing::LostUpdateOnThreads, 3);
  ASSERT_TRUE(result.counterexample.has_value());
  ASSERT_EQ(result.findings.front().kind, FindingKind::kLostUpdate);
  const int before = result.counterexample->Preemptions();
  const int steps_before = static_cast<int>(result.counterexample->events.size());
  ASSERT_GT(before, 1) << "the seed no longer gives a counterexample worth minimizing";

  MinimizeCounterexample(testing::LostUpdateOnThreads, {}, result);
  ASSERT_TRUE(result.minimization.has_value());
  const Minimization& m = *result.minimization;
  EXPECT_TRUE(m.changed) << m.note;
  EXPECT_EQ(m.preemptions_before, before);
  EXPECT_EQ(m.steps_before, steps_before);
  // A lost update needs one switch away from a thread between its read and its write.
  EXPECT_EQ(m.preemptions_after, 1);
  EXPECT_EQ(result.counterexample->Preemptions(), 1);
  EXPECT_EQ(m.steps_after, static_cast<int>(result.counterexample->events.size()));
  EXPECT_GT(m.executions, 0);
  EXPECT_LE(m.executions, m.budget);
  EXPECT_FALSE(m.budget_hit);
  EXPECT_EQ(result.settings.at("minimize"), "20000");
  // Still the same finding, on the same variable, and the findings are the new trace's.
  EXPECT_EQ(result.findings.front().kind, FindingKind::kLostUpdate);
  EXPECT_EQ(ObjectOf(result), "value");
  for (const StepMark& mark : result.findings.front().marks) {
    EXPECT_LE(mark.step, m.steps_after);
  }
  // The search's own figures are untouched.
  EXPECT_EQ(result.stats.executions, 20);
}

TEST(MinimizeTest, TheMinimizedScheduleReplaysToTheSameExecution) {
  Result result = Sampled(testing::LostUpdateOnThreads, 3);
  MinimizeCounterexample(testing::LostUpdateOnThreads, {}, result);
  ASSERT_TRUE(result.minimization && result.minimization->changed);
  const Trace& minimized = *result.counterexample;
  ReplayStrategy replay(minimized.Schedule(), StepChecks(minimized));
  const Result again = Explore("sampled", testing::LostUpdateOnThreads, replay);
  ASSERT_EQ(again.verdict, Verdict::kBug) << again.error;
  EXPECT_EQ(StepChecks(*again.counterexample), StepChecks(minimized));
  EXPECT_EQ(again.findings.front().certain_at_step, result.findings.front().certain_at_step);
}

// A logs a chosen number (0 to 3) of lines before its unlocked increment; B increments too.
// The lost update needs one preemption whatever A chose; the shortest has A log nothing:
// main's 2 starts, 2 joins and final read, A's choose, read and write, B's read and write.
void PaddedIncrements() {
  Shared<int> x("x", 0);
  Thread a(
      [&x] {
        const int padding = choose(0, 3);
        for (int i = 0; i < padding; ++i) log("padding");
        x.write(x.read() + 1);
      },
      "A");
  Thread b([&x] { x.write(x.read() + 1); }, "B");
  a.start();
  b.start();
  a.join();
  b.join();
  expect(x.read() == 2, "x == 2");
}

TEST(MinimizeTest, AtTheFewestPreemptionsKeepsTheShortestExecution) {
  // A sampled counterexample with one preemption but some padding, from the first seed that
  // gives one.
  std::optional<Result> sampled;
  for (uint64_t seed = 1; seed <= 100 && !sampled; ++seed) {
    RandomStrategy random(seed, 5);
    Result result = Explore("padded", PaddedIncrements, random);
    if (result.counterexample && result.findings.front().kind == FindingKind::kLostUpdate &&
        result.counterexample->Preemptions() == 1 && result.counterexample->events.size() > 10) {
      sampled = std::move(result);
    }
  }
  ASSERT_TRUE(sampled.has_value()) << "no seed gave a padded lost update with one preemption";
  Result& result = *sampled;
  MinimizeCounterexample(PaddedIncrements, {}, result);
  ASSERT_TRUE(result.minimization.has_value());
  EXPECT_TRUE(result.minimization->changed) << result.minimization->note;
  EXPECT_EQ(result.minimization->preemptions_before, 1);
  EXPECT_EQ(result.minimization->preemptions_after, 1);
  EXPECT_EQ(result.minimization->steps_after, 10);
  EXPECT_EQ(result.counterexample->events.size(), 10u);
  EXPECT_EQ(result.findings.front().kind, FindingKind::kLostUpdate);
}

TEST(MinimizeTest, ShrinksARandomDeadlockToOnePreemption) {
  Result result = Sampled(testing::OppositeLockOrder, 1);
  ASSERT_TRUE(result.counterexample.has_value());
  ASSERT_EQ(result.findings.front().kind, FindingKind::kDeadlock);
  const int before = result.counterexample->Preemptions();
  MinimizeCounterexample(testing::OppositeLockOrder, {}, result);
  ASSERT_TRUE(result.minimization.has_value());
  // A take first, then B takes second: one switch away from A while it could go on.
  EXPECT_EQ(result.counterexample->Preemptions(), 1);
  EXPECT_EQ(result.minimization->changed, before > 1) << result.minimization->note;
  EXPECT_EQ(result.findings.front().kind, FindingKind::kDeadlock);
  EXPECT_EQ(result.counterexample->end, EndReason::kDeadlock);
}

TEST(MinimizeTest, KeepsACounterexampleThatIsAlreadyMinimal) {
  const Scenario& scenario = *FindScenario("lost_update");
  DporStrategy dpor;
  Result result = Explore(scenario.name, scenario.Bind(), dpor);
  const std::vector<StepCheck> before = StepChecks(*result.counterexample);
  MinimizeCounterexample(scenario.Bind(), {}, result);
  ASSERT_TRUE(result.minimization.has_value());
  EXPECT_FALSE(result.minimization->changed);
  EXPECT_THAT(result.minimization->note, StartsWith("already minimal"));
  EXPECT_EQ(result.minimization->preemptions_after, 1);
  EXPECT_EQ(result.minimization->steps_after, result.minimization->steps_before);
  EXPECT_EQ(StepChecks(*result.counterexample), before);
}

TEST(MinimizeTest, StopsAtItsBudgetAndKeepsTheOriginal) {
  Result result = Sampled(testing::LostUpdateOnThreads, 3);
  const std::vector<StepCheck> before = StepChecks(*result.counterexample);
  // Level 0 alone has more than one execution, and none of them loses an update.
  MinimizeCounterexample(testing::LostUpdateOnThreads, {}, result, {.max_executions = 1});
  ASSERT_TRUE(result.minimization.has_value());
  EXPECT_FALSE(result.minimization->changed);
  EXPECT_TRUE(result.minimization->budget_hit);
  EXPECT_EQ(result.minimization->executions, 1);
  EXPECT_THAT(result.minimization->note, HasSubstr("within its budget of 1 execution"));
  EXPECT_EQ(StepChecks(*result.counterexample), before);
}

// The spinner polls `go` until main sets it: an execution that never lets main run spins into
// the step bound (a suspected LIVELOCK).
void SpinUntilSet() {
  Atomic<bool> go("go", false);
  // It counts its spins, so no two iterations are the same state (a loop that only re-reads
  // would wait for the store instead: Execution::AtomicLoad) and it spins to the step bound.
  Thread spinner(
      [&go] {
        for (volatile long spins = 0; !go.load(); spins = spins + 1) {
        }
      },
      "spinner");
  spinner.start();
  go.store(true);
  spinner.join();
}

TEST(MinimizeTest, ALongCounterexampleGetsFewerExecutions) {
  const ExploreOptions options{.max_steps = 200};
  DporStrategy dpor;
  Result result = Explore("spin", SpinUntilSet, dpor, options);
  ASSERT_TRUE(result.counterexample.has_value());
  ASSERT_EQ(result.findings.front().kind, FindingKind::kLivelock);
  const int64_t steps = static_cast<int64_t>(result.counterexample->events.size());
  ASSERT_GE(steps, 200);
  MinimizeCounterexample(SpinUntilSet, options, result,
                         {.max_executions = 20'000, .max_total_steps = 2'000});
  ASSERT_TRUE(result.minimization.has_value());
  EXPECT_EQ(result.minimization->budget, 2'000 / steps);
  EXPECT_LE(result.minimization->executions, result.minimization->budget);
  EXPECT_EQ(result.settings.at("minimize"), std::to_string(2'000 / steps));
  EXPECT_EQ(result.findings.front().kind, FindingKind::kLivelock);
}

TEST(MinimizeTest, OffPassAndReplayAreLeftAlone) {
  Result sampled = Sampled(testing::LostUpdateOnThreads, 3);
  MinimizeCounterexample(testing::LostUpdateOnThreads, {}, sampled, {.max_executions = 0});
  EXPECT_FALSE(sampled.minimization.has_value());
  EXPECT_EQ(sampled.settings.count("minimize"), 0u);

  DporStrategy dpor;
  Result pass = Explore("locked", testing::TwoLockedIncrements, dpor);
  ASSERT_EQ(pass.verdict, Verdict::kPass);
  MinimizeCounterexample(testing::TwoLockedIncrements, {}, pass);
  EXPECT_FALSE(pass.minimization.has_value());

  ReplayStrategy replay(sampled.counterexample->Schedule());
  Result replayed = Explore("sampled", testing::LostUpdateOnThreads, replay);
  MinimizeCounterexample(testing::LostUpdateOnThreads, {}, replayed);
  EXPECT_FALSE(replayed.minimization.has_value());
}

// --max-seconds covers minimization: with no time left (or a stop request) the search's own
// counterexample stays, untouched, and the note says why; with time, it minimizes as before.
TEST(MinimizeTest, KeepsTheCounterexampleWhenNoTimeIsLeft) {
  Result result = Sampled(testing::LostUpdateOnThreads, 3);
  ASSERT_TRUE(result.counterexample.has_value());
  const std::vector<ThreadId> schedule = result.counterexample->Schedule();
  MinimizeCounterexample(testing::LostUpdateOnThreads, {}, result,
                         {.max_executions = 20'000, .max_seconds = 0.0});
  ASSERT_TRUE(result.minimization.has_value());
  EXPECT_FALSE(result.minimization->changed);
  EXPECT_EQ(result.minimization->executions, 0);
  EXPECT_THAT(result.minimization->note, HasSubstr("no time was left of --max-seconds"));
  EXPECT_EQ(result.counterexample->Schedule(), schedule);
  EXPECT_EQ(result.findings.front().kind, FindingKind::kLostUpdate);
}

TEST(MinimizeTest, MinimizesWithinTheTimeGiven) {
  Result result = Sampled(testing::LostUpdateOnThreads, 3);
  MinimizeCounterexample(testing::LostUpdateOnThreads, {}, result,
                         {.max_executions = 20'000, .max_seconds = 600.0});
  ASSERT_TRUE(result.minimization.has_value());
  EXPECT_TRUE(result.minimization->changed) << result.minimization->note;
  EXPECT_EQ(result.counterexample->Preemptions(), 1);
}

TEST(MinimizeTest, AStopRequestKeepsTheCounterexample) {
  Result result = Sampled(testing::LostUpdateOnThreads, 3);
  const std::vector<ThreadId> schedule = result.counterexample->Schedule();
  const std::atomic<bool> stop{true};
  MinimizeCounterexample(testing::LostUpdateOnThreads, {.stop = &stop}, result);
  ASSERT_TRUE(result.minimization.has_value());
  EXPECT_FALSE(result.minimization->changed);
  EXPECT_THAT(result.minimization->note, HasSubstr("interrupted by a signal"));
  EXPECT_EQ(result.counterexample->Schedule(), schedule);
}

TEST(MinimizeTest, SameFindingMeansSameKindAndSameObjects) {
  const Result result = Sampled(testing::LostUpdateOnThreads, 3);
  const Trace& trace = *result.counterexample;
  const Finding& lost = result.findings.front();
  EXPECT_TRUE(SameFinding(trace, lost, trace, lost));

  Finding other_kind = lost;
  other_kind.kind = FindingKind::kDataRace;
  EXPECT_FALSE(SameFinding(trace, lost, trace, other_kind));

  Trace renamed = trace;
  renamed.objects[lost.objects.front()].name = "other";
  EXPECT_FALSE(SameFinding(trace, lost, renamed, lost));

  // Without objects, the source lines decide.
  Finding no_objects = lost;
  no_objects.objects.clear();
  Finding moved = no_objects;
  moved.lines = {{"scenarios/elsewhere.cc", 1}};
  EXPECT_TRUE(SameFinding(trace, no_objects, trace, no_objects));
  EXPECT_FALSE(SameFinding(trace, no_objects, trace, moved));
}

}  // namespace
}  // namespace interleave
