#include "model/testing/programs.h"

#include <functional>
#include <vector>

#include "model/model.h"

namespace interleave::testing {
namespace {

// Main of both increment programs: `increment` runs in threads A and B.
void RunTwoIncrements(Shared<int>& x, const std::function<void()>& increment) {
  Thread a(increment, "A");
  Thread b(increment, "B");
  a.start();
  b.start();
  a.join();
  b.join();
  const int final_value = x.read();
  outcome("x", final_value);
  expect(final_value == 2, "x == 2");
}

}  // namespace

std::function<void()> Increments(int threads, int increments, bool locked) {
  return [=] {
    Shared<int> x("x", 0);
    Lock lock("lock");
    std::vector<Thread> workers;
    for (int t = 0; t < threads; ++t) {
      workers.emplace_back([&, increments] {
        for (int k = 0; k < increments; ++k) {
          if (locked) lock.acquire();
          x.write(x.read() + 1);
          if (locked) lock.release();
        }
      });
    }
    for (Thread& w : workers) w.start();
    for (Thread& w : workers) w.join();
    outcome("x", x.read());
  };
}

void TwoUnlockedIncrements() {
  Shared<int> x("x", 0);
  RunTwoIncrements(x, [&x] { x.write(x.read() + 1); });
}

void TwoLockedIncrements() {
  Shared<int> x("x", 0);
  Lock lock("lock");
  RunTwoIncrements(x, [&] {
    LockGuard guard(lock);
    x.write(x.read() + 1);
  });
}

void OppositeLockOrder() {
  Lock first("first");
  Lock second("second");
  Thread a(
      [&] {
        LockGuard g1(first);
        LockGuard g2(second);
      },
      "A");
  Thread b(
      [&] {
        LockGuard g1(second);
        LockGuard g2(first);
      },
      "B");
  a.start();
  b.start();
  a.join();
  b.join();
}

}  // namespace interleave::testing
