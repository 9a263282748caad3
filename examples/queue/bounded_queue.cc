#include "queue/bounded_queue.h"

namespace examples {
namespace bug {

void BoundedQueue::put(int item) {
  sync::unique_lock<sync::mutex> lock(mutex_);
  while (items_.size() == capacity_) changed_.wait(lock);
  items_.push_back(item);
  changed_.notify_one();  // The bug: may wake another producer rather than a consumer.
}

int BoundedQueue::get() {
  sync::unique_lock<sync::mutex> lock(mutex_);
  while (items_.empty()) changed_.wait(lock);
  const int item = items_.front();
  items_.pop_front();
  changed_.notify_one();  // The bug: may wake another consumer rather than a producer.
  return item;
}

}  // namespace bug

namespace fix {

void BoundedQueue::put(int item) {
  sync::unique_lock<sync::mutex> lock(mutex_);
  not_full_.wait(lock, [this] { return items_.size() < capacity_; });
  items_.push_back(item);
  not_empty_.notify_one();
}

int BoundedQueue::get() {
  sync::unique_lock<sync::mutex> lock(mutex_);
  not_empty_.wait(lock, [this] { return !items_.empty(); });
  const int item = items_.front();
  items_.pop_front();
  not_full_.notify_one();
  return item;
}

}  // namespace fix
}  // namespace examples
