// Replay round trips through the token a report prints: for every scenario with a finding, the
// token of its counterexample (minimized, as `interleave run` reports it), decoded and replayed,
// reproduces the same steps and findings and confirms the token's finding; a token that no
// longer fits names the first step that differs and what the recorded execution did there.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "checker/dpor.h"
#include "checker/explorer.h"
#include "checker/minimize.h"
#include "checker/replay.h"
#include "reports/replay_token.h"
#include "scenarios/registry.h"

namespace interleave {
namespace {

std::vector<std::string> Steps(const Trace& trace) {
  std::vector<std::string> steps;
  for (const TraceEvent& e : trace.events) {
    steps.push_back(std::to_string(e.step) + " " + trace.threads[e.thread].name + " " +
                    trace.Describe(e) + " " + e.where.ToString());
  }
  return steps;
}

// One test per scenario that declares a BUG in time mode any (the mode of the search below), so
// that Bazel's shards (shard_count in tests/BUILD) split the catalogue between them.
class CounterexampleRoundTripTest : public ::testing::TestWithParam<const Scenario*> {};

TEST_P(CounterexampleRoundTripTest, TokenReproducesIt) {
  const Scenario& scenario = *GetParam();
  DporStrategy dpor;  // dfs explores every interleaving: too many for the whole catalogue.
  Result found = Explore(scenario.name, scenario.Bind(), dpor);
  ASSERT_EQ(found.verdict, Verdict::kBug) << scenario.name << " declares a BUG";
  ASSERT_TRUE(found.counterexample.has_value()) << scenario.name;
  MinimizeCounterexample(scenario.Bind(), {}, found);
  const std::string token = ReplayTokenText(found);

  std::string error;
  const auto parsed = ParseReplayToken(token, &error);
  ASSERT_TRUE(parsed.has_value()) << error;
  ReplayStrategy replay(parsed->schedule, parsed->steps, parsed->plain_accesses_inline,
                        parsed->releases_inline);
  const Result again = Explore(scenario.name, scenario.Bind(), replay);
  ASSERT_EQ(again.verdict, Verdict::kBug) << scenario.name << " " << token << again.error;
  EXPECT_EQ(Steps(*again.counterexample), Steps(*found.counterexample)) << scenario.name;
  ASSERT_EQ(again.findings.size(), found.findings.size()) << scenario.name;
  for (std::size_t i = 0; i < found.findings.size(); ++i) {
    EXPECT_EQ(again.findings[i].kind, found.findings[i].kind);
    EXPECT_EQ(again.findings[i].summary, found.findings[i].summary);
    EXPECT_EQ(again.findings[i].details, found.findings[i].details);
  }
  ASSERT_TRUE(parsed->kind.has_value());
  const ReplayConfirmation confirmation =
      ConfirmFinding(again, *parsed->kind, parsed->certain_at_step);
  EXPECT_TRUE(confirmation.confirmed) << scenario.name << ": " << confirmation.message;
  EXPECT_EQ(confirmation.message,
            "replayed: " + std::string(FindingKindName(found.findings.front().kind)) +
                " confirmed at step " + std::to_string(found.findings.front().certain_at_step));
}

std::vector<const Scenario*> ScenariosWithABug() {
  std::vector<const Scenario*> scenarios;
  for (const Scenario& scenario : AllScenarios()) {
    if (scenario.ExpectedIn(TimeMode::kAny).verdict == Verdict::kBug) {
      scenarios.push_back(&scenario);
    }
  }
  return scenarios;
}

INSTANTIATE_TEST_SUITE_P(Scenarios, CounterexampleRoundTripTest,
                         ::testing::ValuesIn(ScenariosWithABug()),
                         [](const ::testing::TestParamInfo<const Scenario*>& info) {
                           return info.param->name;
                         });

TEST(ReplayRoundTripTest, CatalogueHasScenariosWithABugToReplay) {
  EXPECT_GE(ScenariosWithABug().size(), 10u);
}

TEST(ReplayRoundTripTest, TokenOfAnotherScenarioIsStale) {
  DporStrategy dpor;
  const Scenario& bug = *FindScenario("lost_update");
  const Result found = Explore(bug.name, bug.Bind(), dpor);
  ASSERT_TRUE(found.counterexample.has_value());
  // lost_update_locked has more steps (its lock and extra logs); the same choices do not fit.
  ReplayStrategy replay(found.counterexample->Schedule());
  const Scenario& fix = *FindScenario("lost_update_locked");
  const Result again = Explore(fix.name, fix.Bind(), replay);
  EXPECT_EQ(again.verdict, Verdict::kError);
  EXPECT_THAT(again.error, ::testing::HasSubstr("stale replay token"));
}

// The lost update's token on its fix: the steps agree up to the read of value, which the
// locked version precedes with a log; the replay names that step and what the token expected.
TEST(ReplayRoundTripTest, AStaleTokenNamesTheFirstStepThatDiffersAndWhatWasExpected) {
  DporStrategy dpor;
  const Scenario& bug = *FindScenario("lost_update");
  const Result found = Explore(bug.name, bug.Bind(), dpor);
  const auto token = ParseReplayToken(ReplayTokenText(found), nullptr);
  ASSERT_TRUE(token.has_value());
  const Trace& recorded = *found.counterexample;
  // The first read of value in the recorded execution.
  int read_step = 0;
  for (const TraceEvent& event : recorded.events) {
    if (event.kind == OpKind::kRead && event.thread != 0) {
      read_step = event.step;
      break;
    }
  }
  ASSERT_GT(read_step, 0);

  const Scenario& fix = *FindScenario("lost_update_locked");
  ReplayStrategy replay(token->schedule, token->steps, token->plain_accesses_inline,
                        token->releases_inline);
  const Result again = Explore(fix.name, fix.Bind(), replay);
  ASSERT_EQ(again.verdict, Verdict::kError);
  EXPECT_THAT(again.error,
              ::testing::HasSubstr("stale replay token: step " + std::to_string(read_step) +
                                   " differs from the recorded execution: the token "
                                   "expects a read by " +
                                   recorded.threads[recorded.events[read_step - 1].thread].name +
                                   " on value there, but "));
}

// A step check changed by hand (a read recorded as a write) is named even though the schedule
// still fits; a finding the replay does not reach is not confirmed.
TEST(ReplayRoundTripTest, ATamperedTokenIsCaughtAtItsStepAndAWrongFindingIsNotConfirmed) {
  DporStrategy dpor;
  const Scenario& scenario = *FindScenario("lost_update");
  const Result found = Explore(scenario.name, scenario.Bind(), dpor);
  auto token = ParseReplayToken(ReplayTokenText(found), nullptr);
  ASSERT_TRUE(token.has_value());
  std::size_t read = 0;
  while (read < token->steps.size() && token->steps[read].op != OpKind::kRead) ++read;
  ASSERT_LT(read, token->steps.size());
  ReplayToken tampered = *token;
  tampered.steps[read].op = OpKind::kWrite;
  ReplayStrategy replay(tampered.schedule, tampered.steps, tampered.plain_accesses_inline,
                        tampered.releases_inline);
  const Result again = Explore(scenario.name, scenario.Bind(), replay);
  ASSERT_EQ(again.verdict, Verdict::kError);
  EXPECT_THAT(again.error, ::testing::HasSubstr("step " + std::to_string(read + 1) +
                                                " differs from the recorded execution: the "
                                                "token expects a write"));

  ReplayStrategy faithful(token->schedule, token->steps, token->plain_accesses_inline,
                          token->releases_inline);
  const Result replayed = Explore(scenario.name, scenario.Bind(), faithful);
  ASSERT_EQ(replayed.verdict, Verdict::kBug);
  EXPECT_TRUE(ConfirmFinding(replayed, *token->kind, token->certain_at_step).confirmed);
  const ReplayConfirmation later =
      ConfirmFinding(replayed, FindingKind::kLostUpdate, token->certain_at_step + 1);
  EXPECT_FALSE(later.confirmed);
  EXPECT_THAT(later.message, ::testing::HasSubstr("replay not confirmed: expected LOST UPDATE "
                                                  "certain at step " +
                                                  std::to_string(token->certain_at_step + 1)));
  const ReplayConfirmation other = ConfirmFinding(replayed, FindingKind::kDeadlock, 1);
  EXPECT_FALSE(other.confirmed);
  EXPECT_THAT(other.message, ::testing::HasSubstr("found only LOST UPDATE, DATA RACE"));
}

}  // namespace
}  // namespace interleave
