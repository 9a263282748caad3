// The bounded queue under the checker: the bug deadlocks in some interleaving, the fix in none.
#include "interleave/testing.h"
#include "queue/bounded_queue_scenarios.h"

namespace examples {
namespace {

TEST(BoundedQueue, OneCondvarWithNotifyOneDeadlocks) {
  EXPECT_BUG(interleave::FindingKind::kDeadlock, ProducerAndTwoConsumers<bug::BoundedQueue>);
}

INTERLEAVE_TEST(BoundedQueue, TwoCondvarsNeverDeadlock) {
  ProducerAndTwoConsumers<fix::BoundedQueue>();
}

}  // namespace
}  // namespace examples
