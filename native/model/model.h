// The native backend of the model API: the same classes and functions as model/model.h, on real
// threads (std::thread and the standard library's primitives), for running a scenario as an
// ordinary program under ThreadSanitizer. In the //native targets "model/model.h" resolves to
// this file (see native/BUILD); see "The native backend" in docs/implementation-notes.md.
#ifndef INTERLEAVE_NATIVE_MODEL_MODEL_H_
#define INTERLEAVE_NATIVE_MODEL_MODEL_H_

#include "model/api.h"        // IWYU pragma: export
#include "model/atomic.h"     // IWYU pragma: export
#include "model/barrier.h"    // IWYU pragma: export
#include "model/condition.h"  // IWYU pragma: export
#include "model/error.h"      // IWYU pragma: export
#include "model/event.h"      // IWYU pragma: export
#include "model/executor.h"   // IWYU pragma: export
#include "model/guard.h"      // IWYU pragma: export
#include "model/lock.h"       // IWYU pragma: export
#include "model/mutex.h"      // IWYU pragma: export
#include "model/process.h"    // IWYU pragma: export
#include "model/queue.h"      // IWYU pragma: export
#include "model/rlock.h"      // IWYU pragma: export
#include "model/runtime.h"    // IWYU pragma: export
#include "model/semaphore.h"  // IWYU pragma: export
#include "model/shared.h"     // IWYU pragma: export
#include "model/text.h"       // IWYU pragma: export
#include "model/thread.h"     // IWYU pragma: export
#include "model/threading.h"  // IWYU pragma: export
#include "model/timer.h"      // IWYU pragma: export
#include "model/trace.h"      // IWYU pragma: export
#include "model/value.h"      // IWYU pragma: export

#endif  // INTERLEAVE_NATIVE_MODEL_MODEL_H_
