// interleave's std mirror: namespace interleave::sync has the names and signatures of the
// standard threading library (mutex, condition_variable, unique_lock, scoped_lock, thread,
// atomic, ...) over the model's runtime, plus shared<T>, a plain variable whose every read and
// write the checker interleaves and race-checks. Code written against `sync::` reads as
// standard C++; the single-source pattern (README, "Use it in your project"; examples/sync/)
// picks std in production and this namespace under the checker.
#ifndef INTERLEAVE_INCLUDE_INTERLEAVE_SYNC_H_
#define INTERLEAVE_INCLUDE_INTERLEAVE_SYNC_H_

#include "interleave/keep_asserts.h"  // IWYU pragma: export
#include "std/sync.h"                 // IWYU pragma: export

#endif  // INTERLEAVE_INCLUDE_INTERLEAVE_SYNC_H_
