// Threads that sleep (std::this_thread::sleep_for) and then update a shared counter under a
// mutex. libstdc++'s sleep_for stores addresses on the sleeping thread's stack; thread i of
// every execution runs on the same stack, so a re-run of the same schedule stores the same
// values (before, stacks were handed out in the order the last execution gave them back, and
// the determinism check's re-run differed: an ERROR "not deterministic").
#include <cassert>
#include <chrono>
#include <mutex>
#include <thread>

int counter;
std::mutex mutex;

void work() {
  std::this_thread::sleep_for(std::chrono::milliseconds(10));
  std::lock_guard<std::mutex> lock(mutex);
  ++counter;
}

int main() {
  std::thread a(work), b(work);
  a.join();
  b.join();
  assert(counter == 2);
  return 0;
}
