// interleave's model API, Python-shaped: Thread, Lock, RLock, Mutex, Condition, Semaphore,
// Event, Queue, Barrier, Timer, ThreadPoolExecutor and futures, Shared, Atomic, log, sleep,
// choose, expect, outcome (model/model.h documents each). For code that mirrors a Python
// threading program; C++ code reads better against the std mirror (interleave/sync.h).
#ifndef INTERLEAVE_INCLUDE_INTERLEAVE_MODEL_H_
#define INTERLEAVE_INCLUDE_INTERLEAVE_MODEL_H_

#include "interleave/keep_asserts.h"  // IWYU pragma: export
#include "model/model.h"              // IWYU pragma: export

#endif  // INTERLEAVE_INCLUDE_INTERLEAVE_MODEL_H_
