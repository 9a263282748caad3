// std::atomic<T>::wait with a store that is never notified: if main reaches its wait before
// the worker's store, nothing wakes it (a futex wait sleeps until a wake, whatever the word
// holds later). BUG: a DEADLOCK in the interleavings where main waits first.
#include <atomic>
#include <thread>

int main() {
  std::atomic<int> done{0};
  std::thread worker([&] { done.store(1); });  // No done.notify_one().
  done.wait(0);
  worker.join();
}
