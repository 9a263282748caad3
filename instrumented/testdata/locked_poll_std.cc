// locked_poll.c in C++: the consumer polls a flag under a std::mutex through std::lock_guard
// (libstdc++'s inline code calls pthread_mutex_lock), yielding between polls. PASS in 3
// classes by the spin rule (runtime.cc MutexLock); before, a WARNING LIVELOCK over 1,428.
#include <cassert>
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
      std::this_thread::yield();
    }
    assert(data == 42);
  });
  producer.join();
  consumer.join();
}
