// A bounded queue of std::mutex and std::condition_variable between std::threads: a producer
// puts 2 items, two consumers take them; every item is taken once. Correct (PASS).
#include <cassert>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>

namespace {

class Queue {
 public:
  void Put(int item) {
    std::unique_lock<std::mutex> lock(mutex_);
    not_full_.wait(lock, [this] { return items_.size() < 1; });
    items_.push_back(item);
    not_empty_.notify_one();
  }
  // -1 once closed and empty.
  int Take() {
    std::unique_lock<std::mutex> lock(mutex_);
    not_empty_.wait(lock, [this] { return !items_.empty() || closed_; });
    if (items_.empty()) return -1;
    const int item = items_.front();
    items_.pop_front();
    not_full_.notify_one();
    return item;
  }
  void Close() {
    std::lock_guard<std::mutex> lock(mutex_);
    closed_ = true;
    not_empty_.notify_all();
  }

 private:
  std::mutex mutex_;
  std::condition_variable not_empty_;
  std::condition_variable not_full_;
  std::deque<int> items_;
  bool closed_ = false;
};

Queue queue;
int taken[2];
int sum[2];

void Consume(int id) {
  for (int item; (item = queue.Take()) >= 0;) {
    ++taken[id];
    sum[id] += item;
  }
}

}  // namespace

int main() {
  std::thread a(Consume, 0);
  std::thread b(Consume, 1);
  for (int i = 1; i <= 2; ++i) queue.Put(i);
  queue.Close();
  a.join();
  b.join();
  assert(taken[0] + taken[1] == 2);
  assert(sum[0] + sum[1] == 3);
  return 0;
}
