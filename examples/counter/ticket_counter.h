// A counter of tickets up to a limit: take() hands out a ticket while any is left.
//
// bug::TicketCounter checks that a ticket is left under the mutex, releases it, then takes the
// ticket under the mutex again (check-then-act). Between the two, another thread can take the
// last ticket, so more tickets than the limit are handed out (the INVARIANT taken <= limit
// breaks):
//   1. thread 1 checks: 0 of 1 taken;   2. thread 2 checks: 0 of 1 taken;
//   3. thread 1 takes: 1;               4. thread 2 takes: 2 of 1.
// Every access is locked: no data race, only a broken invariant. fix::TicketCounter holds the
// mutex across the check and the act.
#ifndef EXAMPLES_COUNTER_TICKET_COUNTER_H_
#define EXAMPLES_COUNTER_TICKET_COUNTER_H_

#include "sync/sync.h"

namespace examples {
namespace bug {

class TicketCounter {
 public:
  explicit TicketCounter(int limit) : limit_(limit) {}
  bool take();  // Whether a ticket was taken.
  int taken();

 private:
  const int limit_;
  sync::mutex mutex_;
  sync::shared<int> taken_{0};  // Guarded by mutex_.
};

}  // namespace bug

namespace fix {

class TicketCounter {
 public:
  explicit TicketCounter(int limit) : limit_(limit) {}
  bool take();
  int taken();

 private:
  const int limit_;
  sync::mutex mutex_;
  sync::shared<int> taken_{0};  // Guarded by mutex_.
};

}  // namespace fix
}  // namespace examples

#endif  // EXAMPLES_COUNTER_TICKET_COUNTER_H_
