// The production build (sync:: is std) with real threads: exactly the limit is handed out.
#include <gtest/gtest.h>

#include <atomic>
#include <thread>
#include <vector>

#include "counter/ticket_counter.h"

namespace examples {
namespace {

TEST(TicketCounterSmoke, FourThreadsTakeExactlyTheLimit) {
  fix::TicketCounter counter(50);
  std::atomic<int> granted{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 100; ++i) {
        if (counter.take()) ++granted;
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_EQ(granted.load(), 50);
  EXPECT_EQ(counter.taken(), 50);
}

}  // namespace
}  // namespace examples
