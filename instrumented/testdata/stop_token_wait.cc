// A std::jthread waits on a condition_variable_any with its stop_token; main asks it to stop.
// The waiter's stop_callback (its notify_all) runs in main, and the waiter's ~stop_callback
// waits for it on a binary semaphore that main releases only when the process is not
// single-threaded (__libc_single_threaded): with the flag left at 1 every such schedule
// deadlocked.
#include <condition_variable>
#include <mutex>
#include <stop_token>
#include <thread>

std::mutex m;
std::condition_variable_any cv;

int main() {
  std::jthread waiter([](std::stop_token stop) {
    std::unique_lock<std::mutex> lock(m);
    cv.wait(lock, stop, [] { return false; });
  });
  waiter.request_stop();
}
