// The model backend's definitions of Queue<T> (model/queue.h): every operation is one step of
// the execution on the queue's object; a blocking put or get waits in it with a ready
// predicate (room, an item), so a thread blocked forever is one the scheduler never enables.
#ifndef INTERLEAVE_MODEL_BACKEND_QUEUE_IMPL_H_
#define INTERLEAVE_MODEL_BACKEND_QUEUE_IMPL_H_

#include <cstdint>
#include <source_location>
#include <string>
#include <type_traits>
#include <utility>

#include "model/error.h"
#include "model/execution.h"
#include "model/queue.h"
#include "model/text.h"
#include "model/trace.h"

namespace interleave {

template <typename T>
Queue<T>::Queue(int maxsize, std::string name)
    : object_(Execution::Current("Queue").AddObject(ObjectKind::kQueue, std::move(name))),
      maxsize_(maxsize) {}

// The execution checks what is left at the program's end (Execution::SetItemsLeft).
template <typename T>
Queue<T>::~Queue() = default;

template <typename T>
void Queue<T>::put(T item, bool block, double timeout, std::source_location where) {
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

template <typename T>
T Queue<T>::get(bool block, double timeout, std::source_location where) {
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

template <typename T>
int Queue<T>::qsize(std::source_location where) const {
  TraceEvent& event = ReadStep("Queue::qsize", where);
  event.value = "qsize " + std::to_string(items_.size());
  return static_cast<int>(items_.size());
}

template <typename T>
bool Queue<T>::empty(std::source_location where) const {
  TraceEvent& event = ReadStep("Queue::empty", where);
  event.value = std::string("empty ") + (items_.empty() ? "true" : "false");
  return items_.empty();
}

template <typename T>
bool Queue<T>::full(std::source_location where) const {
  TraceEvent& event = ReadStep("Queue::full", where);
  event.value = std::string("full ") + (IsFull() ? "true" : "false");
  return IsFull();
}

template <typename T>
void Queue<T>::expect_drained() {
  Execution::Current("Queue::expect_drained").SetMustDrain(object_);
}

template <typename T>
void Queue<T>::task_done(std::source_location where) {
  Execution& execution = Execution::Current("Queue::task_done");
  TraceEvent& event = execution.Step(OpKind::kTaskDone, object_, where);
  if (execution.unwinding()) return;
  if (unfinished_ == 0) {
    throw ModelError("task_done() called too many times on queue '" +
                     execution.object(object_).name + "' at " + SourceLine::From(where).ToString() +
                     ": more than the items put (Python raises ValueError)");
  }
  --unfinished_;
  execution.Publish(object_);
  event.value = std::to_string(unfinished_) + " unfinished";
}

template <typename T>
void Queue<T>::join(std::source_location where) {
  Execution& execution = Execution::Current("Queue::join");
  auto all_done = [this] { return unfinished_ == 0; };
  execution.Step(OpKind::kWait, object_, where, all_done);
  if (execution.unwinding()) return;
  execution.Observe(object_);
}

template <typename T>
TraceEvent& Queue<T>::ReadStep(const char* operation, const std::source_location& where) const {
  return Execution::Current(operation).Step(OpKind::kRead, object_, where);
}

}  // namespace interleave

#endif  // INTERLEAVE_MODEL_BACKEND_QUEUE_IMPL_H_
