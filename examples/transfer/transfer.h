// Transfers between accounts, each account guarded by its own mutex.
//
// bug::Transfer locks `from`, then `to`. Two opposite transfers, A->B and B->A, can each take
// their first mutex and then wait for the other's forever (a lock-order DEADLOCK):
//   1. thread 1 (A->B) locks A;   2. thread 2 (B->A) locks B;
//   3. thread 1 waits for B, held by thread 2; thread 2 waits for A, held by thread 1.
// fix::Transfer locks both with std::scoped_lock, which takes several mutexes without
// deadlock whatever order its callers name them in.
#ifndef EXAMPLES_TRANSFER_TRANSFER_H_
#define EXAMPLES_TRANSFER_TRANSFER_H_

#include "sync/sync.h"

namespace examples {

struct Account {
  explicit Account(int initial) : balance(initial) {}
  sync::mutex mutex;
  sync::shared<int> balance;  // Guarded by mutex.
};

namespace bug {
void Transfer(Account& from, Account& to, int amount);
}  // namespace bug

namespace fix {
void Transfer(Account& from, Account& to, int amount);
}  // namespace fix

// The balance, read under the account's mutex.
int BalanceOf(Account& account);

}  // namespace examples

#endif  // EXAMPLES_TRANSFER_TRANSFER_H_
