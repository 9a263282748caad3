// Three std::threads running one lambda that adds 1 to a counter twice under a std::mutex:
// under --symmetry their states (the lambda's captured references) are equal, so they are
// interchangeable (90 lock orders, 15 up to a permutation of the threads).
#include <cassert>
#include <mutex>
#include <thread>
#include <vector>

int main() {
  std::mutex mutex;
  int counter = 0;
  std::vector<std::thread> threads;
  for (int i = 0; i < 3; ++i) {
    threads.emplace_back([&] {
      for (int k = 0; k < 2; ++k) {
        std::lock_guard<std::mutex> hold(mutex);
        ++counter;
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  assert(counter == 6);
}
