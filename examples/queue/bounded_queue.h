// A bounded blocking queue of ints: put() waits while it is full, get() while it is empty.
//
// bug::BoundedQueue has one condition variable for both waits and wakes one waiter per change
// (notify_one). The one woken may be of the wrong side: a consumer's get() can wake the other
// consumer instead of the producer waiting for room, and that consumer, finding the queue
// empty, waits again. Step by step, capacity 1, a producer putting two items, two consumers:
//   1. consumers A and B find the queue empty and wait;
//   2. the producer puts item 1 (waking A) and waits: the queue is full;
//   3. A takes item 1 and notifies one waiter: B, not the producer;
//   4. B finds the queue empty and waits: the producer and B wait forever (DEADLOCK).
// fix::BoundedQueue waits on two condition variables, not_full_ (producers) and not_empty_
// (consumers), so a notify_one always wakes a thread that can use the change.
#ifndef EXAMPLES_QUEUE_BOUNDED_QUEUE_H_
#define EXAMPLES_QUEUE_BOUNDED_QUEUE_H_

#include <cstddef>
#include <deque>

#include "sync/sync.h"

namespace examples {
namespace bug {

class BoundedQueue {
 public:
  explicit BoundedQueue(std::size_t capacity) : capacity_(capacity) {}
  void put(int item);
  int get();

 private:
  const std::size_t capacity_;
  sync::mutex mutex_;
  sync::condition_variable changed_;  // Waited on by producers and consumers alike.
  std::deque<int> items_;             // Guarded by mutex_.
};

}  // namespace bug

namespace fix {

class BoundedQueue {
 public:
  explicit BoundedQueue(std::size_t capacity) : capacity_(capacity) {}
  void put(int item);
  int get();

 private:
  const std::size_t capacity_;
  sync::mutex mutex_;
  sync::condition_variable not_full_;   // Producers wait here.
  sync::condition_variable not_empty_;  // Consumers wait here.
  std::deque<int> items_;               // Guarded by mutex_.
};

}  // namespace fix
}  // namespace examples

#endif  // EXAMPLES_QUEUE_BOUNDED_QUEUE_H_
