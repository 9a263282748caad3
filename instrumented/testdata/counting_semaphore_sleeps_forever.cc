// Two threads take turns with a std::binary_semaphore, correctly: yet with GCC 12.2's
// libstdc++ one of them can sleep forever while the permit is free (GCC bug 104928, fixed in
// later releases). Its acquire reads the counter (1), spins while the other thread takes the
// permit (0), and after the spin asks the futex to sleep while the counter is still the 1 it
// read first; the other thread has meanwhile released (1 again) and found nobody to wake.
// BUG: a DEADLOCK, with the interleaving.
#include <semaphore>
#include <thread>

int main() {
  std::binary_semaphore permit(1);
  auto take_turn = [&] {
    permit.acquire();
    permit.release();
  };
  std::thread other(take_turn);
  take_turn();
  other.join();
}
