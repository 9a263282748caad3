// Two threads take a test-and-set spinlock (std::atomic_flag, acquire; cleared with release,
// or relaxed with -DRELAXED_CLEAR) around an increment. Under RC11 a failed test_and_set may
// read an older store than the last one executed (its write goes before the holder's clear in
// modification order), so without the spin rule's "read a newer store the next round" every
// number of rounds was another execution graph and the search never ended.
#include <atomic>
#include <cassert>
#include <thread>

#ifdef RELAXED_CLEAR
constexpr std::memory_order kClear = std::memory_order_relaxed;
#else
constexpr std::memory_order kClear = std::memory_order_release;
#endif

std::atomic_flag taken = ATOMIC_FLAG_INIT;
int counter = 0;

void Increment() {
  while (taken.test_and_set(std::memory_order_acquire)) {
  }
  ++counter;
  taken.clear(kClear);
}

int main() {
  std::thread a(Increment);
  std::thread b(Increment);
  a.join();
  b.join();
  assert(counter == 2);
}
