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
#ifndef INTERLEAVE_MODEL_QUEUE_H_
#define INTERLEAVE_MODEL_QUEUE_H_

#include <cstddef>
#include <cstdint>
#include <deque>
#include <source_location>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <utility>

#include "model/error.h"
#include "model/execution.h"
#include "model/text.h"
#include "model/trace.h"

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

  explicit Queue(int maxsize = 0, std::string name = "queue")
      : object_(Execution::Current("Queue").AddObject(ObjectKind::kQueue, std::move(name))),
        maxsize_(maxsize) {}
  Queue(const Queue&) = delete;
  Queue& operator=(const Queue&) = delete;

  // Python's put(item, block=True, timeout=None); timeout < 0 is None.
  void put(T item, bool block = true, double timeout = -1,
           std::source_location where = std::source_location::current()) {
    Execution& execution = Execution::Current("Queue::put");
    auto has_room = [this] { return !IsFull(); };
    TraceEvent& event = block ? execution.Step(OpKind::kPut, object_, where, has_room,
                                               timeout < 0 ? kForever : Microseconds(timeout))
                              : execution.Step(OpKind::kPut, object_, where);
    if (execution.unwinding()) return;
    if (IsFull()) {
      event.value = "raised Full";
      throw QueueFull("queue '" + execution.object(object_).name + "' is full (put at " +
                      SourceLine::From(where).ToString() + ")");
    }
    event.value = ToText(item);
    items_.push_back(std::move(item));
    execution.SetItemsLeft(object_, static_cast<int64_t>(items_.size()));
    ++unfinished_;
    execution.Publish(object_);
  }

  void put_nowait(T item, std::source_location where = std::source_location::current()) {
    put(std::move(item), false, -1, where);
  }

  // Python's get(block=True, timeout=None); timeout < 0 is None.
  T get(bool block = true, double timeout = -1,
        std::source_location where = std::source_location::current()) {
    Execution& execution = Execution::Current("Queue::get");
    auto has_item = [this] { return !items_.empty(); };
    TraceEvent& event = block ? execution.Step(OpKind::kGet, object_, where, has_item,
                                               timeout < 0 ? kForever : Microseconds(timeout))
                              : execution.Step(OpKind::kGet, object_, where);
    if (execution.unwinding()) {
      if constexpr (std::is_default_constructible_v<T>) return T{};
      throw QueueEmpty("get during unwinding");
    }
    if (items_.empty()) {
      event.value = "raised Empty";
      throw QueueEmpty("queue '" + execution.object(object_).name + "' is empty (get at " +
                       SourceLine::From(where).ToString() + ")");
    }
    T item = std::move(items_.front());
    items_.pop_front();
    execution.SetItemsLeft(object_, static_cast<int64_t>(items_.size()));
    execution.Observe(object_);
    event.value = ToText(item);
    return item;
  }

  T get_nowait(std::source_location where = std::source_location::current()) {
    return get(false, -1, where);
  }

  int qsize(std::source_location where = std::source_location::current()) const {
    TraceEvent& event = ReadStep("Queue::qsize", where);
    event.value = "qsize " + std::to_string(items_.size());
    return static_cast<int>(items_.size());
  }
  bool empty(std::source_location where = std::source_location::current()) const {
    TraceEvent& event = ReadStep("Queue::empty", where);
    event.value = std::string("empty ") + (items_.empty() ? "true" : "false");
    return items_.empty();
  }
  // True when maxsize > 0 and the queue holds maxsize items.
  bool full(std::source_location where = std::source_location::current()) const {
    TraceEvent& event = ReadStep("Queue::full", where);
    event.value = std::string("full ") + (IsFull() ? "true" : "false");
    return IsFull();
  }
  int maxsize() const { return maxsize_; }

  // Declares that every item put must be taken by the time the program ends: an item left
  // in the queue then is a LOST MESSAGE. Not a visible operation.
  void expect_drained() { Execution::Current("Queue::expect_drained").SetMustDrain(object_); }

  void task_done(std::source_location where = std::source_location::current()) {
    Execution& execution = Execution::Current("Queue::task_done");
    TraceEvent& event = execution.Step(OpKind::kTaskDone, object_, where);
    if (execution.unwinding()) return;
    if (unfinished_ == 0) {
      throw ModelError("task_done() called too many times on queue '" +
                       execution.object(object_).name + "' at " +
                       SourceLine::From(where).ToString() +
                       ": more than the items put (Python raises ValueError)");
    }
    --unfinished_;
    execution.Publish(object_);
    event.value = std::to_string(unfinished_) + " unfinished";
  }

  // Blocks until every item put so far has had its task_done().
  void join(std::source_location where = std::source_location::current()) {
    Execution& execution = Execution::Current("Queue::join");
    auto all_done = [this] { return unfinished_ == 0; };
    execution.Step(OpKind::kWait, object_, where, all_done);
    if (execution.unwinding()) return;
    execution.Observe(object_);
  }

 private:
  bool IsFull() const { return maxsize_ > 0 && static_cast<int>(items_.size()) >= maxsize_; }

  // A visible read of the queue's state (no happens-before: Python calls qsize approximate).
  TraceEvent& ReadStep(const char* operation, const std::source_location& where) const {
    return Execution::Current(operation).Step(OpKind::kRead, object_, where);
  }

  ObjectHandle object_;
  int maxsize_;
  std::deque<T> items_;
  int64_t unfinished_ = 0;  // Items put and not yet task_done()'d.
};

}  // namespace interleave

#endif  // INTERLEAVE_MODEL_QUEUE_H_
