// A loop of tries (mutex::try_lock, recursive_mutex::try_lock, shared_mutex::try_lock and
// try_lock_shared, counting_semaphore::try_acquire) is a spin loop's poll
// (Execution::PollStep): once the trying thread comes back to a state it failed in, it waits
// until the object changes, instead of failing round after round while the holder never runs.
// Without the rule each of these correct programs runs into the step bound (a WARNING
// LIVELOCK, or a search that does not end); with it they PASS in a few executions, a holder
// that never lets go is a DEADLOCK, and a loop that counts its tries still fails them.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <functional>
#include <string>
#include <vector>

#include "checker/explorer.h"
#include "model/api.h"
#include "std/semaphore.h"
#include "std/shared_mutex.h"
#include "std/sync.h"
#include "std/testing.h"

namespace interleave {
namespace {

using ::testing::HasSubstr;

// A low step bound: without the rule, every one of these programs has executions that reach it.
const ExploreOptions kOptions{.max_executions = 20'000, .max_steps = 300};

Result Check(const std::string& name, const std::function<void()>& body) {
  return sync_testing::Check(name, body, kOptions);
}

void ExpectPass(const Result& result, int64_t at_most_executions) {
  EXPECT_EQ(result.verdict, Verdict::kPass) << sync_testing::Explain(result);
  EXPECT_TRUE(result.stats.exhaustive) << sync_testing::Explain(result);
  EXPECT_GE(result.stats.executions, 2);
  EXPECT_LE(result.stats.executions, at_most_executions);
}

// Two threads take the lock by trying until they get it, and add one each.
template <typename Lockable>
void TwoTryLockers() {
  Lockable lock;
  int value = 0;
  auto add = [&] {
    while (!lock.try_lock()) {
    }
    ++value;
    lock.unlock();
  };
  sync::thread a(add);
  sync::thread b(add);
  a.join();
  b.join();
  expect(value == 2, "both increments counted");
}

TEST(TrySpinTest, MutexTryLockLoopPasses) {
  ExpectPass(Check("mutex", TwoTryLockers<sync::mutex>), 12);
}

TEST(TrySpinTest, TimedMutexTryLockLoopPasses) {
  ExpectPass(Check("timed_mutex", TwoTryLockers<sync::timed_mutex>), 12);
}

TEST(TrySpinTest, RecursiveMutexTryLockLoopPasses) {
  ExpectPass(Check("recursive_mutex", TwoTryLockers<sync::recursive_mutex>), 12);
}

TEST(TrySpinTest, SharedMutexTryLockLoopPasses) {
  ExpectPass(Check("shared_mutex", TwoTryLockers<sync::shared_mutex>), 12);
}

// N threads, each adding K times by a try loop. Failed tries are steps on the lock, so the
// classes still grow fast with the threads (3 x 2 is past 200,000), but each one ends.
void ExpectTryLoopsPass(int threads, int rounds, int64_t at_most_executions) {
  const Result result = Check("many", [threads, rounds] {
    sync::mutex lock;
    int value = 0;
    auto add = [&] {
      for (int round = 0; round < rounds; ++round) {
        while (!lock.try_lock()) {
        }
        ++value;
        lock.unlock();
      }
    };
    std::vector<sync::thread> workers;
    for (int i = 0; i < threads; ++i) workers.emplace_back(add);
    for (sync::thread& worker : workers) worker.join();
    expect(value == threads * rounds, "every increment counted");
  });
  ExpectPass(result, at_most_executions);
}

TEST(TrySpinTest, TwoThreadsTwiceEachPass) { ExpectTryLoopsPass(2, 2, 200); }

TEST(TrySpinTest, ThreeThreadsOnceEachPass) { ExpectTryLoopsPass(3, 1, 400); }

TEST(TrySpinTest, ReaderTriesWhileAWriterHolds) {
  const Result result = Check("reader", [] {
    sync::shared_mutex lock;
    int value = 0;
    sync::thread writer([&] {
      lock.lock();
      value = 1;
      lock.unlock();
    });
    sync::thread reader([&] {
      while (!lock.try_lock_shared()) {
      }
      expect(value == 0 || value == 1, "a value the writer left");
      lock.unlock_shared();
    });
    writer.join();
    reader.join();
  });
  ExpectPass(result, 12);
}

TEST(TrySpinTest, SemaphoreTryAcquireLoopPasses) {
  const Result result = Check("semaphore", [] {
    sync::counting_semaphore<1> slots(1);
    int value = 0;
    auto add = [&] {
      while (!slots.try_acquire()) {
      }
      ++value;
      slots.release();
    };
    sync::thread a(add);
    sync::thread b(add);
    a.join();
    b.join();
    expect(value == 2, "both increments counted");
  });
  ExpectPass(result, 12);
}

// The first thread to get the lock never unlocks: the other tries forever, a deadlock.
TEST(TrySpinTest, AHolderThatNeverUnlocksIsADeadlock) {
  const Result result = Check("leak", [] {
    sync::mutex lock;
    auto take = [&] {
      while (!lock.try_lock()) {
      }
    };
    sync::thread a(take);
    sync::thread b(take);
    a.join();
    b.join();
  });
  EXPECT_EQ(result.verdict, Verdict::kBug) << sync_testing::Explain(result);
  EXPECT_TRUE(result.stats.exhaustive);
  EXPECT_TRUE(result.Found(FindingKind::kDeadlock)) << sync_testing::Explain(result);
  EXPECT_FALSE(result.Found(FindingKind::kLivelock)) << sync_testing::Explain(result);
  ASSERT_TRUE(result.counterexample.has_value());
  std::string details;
  for (const Finding& finding : result.findings) {
    for (const std::string& line : finding.details) details += line + "\n";
  }
  EXPECT_THAT(details, HasSubstr("waits to acquire mutex@try_spin_test.cc:")) << details;
  EXPECT_THAT(details, HasSubstr(", held by ")) << details;
}

// Three counted tries: the loop's frame differs in each, so no try is held back, and the
// execution in which all three fail (the holder keeps the lock meanwhile) is found.
TEST(TrySpinTest, CountedTriesStillFail) {
  const Result result = Check("counted", [] {
    sync::mutex lock;
    sync::thread holder([&] {
      lock.lock();
      lock.unlock();
    });
    sync::thread trier([&] {
      bool got = false;
      for (int tries = 0; tries < 3 && !got; ++tries) got = lock.try_lock();
      expect(got, "the lock was taken within three tries");
      if (got) lock.unlock();
    });
    holder.join();
    trier.join();
  });
  EXPECT_EQ(result.verdict, Verdict::kBug) << sync_testing::Explain(result);
  EXPECT_TRUE(result.Found(FindingKind::kInvariant)) << sync_testing::Explain(result);
  EXPECT_TRUE(result.stats.exhaustive);
}

}  // namespace
}  // namespace interleave
