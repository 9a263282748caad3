// Must not compile: a relaxed load before the checker has the C++ memory model (std/atomic.h).
#include "std/atomic.h"

int Relaxed(interleave::sync::atomic<int>& x) { return x.load(std::memory_order_relaxed); }
