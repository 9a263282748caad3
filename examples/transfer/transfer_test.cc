// The transfer under the checker: locking in call order deadlocks, scoped_lock never does.
#include "interleave/testing.h"
#include "transfer/transfer_scenarios.h"

namespace examples {
namespace {

TEST(Transfer, LockingInCallOrderDeadlocks) {
  EXPECT_BUG(interleave::FindingKind::kDeadlock, OppositeTransfers<bug::Transfer>);
}

INTERLEAVE_TEST(Transfer, ScopedLockOfBothNeverDeadlocks) { OppositeTransfers<fix::Transfer>(); }

}  // namespace
}  // namespace examples
