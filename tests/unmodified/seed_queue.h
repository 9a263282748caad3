// A blocking FIFO queue for the seed programs (seed_*.cc), with the semantics of Python's
// queue.Queue that the seeds rely on: put blocks while `maxsize` items are queued (0: no limit),
// get blocks while it is empty, task_done/join count unfinished tasks. Built only on std::mutex
// and std::condition_variable, as an unmodified program would be.
#ifndef INTERLEAVE_TESTS_UNMODIFIED_SEED_QUEUE_H_
#define INTERLEAVE_TESTS_UNMODIFIED_SEED_QUEUE_H_

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <mutex>
#include <utility>

template <class T>
class BlockingQueue {
 public:
  explicit BlockingQueue(std::size_t maxsize = 0) : maxsize_(maxsize) {}

  void put(T item) {
    std::unique_lock<std::mutex> lock(mutex_);
    not_full_.wait(lock, [&] { return maxsize_ == 0 || items_.size() < maxsize_; });
    items_.push_back(std::move(item));
    ++unfinished_;
    not_empty_.notify_one();
  }

  T get() {
    std::unique_lock<std::mutex> lock(mutex_);
    not_empty_.wait(lock, [&] { return !items_.empty(); });
    T item = std::move(items_.front());
    items_.pop_front();
    not_full_.notify_one();
    return item;
  }

  // One task taken with get() is finished.
  void task_done() {
    std::lock_guard<std::mutex> lock(mutex_);
    if (--unfinished_ == 0) all_done_.notify_all();
  }

  // Blocks until every item put has been marked done.
  void join() {
    std::unique_lock<std::mutex> lock(mutex_);
    all_done_.wait(lock, [&] { return unfinished_ == 0; });
  }

 private:
  const std::size_t maxsize_;
  std::mutex mutex_;
  std::condition_variable not_empty_, not_full_, all_done_;
  std::deque<T> items_;
  std::size_t unfinished_ = 0;
};

#endif  // INTERLEAVE_TESTS_UNMODIFIED_SEED_QUEUE_H_
