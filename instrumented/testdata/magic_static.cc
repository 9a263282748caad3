// A function-local static initialised on first use by two threads ([stmt.dcl]/3: the
// initialisation is thread-safe, and a thread that finds it done sees the initialised object).
// Its constructor throws the first time (the guard is then released without the static being
// initialised, and the next thread to come initialises it). libstdc++'s guard functions do
// their atomics inside libstdc++.so, unseen; the runtime implements them (before: a DATA RACE
// on the static's member, in the one execution explored). With -DRACY, a static counter
// that both threads increment without a lock: the DATA RACE is still found.
#include <cassert>
#include <stdexcept>
#include <thread>

int attempts;  // Under the guard's lock.

struct Answer {
  int value;
  Answer() : value(42) {
    if (attempts++ == 0) throw std::runtime_error("first attempt fails");
  }
};

int Get() {
  try {
    static Answer answer;
    return answer.value;
  } catch (const std::runtime_error&) {
    return 0;
  }
}

int& Counter() {
  static int counter = 0;
  return counter;
}

int main() {
  int seen[2] = {-1, -1};
  std::thread a([&] {
    seen[0] = Get();
#ifdef RACY
    ++Counter();
#endif
  });
  std::thread b([&] {
    seen[1] = Get();
#ifdef RACY
    ++Counter();
#endif
  });
  a.join();
  b.join();
  assert((seen[0] == 0) != (seen[1] == 0));  // One attempt failed, the other saw 42.
  assert(seen[0] + seen[1] == 42);
  assert(attempts == 2);
}
