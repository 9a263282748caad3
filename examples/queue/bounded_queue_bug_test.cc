// The bug as a user first meets it: this test fails with the deadlock's report and replay line.
//   bazel test //queue:bounded_queue_bug_test   (tagged manual: //... does not run it)
#include "interleave/testing.h"
#include "queue/bounded_queue_scenarios.h"

namespace examples {
namespace {

INTERLEAVE_TEST(BoundedQueueBug, ProducerAndTwoConsumers) {
  ProducerAndTwoConsumers<bug::BoundedQueue>();
}

}  // namespace
}  // namespace examples
