// Must not compile: std::lock_guard over a mutex of the mirror (std/mutex.h).
#include "std/mutex.h"

void Locked(interleave::sync::mutex& m) { std::lock_guard<interleave::sync::mutex> guard(m); }
