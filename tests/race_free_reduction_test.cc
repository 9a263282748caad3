// The race-free reduction (checker/explorer.h PlainAccesses::kRaceFree): dpor takes plain
// accesses without scheduling points of their own while no execution has a data race, and
// starts over with every access scheduled at the first one that does (or at the step bound).
// Against the search with every access scheduled: the same verdict, outcomes and kinds of
// findings, never more executions; a program whose race only some lock orders reach, a spin on
// a plain variable, --jobs and --part start over too; the counterexample's replay token says
// which schedule it is (v3: plain accesses inline) and replays only that way.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <functional>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "checker/dpor.h"
#include "checker/explorer.h"
#include "checker/replay.h"
#include "model/model.h"
#include "model/testing/programs.h"
#include "reports/replay_token.h"
#include "scenarios/registry.h"

namespace interleave {
namespace {

using ::testing::StartsWith;

Result Search(const std::function<void()>& body, PlainAccesses mode, int jobs = 1, int part = 0,
              int parts = 1) {
  DporStrategy dpor;
  return Explore("race_free", body, dpor,
                 ExploreOptions{.max_executions = 200'000,
                                .stall_seconds = 0,
                                .jobs = jobs,
                                .part = part,
                                .parts = parts,
                                .plain_accesses = mode});
}

// The reduced search against the full one: what a user sees is the same.
void ExpectSameFindings(const Result& reduced, const Result& full) {
  EXPECT_EQ(reduced.verdict, full.verdict);
  EXPECT_EQ(OutcomeNames(reduced), OutcomeNames(full));
  EXPECT_EQ(FindingKinds(reduced), FindingKinds(full));
  EXPECT_TRUE(reduced.stats.exhaustive);
  EXPECT_LE(reduced.stats.executions, full.stats.executions);
}

TEST(RaceFreeReductionTest, LockedIncrementsKeepTheirClassesWithoutRaces) {
  const auto body = testing::Increments(3, 2, /*locked=*/true);
  const Result reduced = Search(body, PlainAccesses::kRaceFree);
  const Result full = Search(body, PlainAccesses::kScheduled);
  ExpectSameFindings(reduced, full);
  EXPECT_EQ(reduced.verdict, Verdict::kPass);
  EXPECT_EQ(reduced.stats.executions, 90);  // 6! / (2!)^3 lock orders.
  EXPECT_EQ(full.stats.executions, 90);
  EXPECT_EQ(reduced.settings.at("plain_accesses"), "race-free reduction");
  EXPECT_EQ(full.settings.at("plain_accesses"), "scheduled");
}

TEST(RaceFreeReductionTest, ADataRaceStartsTheSearchOverWithEveryAccessScheduled) {
  const auto body = testing::Increments(2, 2, /*locked=*/false);
  const Result reduced = Search(body, PlainAccesses::kRaceFree);
  const Result full = Search(body, PlainAccesses::kScheduled);
  ExpectSameFindings(reduced, full);
  EXPECT_EQ(reduced.verdict, Verdict::kBug);
  EXPECT_EQ(reduced.stats.executions, full.stats.executions);
  EXPECT_EQ(reduced.outcomes, full.outcomes);
  EXPECT_EQ(reduced.settings.at("plain_accesses"), "scheduled after a data race");
  ASSERT_TRUE(reduced.counterexample);
  EXPECT_FALSE(reduced.counterexample->plain_accesses_inline);
}

// B reads `x` without the lock only when it took the lock first: the race is in some lock
// orders only, so the reduced search meets it after race-free executions.
void RaceInOneLockOrder() {
  Lock lock("lock");
  Shared<int> x("x", 0);
  Shared<int> flag("flag", 0);
  Thread a(
      [&] {
        lock.acquire();
        x.write(1);
        flag.write(1);
        lock.release();
      },
      "A");
  Thread b(
      [&] {
        lock.acquire();
        const int seen = flag.read();
        lock.release();
        if (seen == 0) outcome("x", x.read());
      },
      "B");
  a.start();
  b.start();
  a.join();
  b.join();
}

TEST(RaceFreeReductionTest, ARaceThatOnlySomeLockOrdersReachIsFound) {
  const Result reduced = Search(RaceInOneLockOrder, PlainAccesses::kRaceFree);
  const Result full = Search(RaceInOneLockOrder, PlainAccesses::kScheduled);
  ExpectSameFindings(reduced, full);
  EXPECT_TRUE(reduced.Found(FindingKind::kDataRace));
  EXPECT_EQ(reduced.stats.executions, full.stats.executions);
  EXPECT_EQ(reduced.settings.at("plain_accesses"), "scheduled after a data race");
}

// Main spins on a plain flag: taken inline, the spin never lets the writer run, and the step
// bound ends the execution; the search starts over as the full one.
void SpinOnPlainFlag() {
  Shared<int> flag("flag", 0);
  Thread writer([&] { flag.write(1); }, "writer");
  writer.start();
  while (flag.read() == 0) {
  }
  writer.join();
}

TEST(RaceFreeReductionTest, ASpinOnAPlainVariableStartsTheSearchOver) {
  auto search = [](PlainAccesses mode) {
    DporStrategy dpor;
    return Explore("spin", SpinOnPlainFlag, dpor,
                   ExploreOptions{.max_executions = 10'000,
                                  .max_steps = 200,
                                  .stall_seconds = 0,
                                  .plain_accesses = mode});
  };
  const Result reduced = search(PlainAccesses::kRaceFree);
  const Result full = search(PlainAccesses::kScheduled);
  EXPECT_EQ(reduced.settings.at("plain_accesses"), "scheduled after a data race");
  EXPECT_EQ(reduced.verdict, full.verdict);
  EXPECT_EQ(reduced.verdict, Verdict::kBug);
  EXPECT_EQ(reduced.stats.executions, full.stats.executions);
  EXPECT_EQ(reduced.stats.step_bound_hits, full.stats.step_bound_hits);
  // The writer, kept out until the step bound, races with the spin's reads: dpor runs it
  // before them too, and finds the race (and the executions that end).
  EXPECT_GT(full.stats.executions, 1);
  EXPECT_EQ(full.finding_counts.count(FindingKind::kDataRace), 1U);
  EXPECT_EQ(full.outcomes.size(), 2U);
}

TEST(RaceFreeReductionTest, TwoJobsAndPartsStartOverAsOneProcessDoes) {
  const auto body = testing::Increments(2, 2, /*locked=*/false);
  const Result one = Search(body, PlainAccesses::kRaceFree);
  const Result two_jobs = Search(body, PlainAccesses::kRaceFree, /*jobs=*/2);
  EXPECT_EQ(two_jobs.verdict, one.verdict);
  EXPECT_EQ(two_jobs.stats.executions, one.stats.executions);
  EXPECT_EQ(two_jobs.outcomes, one.outcomes);
  EXPECT_EQ(two_jobs.settings.at("plain_accesses"), "scheduled after a data race");
  // The parts of a split search schedule every access: one tree, whatever each part meets.
  std::vector<Result> parts;
  for (int part = 0; part < 3; ++part) {
    parts.push_back(Search(body, PlainAccesses::kRaceFree, 1, part, 3));
  }
  const Result merged = MergeParts(parts);
  EXPECT_EQ(merged.verdict, one.verdict);
  EXPECT_EQ(merged.stats.executions, one.stats.executions);
  EXPECT_EQ(merged.outcomes, one.outcomes);
  EXPECT_EQ(merged.settings.at("plain_accesses"), "scheduled");

  const auto locked = testing::Increments(3, 2, /*locked=*/true);
  const Result locked_one = Search(locked, PlainAccesses::kRaceFree);
  EXPECT_EQ(Search(locked, PlainAccesses::kRaceFree, 2).stats.executions,
            locked_one.stats.executions);
}

// A lock-order deadlock with plain accesses and no race: its counterexample comes from the
// reduced search, and its token replays it only with plain accesses inline.
void LockOrderDeadlock() {
  Lock first("first");
  Lock second("second");
  Shared<int> x("x", 0);
  Thread a(
      [&] {
        first.acquire();
        x.write(x.read() + 1);
        second.acquire();
        second.release();
        first.release();
      },
      "A");
  Thread b(
      [&] {
        second.acquire();
        first.acquire();
        x.write(x.read() + 1);
        first.release();
        second.release();
      },
      "B");
  a.start();
  b.start();
  a.join();
  b.join();
}

TEST(RaceFreeReductionTest, AReducedCounterexamplesTokenReplaysWithPlainAccessesInline) {
  const Result reduced = Search(LockOrderDeadlock, PlainAccesses::kRaceFree);
  ASSERT_EQ(reduced.verdict, Verdict::kBug);
  ASSERT_TRUE(reduced.Found(FindingKind::kDeadlock));
  ASSERT_TRUE(reduced.counterexample);
  EXPECT_TRUE(reduced.counterexample->plain_accesses_inline);
  const std::string text = ReplayTokenText(reduced);
  EXPECT_THAT(text, StartsWith("v3:"));
  std::string error;
  const std::optional<ReplayToken> token = ParseReplayToken(text, &error);
  ASSERT_TRUE(token) << error;
  EXPECT_TRUE(token->plain_accesses_inline);

  ReplayStrategy inline_replay(token->schedule, token->steps, token->plain_accesses_inline,
                               token->releases_inline);
  const Result replayed =
      Explore("race_free", LockOrderDeadlock, inline_replay, ExploreOptions{.stall_seconds = 0});
  EXPECT_TRUE(replayed.Found(FindingKind::kDeadlock)) << replayed.error;
  EXPECT_EQ(replayed.settings.at("plain_accesses"), "inline");

  // The same choices with every access scheduled are another schedule: the step checks catch
  // it (or the schedule no longer fits).
  ReplayStrategy scheduled_replay(token->schedule, token->steps, false);
  const Result mismatched =
      Explore("race_free", LockOrderDeadlock, scheduled_replay, ExploreOptions{.stall_seconds = 0});
  EXPECT_EQ(mismatched.verdict, Verdict::kError);
}

// Every scenario of the catalogue: the reduced search against the full one, where the full
// one ends within its bound.
TEST(RaceFreeReductionTest, CatalogueScenariosReachTheSameVerdictsOutcomesAndFindings) {
  int compared = 0;
  for (const Scenario& scenario : AllScenarios()) {
    const auto body = scenario.Bind();
    DporStrategy full_dpor;
    const ExploreOptions full_options{
        .max_executions = 20'000, .stall_seconds = 0, .plain_accesses = PlainAccesses::kScheduled};
    const Result full = Explore(scenario.name, body, full_dpor, full_options);
    if (!full.stats.exhaustive || full.verdict == Verdict::kError) continue;
    DporStrategy reduced_dpor;
    ExploreOptions reduced_options = full_options;
    reduced_options.plain_accesses = PlainAccesses::kRaceFree;
    const Result reduced = Explore(scenario.name, body, reduced_dpor, reduced_options);
    SCOPED_TRACE(scenario.name);
    ExpectSameFindings(reduced, full);
    if (reduced.settings.at("plain_accesses") != "race-free reduction") {
      EXPECT_EQ(reduced.stats.executions, full.stats.executions);
    }
    ++compared;
  }
  EXPECT_GE(compared, 60);
}

}  // namespace
}  // namespace interleave
