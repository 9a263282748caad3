// std::latch (C++20; libstdc++ waits on a futex): main waits until the worker counted down,
// and then sees the worker's write. PASS exhaustively.
#include <cassert>
#include <latch>
#include <thread>

int main() {
  std::latch done(1);
  int result = 0;
  std::thread worker([&] {
    result = 42;
    done.count_down();
  });
  done.wait();
  assert(result == 42);
  worker.join();
}
