// An audit of the std mirror and the model API for state shared between threads that a
// primitive reads or writes outside its own step (in the tail of the step before, or in a step
// on another object, or in a step whose kind says it changes nothing): dpor, which sees only
// the steps' (object, kind) dependences, must still agree with dfs on each program here
// (sync_testing::ExpectDporAgreesWithDfs). Each program is tiny: dfs explores them all.
#include <gtest/gtest.h>

#include <functional>
#include <set>
#include <string>

#include "checker/dfs.h"
#include "checker/explorer.h"
#include "checker/result.h"
#include "model/api.h"
#include "model/model.h"
#include "std/sync.h"
#include "std/testing.h"

namespace interleave {
namespace {

// sync_testing::ExpectDporAgreesWithDfs, with both results explained on a failure.
void ExpectDporAgreesWithDfs(const std::string& name, const std::function<void()>& body) {
  DfsStrategy dfs;
  const Result every = Explore(name, body, dfs, {.stall_seconds = 0});
  const Result reduced = sync_testing::Check(name, body);
  auto explain = [](const Result& result) {
    std::string text = sync_testing::Explain(result) + "\n  executions " +
                       std::to_string(result.stats.executions) + ", outcomes:";
    for (const std::string& outcome : OutcomeNames(result)) text += " " + outcome;
    return text;
  };
  SCOPED_TRACE("dfs: " + explain(every) + "\ndpor: " + explain(reduced));
  sync_testing::ExpectDporAgreesWithDfs(name, body);
}

// --- std mirror ---

// Two threads start a thread each at once: a start numbers the thread it starts, so which
// child gets the lower thread::id depends on which start runs first; starts on different
// thread objects commuted for dpor, which numbered them one way only.
TEST(TailAuditTest, ConcurrentStartsNumberTheirThreadsEitherWay) {
  ExpectDporAgreesWithDfs("concurrent_starts", [] {
    sync::thread::id first_child;
    sync::thread::id second_child;
    auto parent = [](sync::thread::id* id) {
      sync::thread child([] {});
      *id = child.get_id();
      child.join();
    };
    sync::thread a(parent, &first_child);
    sync::thread b(parent, &second_child);
    a.join();
    b.join();
    outcome("first parent's child numbered first", first_child < second_child);
  });
}

// Two waiters join an atomic's waiters in their loads' steps, reads that commute for dpor;
// but notify_one wakes the first to have joined, so their order decides which one wakes.
// Joining a (woken) waiter first deadlocks when the other was the first to join.
// (With relaxed loads and store dpor agrees: RC11 branches their loads.)
TEST(TailAuditTest, AtomicWaitNotifyOneWakesEitherWaiter) {
  ExpectDporAgreesWithDfs("atomic_wait_fifo", [] {
    sync::atomic<int> flag{0};
    sync::thread a([&] { flag.wait(0); });
    sync::thread b([&] { flag.wait(0); });
    flag.store(1);
    flag.notify_one();
    a.join();
    flag.notify_all();
    b.join();
  });
}

// The last copy of an async state to go joins the async thread (blocks until it returns).
// Which copy is last is decided by the copies' destructors, outside any step: here the task
// waits for `go`, which `a` counts down after dropping its copy, so `a` dropping last is a
// DEADLOCK (as in real C++: the last shared_future of an async state blocks).
TEST(TailAuditTest, LastSharedFutureOfAnAsyncStateJoinsIt) {
  ExpectDporAgreesWithDfs("async_last_shared_future", [] {
    sync::latch go(1);
    sync::atomic<int> other_a{0};
    sync::atomic<int> other_b{0};
    sync::shared_future<void> f = sync::async(sync::launch::async, [&] { go.wait(); }).share();
    sync::thread a([&, g = f]() mutable {
      other_a.store(1);
      g = sync::shared_future<void>();
      go.count_down();
    });
    sync::thread b([&, g = f]() mutable {
      other_b.store(1);
      g = sync::shared_future<void>();
    });
    f = sync::shared_future<void>();
    a.join();
    b.join();
  });
}

// Two stop_callbacks register (a read step on the stop state each, which pushes the callback
// on the list) before request_stop, which runs them in the order they registered.
TEST(TailAuditTest, StopCallbacksRunInRegistrationOrder) {
  ExpectDporAgreesWithDfs("stop_callback_order", [] {
    sync::stop_source source;
    std::string order;
    sync::latch registered(2);
    sync::latch go(1);
    auto worker = [&](char id) {
      sync::stop_callback callback(source.get_token(), [&order, id] { order += id; });
      registered.count_down();
      go.wait();
    };
    sync::thread a(worker, 'a');
    sync::thread b(worker, 'b');
    registered.wait();
    source.request_stop();
    outcome("order", order);
    go.count_down();
    a.join();
    b.join();
  });
}

// launch::deferred: the first wait runs the task. Two threads get() copies of one
// shared_future; which one runs it is decided before the wait's step, in the tail of each
// thread's step before (a store to an atomic of its own).
void DeferredSharedFuture(std::memory_order order) {
  sync::atomic<int> other_1{0};
  sync::atomic<int> other_2{0};
  int caller = 0;
  sync::shared_future<int> f =
      sync::async(sync::launch::deferred, [&caller] { return caller; }).share();
  auto getter = [&](int id) {
    (id == 1 ? other_1 : other_2).store(1, order);
    caller = id;
    const int ran_in = f.get();
    if (id == 1) outcome("ran in", ran_in);
  };
  sync::thread a(getter, 1);
  sync::thread b(getter, 2);
  a.join();
  b.join();
}

TEST(TailAuditTest, DeferredSharedFutureRunsInEitherGetter) {
  ExpectDporAgreesWithDfs("deferred_shared_future",
                          [] { DeferredSharedFuture(std::memory_order_seq_cst); });
}

TEST(TailAuditTest, DeferredSharedFutureRunsInEitherGetterRelaxed) {
  ExpectDporAgreesWithDfs("deferred_shared_future_relaxed",
                          [] { DeferredSharedFuture(std::memory_order_relaxed); });
}

// Under RC11 the explorer counts each execution graph once. A plain variable (no step: the std
// mirror does not see it) can make one graph end two ways: dfs runs both interleavings, and
// the second, the same graph with another outcome, is counted rather than dropped as a
// duplicate (checker/explorer.cc GraphKey). (dpor, which never orders the two independent
// stores, sees one: plain shared variables need sync::shared<T> to be checked.)
TEST(TailAuditTest, OneGraphEndingTwoWaysKeepsBothOutcomes) {
  DfsStrategy dfs;
  const Result every = Explore("one_graph_two_outcomes",
                               [] {
                                 int plain = 0;
                                 sync::atomic<int> a{0};
                                 sync::atomic<int> b{0};
                                 sync::thread t([&] {
                                   a.store(1, std::memory_order_relaxed);
                                   plain = 1;
                                 });
                                 b.store(1, std::memory_order_relaxed);
                                 outcome("plain", plain);
                                 t.join();
                               },
                               dfs, {.stall_seconds = 0});
  EXPECT_EQ(every.verdict, Verdict::kPass) << sync_testing::Explain(every);
  EXPECT_EQ(OutcomeNames(every), (std::set<std::string>{"plain=0", "plain=1"}));
}

// --- model API ---

// Lock::locked() is no step: it reads the lock's owner in the tail of the step before.
TEST(TailAuditTest, LockLockedIsRead) {
  ExpectDporAgreesWithDfs("lock_locked", [] {
    Lock lock("l");
    Atomic<int> other("other", 0);
    Thread a(
        [&] {
          lock.acquire();
          lock.release();
        },
        "A");
    Thread b(
        [&] {
          other.store(1);
          outcome("locked", lock.locked());
        },
        "B");
    a.start();
    b.start();
    a.join();
    b.join();
  });
}

// A Condition over a Lock: notify checks that the lock is locked (by anyone, as CPython), a
// read of the lock's state, now a step on the lock before the notify's. Main holds the lock; A
// releases it (a Lock may be released by another thread); B notifies: an ERROR when after A's
// release, which dpor must reach (dfs stops at it, so the two are not compared).
TEST(TailAuditTest, ConditionOverLockNotifyReadsTheLock) {
  const Result result = sync_testing::Check("condition_lock_notify", [] {
    Lock lock("l");
    Condition c(lock, "c");
    lock.acquire();
    Thread b([&] { c.notify(); }, "B");
    Thread a([&] { lock.release(); }, "A");
    b.start();
    a.start();
    b.join();
    a.join();
  });
  EXPECT_EQ(result.verdict, Verdict::kError) << sync_testing::Explain(result);
  EXPECT_NE(result.error.find("cannot notify on un-acquired lock"), std::string::npos)
      << result.error;
}

// Barrier: a timed-out wait breaks the barrier in a wait step (a kind that changes nothing),
// and broken() is a read step: dpor sees no dependence between them.
TEST(TailAuditTest, BarrierTimeoutBreaksItInAWaitStep) {
  ExpectDporAgreesWithDfs("barrier_timeout_broken", [] {
    Barrier barrier(2, "b");
    Thread a(
        [&] {
          try {
            barrier.wait(0.5);
          } catch (const BrokenBarrier&) {
          }
        },
        "A");
    Thread b([&] { outcome("broken", barrier.broken()); }, "B");
    a.start();
    b.start();
    a.join();
    b.join();
  });
}

}  // namespace
}  // namespace interleave
