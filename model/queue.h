// Queue<T>: Python's queue.Queue, a FIFO queue between threads.
//
// Queue(maxsize): maxsize <= 0 is unbounded. put(item) blocks while the queue is full and
// get() while it is empty; with block=false they do not wait, and with a timeout (seconds;
// negative: forever) they give up after it. When they give up they throw QueueFull /
// QueueEmpty (Python's queue.Full and queue.Empty; also spelled Queue<T>::Full / ::Empty).
// put_nowait / get_nowait are put(item, false) / get(false). qsize, empty and full read the
// queue. task_done() marks one item put earlier as processed, and join() blocks until every
// item ever put has been marked; calling task_done() more times than items were put is an
// error of the program (Python's ValueError) that ends the execution with a ModelError.
//
// expect_drained() declares that the queue must be empty when the program ends; the trace
// keeps each queue's item count, and an item left is a LOST MESSAGE.
//
// Every operation is one visible step on the queue object; put and get record the item (as
// ToText shows it), or "raised Full" / "raised Empty" when they throw. A blocked put or get is
// a thread left out of the enabled set, so a consumer waiting forever on an empty queue is a
// deadlock the checker reports. In time mode `any` a timed put or get may time out whenever it
// would block; in `virtual` it times out at its deadline. No spurious wake-ups.
//
// Happens-before: a put happens before every later get, in particular the one that takes its
// item (CPython's queue orders all of them with one internal mutex), and a task_done before
// every later join that returns.
//
// One declaration for both backends of the model API (model/backend/members.h): the members
// are the backend's model/backend/queue.inc, the definitions its model/backend/queue_impl.h.
#ifndef INTERLEAVE_MODEL_QUEUE_H_
#define INTERLEAVE_MODEL_QUEUE_H_

#include <cstdint>
#include <deque>
#include <source_location>
#include <stdexcept>
#include <string>
#include <utility>

#include "model/backend/members.h"

namespace interleave {

// queue.Empty: get() found no item (non-blocking, or its timeout passed).
class QueueEmpty : public std::runtime_error {
 public:
  explicit QueueEmpty(const std::string& message) : std::runtime_error(message) {}
};

// queue.Full: put() found no room (non-blocking, or its timeout passed).
class QueueFull : public std::runtime_error {
 public:
  explicit QueueFull(const std::string& message) : std::runtime_error(message) {}
};

template <typename T>
class Queue {
 public:
  using Empty = QueueEmpty;
  using Full = QueueFull;

  explicit Queue(int maxsize = 0, std::string name = "queue");
  Queue(const Queue&) = delete;
  Queue& operator=(const Queue&) = delete;
  ~Queue();

  // Python's put(item, block=True, timeout=None); timeout < 0 is None.
  void put(T item, bool block = true, double timeout = -1,
           std::source_location where = std::source_location::current());
  void put_nowait(T item, std::source_location where = std::source_location::current()) {
    put(std::move(item), false, -1, where);
  }

  // Python's get(block=True, timeout=None); timeout < 0 is None.
  T get(bool block = true, double timeout = -1,
        std::source_location where = std::source_location::current());
  T get_nowait(std::source_location where = std::source_location::current()) {
    return get(false, -1, where);
  }

  int qsize(std::source_location where = std::source_location::current()) const;
  bool empty(std::source_location where = std::source_location::current()) const;
  // True when maxsize > 0 and the queue holds maxsize items.
  bool full(std::source_location where = std::source_location::current()) const;
  int maxsize() const { return maxsize_; }

  // Declares that every item put must be taken by the time the program ends: an item left
  // in the queue then is a LOST MESSAGE. Not a visible operation.
  void expect_drained();

  void task_done(std::source_location where = std::source_location::current());
  // Blocks until every item put so far has had its task_done().
  void join(std::source_location where = std::source_location::current());

 private:
  bool IsFull() const { return maxsize_ > 0 && static_cast<int>(items_.size()) >= maxsize_; }

  // The backend's members (model/backend/members.h).
#include "model/backend/queue.inc"

  int maxsize_;
  std::deque<T> items_;
  int64_t unfinished_ = 0;  // Items put and not yet task_done()'d.
};

}  // namespace interleave

#include "model/backend/queue_impl.h"  // IWYU pragma: export

#endif  // INTERLEAVE_MODEL_QUEUE_H_
