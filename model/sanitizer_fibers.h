// Tells AddressSanitizer and ThreadSanitizer about fiber switches, which they cannot see by
// themselves: ASan must know which stack is live (or it reports overflows when an exception
// unwinds a fiber stack), TSan which fiber runs (or it mixes their shadow stacks). Every
// function is a no-op in a build without the sanitizer.
#ifndef INTERLEAVE_MODEL_SANITIZER_FIBERS_H_
#define INTERLEAVE_MODEL_SANITIZER_FIBERS_H_

#include <cstddef>

#if defined(__SANITIZE_ADDRESS__)
#include <sanitizer/asan_interface.h>
#include <sanitizer/common_interface_defs.h>
#define INTERLEAVE_ASAN 1
#endif
#if defined(__SANITIZE_THREAD__)
#include <sanitizer/tsan_interface.h>
#define INTERLEAVE_TSAN 1
#endif

namespace interleave::sanitizer {

// A stack's lowest address and size.
struct StackBounds {
  const void* bottom = nullptr;
  std::size_t size = 0;
};

// A stack handed to a new fiber: whatever ASan had poisoned on it for an earlier fiber (the
// redzones of frames that never returned normally) is cleared, or the new fiber's frames
// would read as overflows of the old ones.
inline void StackReused(const StackBounds& stack) {
#ifdef INTERLEAVE_ASAN
  __asan_unpoison_memory_region(stack.bottom, stack.size);
#else
  (void)stack;
#endif
}

// Before switching to a context whose stack is `to`. `fake_stack` keeps this context's ASan
// fake stack; pass nullptr when this context is ending for good.
inline void StartSwitch(void** fake_stack, const StackBounds& to) {
#ifdef INTERLEAVE_ASAN
  __sanitizer_start_switch_fiber(fake_stack, to.bottom, to.size);
#else
  (void)fake_stack;
  (void)to;
#endif
}

// First thing after a switch lands here; `from` (may be null) learns the stack just left.
inline void FinishSwitch(void* fake_stack, StackBounds* from) {
#ifdef INTERLEAVE_ASAN
  const void* bottom = nullptr;
  std::size_t size = 0;
  __sanitizer_finish_switch_fiber(fake_stack, &bottom, &size);
  if (from != nullptr) *from = {bottom, size};
#else
  (void)fake_stack;
  (void)from;
#endif
}

// TSan's handle of a fiber; null without TSan.
inline void* CurrentTsanFiber() {
#ifdef INTERLEAVE_TSAN
  return __tsan_get_current_fiber();
#else
  return nullptr;
#endif
}
inline void* CreateTsanFiber() {
#ifdef INTERLEAVE_TSAN
  return __tsan_create_fiber(0);
#else
  return nullptr;
#endif
}
inline void DestroyTsanFiber(void* fiber) {
#ifdef INTERLEAVE_TSAN
  if (fiber != nullptr) __tsan_destroy_fiber(fiber);
#else
  (void)fiber;
#endif
}
inline void SwitchTsanFiber(void* fiber) {
#ifdef INTERLEAVE_TSAN
  __tsan_switch_to_fiber(fiber, 0);
#else
  (void)fiber;
#endif
}

}  // namespace interleave::sanitizer

#endif  // INTERLEAVE_MODEL_SANITIZER_FIBERS_H_
