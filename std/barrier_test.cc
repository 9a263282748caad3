// barrier, checked as a user would: small programs explored exhaustively by dpor.
#include "std/barrier.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <set>
#include <string>
#include <utility>

#include "checker/dfs.h"
#include "checker/dpor.h"
#include "checker/explorer.h"
#include "model/model.h"
#include "std/testing.h"

namespace interleave::sync {
namespace {

using sync_testing::Check;
using sync_testing::Explain;

using ::testing::HasSubstr;
using ::testing::Pair;
using ::testing::UnorderedElementsAre;

// Two threads, two phases; the completion counts the phases. Each phase's writes are seen
// after the barrier: PASS.
void TwoPhases() {
  Shared<int> a("a", 0);
  Shared<int> b("b", 0);
  Shared<int> c("c", 0);
  int phases = 0;  // Only the completion touches it, in one thread at a time.
  barrier sync_point(2, [&phases]() noexcept { ++phases; });
  Thread other([&] {
    a.write(1);
    sync_point.arrive_and_wait();
    expect(b.read() == 1, "phase 1 saw main's write");
    c.write(2);
    sync_point.arrive_and_wait();
  });
  other.start();
  b.write(1);
  sync_point.arrive_and_wait();
  expect(a.read() == 1, "phase 1 saw the other's write");
  sync_point.arrive_and_wait();
  expect(c.read() == 2, "phase 2 saw the other's write");
  other.join();
  outcome("phases", phases);
}

TEST(BarrierTest, TwoPhasesPass) {
  const Result result = Check("two_phases", TwoPhases);
  EXPECT_EQ(result.verdict, Verdict::kPass) << result.error;
  EXPECT_TRUE(result.stats.exhaustive);
  EXPECT_THAT(result.outcomes, UnorderedElementsAre(Pair("phases=2", ::testing::_)));
}

// The completion writes what both threads read after the phase: ordered, no race. An arrival
// for the next phase (arrive without waiting) waits until the completion has ended.
void CompletionPublishes() {
  Shared<int> total("total", 0);
  barrier point(2, [&total]() noexcept { total.write(total.read() + 1); });
  Thread other([&] {
    point.arrive_and_wait();
    expect(total.read() >= 1, "the completion ran before the phase ended");
    (void)point.arrive();  // Phase 2: does not wait.
  });
  other.start();
  point.arrive_and_wait();
  outcome("after phase 1", total.read());
  point.arrive_and_wait();
  expect(total.read() == 2, "both completions ran");
  other.join();
}

TEST(BarrierTest, TheCompletionHappensBeforeTheWaitersReturn) {
  const Result result = Check("completion_publishes", CompletionPublishes);
  EXPECT_EQ(result.verdict, Verdict::kPass) << result.error;
  EXPECT_THAT(result.outcomes, UnorderedElementsAre(Pair("after phase 1=1", ::testing::_)));
}

// dpor finds what dfs's every-interleaving search finds.
TEST(BarrierTest, DporAgreesWithDfs) {
  for (auto [name, body] : {std::pair{"two_phases", &TwoPhases},
                            std::pair{"completion_publishes", &CompletionPublishes}}) {
    sync_testing::ExpectDporAgreesWithDfs(name, body);
  }
}

// arrive then wait with the token; arrive_and_drop lowers the count of the next phase.
void ArriveAndDrop() {
  barrier<> point(2);
  Thread leaver([&] { point.arrive_and_drop(); });
  leaver.start();
  auto token = point.arrive();
  point.wait(std::move(token));
  point.arrive_and_wait();  // Alone now: the next phase expects one.
  leaver.join();
}

TEST(BarrierTest, ArriveAndDropLowersTheCount) {
  const Result result = Check("arrive_and_drop", ArriveAndDrop);
  EXPECT_EQ(result.verdict, Verdict::kPass) << result.error;
}

// Three parties expected, two arrive: both wait for ever.
void MissingParty() {
  barrier<> point(3);
  Thread other([&] { point.arrive_and_wait(); });
  other.start();
  point.arrive_and_wait();
  other.join();
}

TEST(BarrierTest, AMissingPartyDeadlocks) {
  const Result result = Check("missing_party", MissingParty);
  EXPECT_EQ(result.verdict, Verdict::kBug);
  EXPECT_TRUE(result.HasFinding(FindingKind::kDeadlock));
}

// More arrivals than the phase expects: undefined behaviour, LOCK MISUSE.
void TooManyArrivals() {
  barrier<> point(1);
  (void)point.arrive(2);
}

TEST(BarrierTest, TooManyArrivalsAreMisuse) {
  const Result result = Check("too_many_arrivals", TooManyArrivals);
  EXPECT_EQ(result.verdict, Verdict::kBug);
  ASSERT_TRUE(result.HasFinding(FindingKind::kLockMisuse));
  EXPECT_THAT(result.counterexample->error, HasSubstr("more arrivals than the phase expects"));
}

}  // namespace
}  // namespace interleave::sync
