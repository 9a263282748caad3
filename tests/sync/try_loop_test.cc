// Loops of tries on the model API's primitives (Mutex::try_lock, and acquire(false) of Lock,
// RLock, Semaphore and Condition) are spin loops' polls (Execution::PollStep, with the caller's
// frame taken by PollFrame, model/backend/members.h): a thread that comes back to a state it failed
// in waits until the primitive changes, instead of failing round after round while the holder
// never runs. Without the rule none of these searches ends within its step bound (each try is a
// scheduling point, and every class runs the failing loop to the bound: a WARNING LIVELOCK);
// with it they PASS, a holder that never lets go is a DEADLOCK, and tries that a loop counts
// still fail.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <functional>

#include "model/model.h"
#include "tests/testing/explore.h"

namespace interleave::testing {
namespace {

// A low step bound: without the rule, the executions that reach it end the search in a WARNING
// LIVELOCK soon.
const ExploreOptions kOptions{.max_executions = 20'000, .max_steps = 300};

// Two threads take `lockable` by trying until they get it (`try_take`), and add one each;
// `release` frees it.
template <typename Lockable>
void TwoTriers(Lockable& lockable, const std::function<bool(Lockable&)>& try_take,
               const std::function<void(Lockable&)>& release) {
  Shared<int> x("x", 0);
  auto add = [&] {
    while (!try_take(lockable)) {
    }
    x.write(x.read() + 1);
    release(lockable);
  };
  Thread a(add, "A");
  Thread b(add, "B");
  a.start();
  b.start();
  a.join();
  b.join();
  outcome("x", x.read());
}

void ExpectPass(const std::function<void()>& body) {
  for (TimeMode time : kBothModes) {
    const Result result = ExploreAll(body, time, kOptions);
    EXPECT_EQ(result.verdict, Verdict::kPass) << TimeModeName(time);
    EXPECT_TRUE(result.stats.exhaustive) << TimeModeName(time);
    EXPECT_EQ(result.stats.step_bound_hits, 0) << TimeModeName(time);
    EXPECT_FALSE(result.Found(FindingKind::kLivelock)) << TimeModeName(time);
    EXPECT_THAT(result.outcomes, ::testing::ElementsAre(::testing::Pair("x=2", ::testing::_)))
        << TimeModeName(time);
  }
}

TEST(TryLoopTest, MutexTryLockLoopPasses) {
  ExpectPass([] {
    Mutex mutex("mutex");
    TwoTriers<Mutex>(
        mutex, [](Mutex& m) { return m.try_lock(); }, [](Mutex& m) { m.unlock(); });
  });
}

TEST(TryLoopTest, LockAcquireFalseLoopPasses) {
  ExpectPass([] {
    Lock lock("lock");
    TwoTriers<Lock>(
        lock, [](Lock& l) { return l.acquire(false); }, [](Lock& l) { l.release(); });
  });
}

TEST(TryLoopTest, RLockAcquireFalseLoopPasses) {
  ExpectPass([] {
    RLock lock("rlock");
    TwoTriers<RLock>(
        lock, [](RLock& l) { return l.acquire(false); }, [](RLock& l) { l.release(); });
  });
}

TEST(TryLoopTest, SemaphoreAcquireFalseLoopPasses) {
  ExpectPass([] {
    Semaphore semaphore(1, "semaphore");
    TwoTriers<Semaphore>(
        semaphore, [](Semaphore& s) { return s.acquire(false); },
        [](Semaphore& s) { s.release(); });
  });
}

TEST(TryLoopTest, ConditionAcquireFalseLoopPasses) {
  ExpectPass([] {
    Condition condition("condition");  // Over an RLock of its own.
    TwoTriers<Condition>(
        condition, [](Condition& c) { return c.acquire(false); },
        [](Condition& c) { c.release(); });
  });
  ExpectPass([] {
    Lock lock("lock");
    Condition condition(lock, "condition");
    TwoTriers<Condition>(
        condition, [](Condition& c) { return c.acquire(false); },
        [](Condition& c) { c.release(); });
  });
}

// The main thread takes the lock and never lets go: the trier waits for a change nobody makes.
TEST(TryLoopTest, AHolderThatNeverReleasesIsADeadlock) {
  for (TimeMode time : kBothModes) {
    const Result result = ExploreAll(
        [] {
          Lock lock("lock");
          lock.acquire();
          Thread t(
              [&] {
                while (!lock.acquire(false)) {
                }
              },
              "T");
          t.start();
          t.join();
        },
        time, kOptions);
    EXPECT_EQ(result.verdict, Verdict::kBug) << TimeModeName(time);
    EXPECT_TRUE(result.Found(FindingKind::kDeadlock)) << TimeModeName(time);
    EXPECT_EQ(result.stats.step_bound_hits, 0) << TimeModeName(time);
  }
}

// A loop that counts its tries changes its state each round: it is no spin, and its three
// failed tries while the holder keeps the mutex are found (the expect after them fails).
TEST(TryLoopTest, CountedTriesStillFail) {
  const Result result = ExploreAll(
      [] {
        Mutex m("m");
        m.lock();
        Thread t(
            [&] {
              int tries = 0;
              while (tries < 3 && !m.try_lock()) ++tries;
              expect(tries < 3, "got the mutex within three tries");
              if (tries < 3) m.unlock();
            },
            "T");
        t.start();
        m.unlock();
        t.join();
      },
      TimeMode::kAny, kOptions);
  EXPECT_EQ(result.verdict, Verdict::kBug);
  EXPECT_TRUE(result.Found(FindingKind::kInvariant));
}

}  // namespace
}  // namespace interleave::testing
