// A loop in a function named like libstdc++'s bounded spin (std::__detail::__atomic_spin) that
// is not bounded: the runtime answers at most 64 of its loads and yields without steps
// (runtime.cc kMaxRoundAnswers), then takes steps again, so the other thread runs and sets
// the flag. PASS; without the limit the loop ran for ever without a step (an ERROR from the
// watchdog).
#include <sched.h>

#include <atomic>
#include <thread>

namespace test_only {
template <typename Pred>
bool __atomic_spin(Pred pred) {
  while (!pred()) sched_yield();
  return true;
}
}  // namespace test_only

std::atomic<int> flag{0};

int main() {
  std::thread setter([] { flag.store(1); });
  test_only::__atomic_spin([] { return flag.load() != 0; });
  setter.join();
}
