// Message passing through a relaxed flag that main spins on. The flag's first load is the
// first time the runtime sees its word: naming it (DWARF, through libdw) once ran entry
// points of the runtime's own, which overwrote the state the load's entry point had taken
// for the spin rule. The first iteration of the spin then went unrecognised in the first
// execution only, and its replay differed: a false ERROR (nondeterminism). Under sc a PASS;
// under rc11 a BUG (the relaxed flag does not order the data).
#include <atomic>
#include <cassert>
#include <thread>

std::atomic<int> data{0};
std::atomic<bool> flag{false};

int main() {
  std::thread producer([] {
    data.store(42, std::memory_order_relaxed);
    flag.store(true, std::memory_order_relaxed);
  });
  while (!flag.load(std::memory_order_relaxed)) {
  }
  assert(data.load(std::memory_order_relaxed) == 42);
  producer.join();
}
