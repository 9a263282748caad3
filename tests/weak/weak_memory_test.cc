// The RC11 runtime (model/weak_memory.h) beyond what the litmus suite (tests/litmus) and the
// algorithms (algorithms_test) show: happens-before for plain data comes only from
// synchronisation, and a bounded loop of loads is not taken for a spin loop.
#include "model/weak_memory.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <atomic>
#include <map>
#include <string>

#include "checker/dfs.h"
#include "checker/dpor.h"
#include "model/atomic.h"
#include "model/model.h"
#include "tests/testing/explore.h"

namespace interleave::testing {
namespace {

using ::testing::UnorderedElementsAre;
constexpr auto kRelaxed = std::memory_order_relaxed;
constexpr auto kAcquire = std::memory_order_acquire;
constexpr auto kRelease = std::memory_order_release;

Result Search(const std::function<void()>& body) {
  DporStrategy dpor;
  return Explore(
      "weak", body, dpor,
      ExploreOptions{.max_executions = 3000, .max_steps = kMaxSteps, .stall_seconds = 0});
}

std::map<std::string, int> OutcomeSet(const Result& result) {
  std::map<std::string, int> set;
  for (const auto& [key, count] : result.outcomes) set[key] = 1;
  return set;
}

TEST(WeakMemoryTest, RelaxedFlagPublishingPlainDataIsADataRace) {
  auto program = [](std::memory_order store, std::memory_order load) {
    return [store, load] {
      Shared<int> data("data", 0);
      Atomic<int> flag("flag", 0);
      Thread a(
          [&] {
            data.write(1);
            flag.store(1, store);
          },
          "A");
      Thread b(
          [&] {
            if (flag.load(load) == 1) data.read();
          },
          "B");
      a.start();
      b.start();
      a.join();
      b.join();
    };
  };
  EXPECT_TRUE(Search(program(kRelaxed, kRelaxed)).HasFinding(FindingKind::kDataRace));
  const Result fixed = Search(program(kRelease, kAcquire));
  EXPECT_EQ(fixed.verdict, Verdict::kPass);
}

TEST(WeakMemoryTest, ABoundedLoopOfReadsIsNotASpin) {
  auto body = [] {
    Atomic<int> x("x", 0);
    Atomic<int> y("y", 0);
    int r = -1;
    Thread a(
        [&] {
          int sum = 0;
          for (int i = 0; i < 3; ++i) sum += x.load(kRelaxed);
          y.store(1 + sum, kRelaxed);
        },
        "A");
    Thread b([&] { r = y.load(kRelaxed); }, "B");
    a.start();
    b.start();
    a.join();
    b.join();
    outcome("r", r);
  };
  const Result result = Search(body);
  EXPECT_THAT(OutcomeSet(result), UnorderedElementsAre(Pair("r=0", 1), Pair("r=1", 1)));
  EXPECT_EQ(result.verdict, Verdict::kPass);
  EXPECT_TRUE(result.stats.exhaustive);
}

// dpor's dependence on weak locations (checker/dpor.cc) keeps a read's edge from the store it
// read, with no race to reverse: a later lock acquire of the reading thread is then ordered
// after the storing thread's, and the other lock order must come from the sibling executions
// where the read read an older store. The naive enumerator (dfs: every interleaving times
// every choice) reaches the same graphs and outcomes.
TEST(WeakMemoryTest, ALockAfterAWeakReadKeepsBothLockOrders) {
  auto body = [] {
    Atomic<int> x("x", 0);
    Atomic<int> y("y", 0);
    Lock lock("lock");
    Shared<int> first("first", 0);
    auto section = [&](int id) {
      lock.acquire();
      if (first.read() == 0) first.write(id);
      lock.release();
    };
    int r = -1;
    int s = -1;
    Thread a(
        [&] {
          section(1);
          x.store(1, kRelaxed);
          s = y.load(kRelaxed);
        },
        "A");
    Thread b(
        [&] {
          y.store(1, kRelaxed);
          r = x.load(kRelaxed);
          section(2);
        },
        "B");
    a.start();
    b.start();
    a.join();
    b.join();
    outcome("r", r);
    outcome("s", s);
    outcome("first", first.read());
  };
  const Result reduced = Search(body);
  DfsStrategy dfs;
  const Result naive = Explore(
      "weak", body, dfs,
      ExploreOptions{.max_executions = 100'000, .max_steps = kMaxSteps, .stall_seconds = 0});
  ASSERT_TRUE(naive.stats.exhaustive);
  ASSERT_TRUE(reduced.stats.exhaustive);
  EXPECT_EQ(OutcomeSet(reduced), OutcomeSet(naive));
  EXPECT_EQ(reduced.stats.executions, naive.stats.executions);  // Graphs, each once.
  // B's section first: its load came before it, so r = 0, and A's load after its own
  // section reads B's store (s = 1).
  EXPECT_THAT(OutcomeSet(reduced),
              UnorderedElementsAre(Pair("r=0, s=0, first=1", 1), Pair("r=0, s=1, first=1", 1),
                                   Pair("r=1, s=0, first=1", 1), Pair("r=1, s=1, first=1", 1),
                                   Pair("r=0, s=1, first=2", 1)));
}

}  // namespace
}  // namespace interleave::testing
