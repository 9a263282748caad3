// The mailbox under the checker, with spurious wake-ups: the `if` fails its assert, the wait
// with a predicate holds. Without spurious wake-ups the bug hides: the checker finds it only
// when asked to explore them.
#include "interleave/testing.h"
#include "mailbox/mailbox_scenarios.h"

namespace examples {
namespace {

// The failed assert is a finding (ASSERTION FAILED) with its interleaving; the test binary
// goes on.
TEST(Mailbox, IfAroundTheWaitFailsItsAssertOnASpuriousWakeUp) {
  EXPECT_BUG(interleave::FindingKind::kAssertionFailed, PostOneTakeOne<bug::Mailbox>, kSpurious);
}

TEST(Mailbox, WaitWithAPredicateSurvivesSpuriousWakeUps) {
  EXPECT_NO_BUG(PostOneTakeOne<fix::Mailbox>, kSpurious);
}

TEST(Mailbox, WithoutSpuriousWakeUpsTheIfHides) { EXPECT_NO_BUG(PostOneTakeOne<bug::Mailbox>); }

}  // namespace
}  // namespace examples
