// The transfer's checked scenario: two opposite transfers between two accounts at once.
#ifndef EXAMPLES_TRANSFER_TRANSFER_SCENARIOS_H_
#define EXAMPLES_TRANSFER_TRANSFER_SCENARIOS_H_

#include "interleave/testing.h"
#include "transfer/transfer.h"

namespace examples {

template <void (*Transfer)(Account&, Account&, int)>
void OppositeTransfers() {
  Account a(100);
  Account b(100);
  sync::thread a_to_b([&] { Transfer(a, b, 10); });
  sync::thread b_to_a([&] { Transfer(b, a, 20); });
  a_to_b.join();
  b_to_a.join();
  interleave::expect(BalanceOf(a) == 110 && BalanceOf(b) == 90, "both transfers are made");
}

}  // namespace examples

#endif  // EXAMPLES_TRANSFER_TRANSFER_SCENARIOS_H_
