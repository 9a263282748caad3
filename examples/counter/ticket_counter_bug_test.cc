// The bug as a user first meets it: this test fails with the broken invariant's report.
//   bazel test //counter:ticket_counter_bug_test   (tagged manual: //... does not run it)
#include "counter/ticket_counter_scenarios.h"
#include "interleave/testing.h"

namespace examples {
namespace {

INTERLEAVE_TEST(TicketCounterBug, TwoTakersOneTicket) { TwoTakersOneTicket<bug::TicketCounter>(); }

}  // namespace
}  // namespace examples
