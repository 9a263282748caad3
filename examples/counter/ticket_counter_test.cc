// The ticket counter under the checker: check-then-act over-issues, one locked section never.
#include "counter/ticket_counter_scenarios.h"
#include "interleave/testing.h"

namespace examples {
namespace {

TEST(TicketCounter, CheckThenActOverIssues) {
  EXPECT_BUG(interleave::FindingKind::kInvariant, TwoTakersOneTicket<bug::TicketCounter>);
}

INTERLEAVE_TEST(TicketCounter, OneLockedSectionNeverOverIssues) {
  TwoTakersOneTicket<fix::TicketCounter>();
}

}  // namespace
}  // namespace examples
