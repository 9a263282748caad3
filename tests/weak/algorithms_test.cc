// Classic lock-free algorithms under RC11, each in a buggy and a fixed variant, explored
// exhaustively by dpor: the buggy variant's weak-memory bug is found (its kind asserted), the
// fixed variant PASSes, and where the bug needs a stale read the buggy variant PASSes under
// MemoryModel::kSc (the bug is weak-memory only). The programs are written here (not taken from
// GenMC, Relacy or CDSChecker's suites, which are kept as a held-out check).
//
// Each test records its searches' executions and duplicate_graphs as test properties (in
// test.xml; nothing is printed).
#include <gtest/gtest.h>

#include <atomic>
#include <cstdlib>
#include <functional>
#include <string>

#include "checker/dpor.h"
#include "checker/explorer.h"
#include "model/atomic.h"
#include "model/model.h"
#include "model/mutex.h"
#include "tests/testing/explore.h"
#include "tests/weak/expectations.h"

namespace interleave::testing {
namespace {

constexpr auto kRelaxed = std::memory_order_relaxed;
constexpr auto kAcquire = std::memory_order_acquire;
constexpr auto kRelease = std::memory_order_release;
constexpr auto kAcqRel = std::memory_order_acq_rel;
constexpr auto kSeqCst = std::memory_order_seq_cst;

// Explores `body` with dpor under `model`; records its figures under `label`.
Result Check(const std::string& label, const std::function<void()>& body,
             MemoryModel model = MemoryModel::kRc11) {
  DporStrategy dpor;
  const Result result = Explore(label, body, dpor,
                                ExploreOptions{.max_executions = 20'000,
                                               .max_steps = kMaxSteps,
                                               .stall_seconds = 0,
                                               .memory_model = model});
  ::testing::Test::RecordProperty(label + ".executions", std::to_string(result.stats.executions));
  ::testing::Test::RecordProperty(label + ".duplicate_graphs",
                                  std::to_string(result.stats.duplicate_graphs));
  return result;
}

// Runs `a` and `b` (and `c`) as threads, then `after` on main.
void RunThreads(const std::function<void()>& a, const std::function<void()>& b,
                const std::function<void()>& c = nullptr) {
  Thread ta(a, "A");
  Thread tb(b, "B");
  ta.start();
  tb.start();
  if (c) {
    Thread tc(c, "C");
    tc.start();
    tc.join();
  }
  ta.join();
  tb.join();
}

// ---------------------------------------------------------------------------------------------
// Flag-based mutual exclusion.
//
// Dekker's entry protocol, one attempt: raise my flag, then enter only if the other's flag is
// down (a thread that sees it up backs off for good). The store-buffering shape: with release
// stores and acquire loads both threads may read the other's flag as 0 and both enter; seq_cst
// stores and loads (or a seq_cst fence between store and load) forbid it.
std::function<void()> DekkerTryEnter(std::memory_order store, std::memory_order load, bool fence) {
  return [=] {
    Atomic<int> flag0("flag0", 0);
    Atomic<int> flag1("flag1", 0);
    Shared<int> inside("inside", 0);  // Written in the critical section: racing if both enter.
    auto enter = [&](Atomic<int>& mine, Atomic<int>& other) {
      mine.store(1, store);
      if (fence) atomic_fence(kSeqCst);
      if (other.load(load) == 0) inside.write(inside.read() + 1);
    };
    RunThreads([&] { enter(flag0, flag1); }, [&] { enter(flag1, flag0); });
  };
}

TEST(AlgorithmsTest, DekkerWithAcquireReleaseFlagsLetsBothIn) {
  ExpectBug(Check("dekker_acqrel", DekkerTryEnter(kRelease, kAcquire, false)),
            FindingKind::kDataRace);
  ExpectBug(Check("dekker_relaxed", DekkerTryEnter(kRelaxed, kRelaxed, false)),
            FindingKind::kDataRace);
  ExpectPass(
      Check("dekker_acqrel_sc", DekkerTryEnter(kRelease, kAcquire, false), MemoryModel::kSc));
}

TEST(AlgorithmsTest, DekkerWithSeqCstOrFencesIsMutuallyExclusive) {
  ExpectPass(Check("dekker_seqcst", DekkerTryEnter(kSeqCst, kSeqCst, false)));
  ExpectPass(Check("dekker_fences", DekkerTryEnter(kRelaxed, kRelaxed, true)));
}

// Peterson's lock for two threads, one critical section each: flag[me] = 1; turn = other;
// wait while flag[other] && turn == other. With release/acquire accesses each thread can read
// the other's flag stale (0) and both enter; seq_cst makes it correct.
//
// `patience`: how many times a thread checks the wait condition before it gives up (and skips
// its critical section); 0: it waits for ever.
std::function<void()> Peterson(std::memory_order store, std::memory_order load, int patience) {
  return [=] {
    Atomic<int> flag0("flag0", 0);
    Atomic<int> flag1("flag1", 0);
    Atomic<int> turn("turn", 0);
    Shared<int> counter("counter", 0);
    int entries[2] = {0, 0};
    auto work = [&](int me, Atomic<int>& mine, Atomic<int>& other) {
      mine.store(1, store);
      turn.store(1 - me, store);
      bool waiting = true;
      if (patience == 0) {
        while (other.load(load) == 1 && turn.load(load) == 1 - me) {
        }
        waiting = false;
      }
      for (int tries = 0; waiting && tries < patience; ++tries) {
        waiting = other.load(load) == 1 && turn.load(load) == 1 - me;
      }
      if (waiting) return;  // Gave up.
      counter.write(counter.read() + 1);
      entries[me] = 1;
      mine.store(0, store);
    };
    RunThreads([&] { work(0, flag0, flag1); }, [&] { work(1, flag1, flag0); });
    expect(counter.read() == entries[0] + entries[1], "every entry counted");
  };
}

TEST(AlgorithmsTest, PetersonWithAcquireReleaseIsBroken) {
  ExpectBug(Check("peterson_acqrel", Peterson(kRelease, kAcquire, 2)), FindingKind::kDataRace);
  ExpectPass(Check("peterson_acqrel_sc", Peterson(kRelease, kAcquire, 2), MemoryModel::kSc));
}

TEST(AlgorithmsTest, PetersonWithSeqCstIsCorrect) {
  ExpectPass(Check("peterson_seqcst", Peterson(kSeqCst, kSeqCst, 2)));
}

// The same with unbounded waiting: the wait loop reads two locations, flag and turn.
TEST(AlgorithmsTest, PetersonWithSeqCstAndUnboundedWaitIsCorrect) {
  // A wait of two loads (flag, turn) with no counter: the spin-loop rule (Execution::AtomicLoad)
  // waits it out, so no execution spins to the step bound.
  ExpectPass(Check("peterson_seqcst_unbounded", Peterson(kSeqCst, kSeqCst, 0)));
}

// ---------------------------------------------------------------------------------------------
// Spinlocks.
//
// A CAS spinlock guarding a plain counter. With relaxed lock and unlock the second owner has
// no happens-before from the first one's increment: a data race (and, with the counter an
// atomic accessed relaxed, a lost update). acquire on lock and release on unlock fix it.
std::function<void()> CasSpinlock(std::memory_order lock, std::memory_order unlock) {
  return [=] {
    Atomic<int> l("lock", 0);
    Shared<int> counter("counter", 0);
    auto work = [&] {
      int expected = 0;
      while (!l.compare_exchange_weak(expected, 1, lock, kRelaxed)) expected = 0;
      counter.write(counter.read() + 1);
      l.store(0, unlock);
    };
    RunThreads(work, work);
    expect(counter.read() == 2, "both increments");
  };
}

TEST(AlgorithmsTest, RelaxedCasSpinlockRaces) {
  ExpectBug(Check("cas_spinlock_relaxed", CasSpinlock(kRelaxed, kRelaxed)), FindingKind::kDataRace);
  ExpectPass(Check("cas_spinlock_relaxed_sc", CasSpinlock(kRelaxed, kRelaxed), MemoryModel::kSc));
}

TEST(AlgorithmsTest, AcquireReleaseCasSpinlockPasses) {
  ExpectPass(Check("cas_spinlock_acqrel", CasSpinlock(kAcquire, kRelease)));
}

// The same lock over an atomic counter read and written relaxed (no data race possible): the
// relaxed lock lets the second owner read the counter's stale 0, and one increment is lost.
std::function<void()> CasSpinlockAtomicCounter(std::memory_order lock, std::memory_order unlock) {
  return [=] {
    Atomic<int> l("lock", 0);
    Atomic<int> counter("counter", 0);
    auto work = [&] {
      int expected = 0;
      while (!l.compare_exchange_weak(expected, 1, lock, kRelaxed)) expected = 0;
      counter.store(counter.load(kRelaxed) + 1, kRelaxed);
      l.store(0, unlock);
    };
    RunThreads(work, work);
    expect(counter.load(kRelaxed) == 2, "both increments");
  };
}

TEST(AlgorithmsTest, RelaxedCasSpinlockLosesAnUpdate) {
  const Result buggy =
      Check("cas_spinlock_counter_relaxed", CasSpinlockAtomicCounter(kRelaxed, kRelaxed));
  EXPECT_EQ(buggy.verdict, Verdict::kBug) << DescribeSearch(buggy);
  EXPECT_TRUE(buggy.HasFinding(FindingKind::kInvariant) ||
              buggy.HasFinding(FindingKind::kLostUpdate))
      << DescribeSearch(buggy);
  EXPECT_FALSE(buggy.HasFinding(FindingKind::kDataRace)) << DescribeSearch(buggy);
  EXPECT_TRUE(buggy.stats.exhaustive) << DescribeSearch(buggy);
  ExpectPass(Check("cas_spinlock_counter_acqrel", CasSpinlockAtomicCounter(kAcquire, kRelease)));
  ExpectPass(Check("cas_spinlock_counter_relaxed_sc", CasSpinlockAtomicCounter(kRelaxed, kRelaxed),
                   MemoryModel::kSc));
}

// Test-and-test-and-set: exchange to take the lock, and while it is held spin on a plain load
// (the inner loop is one load at one line: a spin the checker waits out, however long).
std::function<void()> TtasSpinlock(std::memory_order lock, std::memory_order unlock) {
  return [=] {
    Atomic<int> l("lock", 0);
    Shared<int> counter("counter", 0);
    auto work = [&] {
      while (l.exchange(1, lock) == 1) {
        while (l.load(kRelaxed) == 1) {
        }
      }
      counter.write(counter.read() + 1);
      l.store(0, unlock);
    };
    RunThreads(work, work);
    expect(counter.read() == 2, "both increments");
  };
}

TEST(AlgorithmsTest, TtasSpinlock) {
  ExpectBug(Check("ttas_relaxed", TtasSpinlock(kRelaxed, kRelaxed)), FindingKind::kDataRace);
  ExpectPass(Check("ttas_acqrel", TtasSpinlock(kAcquire, kRelease)));
}

// Two CAS spinlocks taken in opposite orders: each thread holds one and spins on the other
// forever. The spins wait (nothing new to read), nothing else can run: a DEADLOCK, not a
// suspected livelock. (compare_exchange_strong keeps the search small: with
// compare_exchange_weak's spurious failures it is 544 executions, about 3 s.)
TEST(AlgorithmsTest, CasSpinlocksInOppositeOrdersDeadlock) {
  auto body = [] {
    Atomic<int> a("a", 0);
    Atomic<int> b("b", 0);
    auto lock = [](Atomic<int>& l) {
      int expected = 0;
      while (!l.compare_exchange_strong(expected, 1, kAcquire, kRelaxed)) expected = 0;
    };
    auto unlock = [](Atomic<int>& l) { l.store(0, kRelease); };
    RunThreads(
        [&] {
          lock(a);
          lock(b);
          unlock(b);
          unlock(a);
        },
        [&] {
          lock(b);
          lock(a);
          unlock(a);
          unlock(b);
        });
  };
  const Result result = Check("cas_spinlock_deadlock", body);
  ExpectBug(result, FindingKind::kDeadlock);
  EXPECT_EQ(result.finding_counts.count(FindingKind::kLivelock), 0u) << DescribeSearch(result);
  // The finding names both spinning threads and the lock each waits for.
  bool named = false;
  for (const Finding& finding : result.findings) {
    if (finding.kind != FindingKind::kDeadlock) continue;
    std::string details;
    for (const std::string& line : finding.details) details += line + "\n";
    EXPECT_THAT(details, ::testing::ContainsRegex(
                             "A spins forever at algorithms_test.cc:[0-9]+ re-reading b = 1"))
        << details;
    EXPECT_THAT(details, ::testing::ContainsRegex(
                             "B spins forever at algorithms_test.cc:[0-9]+ re-reading a = 1"))
        << details;
    named = true;
  }
  EXPECT_TRUE(named) << DescribeSearch(result);
}

// A correct spinlock whose waiting thread spins without bound (a plain load loop): PASS, and no
// execution is cut off at the step bound.
TEST(AlgorithmsTest, UnboundedSpinOnACorrectLockPasses) {
  auto body = [] {
    Atomic<int> l("lock", 1);  // Held by A from the start.
    Shared<int> data("data", 0);
    RunThreads(
        [&] {
          data.write(1);
          l.store(0, kRelease);
        },
        [&] {
          int expected = 0;
          for (;;) {
            while (l.load(kRelaxed) != 0) {
            }
            if (l.compare_exchange_strong(expected, 1, kAcquire, kRelaxed)) break;
            expected = 0;
          }
          data.write(data.read() + 1);
        });
    expect(data.read() == 2, "both writes");
  };
  ExpectPass(Check("unbounded_spin", body));
}

// ---------------------------------------------------------------------------------------------
// A Treiber stack of preallocated nodes (indices; -1 is null): two pushers, and a popper that
// makes one pop attempt (a lost CAS race is given up) and reads the popped node's value. A
// relaxed CAS publishes the node's plain fields with no happens-before to the popper's reads:
// a data race. Release on push, acquire on pop fix it (the second push's CAS continues the
// first one's release sequence, so popping either node synchronizes with its pusher).
std::function<void()> TreiberStack(std::memory_order push, std::memory_order pop) {
  return [=] {
    Atomic<int> head("head", -1);
    Shared<int> value0("node0.value", 0);
    Shared<int> value1("node1.value", 0);
    Shared<int> next0("node0.next", -1);
    Shared<int> next1("node1.next", -1);
    Shared<int>* values[] = {&value0, &value1};
    Shared<int>* nexts[] = {&next0, &next1};
    auto push_node = [&](int node) {
      values[node]->write(10 + node);
      int top = head.load(kRelaxed);
      do {
        nexts[node]->write(top);
      } while (!head.compare_exchange_strong(top, node, push, kRelaxed));
    };
    RunThreads([&] { push_node(0); }, [&] { push_node(1); },
               [&] {
                 int top = head.load(pop);
                 if (top == -1) return;
                 if (!head.compare_exchange_strong(top, nexts[top]->read(), pop, kRelaxed)) return;
                 expect(values[top]->read() == 10 + top, "popped node's value");
               });
  };
}

TEST(AlgorithmsTest, TreiberStackWithRelaxedPublicationRaces) {
  ExpectBug(Check("treiber_relaxed", TreiberStack(kRelaxed, kRelaxed)), FindingKind::kDataRace);
  ExpectPass(Check("treiber_relaxed_sc", TreiberStack(kRelaxed, kRelaxed), MemoryModel::kSc));
}

TEST(AlgorithmsTest, TreiberStackWithReleaseAcquirePasses) {
  ExpectPass(Check("treiber_relacq", TreiberStack(kRelease, kAcquire)));
}

// The idiomatic form: compare_exchange_weak retry loops in push and pop (the pop loop reloads
// the next field each try).
std::function<void()> TreiberStackWeakCas(std::memory_order push, std::memory_order pop) {
  return [=] {
    Atomic<int> head("head", -1);
    Shared<int> value0("node0.value", 0);
    Shared<int> value1("node1.value", 0);
    Shared<int> next0("node0.next", -1);
    Shared<int> next1("node1.next", -1);
    Shared<int>* values[] = {&value0, &value1};
    Shared<int>* nexts[] = {&next0, &next1};
    auto push_node = [&](int node) {
      values[node]->write(10 + node);
      int top = head.load(kRelaxed);
      do {
        nexts[node]->write(top);
      } while (!head.compare_exchange_weak(top, node, push, kRelaxed));
    };
    RunThreads(
        [&] { push_node(0); }, [&] { push_node(1); },
        [&] {
          int top = head.load(pop);
          while (top != -1 && !head.compare_exchange_weak(top, nexts[top]->read(), pop, pop)) {
          }
          if (top != -1) expect(values[top]->read() == 10 + top, "popped node's value");
        });
  };
}

TEST(AlgorithmsTest, TreiberStackWithWeakCasLoops) {
  ExpectBug(Check("treiber_weak_relaxed", TreiberStackWeakCas(kRelaxed, kRelaxed)),
            FindingKind::kDataRace);
  ExpectPass(Check("treiber_weak_relacq", TreiberStackWeakCas(kRelease, kAcquire)));
}

// The smallest case of it: one thread, one compare_exchange_weak retry loop on the only store
// (0), with a plain read (`between` 1) or another atomic load (`between` 2) before each try. A
// spurious failure may happen, but "not twice in a row on the same store" leaves two
// executions: succeed; fail spuriously then succeed.
std::function<void()> CasWeakRetryLoop(int between) {
  return [between] {
    Atomic<int> x("x", 0);
    Atomic<int> y("y", 0);
    Shared<int> s("s", 0);
    Thread a(
        [&] {
          int expected = 0;
          for (;;) {
            if (between == 1) s.read();
            if (between == 2) y.load(kRelaxed);
            if (x.compare_exchange_weak(expected, 1, kRelaxed)) break;
            expected = 0;
          }
        },
        "A");
    a.start();
    a.join();
  };
}

TEST(AlgorithmsTest, CompareExchangeWeakRetryLoopEnds) {
  const Result result = Check("cas_weak_loop", CasWeakRetryLoop(0));
  EXPECT_EQ(result.verdict, Verdict::kPass) << DescribeSearch(result);
  EXPECT_TRUE(result.stats.exhaustive) << DescribeSearch(result);
  EXPECT_EQ(result.stats.executions, 2) << DescribeSearch(result);
}

TEST(AlgorithmsTest, CompareExchangeWeakRetryLoopWithAnAccessBetweenTriesEnds) {
  for (int between : {1, 2}) {
    const Result result =
        Check("cas_weak_loop" + std::to_string(between), CasWeakRetryLoop(between));
    EXPECT_EQ(result.verdict, Verdict::kPass) << between << " " << DescribeSearch(result);
    EXPECT_TRUE(result.stats.exhaustive) << between << " " << DescribeSearch(result);
    EXPECT_EQ(result.stats.executions, 2) << between << " " << DescribeSearch(result);
  }
}

// ---------------------------------------------------------------------------------------------
// A sequence lock (Boehm, "Can seqlocks get along with programming language memory models?",
// MSPC 2012). The writer bumps seq to odd, writes both data words (relaxed atomics: a reader
// may read them concurrently), and bumps seq to even; the reader takes a snapshot and keeps it
// only if seq was even and unchanged around it. One reader attempt (a retry is dropped), one
// write: enough to show a torn snapshot being kept.
//
// Buggy: all relaxed, no fences: the reader can read seq 0 before and after and data1 new but
// data2 old. Fixed (Boehm's version): writer seq relaxed + release fence before the data,
// release store after; reader acquire load of seq, data, acquire fence, relaxed load of seq.
std::function<void()> Seqlock(bool fixed) {
  return [=] {
    Atomic<int> seq("seq", 0);
    Atomic<int> data1("data1", 0);
    Atomic<int> data2("data2", 0);
    RunThreads(
        [&] {
          const int s = seq.load(kRelaxed);
          seq.store(s + 1, kRelaxed);
          if (fixed) atomic_fence(kRelease);
          data1.store(1, kRelaxed);
          data2.store(1, kRelaxed);
          seq.store(s + 2, fixed ? kRelease : kRelaxed);
        },
        [&] {
          const int s0 = seq.load(fixed ? kAcquire : kRelaxed);
          const int r1 = data1.load(kRelaxed);
          const int r2 = data2.load(kRelaxed);
          if (fixed) atomic_fence(kAcquire);
          const int s1 = seq.load(kRelaxed);
          if (s0 == s1 && s0 % 2 == 0) expect(r1 == r2, "a consistent snapshot");
        });
  };
}

TEST(AlgorithmsTest, SeqlockWithoutFencesKeepsATornSnapshot) {
  ExpectBug(Check("seqlock_relaxed", Seqlock(false)), FindingKind::kInvariant);
  ExpectPass(Check("seqlock_relaxed_sc", Seqlock(false), MemoryModel::kSc));
}

TEST(AlgorithmsTest, SeqlockWithBoehmsFencesPasses) {
  ExpectPass(Check("seqlock_fenced", Seqlock(true)));
}

// ---------------------------------------------------------------------------------------------
// Double-checked initialisation: a fast path that reads the ready flag without the mutex, a
// slow path that initialises under it. A relaxed fast-path load that sees ready = 1 has no
// happens-before to the initialiser's plain write: a data race. acquire/release fix it.
std::function<void()> DoubleCheckedInit(std::memory_order load, std::memory_order store) {
  return [=] {
    Atomic<int> ready("ready", 0);
    Mutex m("init");
    Shared<int> payload("payload", 0);
    auto get = [&] {
      if (ready.load(load) == 0) {
        m.lock();
        if (ready.load(kRelaxed) == 0) {
          payload.write(42);
          ready.store(1, store);
        }
        m.unlock();
      }
      expect(payload.read() == 42, "initialised");
    };
    RunThreads(get, get);
  };
}

TEST(AlgorithmsTest, DoubleCheckedInitWithRelaxedFlagRaces) {
  ExpectBug(Check("dcl_relaxed", DoubleCheckedInit(kRelaxed, kRelaxed)), FindingKind::kDataRace);
  ExpectPass(Check("dcl_relaxed_sc", DoubleCheckedInit(kRelaxed, kRelaxed), MemoryModel::kSc));
}

TEST(AlgorithmsTest, DoubleCheckedInitWithAcquireReleasePasses) {
  ExpectPass(Check("dcl_acqrel", DoubleCheckedInit(kAcquire, kRelease)));
}

// ---------------------------------------------------------------------------------------------
// Message passing through a release sequence. A writes data and releases flag = 1; B, seeing 1,
// bumps the flag to 2; C, seeing 2 (acquire), reads data. With B's bump a fetch_add (an RMW:
// it continues A's release sequence) C synchronizes with A. With B's bump a relaxed load and a
// plain relaxed store, the release sequence ends: C's read of data races with A's write, though
// under SC seeing 2 still means A wrote.
std::function<void()> ReleaseSequence(bool rmw) {
  return [=] {
    Atomic<int> flag("flag", 0);
    Shared<int> data("data", 0);
    RunThreads(
        [&] {
          data.write(1);
          flag.store(1, kRelease);
        },
        [&] {
          if (rmw) {
            flag.fetch_add(1, kRelaxed);
          } else if (flag.load(kRelaxed) == 1) {
            flag.store(2, kRelaxed);
          }
        },
        [&] {
          if (flag.load(kAcquire) == 2) expect(data.read() == 1, "data published");
        });
  };
}

TEST(AlgorithmsTest, ReleaseSequenceThroughFetchAddPublishes) {
  ExpectPass(Check("release_sequence_rmw", ReleaseSequence(true)));
}

TEST(AlgorithmsTest, ReleaseSequenceBrokenByAPlainStoreRaces) {
  ExpectBug(Check("release_sequence_store", ReleaseSequence(false)), FindingKind::kDataRace);
  ExpectPass(Check("release_sequence_store_sc", ReleaseSequence(false), MemoryModel::kSc));
}

}  // namespace
}  // namespace interleave::testing
