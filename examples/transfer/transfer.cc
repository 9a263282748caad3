#include "transfer/transfer.h"

namespace examples {
namespace bug {

void Transfer(Account& from, Account& to, int amount) {
  sync::lock_guard<sync::mutex> from_lock(from.mutex);
  sync::lock_guard<sync::mutex> to_lock(to.mutex);  // The bug: the order depends on the call.
  from.balance = from.balance - amount;
  to.balance = to.balance + amount;
}

}  // namespace bug

namespace fix {

void Transfer(Account& from, Account& to, int amount) {
  sync::scoped_lock<sync::mutex, sync::mutex> both(from.mutex, to.mutex);
  from.balance = from.balance - amount;
  to.balance = to.balance + amount;
}

}  // namespace fix

int BalanceOf(Account& account) {
  sync::lock_guard<sync::mutex> lock(account.mutex);
  return account.balance;
}

}  // namespace examples
