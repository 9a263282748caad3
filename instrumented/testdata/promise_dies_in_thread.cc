// A promise moved into a thread's lambda is destroyed there unset (libstdc++ stores a
// broken_promise error in the state); nobody reads the future: PASS. The error_code is copied
// whole, its padding with it, and the padding's bytes on the thread's stack are whatever the
// runtime's own frames left there: a re-run of the schedule read other bytes (before: ERROR,
// "the scenario is not deterministic").
#include <future>
#include <thread>
int main() {
  std::promise<int> p;
  std::future<int> f = p.get_future();
  std::thread t([pr = std::move(p)] {});
  t.join();
}
