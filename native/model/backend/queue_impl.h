// The native backend's definitions of Queue<T> (model/queue.h), on a std::mutex and a
// condition variable: put/get with block and timeout (scaled, runtime.h), QueueFull/QueueEmpty,
// put_nowait/get_nowait, qsize/empty/full, task_done/join. task_done() more times than items
// were put throws ModelError (Python's ValueError). A put happens before every later get, a
// task_done before every later join that returns (Publish/Observe on the queue, as the model).
//
// expect_drained(): checked when the queue is destroyed (the model checks at program end): an
// item left then is recorded as an error of the run, "LOST MESSAGE: queue 'q' holds N items".
#ifndef INTERLEAVE_NATIVE_MODEL_BACKEND_QUEUE_IMPL_H_
#define INTERLEAVE_NATIVE_MODEL_BACKEND_QUEUE_IMPL_H_

#include <mutex>
#include <optional>
#include <source_location>
#include <string>
#include <utility>

#include "model/error.h"
#include "model/queue.h"
#include "model/runtime.h"
#include "model/text.h"

namespace interleave {

template <typename T>
Queue<T>::Queue(int maxsize, std::string name) : name_(std::move(name)), maxsize_(maxsize) {}

template <typename T>
Queue<T>::~Queue() {
  // Quiet: the items left were put by threads that need not happen before this.
  native::Quiet quiet;
  if (must_drain_ && !items_.empty()) {
    native::RecordError("LOST MESSAGE: queue '" + name_ + "' holds " +
                        std::to_string(items_.size()) + " items at its end");
  }
  items_.clear();
}

template <typename T>
void Queue<T>::put(T item, bool block, double timeout, std::source_location where) {
  native::CheckTerminated();
  native::Publish(this);  // Before the item can be got (a put that fails publishes too).
  native::Quiet quiet;
  {
    std::unique_lock lock(mu_);
    const bool room =
        block ? native::WaitUntil(
                    lock, changed_, [this] { return !IsFull(); }, native::Deadline(timeout))
              : !IsFull();
    if (!room) {
      throw QueueFull("queue '" + name_ + "' is full (put at " + LineText(where) + ")");
    }
    items_.push_back(std::move(item));
    ++unfinished_;
  }
  changed_.notify_all();
}

template <typename T>
T Queue<T>::get(bool block, double timeout, std::source_location where) {
  native::CheckTerminated();
  std::optional<T> item;
  {
    native::Quiet quiet;
    std::unique_lock lock(mu_);
    const bool has_item =
        block ? native::WaitUntil(
                    lock, changed_, [this] { return !items_.empty(); }, native::Deadline(timeout))
              : !items_.empty();
    if (!has_item) {
      throw QueueEmpty("queue '" + name_ + "' is empty (get at " + LineText(where) + ")");
    }
    item.emplace(std::move(items_.front()));
    items_.pop_front();
    lock.unlock();
    changed_.notify_all();
  }
  native::Observe(this);  // Every put so far (the model's edge is as wide).
  return std::move(*item);
}

template <typename T>
int Queue<T>::qsize(std::source_location) const {
  native::CheckTerminated();
  native::Quiet quiet;
  std::lock_guard lock(mu_);
  return static_cast<int>(items_.size());
}

template <typename T>
bool Queue<T>::empty(std::source_location) const {
  native::CheckTerminated();
  native::Quiet quiet;
  std::lock_guard lock(mu_);
  return items_.empty();
}

template <typename T>
bool Queue<T>::full(std::source_location) const {
  native::CheckTerminated();
  native::Quiet quiet;
  std::lock_guard lock(mu_);
  return IsFull();
}

template <typename T>
void Queue<T>::expect_drained() {
  native::Quiet quiet;
  std::lock_guard lock(mu_);
  must_drain_ = true;
}

template <typename T>
void Queue<T>::task_done(std::source_location where) {
  native::CheckTerminated();
  native::Publish(this);  // For join() (a task_done too many, an error, publishes too).
  native::Quiet quiet;
  {
    std::lock_guard lock(mu_);
    if (unfinished_ == 0) {
      throw ModelError("task_done() called too many times on queue '" + name_ + "' at " +
                       LineText(where) + " (Python raises ValueError)");
    }
    --unfinished_;
  }
  changed_.notify_all();
}

template <typename T>
void Queue<T>::join(std::source_location) {
  native::CheckTerminated();
  {
    native::Quiet quiet;
    std::unique_lock lock(mu_);
    native::WaitUntil(lock, changed_, [this] { return unfinished_ == 0; });
  }
  native::Observe(this);
}

}  // namespace interleave

#endif  // INTERLEAVE_NATIVE_MODEL_BACKEND_QUEUE_IMPL_H_
