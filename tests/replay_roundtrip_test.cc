// Replay round trips through the token a report prints: for every scenario with a finding, the
// token of its counterexample, decoded and replayed, reproduces the same steps and findings.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "checker/dpor.h"
#include "checker/explorer.h"
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

TEST(ReplayRoundTripTest, TokenOfEveryCounterexampleReproducesIt) {
  int replayed = 0;
  for (const Scenario& scenario : AllScenarios()) {
    DporStrategy dpor;  // dfs explores every interleaving: too many for the whole catalogue.
    const Result found = Explore(scenario.name, scenario.Bind(), dpor);
    if (!found.counterexample || found.verdict != Verdict::kBug) continue;
    const std::string token = EncodeReplayToken(found.counterexample->Schedule());

    std::string error;
    const auto schedule = DecodeReplayToken(token, &error);
    ASSERT_TRUE(schedule.has_value()) << error;
    ReplayStrategy replay(*schedule);
    const Result again = Explore(scenario.name, scenario.Bind(), replay);
    ASSERT_EQ(again.verdict, Verdict::kBug) << scenario.name << " " << token << again.error;
    EXPECT_EQ(Steps(*again.counterexample), Steps(*found.counterexample)) << scenario.name;
    ASSERT_EQ(again.findings.size(), found.findings.size()) << scenario.name;
    for (std::size_t i = 0; i < found.findings.size(); ++i) {
      EXPECT_EQ(again.findings[i].kind, found.findings[i].kind);
      EXPECT_EQ(again.findings[i].summary, found.findings[i].summary);
      EXPECT_EQ(again.findings[i].details, found.findings[i].details);
    }
    ++replayed;
  }
  EXPECT_GE(replayed, 1) << "no scenario with a finding to replay";
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

}  // namespace
}  // namespace interleave
