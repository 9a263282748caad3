// Native backend: the one piece of model/trace.h that code shared with the model needs here.
// scenarios/registry.h includes "model/trace.h" for TimeMode (a Scenario's expectation per time
// mode); the native registry target compiles the same registry.{h,cc} against this header.
#ifndef INTERLEAVE_NATIVE_MODEL_TRACE_H_
#define INTERLEAVE_NATIVE_MODEL_TRACE_H_

namespace interleave {

// The model's time modes (model/trace.h). Real threads have only real time.
enum class TimeMode { kAny, kVirtual };

}  // namespace interleave

#endif  // INTERLEAVE_NATIVE_MODEL_TRACE_H_
