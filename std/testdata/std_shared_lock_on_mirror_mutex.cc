// Must not compile: std::shared_lock over a shared_mutex of the mirror (std/shared_mutex.h).
#include "std/shared_mutex.h"

void Read(interleave::sync::shared_mutex& m) { std::shared_lock guard(m); }
