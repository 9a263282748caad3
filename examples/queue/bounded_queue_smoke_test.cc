// The production build (sync:: is std) with real threads: every item put is got once.
#include <gtest/gtest.h>

#include <thread>
#include <vector>

#include "queue/bounded_queue.h"

namespace examples {
namespace {

TEST(BoundedQueueSmoke, TwoProducersTwoConsumers) {
  constexpr int kItems = 500;  // Per producer and per consumer.
  fix::BoundedQueue queue(4);
  std::vector<long> sums(2, 0);
  std::vector<std::thread> threads;
  for (int p = 0; p < 2; ++p) {
    threads.emplace_back([&queue] {
      for (int i = 1; i <= kItems; ++i) queue.put(i);
    });
  }
  for (int c = 0; c < 2; ++c) {
    threads.emplace_back([&queue, &sums, c] {
      for (int i = 0; i < kItems; ++i) sums[c] += queue.get();
    });
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_EQ(sums[0] + sums[1], 2L * kItems * (kItems + 1) / 2);
}

}  // namespace
}  // namespace examples
