// A thread's lambda whose atomic update is libstdc++'s always-inline fetch_add, inlined into the
// lambda even at -O0. The lambda's operator() is defined inside main's DWARF (in its closure
// type), where dwarf_getscopes does not look: the step showed "(unknown):0" (symbols.cc
// CodeScopesAt walks the tree there). BUG (the assertion is false), with the thread's step at
// line 13.
#include <atomic>
#include <cassert>
#include <thread>

std::atomic<int> x{0};

int main() {
  std::thread t([] { x.fetch_add(1); });
  t.join();
  assert(x.load() == 2);
}
