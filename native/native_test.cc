// The native backend's primitives on real threads: each test checks behaviour the model
// documents (blocking, timeouts, errors, program-exit rules), with time scaled by 1/100. Under
// --config=tsan it also checks that the backend itself has no data race.
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <limits>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "gtest/gtest.h"
#include "model/model.h"

namespace interleave {
namespace {

class NativeTest : public ::testing::Test {
 protected:
  void SetUp() override { native::TakeRecord(); }
  void TearDown() override { native::TakeRecord(); }
};

TEST_F(NativeTest, LockSerialisesAReadModifyWrite) {
  Shared<int> counter{"counter", 0};
  Lock lock{"lock"};
  auto work = [&] {
    for (int i = 0; i < 200; ++i) {
      LockGuard with(lock);
      counter.write(counter.read() + 1);
    }
  };
  Thread a(work, "a");
  Thread b(work, "b");
  a.start();
  b.start();
  a.join();
  b.join();
  EXPECT_EQ(counter.read(), 400);
  EXPECT_FALSE(lock.locked());
  EXPECT_THROW(lock.release(), ModelError);  // Python's RuntimeError.
}

TEST_F(NativeTest, LockIsReleasableByAnotherThreadAndTimesOut) {
  Lock lock;
  lock.acquire();
  EXPECT_FALSE(lock.acquire(false));
  EXPECT_FALSE(lock.acquire(true, 0.5));  // 5 ms of real time.
  Thread releaser([&] { lock.release(); });
  releaser.start();
  releaser.join();
  EXPECT_TRUE(lock.acquire(false));
  lock.release();
}

TEST_F(NativeTest, MutexChecksItsOwner) {
  Mutex mutex{"m"};
  mutex.lock();
  EXPECT_FALSE(mutex.try_lock());
  bool threw = false;
  Thread other([&] {
    try {
      mutex.unlock();
    } catch (const ModelError&) {
      threw = true;
    }
  });
  other.start();
  other.join();
  EXPECT_TRUE(threw);
  mutex.unlock();
}

TEST_F(NativeTest, MutexTryLockForTimesOutWhileHeldAndWaitsForAnUnlock) {
  Mutex mutex{"m"};
  mutex.lock();
  bool got = true;
  Thread timed([&] { got = mutex.try_lock_for(500'000); });  // 0.5 s: 5 ms of real time.
  timed.start();
  timed.join();
  EXPECT_FALSE(got);
  got = false;
  std::atomic<bool> waiting{false};
  Thread unlimited([&] {
    waiting = true;
    got = mutex.try_lock_for(std::numeric_limits<int64_t>::max());  // kForever: no limit.
    if (got) mutex.unlock();
  });
  unlimited.start();
  while (!waiting) std::this_thread::yield();
  sleep(1);  // 10 ms of real time: the waiter is most likely blocked by now.
  mutex.unlock();
  unlimited.join();
  EXPECT_TRUE(got);
  EXPECT_TRUE(mutex.try_lock());
  mutex.unlock();
}

TEST_F(NativeTest, RLockIsReentrantAndOwned) {
  RLock rlock{"r"};
  rlock.acquire();
  rlock.acquire();
  bool got = true;
  Thread other([&] { got = rlock.acquire(false); });
  other.start();
  other.join();
  EXPECT_FALSE(got);
  rlock.release();
  rlock.release();
  EXPECT_THROW(rlock.release(), ModelError);
}

TEST_F(NativeTest, ConditionWaitForSeesTheProducersItem) {
  Lock lock;
  Condition cond(lock);
  Shared<int> items{"items", 0};
  Thread consumer([&] {
    ConditionGuard with(cond);
    cond.wait_for([&] { return items.read() > 0; });
    items.write(items.read() - 1);
  });
  consumer.start();
  {
    ConditionGuard with(cond);
    items.write(1);
    cond.notify();
  }
  consumer.join();
  EXPECT_EQ(items.read(), 0);
  ConditionGuard with(cond);
  EXPECT_FALSE(cond.wait(0.5));  // Nobody notifies: times out.
  EXPECT_FALSE(cond.wait_for([] { return false; }, 0.5));
}

TEST_F(NativeTest, ConditionNeedsItsLock) {
  Condition cond;
  EXPECT_THROW(cond.notify(), ModelError);
  EXPECT_THROW(cond.wait(), ModelError);
}

TEST_F(NativeTest, SemaphoresCountAndBoundedOnesCheck) {
  Semaphore sem(2);
  EXPECT_TRUE(sem.acquire(false));
  EXPECT_TRUE(sem.acquire(false));
  EXPECT_FALSE(sem.acquire(true, 0.5));
  sem.release(2);
  EXPECT_TRUE(sem.acquire(false));
  BoundedSemaphore bounded(1);
  EXPECT_THROW(bounded.release(), ModelError);
  EXPECT_THROW(Semaphore(-1), ModelError);
}

TEST_F(NativeTest, EventReleasesWaiters) {
  Event event;
  EXPECT_FALSE(event.wait(0.5));
  bool seen = false;
  Thread waiter([&] { seen = event.wait(); });
  waiter.start();
  event.set();
  waiter.join();
  EXPECT_TRUE(seen);
  EXPECT_TRUE(event.is_set());
  event.clear();
  EXPECT_FALSE(event.is_set());
}

TEST_F(NativeTest, QueueBlocksTimesOutAndJoins) {
  Queue<int> queue(1, "q");
  queue.put(1);
  EXPECT_THROW(queue.put(2, false), QueueFull);
  EXPECT_THROW(queue.put(2, true, 0.5), Queue<int>::Full);
  EXPECT_TRUE(queue.full());
  EXPECT_EQ(queue.qsize(), 1);
  std::vector<int> got;
  Thread consumer([&] {
    for (int i = 0; i < 3; ++i) {
      got.push_back(queue.get());
      queue.task_done();
    }
  });
  consumer.start();
  queue.put(2);
  queue.put(3);
  queue.join();
  consumer.join();
  EXPECT_EQ(got, (std::vector<int>{1, 2, 3}));
  EXPECT_THROW(queue.get_nowait(), QueueEmpty);
  EXPECT_THROW(queue.get(true, 0.5), Queue<int>::Empty);
  EXPECT_THROW(queue.task_done(), ModelError);
}

TEST_F(NativeTest, AnUndrainedQueueIsALostMessage) {
  {
    Queue<std::string> queue(0, "mail");
    queue.expect_drained();
    queue.put("left");
  }
  const native::Record record = native::TakeRecord();
  ASSERT_EQ(record.errors.size(), 1u);
  EXPECT_EQ(record.errors[0], "LOST MESSAGE: queue 'mail' holds 1 items at its end");
}

TEST_F(NativeTest, BarrierNumbersArrivalsAndBreaksOnTimeout) {
  Barrier barrier(3);
  std::atomic<int> sum{0};
  std::vector<Thread> threads;
  for (int i = 0; i < 2; ++i) threads.emplace_back([&] { sum += barrier.wait(); });
  for (Thread& thread : threads) thread.start();
  sum += barrier.wait();
  for (Thread& thread : threads) thread.join();
  EXPECT_EQ(sum.load(), 0 + 1 + 2);
  EXPECT_THROW(barrier.wait(0.5), BrokenBarrier);  // Alone: times out and breaks it.
  EXPECT_TRUE(barrier.broken());
  EXPECT_THROW(barrier.wait(), BrokenBarrier);
}

TEST_F(NativeTest, TimerFiresUnlessCancelled) {
  Atomic<int> fired{"fired", 0};
  Timer fires(0.5, [&] { fired.fetch_add(1); });
  fires.start();
  fires.join();
  Timer cancelled(100, [&] { fired.fetch_add(10); });
  cancelled.start();
  cancelled.cancel();
  cancelled.join();
  EXPECT_EQ(fired.load(), 1);
}

TEST_F(NativeTest, ExecutorRunsTasksAndKeepsTheirExceptions) {
  {
    ThreadPoolExecutor executor(2);
    Future<int> six = executor.submit([] { return 6; });
    Future<void> fails = executor.submit([] { throw std::runtime_error("boom"); });
    EXPECT_EQ(six.result(), 6);
    EXPECT_THROW(fails.result(), std::runtime_error);
    EXPECT_EQ(executor.map([](int x) { return x * x; }, {1, 2, 3}), (std::vector<int>{1, 4, 9}));
    Future<void> swallowed = executor.submit([] { throw std::runtime_error("unread"); });
    executor.shutdown();
    EXPECT_TRUE(swallowed.done());
    EXPECT_THROW(executor.submit([] { return 1; }), ModelError);
  }
  const native::Record record = native::TakeRecord();
  ASSERT_EQ(record.errors.size(), 1u);
  EXPECT_NE(record.errors[0].find("SWALLOWED EXCEPTION"), std::string::npos);
  EXPECT_NE(record.errors[0].find("\"unread\""), std::string::npos);
}

TEST_F(NativeTest, ThreadJoinWithTimeoutAndIsAlive) {
  Event go;
  Thread waiter([&] { go.wait(); }, "waiter");
  EXPECT_EQ(waiter.name(), "waiter");
  EXPECT_FALSE(waiter.is_alive());
  waiter.start();
  waiter.join(0.5);
  EXPECT_TRUE(waiter.is_alive());
  const std::vector<std::string> names = enumerate_threads();
  EXPECT_EQ(names.front(), "MainThread");
  EXPECT_NE(std::find(names.begin(), names.end(), "waiter"), names.end());
  go.set();
  waiter.join();
  EXPECT_FALSE(waiter.is_alive());
  EXPECT_EQ(current_thread_name(), "MainThread");
}

class Counter : public Thread {
 public:
  explicit Counter(Atomic<int>& count) : Thread("counter"), count_(count) {}

 protected:
  void run() override { count_.fetch_add(1); }

 private:
  Atomic<int>& count_;
};

TEST_F(NativeTest, SubclassThreadsAreWaitedForAtProgramExit) {
  static Atomic<int> count{"count", 0};
  make_thread<Counter>(count).start();
  native::ProgramExit();
  EXPECT_EQ(count.load(), 1);
}

TEST_F(NativeTest, TerminateEndsABlockedProcess) {
  Event never;
  Process process([&] { never.wait(); }, "", false);
  EXPECT_EQ(process.name().rfind("Process-", 0), 0u);
  process.start();
  EXPECT_EQ(process.exitcode(), std::nullopt);
  process.terminate();
  process.join();
  EXPECT_FALSE(process.is_alive());
  EXPECT_EQ(process.exitcode(), -15);
  Process quick([] {});
  quick.start();
  quick.join();
  EXPECT_EQ(quick.exitcode(), 0);
}

TEST_F(NativeTest, ExpectAndOutcomeAreRecorded) {
  expect(1 + 1 == 3, "arithmetic");
  outcome("value", 1);
  outcome("value", 2);
  outcome("name", std::string("x"));
  const native::Record record = native::TakeRecord();
  ASSERT_EQ(record.failed_expects.size(), 1u);
  EXPECT_EQ(record.failed_expects[0].rfind("arithmetic (native_test.cc:", 0), 0u);
  ASSERT_EQ(record.outcome.size(), 2u);
  EXPECT_EQ(record.outcome[0], (std::pair<std::string, std::string>{"value", "2"}));
  EXPECT_EQ(record.outcome[1], (std::pair<std::string, std::string>{"name", "\"x\""}));
}

TEST_F(NativeTest, SleepIsScaledAndChooseIsInRange) {
  const auto begin = std::chrono::steady_clock::now();
  sleep(1.0);  // 10 ms.
  const auto slept = std::chrono::steady_clock::now() - begin;
  EXPECT_GE(slept, std::chrono::milliseconds(10));
  EXPECT_LT(slept, std::chrono::milliseconds(900));
  for (int i = 0; i < 50; ++i) {
    const int value = choose(1, 3);
    EXPECT_GE(value, 1);
    EXPECT_LE(value, 3);
  }
}

TEST_F(NativeTest, ValueAndArrayCarryTheirLocks) {
  Value<int> value("v", 1);
  {
    LockGuard with(value.get_lock());
    value.write(value.read() + 1);
  }
  EXPECT_EQ(value.read(), 2);
  Array<int> array("a", {1, 2, 3});
  EXPECT_EQ(array.size(), 3u);
  array.write(2, 7);
  EXPECT_EQ(array.read(2), 7);
  EXPECT_THROW(array.read(3), ModelError);
  Atomic<std::string> text("t", "a");
  std::string expected = "a";
  EXPECT_TRUE(text.compare_exchange(expected, "b"));
  EXPECT_EQ(text.exchange("c"), "b");
}

// The model's whole Atomic API (model/atomic.h) runs natively: memory orders, weak and strong
// compare-exchange with a success and a failure order, the bitwise updates, pointer arithmetic
// and fences.
TEST_F(NativeTest, AtomicHasTheModelsOperationsAndOrders) {
  Atomic<int> bits("bits", 0b1100);
  EXPECT_EQ(bits.fetch_and(0b0110, std::memory_order_relaxed), 0b1100);
  EXPECT_EQ(bits.fetch_or(0b0001, std::memory_order_acq_rel), 0b0100);
  EXPECT_EQ(bits.fetch_xor(0b0101), 0b0101);
  EXPECT_EQ(bits.load(std::memory_order_acquire), 0);
  bits.store(7, std::memory_order_release);
  EXPECT_EQ(bits.fetch_sub(2, std::memory_order_relaxed), 7);
  int expected = 4;
  EXPECT_FALSE(bits.compare_exchange_strong(expected, 9, std::memory_order_acq_rel,
                                            std::memory_order_acquire));
  EXPECT_EQ(expected, 5);
  while (!bits.compare_exchange_weak(expected, 9, std::memory_order_release)) {
  }
  EXPECT_EQ(bits.load(std::memory_order_relaxed), 9);
  atomic_fence(std::memory_order_seq_cst);
  int cells[3] = {1, 2, 3};
  Atomic<int*> cursor("cursor", cells);
  EXPECT_EQ(cursor.fetch_add(2), cells);
  EXPECT_EQ(*cursor.load(), 3);
}

// ---- What TSan sees (runtime.h): the backend's own synchronisation orders nothing ------------
// Each runs a racy snippet in a death-test child (re-executed, "threadsafe") and requires
// ThreadSanitizer's data race report on its stderr: a synchronisation the backend added where
// the model has none would order the two writes and hide the race. Only under --config=tsan.

#if defined(__SANITIZE_THREAD__)
constexpr bool kThreadSanitizer = true;
#else
constexpr bool kThreadSanitizer = false;
#endif

bool AnyStatus(int) { return true; }

class NativeTsanTest : public NativeTest {
 protected:
  void SetUp() override {
    if (!kThreadSanitizer) GTEST_SKIP() << "meaningful only under bazel test --config=tsan";
    GTEST_FLAG_SET(death_test_style, "threadsafe");
    NativeTest::SetUp();
  }
};

// 001.g's shape: `a` has ended (the sleep says so, and orders nothing) before main starts `b`;
// only a join or is_alive() would order them. The runtime used to (its bookkeeping of a's end,
// then main's store of b's handle under a's mutex).
[[noreturn]] void EndThenStart() {
  Shared<int> x{"x", 0};
  Thread a([&] { x.write(x.read() + 1); }, "a");
  a.start();
  sleep(5);  // 50 ms.
  Thread b([&] { x.write(x.read() + 1); }, "b");
  b.start();
  b.join();
  a.join();
  std::_Exit(0);
}

TEST_F(NativeTsanTest, AThreadsEndIsNoEdgeToTheNextStart) {
  EXPECT_EXIT(EndThenStart(), AnyStatus, "ThreadSanitizer: data race");
}

// As in the model, only a release before an acquire that takes the lock orders: `a`'s locked()
// and failed acquire(false), then main's locked(), leave the two writes unordered.
[[noreturn]] void LockedAndFailedAcquire() {
  Lock lock;
  lock.acquire();
  Shared<int> x{"x", 0};
  Thread a(
      [&] {
        x.write(1);
        (void)lock.locked();
        (void)lock.acquire(false);
      },
      "a");
  a.start();
  sleep(5);
  (void)lock.locked();
  x.write(2);
  a.join();
  std::_Exit(0);
}

TEST_F(NativeTsanTest, LockedAndAFailedAcquireAreNoEdges) {
  EXPECT_EXIT(LockedAndFailedAcquire(), AnyStatus, "ThreadSanitizer: data race");
}

// is_set() false observes nothing, and two loads of an Atomic order nothing (only a store or an
// update publishes).
[[noreturn]] void EventNotSetAndAtomicLoads() {
  Event event;
  Atomic<int> flag{"flag", 0};
  Shared<int> x{"x", 0};
  Thread a(
      [&] {
        x.write(1);
        (void)event.is_set();
        (void)flag.load();
      },
      "a");
  a.start();
  sleep(5);
  (void)event.is_set();
  (void)flag.load();
  x.write(2);
  a.join();
  std::_Exit(0);
}

TEST_F(NativeTsanTest, AnEventNotSetAndAnAtomicLoadAreNoEdges) {
  EXPECT_EXIT(EventNotSetAndAtomicLoads(), AnyStatus, "ThreadSanitizer: data race");
}

// A relaxed store read by a relaxed load orders nothing, as under the model's rc11: only an
// order with release semantics publishes and one with acquire semantics observes.
[[noreturn]] void RelaxedStoreAndLoad() {
  Atomic<int> flag{"flag", 0};
  Shared<int> x{"x", 0};
  Thread a(
      [&] {
        x.write(1);
        flag.store(1, std::memory_order_relaxed);
      },
      "a");
  a.start();
  while (flag.load(std::memory_order_relaxed) == 0) sleep(0.1);
  x.write(2);
  a.join();
  std::_Exit(0);
}

TEST_F(NativeTsanTest, ARelaxedStoreAndLoadAreNoEdge) {
  EXPECT_EXIT(RelaxedStoreAndLoad(), AnyStatus, "ThreadSanitizer: data race");
}

// The converse, in one child that must end cleanly (halt_on_error=1 under --config=tsan ends
// it with TSan's exit code 66 at a report): a join, a lock handed over, an event set and seen,
// queue items, an atomic store then load (seq_cst, and release then acquire) each order a write
// before the next.
[[noreturn]] void TheModelsEdges() {
  Shared<int> x{"x", 0};
  Thread a([&] { x.write(1); }, "a");
  a.start();
  a.join();
  x.write(2);
  Lock lock;
  Thread b(
      [&] {
        LockGuard with(lock);
        x.write(3);
      },
      "b");
  b.start();
  sleep(5);
  {
    LockGuard with(lock);
    x.write(4);
  }
  Event event;
  Thread c(
      [&] {
        x.write(5);
        event.set();
      },
      "c");
  c.start();
  event.wait();
  x.write(6);
  Queue<int> to_main;
  Queue<int> to_d;
  Atomic<int> flag{"flag", 0};
  Thread d(
      [&] {
        x.write(7);
        to_main.put(1);
        (void)to_d.get();  // Main's item: main's write 8 happens before d's write 9.
        x.write(9);
        flag.store(1);
      },
      "d");
  d.start();
  (void)to_main.get();
  x.write(8);
  to_d.put(2);
  while (flag.load() == 0) sleep(0.1);
  x.write(10);
  Atomic<int> ready{"ready", 0};
  Thread e(
      [&] {
        x.write(11);
        ready.store(1, std::memory_order_release);
      },
      "e");
  e.start();
  while (ready.load(std::memory_order_acquire) == 0) sleep(0.1);
  x.write(12);
  b.join();
  c.join();
  d.join();
  e.join();
  std::_Exit(x.read() == 12 ? 0 : 1);
}

TEST_F(NativeTsanTest, TheModelsEdgesOrderTheWrites) {
  EXPECT_EXIT(TheModelsEdges(), testing::ExitedWithCode(0), "");
}

}  // namespace
}  // namespace interleave
