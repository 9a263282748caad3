// A check whose search Bazel's test sharding splits (shard_count = 4 in BUILD): each shard runs
// its part of the search of four takers (2,520 lock orders); the test passes only when every
// shard's part passes. The shards' part reports (test.outputs of each shard) merge into the
// whole search's report with `interleave merge`.
#include "counter/ticket_counter.h"
#include "interleave/testing.h"

namespace examples {
namespace {

INTERLEAVE_TEST(TicketCounterSharded, FourTakersNeverOverIssue) {
  fix::TicketCounter counter(3);
  auto take_twice = [&] {
    counter.take();
    counter.take();
  };
  sync::thread a(take_twice);
  sync::thread b(take_twice);
  sync::thread c(take_twice);
  sync::thread d(take_twice);
  a.join();
  b.join();
  c.join();
  d.join();
  interleave::expect(counter.taken() <= 3, "no more tickets taken than the limit");
}

}  // namespace
}  // namespace examples
