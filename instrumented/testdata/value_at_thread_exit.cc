// std::promise::set_value_at_thread_exit: a worker sets the value and a flag of its own, then
// ends; main reads both after future::get, which its thread's end made ready. PASS in every
// execution (before: a DATA RACE on the shared state, whose readiness libstdc++ stores and
// whose reference count it drops inside libstdc++.so, where the runtime saw neither).
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
    after_set = 1;  // Before the thread's end, so before the value is ready.
  });
  worker.detach();
  assert(future.get() == 42);
  assert(after_set == 1);
  return 0;
}
