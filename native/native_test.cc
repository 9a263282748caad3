// The native backend's primitives on real threads: each test checks behaviour the model
// documents (blocking, timeouts, errors, program-exit rules), with time scaled by 1/100. Under
// --config=tsan it also checks that the backend itself has no data race.
#include <algorithm>
#include <atomic>
#include <chrono>
#include <stdexcept>
#include <string>
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

}  // namespace
}  // namespace interleave
