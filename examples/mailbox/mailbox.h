// A one-slot mailbox: post() leaves a message and wakes the taker; take() waits for one.
//
// bug::Mailbox waits with `if (!full_) posted_.wait(lock);`: one wait, then it assumes the
// message is there. A condition variable may wake without a notify (a spurious wake-up: POSIX
// and std allow it), and the taker then finds the slot empty and its assert fails. The checker
// explores spurious wake-ups when asked (ExploreOptions::spurious_wakeups):
//   1. the taker finds the slot empty and waits;   2. it wakes without a post;
//   3. assert(full_) fails.
// fix::Mailbox waits with a predicate (`wait(lock, [this] { return full_; })`: a loop that
// re-tests the condition after every wake-up).
#ifndef EXAMPLES_MAILBOX_MAILBOX_H_
#define EXAMPLES_MAILBOX_MAILBOX_H_

#include "sync/sync.h"

namespace examples {
namespace bug {

class Mailbox {
 public:
  void post(int message);
  int take();

 private:
  sync::mutex mutex_;
  sync::condition_variable posted_;
  bool full_ = false;  // Guarded by mutex_.
  int message_ = 0;    // Guarded by mutex_.
};

}  // namespace bug

namespace fix {

class Mailbox {
 public:
  void post(int message);
  int take();

 private:
  sync::mutex mutex_;
  sync::condition_variable posted_;
  bool full_ = false;  // Guarded by mutex_.
  int message_ = 0;    // Guarded by mutex_.
};

}  // namespace fix
}  // namespace examples

#endif  // EXAMPLES_MAILBOX_MAILBOX_H_
