// Small weak-memory programs shared by the tests (reports, detectors, tests/weak): the
// classic shapes whose bug appears only under the C++ memory model (RC11), each checking its
// forbidden-under-SC outcome with expect(), and a CAS spinlock deadlock.
#ifndef INTERLEAVE_MODEL_TESTING_WEAK_PROGRAMS_H_
#define INTERLEAVE_MODEL_TESTING_WEAK_PROGRAMS_H_

#include <atomic>

#include "model/atomic.h"
#include "model/model.h"

namespace interleave::testing {

// Store buffering: A: x = 1; r1 = y || B: y = 1; r2 = x. With relaxed (or release/acquire)
// orders both loads may read 0; with seq_cst they may not.
inline void StoreBufferingWith(std::memory_order order) {
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
  expect(r1 == 1 || r2 == 1, "one thread sees the other's store");
}

inline void StoreBufferingRelaxed() { StoreBufferingWith(std::memory_order_relaxed); }

// Message passing: A: data = 1; flag = 1 || B: r1 = flag; r2 = data. Seeing the flag must mean
// seeing the data: it does with a release store and an acquire load of the flag.
inline void MessagePassingWith(std::memory_order store, std::memory_order load) {
  Atomic<int> data("data", 0);
  Atomic<int> flag("flag", 0);
  int r1 = -1;
  int r2 = -1;
  Thread a(
      [&] {
        data.store(1, std::memory_order_relaxed);
        flag.store(1, store);
      },
      "A");
  Thread b(
      [&] {
        r1 = flag.load(load);
        r2 = data.load(std::memory_order_relaxed);
      },
      "B");
  a.start();
  b.start();
  a.join();
  b.join();
  outcome("r1", r1);
  outcome("r2", r2);
  expect(r1 == 0 || r2 == 1, "the flag publishes the data");
}

inline void MessagePassingRelaxed() {
  MessagePassingWith(std::memory_order_relaxed, std::memory_order_relaxed);
}
inline void MessagePassingReleaseOnly() {
  MessagePassingWith(std::memory_order_release, std::memory_order_relaxed);
}

// Two CAS spinlocks taken in opposite orders: each thread spins forever on the lock the other
// holds.
inline void CasSpinlockDeadlock() {
  Atomic<int> a("lock_a", 0);
  Atomic<int> b("lock_b", 0);
  auto lock = [](Atomic<int>& l) {
    int expected = 0;
    while (!l.compare_exchange_strong(expected, 1, std::memory_order_acquire)) expected = 0;
  };
  Thread t1(
      [&] {
        lock(a);
        lock(b);
        b.store(0, std::memory_order_release);
        a.store(0, std::memory_order_release);
      },
      "T1");
  Thread t2(
      [&] {
        lock(b);
        lock(a);
        a.store(0, std::memory_order_release);
        b.store(0, std::memory_order_release);
      },
      "T2");
  t1.start();
  t2.start();
  t1.join();
  t2.join();
}

}  // namespace interleave::testing

#endif  // INTERLEAVE_MODEL_TESTING_WEAK_PROGRAMS_H_
