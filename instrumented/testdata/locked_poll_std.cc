// locked_poll.c in C++: the consumer polls a flag under a std::mutex through std::lock_guard
// (libstdc++'s inline code calls pthread_mutex_lock), yielding between polls. PASS in 3
// classes by the spin rule (runtime.cc MutexLock); before, a WARNING LIVELOCK over 1,428.
// -DSLEEP_FOR: the consumer sleeps with std::this_thread::sleep_for instead of yielding (at -O0
// libstdc++'s inline chrono code reads a dozen temporaries of the thread's own stack a round,
// which are no polls: runtime.cc Access; before, WARNING LIVELOCK in 1 of 209 classes).
#include <cassert>
#include <chrono>
#include <mutex>
#include <thread>

std::mutex m;
bool done = false;
int data = 0;

int main() {
  std::thread producer([] {
    data = 42;
    std::lock_guard<std::mutex> guard(m);
    done = true;
  });
  std::thread consumer([] {
    for (;;) {
      {
        std::lock_guard<std::mutex> guard(m);
        if (done) break;
      }
#ifdef SLEEP_FOR
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
#else
      std::this_thread::yield();
#endif
    }
    assert(data == 42);
  });
  producer.join();
  consumer.join();
}
