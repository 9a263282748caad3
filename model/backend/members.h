// The model backend's part of the primitives' classes.
//
// Each primitive's public API is declared once, in its header in model/ (lock.h, mutex.h, ...),
// for both backends of the model API: this runtime (fibers under the checker's scheduler) and
// the native one (native/: real threads, for ThreadSanitizer). What differs between them, the
// members that hold a primitive's state and the private helpers that work on it, is the
// backend's: the class body includes "model/backend/<primitive>.inc", which resolves to this
// directory in //model and to native/model/backend/ in //native:model (strip_include_prefix).
// This header brings in what those members need; every primitive header includes it.
#ifndef INTERLEAVE_MODEL_BACKEND_MEMBERS_H_
#define INTERLEAVE_MODEL_BACKEND_MEMBERS_H_

#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <source_location>
#include <string>
#include <vector>

#include "model/object_handle.h"
#include "model/spin_frame.h"
#include "model/trace.h"

#endif  // INTERLEAVE_MODEL_BACKEND_MEMBERS_H_
