// pass: the fix of 004.a: after task_queue.join() main puts one empty-string stop sentinel per worker, so each worker leaves its loop and every join returns; the owners notified are exactly the sites found down.
#include <algorithm>
#include <cassert>
#include <chrono>
#include <cstdio>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "seed_queue.h"

extern "C" int __VERIFIER_nondet_int(void);

constexpr int kWorkers = 2;
// Scaled down to one address (the seed has 33, the catalogue's scenario 2): at the mutex and
// condition variables' granularity, two make more than 229,781 classes (not exhaustive in
// 400 s with -c opt); one makes 32,004 (24 s).
const std::vector<std::string> kWebsites = {"https://envato.com"};

BlockingQueue<std::string> task_queue;
std::mutex mutex;
std::vector<std::string> down, notified;

void check_website(const std::string& address) {
  std::this_thread::sleep_for(std::chrono::milliseconds(10));
  if (!__VERIFIER_nondet_int()) {
    std::lock_guard<std::mutex> lock(mutex);
    down.push_back(address);
    notified.push_back(address);
  }
}

void worker() {
  while (true) {
    std::string address = task_queue.get();
    if (address.empty()) {
      task_queue.task_done();
      return;
    }
    check_website(address);
    task_queue.task_done();
  }
}

int main() {
  std::vector<std::thread> threads;
  for (int i = 0; i < kWorkers; ++i) threads.emplace_back(worker);
  for (const std::string& address : kWebsites) task_queue.put(address);
  task_queue.join();
  for (int i = 0; i < kWorkers; ++i) task_queue.put("");
  for (std::thread& thread : threads) thread.join();
  std::sort(down.begin(), down.end());
  std::sort(notified.begin(), notified.end());
  assert(down == notified);
  std::printf("Time for ThreadedSquirrel: ...\n");
  return 0;
}
