// Native backend: Queue<T> (queue.Queue) as in model/queue.h, on a std::mutex and condition
// variables: put/get with block and timeout (scaled, runtime.h), QueueFull/QueueEmpty,
// put_nowait/get_nowait, qsize/empty/full, task_done/join. task_done() more times than items
// were put throws ModelError (Python's ValueError).
//
// expect_drained(): checked when the queue is destroyed (the model checks at program end): an
// item left then is recorded as an error of the run, "LOST MESSAGE: queue 'q' holds N items".
#ifndef INTERLEAVE_NATIVE_MODEL_QUEUE_H_
#define INTERLEAVE_NATIVE_MODEL_QUEUE_H_

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <mutex>
#include <optional>
#include <source_location>
#include <stdexcept>
#include <string>
#include <utility>

#include "model/error.h"
#include "model/runtime.h"
#include "model/text.h"

namespace interleave {

class QueueEmpty : public std::runtime_error {
 public:
  explicit QueueEmpty(const std::string& message) : std::runtime_error(message) {}
};

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
      : name_(std::move(name)), maxsize_(maxsize) {}
  Queue(const Queue&) = delete;
  Queue& operator=(const Queue&) = delete;
  ~Queue() {
    // Quiet: the items left were put by threads that need not happen before this.
    native::Quiet quiet;
    if (must_drain_ && !items_.empty()) {
      native::RecordError("LOST MESSAGE: queue '" + name_ + "' holds " +
                          std::to_string(items_.size()) + " items at its end");
    }
    items_.clear();
  }

  void put(T item, bool block = true, double timeout = -1,
           std::source_location where = std::source_location::current()) {
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

  void put_nowait(T item, std::source_location where = std::source_location::current()) {
    put(std::move(item), false, -1, where);
  }

  T get(bool block = true, double timeout = -1,
        std::source_location where = std::source_location::current()) {
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

  T get_nowait(std::source_location where = std::source_location::current()) {
    return get(false, -1, where);
  }

  int qsize(std::source_location = std::source_location::current()) const {
    native::CheckTerminated();
    native::Quiet quiet;
    std::lock_guard lock(mu_);
    return static_cast<int>(items_.size());
  }
  bool empty(std::source_location = std::source_location::current()) const {
    native::CheckTerminated();
    native::Quiet quiet;
    std::lock_guard lock(mu_);
    return items_.empty();
  }
  bool full(std::source_location = std::source_location::current()) const {
    native::CheckTerminated();
    native::Quiet quiet;
    std::lock_guard lock(mu_);
    return IsFull();
  }
  int maxsize() const { return maxsize_; }

  void expect_drained() {
    native::Quiet quiet;
    std::lock_guard lock(mu_);
    must_drain_ = true;
  }

  void task_done(std::source_location where = std::source_location::current()) {
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

  void join(std::source_location = std::source_location::current()) {
    native::CheckTerminated();
    {
      native::Quiet quiet;
      std::unique_lock lock(mu_);
      native::WaitUntil(lock, changed_, [this] { return unfinished_ == 0; });
    }
    native::Observe(this);
  }

 private:
  bool IsFull() const { return maxsize_ > 0 && static_cast<int>(items_.size()) >= maxsize_; }

  std::string name_;
  int maxsize_;
  mutable std::mutex mu_;
  std::condition_variable changed_;
  std::deque<T> items_;
  int64_t unfinished_ = 0;
  bool must_drain_ = false;
};

}  // namespace interleave

#endif  // INTERLEAVE_NATIVE_MODEL_QUEUE_H_
