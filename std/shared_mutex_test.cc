// shared_mutex, shared_timed_mutex and shared_lock, checked as a user would: small programs
// explored exhaustively by dpor.
#include "std/shared_mutex.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <chrono>
#include <set>
#include <string>
#include <utility>

#include "checker/dfs.h"
#include "checker/dpor.h"
#include "checker/explorer.h"
#include "model/model.h"
#include "std/condition_variable.h"
#include "std/testing.h"

namespace interleave::sync {
namespace {

using sync_testing::Check;
using sync_testing::Explain;

using ::testing::HasSubstr;
using ::testing::Pair;
using ::testing::UnorderedElementsAre;

shared_mutex table_lock;  // A global, as a program declares one.

// The verdict and the findings, for a failed expectation's message.
// One writer, two readers, each under the right lock: no race, every read sees 0 or 1.
void ReadersAndAWriter() {
  Shared<int> table("table", 0);
  Thread writer([&] {
    unique_lock<shared_mutex> lock(table_lock);
    table.write(1);
  });
  auto read = [&] {
    shared_lock<shared_mutex> lock(table_lock);
    const int seen = table.read();
    expect(seen == 0 || seen == 1, "a read sees a whole write");
  };
  Thread reader1(read);
  Thread reader2(read);
  writer.start();
  reader1.start();
  reader2.start();
  writer.join();
  reader1.join();
  reader2.join();
}

TEST(SharedMutexTest, ReadersAndAWriterPass) {
  const Result result = Check("readers_and_a_writer", ReadersAndAWriter);
  EXPECT_EQ(result.verdict, Verdict::kPass) << result.error;
  EXPECT_TRUE(result.stats.exhaustive);
  EXPECT_GT(result.stats.executions, 1);
}

// Two readers both hold the lock at once: the second lock_shared does not wait for the first.
void ReadersShare() {
  shared_mutex m;
  m.lock_shared();
  Thread other([&] {
    outcome("other got it", m.try_lock_shared());
    m.unlock_shared();
  });
  other.start();
  other.join();
  m.unlock_shared();
}

TEST(SharedMutexTest, TwoReadersHoldItAtOnce) {
  const Result result = Check("readers_share", ReadersShare);
  EXPECT_EQ(result.verdict, Verdict::kPass) << result.error;
  EXPECT_THAT(result.outcomes, UnorderedElementsAre(Pair("other got it=true", 1)));
}

// The classic bug: an update made under a shared lock. Readers are not ordered among
// themselves, so the two writes race and one may be lost.
void UpdateUnderASharedLock() {
  Shared<int> hits("hits", 0);
  auto bump = [&] {
    shared_lock<shared_mutex> lock(table_lock);
    hits.write(hits.read() + 1);
  };
  Thread a(bump);
  Thread b(bump);
  a.start();
  b.start();
  a.join();
  b.join();
  expect(hits.read() == 2, "both updates counted");
}

TEST(SharedMutexTest, AnUpdateUnderASharedLockRaces) {
  const Result result = Check("update_under_shared_lock", UpdateUnderASharedLock);
  EXPECT_EQ(result.verdict, Verdict::kBug);
  EXPECT_TRUE(result.Found(FindingKind::kDataRace));
  EXPECT_TRUE(result.Found(FindingKind::kLostUpdate)) << Explain(result);
}

// A writer excludes a reader: try_lock_shared fails while the writer holds it.
void WriterExcludesReaders() {
  shared_timed_mutex m;
  m.lock();
  Thread reader([&] {
    outcome("try_lock_shared", m.try_lock_shared());
    outcome("timed", m.try_lock_shared_for(std::chrono::milliseconds(5)));
  });
  reader.start();
  reader.join();
  m.unlock();
}

TEST(SharedMutexTest, AWriterExcludesReaders) {
  const Result result = Check("writer_excludes_readers", WriterExcludesReaders);
  EXPECT_EQ(result.verdict, Verdict::kPass) << result.error;
  EXPECT_THAT(result.outcomes, UnorderedElementsAre(Pair("try_lock_shared=false, timed=false", 1)));
}

// unlock by a thread that is not the writer: LOCK MISUSE.
void UnlockByAnotherThread() {
  shared_mutex m;
  m.lock();
  Thread other([&] { m.unlock(); });
  other.start();
  other.join();
}

TEST(SharedMutexTest, UnlockByANonHolderIsMisuse) {
  const Result result = Check("unlock_by_non_holder", UnlockByAnotherThread);
  EXPECT_EQ(result.verdict, Verdict::kBug);
  ASSERT_TRUE(result.HasFinding(FindingKind::kLockMisuse));
  ASSERT_TRUE(result.counterexample.has_value());
  EXPECT_THAT(result.counterexample->error, HasSubstr("held by thread 'MainThread'"));
}

// unlock_shared without a shared lock: LOCK MISUSE.
void UnlockSharedWithoutHoldingIt() {
  shared_mutex m;
  m.unlock_shared();
}

TEST(SharedMutexTest, UnlockSharedWithoutASharedLockIsMisuse) {
  const Result result = Check("unlock_shared_unheld", UnlockSharedWithoutHoldingIt);
  EXPECT_EQ(result.verdict, Verdict::kBug);
  ASSERT_TRUE(result.HasFinding(FindingKind::kLockMisuse));
  EXPECT_THAT(result.counterexample->error, HasSubstr("holds no shared lock"));
}

// Upgrading a shared lock in place blocks for ever: the thread waits for itself.
void UpgradeInPlace() {
  shared_mutex m;
  shared_lock<shared_mutex> read(m);
  m.lock();
}

TEST(SharedMutexTest, UpgradingASharedLockDeadlocksItself) {
  const Result result = Check("upgrade_in_place", UpgradeInPlace);
  EXPECT_EQ(result.verdict, Verdict::kBug);
  EXPECT_TRUE(result.HasFinding(FindingKind::kDeadlock)) << Explain(result);
}

// A reader waits on condition_variable_any with a shared_lock until the writer publishes.
void ReaderWaitsForTheWriter() {
  shared_mutex m;
  condition_variable_any published;
  Shared<int> value("value", 0);
  bool ready = false;  // Guarded by m.
  Thread reader([&] {
    shared_lock<shared_mutex> lock(m);
    published.wait(lock, [&] { return ready; });
    expect(value.read() == 5, "the published value");
  });
  reader.start();
  {
    unique_lock<shared_mutex> lock(m);
    value.write(5);
    ready = true;
  }
  published.notify_all();
  reader.join();
}

TEST(SharedLockTest, WaitsOnAConditionVariableAny) {
  const Result result = Check("reader_waits_for_the_writer", ReaderWaitsForTheWriter);
  EXPECT_EQ(result.verdict, Verdict::kPass) << Explain(result);
  EXPECT_TRUE(result.stats.exhaustive);
}

// shared_lock's std interface: defer, try, release, move.
TEST(SharedLockTest, StdInterface) {
  const Result result = Check("shared_lock_interface", [] {
    shared_timed_mutex m;
    shared_lock<shared_timed_mutex> lock(m, defer_lock);
    expect(!lock.owns_lock() && lock.mutex() == &m, "deferred");
    expect(lock.try_lock_for(std::chrono::seconds(1)), "free: taken");
    shared_lock<shared_timed_mutex> moved(std::move(lock));
    expect(moved.owns_lock() && !lock, "moved");
    bool threw = false;
    try {
      moved.lock();
    } catch (const std::system_error&) {
      threw = true;
    }
    expect(threw, "locking an owned shared_lock throws");
    shared_timed_mutex* released = moved.release();
    released->unlock_shared();
  });
  EXPECT_EQ(result.verdict, Verdict::kPass) << result.error;
}

// dpor's reduction is sound here: it finds every outcome and finding kind that dfs's
// every-interleaving search finds (the object is a semaphore to dpor, not an exclusive lock).
TEST(SharedMutexTest, DporAgreesWithDfs) {
  for (auto [name, body] : {std::pair{"readers_and_a_writer", &ReadersAndAWriter},
                            std::pair{"update_under_shared_lock", &UpdateUnderASharedLock},
                            std::pair{"reader_waits_for_the_writer", &ReaderWaitsForTheWriter}}) {
    sync_testing::ExpectDporAgreesWithDfs(name, body);
  }
}

}  // namespace
}  // namespace interleave::sync
