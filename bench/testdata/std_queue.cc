// A bounded blocking queue as C++ code is written (std::mutex, two std::condition_variables,
// std::deque, std::thread), 3 producers and 3 consumers of one item each, capacity 1: what
// //bench:instrumented_bench measures for C++ programs, built with -O2 (libstdc++'s headers
// inlined into the program).
#include <cassert>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>
#include <vector>

namespace {

std::mutex mutex;
std::condition_variable not_empty;
std::condition_variable not_full;
std::deque<int> items;
constexpr std::size_t kCapacity = 1;
int total = 0;

void Produce(int item) {
  std::unique_lock<std::mutex> lock(mutex);
  not_full.wait(lock, [] { return items.size() < kCapacity; });
  items.push_back(item);
  not_empty.notify_one();
}

void Consume() {
  std::unique_lock<std::mutex> lock(mutex);
  not_empty.wait(lock, [] { return !items.empty(); });
  total += items.front();
  items.pop_front();
  not_full.notify_one();
}

}  // namespace

int main() {
  std::vector<std::thread> threads;
  for (int i = 1; i <= 3; ++i) threads.emplace_back(Produce, i);
  for (int i = 0; i < 3; ++i) threads.emplace_back(Consume);
  for (std::thread& thread : threads) thread.join();
  assert(total == 1 + 2 + 3);
}
