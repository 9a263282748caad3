// pass: the robust fix of 001.p (001.r): the producer sends one 0 per consumer, so every consumer sees its terminator and every join returns, whatever the messages.
#include <chrono>
#include <cstdio>
#include <thread>
#include <vector>

#include "seed_queue.h"

extern "C" int __VERIFIER_nondet_int(void);

constexpr int kConsumers = 2;
// Scaled down to one message (the producer's `while` bounded): at the mutex and condition
// variables' granularity, two messages make 75,804 classes (exhaustive in 112 s with -c opt);
// one makes 1,844.
constexpr int kMaxMessages = 1;

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
  for (int i = 0; i < kMaxMessages; ++i) {
    if (!__VERIFIER_nondet_int()) break;
    queue.put(i + 1);
    ++produced;
  }
  for (int i = 0; i < kConsumers; ++i) queue.put(0);
  std::printf("Produced %d values\n", produced);
}

int main() {
  std::vector<std::thread> threads;
  for (int i = 0; i < kConsumers; ++i) threads.emplace_back(consumer_task);
  threads.emplace_back(producer_task);
  for (std::thread& thread : threads) thread.join();
  std::printf("Main    : all done\n");
  return 0;
}
