// Each thread's thread_local Counter is destroyed as its thread ends, in that thread: the
// destructor adds the thread's count to a total under a mutex, so both have run once the joins
// return. Before, glibc kept the destructors for the search's OS thread: none ran in an
// execution (the assert failed: a false BUG), and after the search they all ran at once,
// outside any execution, and the check hung. With -DUNLOCKED the destructors add without the
// mutex: the DATA RACE between two threads' destructors is found. With -DMAIN_TOO main uses
// its own Counter, whose destructor runs at the program's exit and finds n != 0: the failure
// is found there.
#include <cassert>
#include <mutex>
#include <thread>

std::mutex m;
int total = 0;
int destroyed = 0;

struct Counter {
  int n = 0;
  ~Counter() {
#ifdef MAIN_TOO
    assert(n == 0 || n == 2);  // main's is 1.
#endif
#ifndef UNLOCKED
    std::lock_guard<std::mutex> lock(m);
#endif
    total += n;
    ++destroyed;
  }
};

thread_local Counter counter;

int main() {
  auto work = [] { counter.n += 2; };
  std::thread a(work);
  std::thread b(work);
  a.join();
  b.join();
  assert(destroyed == 2 && total == 4);
#ifdef MAIN_TOO
  counter.n = 1;
#endif
  return 0;
}
