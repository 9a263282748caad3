// The mailbox under the checker, with spurious wake-ups: the `if` fails its assert, the wait
// with a predicate holds. Without spurious wake-ups the bug hides: the checker finds it only
// when asked to explore them.
#include "interleave/testing.h"
#include "mailbox/mailbox_scenarios.h"

namespace examples {
namespace {

// TODO(issue 14, item 5): kAssertionFailed once a failed assert is a finding; until then the
// assert is SYNC_ASSERT, interleave::expect under the checker (an INVARIANT).
TEST(Mailbox, IfAroundTheWaitFailsItsAssertOnASpuriousWakeUp) {
  EXPECT_BUG(interleave::FindingKind::kInvariant, PostOneTakeOne<bug::Mailbox>, kSpurious);
}

TEST(Mailbox, WaitWithAPredicateSurvivesSpuriousWakeUps) {
  EXPECT_NO_BUG(PostOneTakeOne<fix::Mailbox>, kSpurious);
}

TEST(Mailbox, WithoutSpuriousWakeUpsTheIfHides) { EXPECT_NO_BUG(PostOneTakeOne<bug::Mailbox>); }

}  // namespace
}  // namespace examples
