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

namespace interleave {

// Whether the running execution's current thread is a spin loop's candidate
// (Execution::SpinCandidate); false outside an execution.
bool SpinCandidateNow();

// A try of a primitive (Mutex::try_lock, acquire(false)) as a spin loop's poll: `frame` taken
// as the caller's when the thread is a candidate, else null (Execution::PollStep). Inlined
// into the primitive's inline member, so that the frame is the scenario's (model/spin_frame.h).
[[gnu::always_inline]] inline const SpinFrame* PollFrame(SpinFrame* frame) {
  if (!SpinCandidateNow()) return nullptr;
  CaptureSpinFrame(frame);
  return frame;
}

}  // namespace interleave

#endif  // INTERLEAVE_MODEL_BACKEND_MEMBERS_H_
