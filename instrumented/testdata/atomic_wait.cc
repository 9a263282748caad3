// std::atomic<T>::wait and notify_one (C++20; libstdc++ waits on a futex): main waits until
// the worker stored 1, and then sees the worker's earlier write. PASS exhaustively, under the
// C++ memory model too.
#include <atomic>
#include <cassert>
#include <thread>

int main() {
  std::atomic<int> ready{0};
  int data = 0;
  std::thread worker([&] {
    data = 42;
    ready.store(1);
    ready.notify_one();
  });
  ready.wait(0);
  assert(data == 42);
  worker.join();
}
