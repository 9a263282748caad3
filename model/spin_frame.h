// SpinFrame: what a thread's state is at an atomic load, for telling an iteration of a spin
// loop that changed nothing (Execution::AtomicStep): the callee-saved registers and the
// stack from the caller's frame up, taken by CaptureSpinFrame at the call in the scenario's
// code. Two loads at one line with equal frames, reading the same store, are the same state
// of the thread (short of state it keeps on the heap).
#ifndef INTERLEAVE_MODEL_SPIN_FRAME_H_
#define INTERLEAVE_MODEL_SPIN_FRAME_H_

#include <cstdint>

namespace interleave {

struct SpinFrame {
  // rbx, rbp, r12, r13, r14, r15, and the stack pointer of the caller (x86-64).
  uint64_t registers[7];
};

#if defined(__x86_64__)
#define INTERLEAVE_HAS_SPIN_FRAME 1
extern "C" void interleave_capture_spin_frame(SpinFrame* frame);
inline void CaptureSpinFrame(SpinFrame* frame) { interleave_capture_spin_frame(frame); }
#else
#define INTERLEAVE_HAS_SPIN_FRAME 0
inline void CaptureSpinFrame(SpinFrame* /*frame*/) {}
#endif

}  // namespace interleave

#endif  // INTERLEAVE_MODEL_SPIN_FRAME_H_
