// A compare_exchange_weak loop that counts its retries: a spurious failure is a retry that
// changed the thread's state (the count), so it is explored, never pruned, and the assertion
// that no retry happens fails. BUG: ASSERTION FAILED.
#include <atomic>
#include <cassert>
#include <thread>

std::atomic<int> word{0};

int main() {
  std::thread other([] { word.store(0); });
  int expected = 0;
  int retries = 0;
  // A failure leaves `expected` 0 (the word is never anything else): only the count changes.
  while (!word.compare_exchange_weak(expected, 1)) ++retries;
  other.join();
  assert(retries == 0);
}
