// The lost update of the std::thread tutorials: two threads increment a local of main that a
// lambda captures by reference. Constructing each std::thread copies the lambda into its
// state with an aggregate copy, which g++ instruments as the write's hook, then the read's,
// then the copy: the written value is known only after the read's step (runtime.cc
// g_write_still_pending). Before, the write's value was read too early, and the determinism
// check's re-run (on a reused heap block) differed: an ERROR "not deterministic".
#include <cassert>
#include <thread>

int main() {
  int counter = 0;
  auto increment = [&counter] { counter = counter + 1; };
  std::thread a(increment), b(increment);
  a.join();
  b.join();
  assert(counter == 2);
  return 0;
}
