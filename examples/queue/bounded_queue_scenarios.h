// The bounded queue's checked scenario, shared by its tests: capacity 1, a producer putting
// two items, two consumers taking one each (the smallest run that loses a wake-up).
#ifndef EXAMPLES_QUEUE_BOUNDED_QUEUE_SCENARIOS_H_
#define EXAMPLES_QUEUE_BOUNDED_QUEUE_SCENARIOS_H_

#include "interleave/testing.h"
#include "queue/bounded_queue.h"

namespace examples {

template <typename Queue>
void ProducerAndTwoConsumers() {
  Queue queue(1);
  int a_got = 0;
  int b_got = 0;
  sync::thread producer([&] {
    queue.put(1);
    queue.put(2);
  });
  sync::thread a([&] { a_got = queue.get(); });
  sync::thread b([&] { b_got = queue.get(); });
  producer.join();
  a.join();
  b.join();
  interleave::expect(a_got + b_got == 3, "each item is taken once");
}

}  // namespace examples

#endif  // EXAMPLES_QUEUE_BOUNDED_QUEUE_SCENARIOS_H_
