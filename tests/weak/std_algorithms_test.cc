// Classic algorithms written as std code against the std mirror (sync::atomic, sync::atomic_flag,
// sync::atomic_thread_fence, sync::thread, sync::mutex, sync::shared), each in a buggy and a fixed
// variant, explored exhaustively by dpor under RC11: the buggy variant's weak-memory bug is found,
// the fixed one PASSes, and under MemoryModel::kSc the buggy one PASSes too (the bug needs a
// stale read). Written here, not taken from GenMC, Relacy or CDSChecker's suites.
#include <gtest/gtest.h>

#include <cstdlib>
#include <functional>
#include <string>

#include "checker/explorer.h"
#include "model/api.h"
#include "std/sync.h"
#include "std/testing.h"
#include "tests/weak/expectations.h"

namespace interleave {
namespace {

using ::interleave::testing::ExpectBug;
using ::interleave::testing::ExpectPass;

// dpor under `model`, with a small step bound (a spin that is not waited out shows as
// step_bound_hits rather than a long search).
Result CheckUnder(const std::string& name, const std::function<void()>& body,
                  MemoryModel model = MemoryModel::kRc11) {
  const Result result = sync_testing::Check(
      name, body, {.max_executions = 20'000, .max_steps = 1'000, .memory_model = model});
  // Figures for the record (test.xml); nothing is printed.
  ::testing::Test::RecordProperty(name + ".executions", std::to_string(result.stats.executions));
  ::testing::Test::RecordProperty(name + ".duplicate_graphs",
                                  std::to_string(result.stats.duplicate_graphs));
  return result;
}

// A test-and-test-and-set spinlock over atomic_flag guarding a plain counter: test_and_set to
// take it, test() to wait while it is held, clear() to release it.
class SpinLock {
 public:
  SpinLock(sync::memory_order lock, sync::memory_order unlock) : lock_(lock), unlock_(unlock) {}
  void lock() {
    while (flag_.test_and_set(lock_)) {
      while (flag_.test(sync::memory_order_relaxed)) {
      }
    }
  }
  void unlock() { flag_.clear(unlock_); }

 private:
  sync::atomic_flag flag_;
  sync::memory_order lock_;
  sync::memory_order unlock_;
};

std::function<void()> SpinLockedCounter(sync::memory_order lock, sync::memory_order unlock) {
  return [=] {
    SpinLock spin(lock, unlock);
    sync::shared<int> counter(0);
    auto work = [&] {
      spin.lock();
      counter = counter + 1;
      spin.unlock();
    };
    sync::thread a(work);
    sync::thread b(work);
    a.join();
    b.join();
    expect(counter == 2, "both increments");
  };
}

TEST(StdAlgorithmsTest, RelaxedSpinLockRaces) {
  ExpectBug(CheckUnder("std_spinlock_relaxed",
                       SpinLockedCounter(sync::memory_order_relaxed, sync::memory_order_relaxed)),
            FindingKind::kDataRace);
  ExpectPass(CheckUnder("std_spinlock_relaxed_sc",
                        SpinLockedCounter(sync::memory_order_relaxed, sync::memory_order_relaxed),
                        MemoryModel::kSc));
}

TEST(StdAlgorithmsTest, AcquireReleaseSpinLockPasses) {
  ExpectPass(CheckUnder("std_spinlock_acqrel",
                        SpinLockedCounter(sync::memory_order_acquire, sync::memory_order_release)));
}

// The plain test-and-set form: the waiting thread spins on test_and_set itself (each try an
// exchange that writes true over true).
TEST(StdAlgorithmsTest, TestAndSetSpinLockPasses) {
  ExpectPass(CheckUnder("std_tas_acqrel", [] {
    sync::atomic_flag flag;
    sync::shared<int> counter(0);
    auto work = [&] {
      while (flag.test_and_set(sync::memory_order_acquire)) {
      }
      counter = counter + 1;
      flag.clear(sync::memory_order_release);
    };
    sync::thread a(work);
    sync::thread b(work);
    a.join();
    b.join();
    expect(counter == 2, "both increments");
  }));
}

// Double-checked initialisation of a plain value behind an atomic<bool> and a mutex.
std::function<void()> LazyInit(sync::memory_order load, sync::memory_order store) {
  return [=] {
    sync::atomic<bool> ready(false);
    sync::mutex m;
    sync::shared<int> value(0);
    auto get = [&] {
      if (!ready.load(load)) {
        sync::lock_guard guard(m);
        if (!ready.load(sync::memory_order_relaxed)) {
          value = 42;
          ready.store(true, store);
        }
      }
      expect(value == 42, "initialised");
    };
    sync::thread a(get);
    sync::thread b(get);
    a.join();
    b.join();
  };
}

TEST(StdAlgorithmsTest, DoubleCheckedInitWithRelaxedFlagRaces) {
  ExpectBug(CheckUnder("std_dcl_relaxed",
                       LazyInit(sync::memory_order_relaxed, sync::memory_order_relaxed)),
            FindingKind::kDataRace);
  ExpectPass(CheckUnder("std_dcl_relaxed_sc",
                        LazyInit(sync::memory_order_relaxed, sync::memory_order_relaxed),
                        MemoryModel::kSc));
}

TEST(StdAlgorithmsTest, DoubleCheckedInitWithAcquireReleasePasses) {
  ExpectPass(CheckUnder("std_dcl_acqrel",
                        LazyInit(sync::memory_order_acquire, sync::memory_order_release)));
}

// A seqlock (Boehm, MSPC 2012): one write of two words, one reader attempt that keeps its
// snapshot only if seq was even and unchanged. Relaxed with no fences lets a torn snapshot
// through; Boehm's release fence (writer) and acquire fence (reader) forbid it.
std::function<void()> Seqlock(bool fenced) {
  return [=] {
    sync::atomic<unsigned> seq(0);
    sync::atomic<int> x(0);
    sync::atomic<int> y(0);
    const auto relaxed = sync::memory_order_relaxed;
    sync::thread writer([&] {
      const unsigned s = seq.load(relaxed);
      seq.store(s + 1, relaxed);
      if (fenced) sync::atomic_thread_fence(sync::memory_order_release);
      x.store(7, relaxed);
      y.store(7, relaxed);
      seq.store(s + 2, fenced ? sync::memory_order_release : relaxed);
    });
    sync::thread reader([&] {
      const unsigned before = seq.load(fenced ? sync::memory_order_acquire : relaxed);
      const int rx = x.load(relaxed);
      const int ry = y.load(relaxed);
      if (fenced) sync::atomic_thread_fence(sync::memory_order_acquire);
      const unsigned after = seq.load(relaxed);
      if (before == after && before % 2 == 0) expect(rx == ry, "a consistent snapshot");
    });
    writer.join();
    reader.join();
  };
}

TEST(StdAlgorithmsTest, SeqlockWithoutFencesIsTorn) {
  ExpectBug(CheckUnder("std_seqlock_relaxed", Seqlock(false)), FindingKind::kInvariant);
  ExpectPass(CheckUnder("std_seqlock_relaxed_sc", Seqlock(false), MemoryModel::kSc));
}

TEST(StdAlgorithmsTest, SeqlockWithFencesPasses) {
  ExpectPass(CheckUnder("std_seqlock_fenced", Seqlock(true)));
}

// Message passing through a release sequence: the producer writes a plain payload and releases
// a count of 1; a relay adds to the count; the consumer, seeing 2 with acquire, reads the
// payload. A fetch_add relay continues the producer's release sequence; a relaxed load and
// store relay ends it, and the consumer's read races with the producer's write.
std::function<void()> Relay(bool rmw) {
  return [=] {
    sync::atomic<int> count(0);
    sync::shared<int> payload(0);
    sync::thread producer([&] {
      payload = 5;
      count.store(1, sync::memory_order_release);
    });
    sync::thread relay([&] {
      if (rmw) {
        count.fetch_add(1, sync::memory_order_relaxed);
      } else if (count.load(sync::memory_order_relaxed) == 1) {
        count.store(2, sync::memory_order_relaxed);
      }
    });
    sync::thread consumer([&] {
      if (count.load(sync::memory_order_acquire) == 2) expect(payload == 5, "payload published");
    });
    producer.join();
    relay.join();
    consumer.join();
  };
}

TEST(StdAlgorithmsTest, ReleaseSequenceThroughFetchAddPasses) {
  ExpectPass(CheckUnder("std_relay_rmw", Relay(true)));
}

TEST(StdAlgorithmsTest, ReleaseSequenceThroughARelaxedStoreRaces) {
  ExpectBug(CheckUnder("std_relay_store", Relay(false)), FindingKind::kDataRace);
  ExpectPass(CheckUnder("std_relay_store_sc", Relay(false), MemoryModel::kSc));
}

}  // namespace
}  // namespace interleave
