// bug (deadlock): seed 004 "Cucurrent Approach" (004.a): the workers loop `get(); check; task_done()` forever; main's task_queue.join() returns once every site is checked, then main waits for the non-daemon workers (join, as Python does at exit), which block forever in get().
#include <chrono>
#include <cstdio>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "seed_queue.h"

extern "C" int __VERIFIER_nondet_int(void);

constexpr int kWorkers = 2;
const std::vector<std::string> kWebsites = {"https://envato.com", "https://amazon.co.uk"};

BlockingQueue<std::string> task_queue;
std::mutex notified_mutex;
std::vector<std::string> notified;

void check_website(const std::string& address) {
  // requests.head: I/O latency, then the site is up or down (a data choice).
  std::this_thread::sleep_for(std::chrono::milliseconds(10));
  if (!__VERIFIER_nondet_int()) {
    std::lock_guard<std::mutex> lock(notified_mutex);
    notified.push_back(address);  // "notify the owner"
  }
}

void worker() {
  while (true) {
    std::string address = task_queue.get();
    check_website(address);
    task_queue.task_done();
  }
}

int main() {
  std::vector<std::thread> threads;
  for (int i = 0; i < kWorkers; ++i) threads.emplace_back(worker);
  for (const std::string& address : kWebsites) task_queue.put(address);
  task_queue.join();
  std::printf("Time for ThreadedSquirrel: ...\n");
  for (std::thread& thread : threads) thread.join();  // Python waits for non-daemon threads.
  return 0;
}
