// main waits on a std::latch that two workers count down, then reads what they added. Correct
// under sequential consistency: PASS, exhaustively, in a few hundred classes once the rounds
// of libstdc++'s spin after the first are no steps (before: 6,220 classes).
#include <atomic>
#include <cassert>
#include <latch>
#include <thread>

std::latch done(2);
std::atomic<int> sum{0};

int main() {
  auto work = [](int v) {
    sum.fetch_add(v, std::memory_order_relaxed);
    done.count_down();
  };
  std::thread a(work, 1), b(work, 2);
  done.wait();
  assert(sum.load(std::memory_order_relaxed) == 3);
  a.join();
  b.join();
}
