// std::scoped_lock over two mutexes in opposite orders: libstdc++'s std::lock locks one and
// trylocks the other, and on a failure unlocks and starts from the one that failed. A schedule
// that preempts both threads in every round keeps them backing off for ever, with no change of
// state (before: a LIVELOCK warning at the step bound). The back-off cycle rule ends such an
// execution when the global state comes back: PASS.
#include <cassert>
#include <mutex>
#include <thread>

std::mutex m1, m2;
int x, y;

int main() {
  std::thread a([] {
    std::scoped_lock both(m1, m2);
    ++x;
    ++y;
  });
  std::thread b([] {
    std::scoped_lock both(m2, m1);
    ++x;
    ++y;
  });
  a.join();
  b.join();
  assert(x == 2 && y == 2);
}
