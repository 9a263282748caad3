// The native backend's part of the primitives' classes (model/backend/members.h says how the
// two backends share each primitive's header): each primitive's state under a std::mutex, with
// a condition variable its blocking operations wait on through native::WaitUntil (runtime.h).
#ifndef INTERLEAVE_NATIVE_MODEL_BACKEND_MEMBERS_H_
#define INTERLEAVE_NATIVE_MODEL_BACKEND_MEMBERS_H_

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <optional>
#include <source_location>
#include <string>
#include <thread>

#include "model/runtime.h"
#include "model/spin_frame.h"

namespace interleave {

// Real threads have no spin rule: a try is only a try (model/backend/members.h).
inline const SpinFrame* PollFrame(SpinFrame* /*frame*/) { return nullptr; }

}  // namespace interleave

#endif  // INTERLEAVE_NATIVE_MODEL_BACKEND_MEMBERS_H_
