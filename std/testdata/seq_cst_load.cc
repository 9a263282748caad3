// Compiles: the control case of compile_errors_test.sh.
#include "std/atomic.h"
#include "std/mutex.h"

int SeqCst(interleave::sync::atomic<int>& x, interleave::sync::mutex& m) {
  interleave::sync::lock_guard<interleave::sync::mutex> guard(m);
  return x.load(std::memory_order_seq_cst) + x.load();
}
