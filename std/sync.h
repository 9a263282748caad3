// The std mirror, all of it: namespace interleave::sync has the names and signatures of the
// standard's threading library (<mutex>, <shared_mutex>, <condition_variable>, <thread>,
// <stop_token>, <atomic>, <semaphore>, <latch>, <barrier>, <future>) over the model's runtime,
// plus shared<T>, plain data that the checker sees. Code written against it reads as standard
// C++; see README "Use it in your project" for the single-source pattern.
#ifndef INTERLEAVE_STD_SYNC_H_
#define INTERLEAVE_STD_SYNC_H_

#include "std/atomic.h"              // IWYU pragma: export
#include "std/barrier.h"             // IWYU pragma: export
#include "std/condition_variable.h"  // IWYU pragma: export
#include "std/future.h"              // IWYU pragma: export
#include "std/latch.h"               // IWYU pragma: export
#include "std/mutex.h"               // IWYU pragma: export
#include "std/semaphore.h"           // IWYU pragma: export
#include "std/shared.h"              // IWYU pragma: export
#include "std/shared_mutex.h"        // IWYU pragma: export
#include "std/this_thread.h"         // IWYU pragma: export
#include "std/thread.h"              // IWYU pragma: export

#endif  // INTERLEAVE_STD_SYNC_H_
