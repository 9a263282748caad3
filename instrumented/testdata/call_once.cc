// std::call_once from two threads with different callables: exactly one runs, once, and the
// other thread sees its effect. libstdc++ passes the callable through two thread-local
// variables of the library: one per model thread, or a thread could run the other's callable
// (and their writes would look like a data race). PASS exhaustively.
#include <cassert>
#include <mutex>
#include <thread>

std::once_flag once;
int initialised_by = 0;
int calls = 0;

void Init(int who) {
  std::call_once(once, [who] {
    ++calls;
    initialised_by = who;
  });
  assert(initialised_by != 0);  // Whoever ran it, it finished before call_once returned.
}

int main() {
  std::thread a(Init, 1);
  std::thread b(Init, 2);
  a.join();
  b.join();
  assert(calls == 1);
  assert(initialised_by == 1 || initialised_by == 2);
}
