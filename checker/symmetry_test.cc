// The symmetry reduction (checker/symmetry.h): the rule's masks; and, against the full dpor
// search, on the increment family, programs with symmetric producers, consumers and waiters,
// and catalogue scenarios that declare symmetric threads: every outcome kept, the same kinds
// of findings, the same verdict, never more executions, and for the locked increments exactly
// the classes up to symmetry. Operations that tell the members apart are errors.
#include "checker/symmetry.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <functional>
#include <iostream>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "checker/dfs.h"
#include "checker/dpor.h"
#include "checker/explorer.h"
#include "model/model.h"
#include "model/testing/programs.h"
#include "scenarios/registry.h"

namespace interleave {
namespace {

using ::testing::HasSubstr;

// ---- The rule ----------------------------------------------------------------------------

TEST(SymmetryAtTest, OnlyTheLowestEnabledUnsteppedMemberOfAGroupIsFresh) {
  // Threads: 0 main (no group), 1 2 3 group 0, 4 5 group 1.
  const std::vector<int> groups = {-1, 0, 0, 0, 1, 1};
  const SymmetryMask mask = SymmetryAt(groups, /*enabled=*/0b111111, /*stepped=*/0b000001);
  EXPECT_EQ(mask.fresh, uint64_t{0b010010});
  EXPECT_EQ(mask.forbidden, uint64_t{0b101100});
}

TEST(SymmetryAtTest, SteppedAndDisabledMembersNeitherForbidNorAreForbidden) {
  const std::vector<int> groups = {-1, 0, 0, 0};
  // 1 has stepped, 2 is blocked: 3 is the group's fresh member.
  const SymmetryMask mask = SymmetryAt(groups, /*enabled=*/0b1011, /*stepped=*/0b0011);
  EXPECT_EQ(mask.fresh, uint64_t{0b1000});
  EXPECT_EQ(mask.forbidden, uint64_t{0});
}

TEST(SymmetryAtTest, ThreadsInNoGroupAreNeverForbidden) {
  const std::vector<int> groups = {-1, -1, -1};
  const SymmetryMask mask = SymmetryAt(groups, 0b111, 0);
  EXPECT_EQ(mask.fresh, uint64_t{0});
  EXPECT_EQ(mask.forbidden, uint64_t{0});
}

TEST(SymmetricImageTest, MapsForbiddenMembersToTheirGroupsFreshMember) {
  const std::vector<int> groups = {-1, 0, 0, 0, 1, 1};
  const SymmetryMask mask = SymmetryAt(groups, 0b111111, 0b000001);
  EXPECT_EQ(SymmetricImage(0b001000, mask, groups), uint64_t{0b000010});  // 3 -> 1.
  EXPECT_EQ(SymmetricImage(0b100001, mask, groups), uint64_t{0b010001});  // 5 -> 4; 0 stays.
  EXPECT_EQ(SymmetricImage(0b000010, mask, groups), uint64_t{0b000010});  // Fresh: itself.
}

TEST(DescribeSymmetryTest, NamesEachGroupAndItsSize) {
  EXPECT_EQ(DescribeSymmetry({{"increment", 4}}), "the 4 threads of symmetry group 'increment'");
  EXPECT_EQ(DescribeSymmetry({{"a", 2}, {"b", 3}}),
            "the 2 threads of symmetry group 'a' and the 3 threads of symmetry group 'b'");
  EXPECT_EQ(DescribeSymmetry({}), "");
}

// ---- Against the full search ----------------------------------------------------------

Result Search(const std::function<void()>& body, bool symmetry, int jobs = 1,
              TimeMode time = TimeMode::kAny) {
  DporStrategy dpor;
  return Explore("symmetry_test", body, dpor,
                 {.max_executions = 2'000'000,
                  .time = time,
                  .stall_seconds = 0,
                  .jobs = jobs,
                  .symmetry = symmetry});
}

// The reduced search keeps every outcome and kind of finding of the full one, and its verdict.
void ExpectSameUpToSymmetry(const std::function<void()>& body, const std::string& what,
                            TimeMode time = TimeMode::kAny) {
  const Result full = Search(body, false, 1, time);
  const Result reduced = Search(body, true, 1, time);
  ASSERT_TRUE(full.stats.exhaustive) << what;
  ASSERT_TRUE(reduced.stats.exhaustive) << what << ": " << reduced.error;
  EXPECT_EQ(reduced.verdict, full.verdict) << what << ": " << reduced.error;
  EXPECT_EQ(OutcomeNames(reduced), OutcomeNames(full)) << what;
  EXPECT_EQ(FindingKinds(reduced), FindingKinds(full)) << what;
  EXPECT_LE(reduced.stats.executions, full.stats.executions) << what;
  std::cout << what << ": " << full.stats.executions << " executions, " << reduced.stats.executions
            << " under --symmetry; " << OutcomeNames(full).size() << " outcomes\n";
}

TEST(SymmetrySearchTest, IncrementFamilyKeepsEveryOutcome) {
  for (const auto& [n, k] :
       std::vector<std::pair<int, int>>{{2, 1}, {2, 2}, {2, 3}, {3, 1}, {3, 2}, {4, 1}}) {
    for (const bool locked : {false, true}) {
      ExpectSameUpToSymmetry(
          testing::Increments(n, k, locked),
          std::to_string(n) + "x" + std::to_string(k) + (locked ? " locked" : " unlocked"));
    }
  }
}

// (N*K)! / ((K!)^N * N!): the lock orders in which the threads first appear in order.
int64_t LockedClassesUpToSymmetry(int n, int k) {
  auto factorial = [](int m) {
    int64_t f = 1;
    for (int i = 2; i <= m; ++i) f *= i;
    return f;
  };
  int64_t classes = factorial(n * k);
  for (int t = 0; t < n; ++t) classes /= factorial(k);
  return classes / factorial(n);
}

TEST(SymmetrySearchTest, LockedIncrementsExploreOneClassPerPermutationClass) {
  for (const auto& [n, k] :
       std::vector<std::pair<int, int>>{{2, 2}, {3, 2}, {3, 3}, {4, 1}, {4, 2}}) {
    const Result full = Search(testing::Increments(n, k, true), false);
    const Result reduced = Search(testing::Increments(n, k, true), true);
    EXPECT_EQ(reduced.stats.executions, LockedClassesUpToSymmetry(n, k)) << n << "x" << k;
    EXPECT_EQ(
        reduced.stats.executions *
            [n] {
              int64_t f = 1;
              for (int i = 2; i <= n; ++i) f *= i;
              return f;
            }(),
        full.stats.executions)
        << n << "x" << k;
    EXPECT_EQ(reduced.verdict, Verdict::kPass);
    EXPECT_EQ(reduced.settings.at("symmetry"),
              "the " + std::to_string(n) + " threads of symmetry group 'increment'");
  }
}

TEST(SymmetrySearchTest, TwoWorkersRunTheSameCompleteExecutions) {
  const Result one = Search(testing::Increments(3, 2, true), true, 1);
  const Result two = Search(testing::Increments(3, 2, true), true, 2);
  EXPECT_EQ(two.stats.executions, one.stats.executions);
  EXPECT_EQ(two.outcomes, one.outcomes);
  EXPECT_EQ(two.settings.at("symmetry"), one.settings.at("symmetry"));
}

// Two symmetric producers put their (equal) item, two symmetric consumers each take one and
// add it to a total; an asymmetric observer reads the total while they run.
void ProducersAndConsumers() {
  Queue<int> queue(0, "queue");
  Shared<int> total("total", 0);
  Lock lock("lock");
  int seen = -1;
  const auto produce = [&] { queue.put(1); };
  const auto consume = [&] {
    const int item = queue.get();
    lock.acquire();
    total.write(total.read() + item);
    lock.release();
  };
  std::vector<Thread> threads;
  threads.reserve(5);
  for (int i = 0; i < 2; ++i) threads.emplace_back(produce).set_symmetric("producer");
  for (int i = 0; i < 2; ++i) threads.emplace_back(consume).set_symmetric("consumer");
  threads.emplace_back([&] {
    lock.acquire();
    seen = total.read();
    lock.release();
  });
  for (Thread& t : threads) t.start();
  for (Thread& t : threads) t.join();
  outcome("seen", seen);
  outcome("total", total.read());
}

// Two symmetric waiters on a condition with a flag, a notifier that notifies one: a waiter
// may wait forever (a hang) in some interleavings.
void WaitersNotifiedOnce() {
  Condition condition("condition");
  Shared<bool> ready("ready", false);
  Shared<int> woken("woken", 0);
  const auto waiter = [&] {
    ConditionGuard with(condition);
    while (!ready.read()) condition.wait();
    woken.write(woken.read() + 1);
  };
  Thread a(waiter, "a");
  Thread b(waiter, "b");
  a.set_symmetric("waiter");
  b.set_symmetric("waiter");
  Thread notifier([&] {
    ConditionGuard with(condition);
    ready.write(true);
    condition.notify();
  });
  a.start();
  b.start();
  notifier.start();
  a.join();
  b.join();
  notifier.join();
  outcome("woken", woken.read());
}

// Symmetric threads that race on a plain variable, with a thread that takes two locks in the
// other order from theirs: lost updates, data races and a deadlock.
void RacersAndOppositeLockOrder() {
  Shared<int> x("x", 0);
  Lock first("first");
  Lock second("second");
  const auto racer = [&] {
    x.write(x.read() + 1);
    first.acquire();
    second.acquire();
    second.release();
    first.release();
  };
  Thread a(racer, "a");
  Thread b(racer, "b");
  a.set_symmetric("racer");
  b.set_symmetric("racer");
  Thread other([&] {
    second.acquire();
    first.acquire();
    first.release();
    second.release();
  });
  other.start();
  a.start();
  b.start();
  a.join();
  b.join();
  other.join();
  const int value = x.read();
  outcome("x", value);
  expect(value == 2, "x == 2");
}

// Main starts the members at different points of its own work (a member may run before the
// next is started), and an asymmetric thread reads the shared state while they run.
void StaggeredStarts() {
  Shared<int> x("x", 0);
  Shared<int> flag("flag", 0);
  Lock lock("lock");
  const auto member = [&] {
    lock.acquire();
    x.write(x.read() * 2 + flag.read());
    lock.release();
  };
  Thread a(member, "a");
  Thread b(member, "b");
  Thread c(member, "c");
  for (Thread* t : {&a, &b, &c}) t->set_symmetric("member");
  int seen = -1;
  Thread observer([&] {
    lock.acquire();
    seen = x.read();
    lock.release();
  });
  observer.start();
  a.start();
  flag.write(1);
  b.start();
  c.start();
  a.join();
  b.join();
  c.join();
  observer.join();
  outcome("x", x.read());
  outcome("seen", seen);
}

TEST(SymmetrySearchTest, ProgramsWithSymmetricGroupsKeepEveryOutcomeAndFinding) {
  ExpectSameUpToSymmetry(StaggeredStarts, "staggered starts");
  ExpectSameUpToSymmetry(ProducersAndConsumers, "producers and consumers");
  ExpectSameUpToSymmetry(WaitersNotifiedOnce, "waiters notified once");
  ExpectSameUpToSymmetry(RacersAndOppositeLockOrder, "racers and opposite lock order");
  // The findings are not vacuous: the last two are bugs.
  EXPECT_EQ(Search(WaitersNotifiedOnce, true).verdict, Verdict::kBug);
  EXPECT_THAT(FindingKinds(Search(RacersAndOppositeLockOrder, true)),
              ::testing::IsSupersetOf({FindingKind::kDeadlock, FindingKind::kLostUpdate}));
}

TEST(SymmetrySearchTest, CatalogueScenariosWithSymmetricThreads) {
  for (const std::string name : {"s004_race_condition", "s004_race_condition_locked"}) {
    const Scenario* scenario = FindScenario(name);
    ASSERT_NE(scenario, nullptr) << name;
    for (const int iterations : {1, 2}) {
      const std::function<void()> body =
          scenario->Bind(scenario->Params(std::map<std::string, int>{{"iterations", iterations}}));
      ExpectSameUpToSymmetry(body, name + " iterations=" + std::to_string(iterations));
      EXPECT_LT(Search(body, true).stats.executions, Search(body, false).stats.executions) << name;
    }
  }
}

TEST(SymmetrySearchTest, WithoutTheOptionDeclarationsChangeNothing) {
  const Result plain = Search(testing::Increments(3, 2, true), false);
  EXPECT_EQ(plain.stats.executions, 90);
  EXPECT_EQ(plain.settings.count("symmetry"), 0u);
}

// ---- Telling members apart is an error --------------------------------------------------

void ExpectSymmetryError(const std::function<void()>& body, const std::string& message) {
  const Result result = Search(body, true);
  EXPECT_EQ(result.verdict, Verdict::kError);
  EXPECT_THAT(result.error, HasSubstr(message));
  // Without --symmetry the same program is fine.
  EXPECT_NE(Search(body, false).verdict, Verdict::kError);
}

TEST(SymmetryErrorTest, IsAliveOfAMember) {
  ExpectSymmetryError(
      [] {
        const auto body = [] { log("running"); };
        Thread a(body);
        Thread b(body);
        a.set_symmetric("g");
        b.set_symmetric("g");
        a.start();
        b.start();
        outcome("alive", a.is_alive());
        a.join();
        b.join();
      },
      "observes a symmetric thread's liveness");
}

TEST(SymmetryErrorTest, AMemberReadsItsName) {
  ExpectSymmetryError(
      [] {
        Shared<std::string> last("last", "");
        const auto body = [&] { last.write(current_thread_name()); };
        Thread a(body);
        Thread b(body);
        a.set_symmetric("g");
        b.set_symmetric("g");
        a.start();
        b.start();
        a.join();
        b.join();
      },
      "reads its own identity");
}

TEST(SymmetryErrorTest, DifferentFunctionsInOneGroup) {
  ExpectSymmetryError(
      [] {
        Shared<int> x("x", 0);
        Thread a([&] { x.write(1); });
        Thread b([&] { x.write(2); });
        a.set_symmetric("g");
        b.set_symmetric("g");
        a.start();
        b.start();
        a.join();
        b.join();
        outcome("x", x.read());
      },
      "another function");
}

TEST(SymmetryErrorTest, WorkBetweenTheJoinsOfAGroup) {
  ExpectSymmetryError(
      [] {
        Shared<int> x("x", 0);
        const auto body = [&] { x.write(x.read() + 1); };
        Thread a(body);
        Thread b(body);
        a.set_symmetric("g");
        b.set_symmetric("g");
        a.start();
        b.start();
        a.join();
        outcome("after the first join", x.read());
        b.join();
      },
      "before joining every member of symmetry group 'g'");
}

TEST(SymmetrySearchTest, OnlyDporReducesBySymmetry) {
  DfsStrategy dfs;
  DfsStrategy dfs_again;
  const Result reduced = Explore("symmetry_test", testing::Increments(2, 2, true), dfs,
                                 {.stall_seconds = 0, .symmetry = true});
  const Result full =
      Explore("symmetry_test", testing::Increments(2, 2, true), dfs_again, {.stall_seconds = 0});
  EXPECT_EQ(reduced.stats.executions, full.stats.executions);
  EXPECT_EQ(reduced.settings.count("symmetry"), 0u);
}

}  // namespace
}  // namespace interleave
