// std::notify_all_at_thread_exit: a detached worker publishes under the mutex and hands the
// lock to its thread's end, which unlocks and notifies; main waits on the predicate. PASS in
// every execution (before: an ERROR, "not deterministic": libstdc++ creates the key of its
// at-thread-exit list once per process, in the first execution only).
#include <cassert>
#include <condition_variable>
#include <mutex>
#include <thread>

namespace {
std::mutex mutex;
std::condition_variable ready_cv;
bool ready = false;
int data = 0;
}  // namespace

int main() {
  std::thread worker([] {
    std::unique_lock<std::mutex> lock(mutex);
    data = 6;
    ready = true;
    std::notify_all_at_thread_exit(ready_cv, std::move(lock));
  });
  worker.detach();
  std::unique_lock<std::mutex> lock(mutex);
  ready_cv.wait(lock, [] { return ready; });
  assert(data == 6);
  return 0;
}
