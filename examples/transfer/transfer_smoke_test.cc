// The production build (sync:: is std) with real threads: opposite transfers keep the total.
#include <gtest/gtest.h>

#include <thread>

#include "transfer/transfer.h"

namespace examples {
namespace {

TEST(TransferSmoke, OppositeTransfersKeepTheTotal) {
  Account a(1000);
  Account b(1000);
  std::thread a_to_b([&] {
    for (int i = 0; i < 1000; ++i) fix::Transfer(a, b, 1);
  });
  std::thread b_to_a([&] {
    for (int i = 0; i < 1000; ++i) fix::Transfer(b, a, 2);
  });
  a_to_b.join();
  b_to_a.join();
  EXPECT_EQ(BalanceOf(a), 2000);
  EXPECT_EQ(BalanceOf(b), 0);
}

}  // namespace
}  // namespace examples
