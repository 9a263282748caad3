// SpinFrame: what a thread's state is at an atomic load, for telling an iteration of a spin
// loop that changed nothing (Execution::AtomicStep): the callee-saved registers and the
// stack from the caller's frame up, taken by CaptureSpinFrame at the call in the scenario's
// code. Two loads at one line with equal frames, reading the same store, are the same state
// of the thread (short of state it keeps on the heap). Equal frames must mean the same in
// every run of a schedule, so the frame must hold only what the scenario's code computed:
// see INTERLEAVE_ZERO_SCRATCH_ON_RETURN. Still unscrubbed: the runtime's dead stack below a
// scenario frame, which a scenario function called afresh in each iteration could find in a
// slot it never writes (not seen in practice; it would make a spin be found an iteration
// later or not at all, never make a changing loop look like a spin: equal frames are still
// equal state).
#ifndef INTERLEAVE_MODEL_SPIN_FRAME_H_
#define INTERLEAVE_MODEL_SPIN_FRAME_H_

#include <cstdint>

namespace interleave {

struct SpinFrame {
  // rbx, rbp, r12, r13, r14, r15, and the stack pointer of the caller (x86-64).
  uint64_t registers[7];
};

// Marks the runtime's functions that a thread can call between two loads of one spin-loop
// iteration (Execution::AtomicLoad, Execution::AtomicUpdate, sleep): they return with the
// call-clobbered registers they do not return in zeroed. What they leave there otherwise is
// the runtime's own scratch (heap addresses inside its vectors, sizes), which depends on the
// whole process's history (vectors and fiber stacks reused from earlier executions, malloc's
// state), not on the schedule; an optimizing compiler may spill such dead registers into the
// scenario's frame (GCC -O2 spills them around the CaptureSpinFrame call), where the frame
// compare would see them: two equal iterations would then be the same in one run and differ
// in its replay (a nondeterministic DEADLOCK/ERROR). Zeroed, what the frame holds is what the
// scenario's code computed from the values it read.
#if defined(__has_attribute)
#if __has_attribute(zero_call_used_regs)
#define INTERLEAVE_ZERO_SCRATCH_ON_RETURN [[gnu::zero_call_used_regs("all")]]
#endif
#endif
#ifndef INTERLEAVE_ZERO_SCRATCH_ON_RETURN
#define INTERLEAVE_ZERO_SCRATCH_ON_RETURN
#endif

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
