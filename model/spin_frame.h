// SpinFrame: what a thread's state is at an atomic load, for telling an iteration of a spin
// loop that changed nothing (Execution::AtomicStep): the callee-saved registers and the
// stack from the scenario's frame up, taken by CaptureSpinFrame at the call in the scenario's
// code. Two loads at one line with equal frames, reading the same store, are the same state
// of the thread (short of state it keeps on the heap). Equal frames must mean the same in
// every run of a schedule, so the frame must hold only what the scenario's code computed:
// see INTERLEAVE_ZERO_SCRATCH_ON_RETURN, and CaptureSpinFrame on the runtime's own frame in
// unoptimized code. Still unscrubbed: dead slots of frames above it, which a function called
// afresh in each iteration could find holding the previous iteration's values (a spin is then
// found an iteration later or not at all, never a changing loop taken for a spin: equal
// frames are still equal state).
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
// Called by the runtime's function at the load (Atomic<T>::load, Update, CompareExchange).
// Unoptimized (no __OPTIMIZE__), that function is a frame of its own, and its slots written
// only after the capture (the call's result, compiler temporaries) still hold the previous
// iteration's values, which differ in every iteration of a read-modify-write spin (the message
// read): the frame then starts at that function's return address (just below its canonical
// frame address, found through the frame pointer __builtin_frame_address(0) sets up), which
// tells the call sites of one line apart. Unoptimized code keeps the scenario's variables in
// its frames, not in registers, so nothing the scenario computed is left out. Optimized, the
// runtime's function is inlined into the scenario's and the frame starts at the capture:
// __builtin_frame_address would be the scenario's own frame.
[[gnu::always_inline]] inline void CaptureSpinFrame(SpinFrame* frame) {
  interleave_capture_spin_frame(frame);
#if !defined(__OPTIMIZE__)
  frame->registers[6] = reinterpret_cast<uint64_t>(__builtin_frame_address(0)) + 8;
#endif
}
#else
#define INTERLEAVE_HAS_SPIN_FRAME 0
inline void CaptureSpinFrame(SpinFrame* /*frame*/) {}
#endif

}  // namespace interleave

#endif  // INTERLEAVE_MODEL_SPIN_FRAME_H_
