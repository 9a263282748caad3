// The mailbox's checked scenario: a thread posts one message, main takes it. Checked with
// spurious wake-ups (kSpurious), which the `if` does not survive.
#ifndef EXAMPLES_MAILBOX_MAILBOX_SCENARIOS_H_
#define EXAMPLES_MAILBOX_MAILBOX_SCENARIOS_H_

#include "interleave/testing.h"
#include "mailbox/mailbox.h"

namespace examples {

inline const interleave::ExploreOptions kSpurious = {.spurious_wakeups = true};

template <typename Mailbox>
void PostOneTakeOne() {
  Mailbox mailbox;
  sync::thread poster([&] { mailbox.post(7); });
  const int message = mailbox.take();
  poster.join();
  interleave::expect(message == 7, "the message posted is the one taken");
}

}  // namespace examples

#endif  // EXAMPLES_MAILBOX_MAILBOX_SCENARIOS_H_
