// The production build (sync:: is std) with real threads: every message posted is taken.
#include <gtest/gtest.h>

#include <thread>

#include "mailbox/mailbox.h"

namespace examples {
namespace {

TEST(MailboxSmoke, HundredRounds) {
  for (int round = 0; round < 100; ++round) {
    fix::Mailbox mailbox;
    std::thread poster([&mailbox, round] { mailbox.post(round); });
    EXPECT_EQ(mailbox.take(), round);
    poster.join();
  }
}

}  // namespace
}  // namespace examples
