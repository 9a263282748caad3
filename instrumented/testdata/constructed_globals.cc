// Globals whose constructors allocate: a std::vector's elements and a
// std::condition_variable_any's mutex (held by a shared_ptr) live in blocks allocated before
// main. Every execution must start from them as the program's start left them: two locked
// increments of counts[0] make it 2, and a waiter on `changed`, woken by the second increment
// (a predicate), finds it so. With the blocks carried from one execution to the next, counts[0]
// would read 2, 4, 6, ... at the start and the shared_ptr's use count would climb.
#include <cassert>
#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

std::vector<int> counts(2, 0);
std::string label = "a label longer than the short-string buffer";
std::mutex m;
std::condition_variable_any changed;

int main() {
  assert(counts[0] == 0 && label.size() > 16);
  auto increment = [] {
    std::lock_guard<std::mutex> guard(m);
    ++counts[0];
    changed.notify_all();
  };
  std::thread waiter([] {
    std::unique_lock<std::mutex> lock(m);
    changed.wait(lock, [] { return counts[0] == 2; });
    counts[1] = 1;
  });
  std::thread a(increment);
  std::thread b(increment);
  a.join();
  b.join();
  waiter.join();
  label += "!";
  assert(counts[0] == 2 && counts[1] == 1);
}
