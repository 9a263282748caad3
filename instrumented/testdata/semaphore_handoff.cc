// A producer hands two items to a consumer through a one-slot buffer guarded by two
// std::counting_semaphores (C++20; libstdc++ spins up to 16 rounds in each acquire before it
// sleeps on a futex). Correct: PASS, exhaustively, in a few thousand classes once the spin's
// rounds after the first are no steps (runtime.cc "The rounds of __atomic_spin"; before,
// 195,219 classes under sc and no end under rc11).
#include <cassert>
#include <semaphore>
#include <thread>

std::counting_semaphore<2> slots(1), filled(0);
int buffer = 0, got = 0;

int main() {
  std::thread producer([] {
    for (int i = 1; i <= 2; ++i) {
      slots.acquire();
      buffer = i;
      filled.release();
    }
  });
  std::thread consumer([] {
    for (int i = 0; i < 2; ++i) {
      filled.acquire();
      got += buffer;
      slots.release();
    }
  });
  producer.join();
  consumer.join();
  assert(got == 3);
}
