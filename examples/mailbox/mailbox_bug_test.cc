// The bug as a user first meets it: this test fails with the failed assert's report.
//   bazel test //mailbox:mailbox_bug_test   (tagged manual: //... does not run it)
#include "interleave/testing.h"
#include "mailbox/mailbox_scenarios.h"

namespace examples {
namespace {

TEST(MailboxBug, PostOneTakeOne) { EXPECT_NO_BUG(PostOneTakeOne<bug::Mailbox>, kSpurious); }

}  // namespace
}  // namespace examples
