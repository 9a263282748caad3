// bug (deadlock): seed 001 "Producer with many slow consumers" (001.p), 2 consumers: each consumer gets until it sees 0, but the producer sends a single 0, so the other consumer blocks forever in get() and main forever in join().
#include <chrono>
#include <cstdio>
#include <thread>
#include <vector>

#include "seed_queue.h"

extern "C" int __VERIFIER_nondet_int(void);

constexpr int kConsumers = 2;
constexpr int kMaxMessages = 2;  // The seed's `while m != 0` loop, bounded.

BlockingQueue<int> queue(2);

void consumer_task() {
  int r = queue.get();
  while (r != 0) {
    std::printf("Consumed: %d\n", r);
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
    r = queue.get();
  }
}

void producer_task() {
  int produced = 0;
  int m = 0;
  // random.randint(0, 10) as a data choice: a message (nonzero) or the terminator 0.
  for (int i = 0; i < kMaxMessages; ++i) {
    m = __VERIFIER_nondet_int() ? i + 1 : 0;
    queue.put(m);
    if (m == 0) break;
    ++produced;
  }
  if (m != 0) queue.put(0);
  std::printf("Produced %d values\n", produced);
}

int main() {
  std::printf("Main    : before creating threads\n");
  std::vector<std::thread> threads;
  for (int i = 0; i < kConsumers; ++i) threads.emplace_back(consumer_task);
  threads.emplace_back(producer_task);
  std::printf("Main    : wait for the threads to finish\n");
  for (std::thread& thread : threads) thread.join();
  std::printf("Main    : all done\n");
  return 0;
}
