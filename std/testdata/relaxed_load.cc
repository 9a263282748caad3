// Compiles: every memory order is checked under the C++ memory model (model/weak_memory.h).
#include "std/atomic.h"

int Relaxed(interleave::sync::atomic<int>& x) { return x.load(std::memory_order_relaxed); }
void Fenced(interleave::sync::atomic<int>& x) {
  x.store(1, std::memory_order_release);
  interleave::sync::atomic_thread_fence(std::memory_order_acq_rel);
}
