// The model API that scenarios and users' tests write against: one include for all of it.
#ifndef INTERLEAVE_MODEL_MODEL_H_
#define INTERLEAVE_MODEL_MODEL_H_

#include "model/api.h"        // IWYU pragma: export
#include "model/atomic.h"     // IWYU pragma: export
#include "model/barrier.h"    // IWYU pragma: export
#include "model/condition.h"  // IWYU pragma: export
#include "model/error.h"      // IWYU pragma: export
#include "model/event.h"      // IWYU pragma: export
#include "model/execution.h"  // IWYU pragma: export
#include "model/executor.h"   // IWYU pragma: export
#include "model/lock.h"       // IWYU pragma: export
#include "model/mutex.h"      // IWYU pragma: export
#include "model/process.h"    // IWYU pragma: export
#include "model/queue.h"      // IWYU pragma: export
#include "model/rlock.h"      // IWYU pragma: export
#include "model/semaphore.h"  // IWYU pragma: export
#include "model/shared.h"     // IWYU pragma: export
#include "model/thread.h"     // IWYU pragma: export
#include "model/threading.h"  // IWYU pragma: export
#include "model/timer.h"      // IWYU pragma: export
#include "model/value.h"      // IWYU pragma: export

#endif  // INTERLEAVE_MODEL_MODEL_H_
