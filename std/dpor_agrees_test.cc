// dpor against dfs on small programs over each of the std mirror's primitives and the model
// API's (sync_testing::ExpectDporAgreesWithDfs: the same verdict, outcomes and finding kinds,
// in no more executions). Session 31 wrote them to look for gaps in dpor's dependence; the
// nested lock of a recursive_mutex was one (TraceEvent::reentrant), and these keep the others
// checked.
#include <gtest/gtest.h>

#include <chrono>
#include <string>

#include "model/api.h"
#include "model/model.h"
#include "std/sync.h"
#include "std/testing.h"

namespace interleave {
namespace {

using namespace std::chrono_literals;
using sync_testing::ExpectDporAgreesWithDfs;

// A notify before the waiter has joined the waiters is lost, and under RC11 its load may still
// read the old value (no happens-before from a relaxed store): a DEADLOCK (dfs: a BUG in 4
// graphs). atomic::wait joined the waiters in the tail of the step before its load, where dpor
// never ran the notifier first (a PASS in 3 graphs); it joins them in the load's step now
// (std/atomic.h), which a notify depends on. (Only the runtime's futex wake, which joins
// nothing, commutes with the accesses of its word: checker/dpor.cc.)
TEST(DporAgreesTest, AtomicWaitAndNotifyAfterARelaxedStore) {
  ExpectDporAgreesWithDfs("atomic_wait_notify", [] {
    sync::atomic<int> flag{0};
    sync::atomic<int> other{0};
    sync::thread waiter([&] {
      other.store(1, std::memory_order_relaxed);
      flag.wait(0, std::memory_order_relaxed);
    });
    sync::thread notifier([&] {
      flag.store(1, std::memory_order_relaxed);
      flag.notify_one();
    });
    waiter.join();
    notifier.join();
  });
}

TEST(DporAgreesTest, RecursiveTimedMutexNestedTries) {
  ExpectDporAgreesWithDfs("recursive_timed_mutex", [] {
    sync::recursive_timed_mutex m;
    int order = 0;
    auto worker = [&](int id) {
      if (!m.try_lock_for(1ms)) return;
      if (m.try_lock()) {
        if (order == 0) order = id;
        m.unlock();
      }
      m.unlock();
    };
    sync::thread a(worker, 1);
    sync::thread b(worker, 2);
    a.join();
    b.join();
    outcome("order", order);
  });
}

TEST(DporAgreesTest, SharedMutexReadersAndWriter) {
  ExpectDporAgreesWithDfs("shared_mutex", [] {
    sync::shared_mutex m;
    sync::shared<int> x{0};
    int seen1 = -1;
    int seen2 = -1;
    sync::thread r1([&] {
      sync::shared_lock lock(m);
      seen1 = x;
    });
    sync::thread r2([&] {
      sync::shared_lock lock(m);
      seen2 = x;
    });
    sync::thread w([&] {
      sync::unique_lock lock(m);
      x = 1;
    });
    r1.join();
    r2.join();
    w.join();
    outcome("seen", seen1 * 10 + seen2);
  });
}

TEST(DporAgreesTest, SharedMutexTries) {
  ExpectDporAgreesWithDfs("shared_mutex tries", [] {
    sync::shared_mutex m;
    int got = 0;
    sync::thread reader([&] {
      if (m.try_lock_shared()) {
        got += 1;
        m.unlock_shared();
      }
    });
    sync::thread writer([&] {
      if (m.try_lock()) {
        got += 10;
        m.unlock();
      }
    });
    reader.join();
    writer.join();
    outcome("got", got);
  });
}

TEST(DporAgreesTest, SemaphoreTriesCallOnceAndFuture) {
  ExpectDporAgreesWithDfs("counting_semaphore tries", [] {
    sync::counting_semaphore<2> s(1);
    int got = 0;
    sync::thread a([&] {
      if (s.try_acquire()) got += 1;
    });
    sync::thread b([&] {
      if (s.try_acquire()) {
        got += 10;
        s.release();
      }
    });
    a.join();
    b.join();
    outcome("got", got);
  });
  ExpectDporAgreesWithDfs("call_once", [] {
    sync::once_flag flag;
    int who = 0;
    sync::thread a([&] { sync::call_once(flag, [&] { who = 1; }); });
    sync::thread b([&] { sync::call_once(flag, [&] { who = 2; }); });
    a.join();
    b.join();
    outcome("who", who);
  });
  ExpectDporAgreesWithDfs("atomic wait", [] {
    sync::atomic<int> state{0};
    sync::thread t([&] {
      state.store(1);
      state.notify_all();
    });
    sync::thread u([&] {
      state.store(2);
      state.notify_all();
    });
    state.wait(0);
    outcome("state", state.load());
    t.join();
    u.join();
  });
}

TEST(DporAgreesTest, ModelPrimitives) {
  ExpectDporAgreesWithDfs("condition over a nested rlock", [] {
    Condition c;
    int items = 0;
    int got = 0;
    Thread consumer(
        [&] {
          c.acquire();
          c.acquire();
          while (items == 0) c.wait();
          got = items;
          c.release();
          c.release();
        },
        "C");
    Thread producer(
        [&] {
          c.acquire();
          items = 1;
          c.notify();
          c.release();
        },
        "P");
    consumer.start();
    producer.start();
    consumer.join();
    producer.join();
    outcome("got", got);
  });
  ExpectDporAgreesWithDfs("rlock nested try and timed acquires", [] {
    RLock r("r");
    int order = 0;
    Thread a(
        [&] {
          r.acquire();
          if (r.acquire(true, 0.5)) {
            if (order == 0) order = 1;
            r.release();
          }
          r.release();
        },
        "A");
    Thread b(
        [&] {
          if (r.acquire(false)) {
            if (order == 0) order = 2;
            r.release();
          }
        },
        "B");
    a.start();
    b.start();
    a.join();
    b.join();
    outcome("order", order);
  });
  ExpectDporAgreesWithDfs("timed barrier", [] {
    Barrier barrier(2, "b");
    int r = 0;
    auto party = [&](int passed, int broken) {
      try {
        barrier.wait(0.5);
        r += passed;
      } catch (const BrokenBarrier&) {
        r += broken;
      }
    };
    Thread a([&] { party(1, 10); }, "A");
    Thread c([&] { party(100, 1000); }, "C");
    a.start();
    c.start();
    a.join();
    c.join();
    outcome("r", r);
  });
}

}  // namespace
}  // namespace interleave
