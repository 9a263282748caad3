// The RC11 runtime (model/weak_memory.h) on the classic shapes: what each memory order allows,
// one execution per execution graph, data races through relaxed flags, spin loops.
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
constexpr auto kSeqCst = std::memory_order_seq_cst;

Result Search(const std::function<void()>& body, bool dfs, MemoryModel model = MemoryModel::kRc11) {
  DporStrategy dpor;
  DfsStrategy naive;
  Strategy& strategy = dfs ? static_cast<Strategy&>(naive) : dpor;
  return Explore("weak", body, strategy,
                 ExploreOptions{.max_executions = 3000,
                                .max_steps = kMaxSteps,
                                .stall_seconds = 0,
                                .memory_model = model});
}

std::map<std::string, int> OutcomeSet(const Result& result) {
  std::map<std::string, int> set;
  for (const auto& [key, count] : result.outcomes) set[key] = 1;
  return set;
}

// Store buffering: x = 1; r1 = y || y = 1; r2 = x.
std::function<void()> StoreBuffering(std::memory_order order) {
  return [order] {
    Atomic<int> x("x", 0);
    Atomic<int> y("y", 0);
    int r1 = -1;
    int r2 = -1;
    Thread a(
        [&] {
          x.store(1, order);
          r1 = y.load(order);
        },
        "A");
    Thread b(
        [&] {
          y.store(1, order);
          r2 = x.load(order);
        },
        "B");
    a.start();
    b.start();
    a.join();
    b.join();
    outcome("r1", r1);
    outcome("r2", r2);
  };
}

TEST(WeakMemoryTest, StoreBufferingRelaxedReachesBothZero) {
  for (bool dfs : {false, true}) {
    const Result result = Search(StoreBuffering(kRelaxed), dfs);
    EXPECT_EQ(result.stats.executions, 4) << dfs;
    EXPECT_EQ(result.outcomes.size(), 4u) << dfs;
    EXPECT_EQ(result.outcomes.count("r1=0, r2=0"), 1u) << dfs;
  }
}

TEST(WeakMemoryTest, StoreBufferingSeqCstNeverBothZero) {
  for (bool dfs : {false, true}) {
    const Result result = Search(StoreBuffering(kSeqCst), dfs);
    EXPECT_EQ(result.outcomes.count("r1=0, r2=0"), 0u) << dfs;
    EXPECT_EQ(result.outcomes.size(), 3u) << dfs;
  }
}

TEST(WeakMemoryTest, StoreBufferingRelaxedUnderScIsSc) {
  const Result result = Search(StoreBuffering(kRelaxed), false, MemoryModel::kSc);
  EXPECT_EQ(result.outcomes.count("r1=0, r2=0"), 0u);
}

// Message passing: data = 1; flag = 1 || r1 = flag; r2 = data.
std::function<void()> MessagePassing(std::memory_order store, std::memory_order load) {
  return [store, load] {
    Atomic<int> data("data", 0);
    Atomic<int> flag("flag", 0);
    int r1 = -1;
    int r2 = -1;
    Thread a(
        [&] {
          data.store(1, kRelaxed);
          flag.store(1, store);
        },
        "A");
    Thread b(
        [&] {
          r1 = flag.load(load);
          r2 = data.load(kRelaxed);
        },
        "B");
    a.start();
    b.start();
    a.join();
    b.join();
    outcome("r1", r1);
    outcome("r2", r2);
  };
}

TEST(WeakMemoryTest, MessagePassing) {
  for (bool dfs : {false, true}) {
    const Result relaxed = Search(MessagePassing(kRelaxed, kRelaxed), dfs);
    EXPECT_EQ(relaxed.outcomes.count("r1=1, r2=0"), 1u);
    EXPECT_EQ(relaxed.stats.executions, 4);
    const Result synced = Search(MessagePassing(kRelease, kAcquire), dfs);
    EXPECT_EQ(synced.outcomes.count("r1=1, r2=0"), 0u);
    EXPECT_EQ(synced.stats.executions, 3);
  }
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
  EXPECT_TRUE(Search(program(kRelaxed, kRelaxed), false).HasFinding(FindingKind::kDataRace));
  const Result fixed = Search(program(kRelease, kAcquire), false);
  EXPECT_EQ(fixed.verdict, Verdict::kPass);
}

TEST(WeakMemoryTest, TwoPlusTwoWritesNeedsModificationOrderChoices) {
  auto program = [](std::memory_order order) {
    return [order] {
      Atomic<int> x("x", 0);
      Atomic<int> y("y", 0);
      Thread a(
          [&] {
            x.store(1, order);
            y.store(2, order);
          },
          "A");
      Thread b(
          [&] {
            y.store(1, order);
            x.store(2, order);
          },
          "B");
      a.start();
      b.start();
      a.join();
      b.join();
      outcome("x", x.load(kRelaxed));
      outcome("y", y.load(kRelaxed));
    };
  };
  for (bool dfs : {false, true}) {
    const Result relaxed = Search(program(kRelaxed), dfs);
    EXPECT_EQ(relaxed.outcomes.count("x=1, y=1"), 1u) << dfs;
    EXPECT_EQ(relaxed.stats.executions, 4) << dfs;
    const Result sc = Search(program(kSeqCst), dfs);
    EXPECT_EQ(sc.outcomes.count("x=1, y=1"), 0u) << dfs;
    EXPECT_EQ(sc.stats.executions, 3) << dfs;
  }
}

TEST(WeakMemoryTest, StoreBufferingWithSeqCstFencesNeverBothZero) {
  auto body = [] {
    Atomic<int> x("x", 0);
    Atomic<int> y("y", 0);
    int r1 = -1;
    int r2 = -1;
    Thread a(
        [&] {
          x.store(1, kRelaxed);
          atomic_fence(kSeqCst);
          r1 = y.load(kRelaxed);
        },
        "A");
    Thread b(
        [&] {
          y.store(1, kRelaxed);
          atomic_fence(kSeqCst);
          r2 = x.load(kRelaxed);
        },
        "B");
    a.start();
    b.start();
    a.join();
    b.join();
    outcome("r1", r1);
    outcome("r2", r2);
  };
  for (bool dfs : {false, true}) {
    const Result result = Search(body, dfs);
    EXPECT_EQ(result.outcomes.count("r1=0, r2=0"), 0u) << dfs;
    EXPECT_EQ(result.stats.executions, 3) << dfs;
  }
}

TEST(WeakMemoryTest, CasSpinlockDeadlockIsADeadlock) {
  auto body = [] {
    Atomic<int> a("a", 0);
    Atomic<int> b("b", 0);
    auto lock = [](Atomic<int>& l) {
      int expected = 0;
      while (!l.compare_exchange_strong(expected, 1, std::memory_order_acquire)) expected = 0;
    };
    Thread t1(
        [&] {
          lock(a);
          lock(b);
          b.store(0, kRelease);
          a.store(0, kRelease);
        },
        "T1");
    Thread t2(
        [&] {
          lock(b);
          lock(a);
          a.store(0, kRelease);
          b.store(0, kRelease);
        },
        "T2");
    t1.start();
    t2.start();
    t1.join();
    t2.join();
  };
  const Result result = Search(body, false);
  EXPECT_TRUE(result.HasFinding(FindingKind::kDeadlock));
  EXPECT_FALSE(result.HasFinding(FindingKind::kLivelock));
}

TEST(WeakMemoryTest, CorrectSpinlockPassesWithoutLivelock) {
  auto body = [] {
    Atomic<int> l("lock", 0);
    Shared<int> counter("counter", 0);
    auto work = [&] {
      int expected = 0;
      while (!l.compare_exchange_weak(expected, 1, std::memory_order_acquire, kRelaxed)) {
        expected = 0;
      }
      counter.write(counter.read() + 1);
      l.store(0, kRelease);
    };
    Thread t1(work, "T1");
    Thread t2(work, "T2");
    t1.start();
    t2.start();
    t1.join();
    t2.join();
    expect(counter.read() == 2, "both increments");
  };
  const Result result = Search(body, false);
  EXPECT_EQ(result.verdict, Verdict::kPass);
  EXPECT_EQ(result.stats.step_bound_hits, 0);
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
  const Result result = Search(body, false);
  EXPECT_THAT(OutcomeSet(result), UnorderedElementsAre(Pair("r=0", 1), Pair("r=1", 1)));
  EXPECT_FALSE(result.HasFinding(FindingKind::kDeadlock));
}

}  // namespace
}  // namespace interleave::testing
