// std::promise::set_value_at_thread_exit with a read that does not wait for the value: main
// reads the worker's flag before future::get, so the read races with the worker's write.
// A DATA RACE (the value's own publication, at the worker's end, orders nothing before get).
#include <cassert>
#include <future>
#include <thread>

namespace {
int after_set = 0;
}  // namespace

int main() {
  std::promise<int> promise;
  std::future<int> future = promise.get_future();
  std::thread worker([&promise] {
    promise.set_value_at_thread_exit(42);
    after_set = 1;
  });
  const int early = after_set;
  assert(future.get() == 42);
  worker.join();
  return early == 2;
}
