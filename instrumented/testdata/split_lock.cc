// A check-then-act split across two critical sections, in std::thread and std::mutex: each
// withdrawal reads the balance under the lock, lets go, and writes it back under the lock
// again, so two withdrawals can both see 100 and one is lost. The report shows the program's
// lines for the steps that ran inside libstdc++ (lock_guard's pthread_mutex_lock) and leaves
// out the library's own reads and writes (std::thread's state, unique_ptr, tuple).
#include <cassert>
#include <mutex>
#include <thread>

int main() {
  int balance = 100;
  std::mutex m;
  auto withdraw = [&] {
    int seen;
    {
      std::lock_guard<std::mutex> guard(m);
      seen = balance;
    }
    std::lock_guard<std::mutex> guard(m);
    balance = seen - 10;
  };
  std::thread a(withdraw), b(withdraw);
  a.join();
  b.join();
  assert(balance == 80);
  return 0;
}
