// The ticket counter's checked scenario: two threads take from a counter of one ticket.
#ifndef EXAMPLES_COUNTER_TICKET_COUNTER_SCENARIOS_H_
#define EXAMPLES_COUNTER_TICKET_COUNTER_SCENARIOS_H_

#include "counter/ticket_counter.h"
#include "interleave/testing.h"

namespace examples {

template <typename Counter>
void TwoTakersOneTicket() {
  Counter counter(1);
  sync::thread first([&] { counter.take(); });
  sync::thread second([&] { counter.take(); });
  first.join();
  second.join();
  interleave::expect(counter.taken() <= 1, "no more tickets taken than the limit");
}

}  // namespace examples

#endif  // EXAMPLES_COUNTER_TICKET_COUNTER_SCENARIOS_H_
