// The calls instrumented code makes: g++'s -fsanitize=thread entry points (__tsan_*), the
// interposed threading API (pthread, sem_*, sleep, exit) and the SV-COMP conventions. Each
// hands its operation to the runtime (instrumented/runtime.h) in scenario code and goes to the
// real function elsewhere (the checker's own threads and locks, code before main). Signatures
// as glibc declares them; none throws (an execution that ends leaves its threads where they
// stand: Execution::SetDropThreads).
#include <dlfcn.h>
#include <linux/futex.h>
#include <pthread.h>
#include <sched.h>
#include <semaphore.h>
#include <signal.h>
#include <stdarg.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <threads.h>
#include <time.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <iterator>
#include <string>

#include "instrumented/runtime.h"
#include "model/execution.h"

namespace ri = ::interleave::instrumented;

namespace {

template <typename F>
F Next(std::atomic<void*>& cache, const char* name) {
  void* function = cache.load(std::memory_order_acquire);
  if (function == nullptr) {
    function = dlsym(RTLD_NEXT, name);
    if (function == nullptr) {
      std::fprintf(stderr, "interleave: cannot find the real %s\n", name);
      std::abort();
    }
    cache.store(function, std::memory_order_release);
  }
  return reinterpret_cast<F>(function);
}

#define REAL(name)                                \
  [] {                                            \
    static std::atomic<void*> cache{nullptr};     \
    return Next<decltype(&::name)>(cache, #name); \
  }()

#define PC __builtin_return_address(0)

// The entry points at which a spin loop's iteration can be recognised (reads, atomics, the
// start of an SV-COMP atomic section; instrumented/runtime.cc "Spin loops") save the program's
// state at the call before anything else runs: a stub of a few instructions stores the
// callee-saved registers, the caller's stack pointer and the return address in
// interleave_rt_frame (this OS thread's: rax and r11, scratch registers that carry no
// argument, address it), then jumps to the C++ body (interleave_impl_NAME, which sees the same
// arguments and return address). Taken in C++, the registers would already hold the body's
// own values, and a loop counter kept in one could be lost. Not while the runtime's own code
// runs (g_runtime_depth, as interleave_rt_depth): an entry point it reaches itself (libdw's
// locks while it names a new word, between a poll's entry and its SpinCheck) would overwrite
// the program's state with the runtime's, once per process (later the name is known), and a
// spin's first iteration would be found in one run of a schedule and not in its replay.
#if defined(__x86_64__)
#define INTERLEAVE_CAPTURING(ret, name, params) \
  INTERLEAVE_CAPTURING_INTO(interleave_rt_frame, ret, name, params)
// The same into `frame`, another array like interleave_rt_frame.
#define INTERLEAVE_CAPTURING_INTO(frame, ret, name, params)              \
  asm(".hidden " #frame                                                  \
      "\n.hidden interleave_rt_depth\n.text\n"                           \
      ".globl " #name "\n.type " #name ", @function\n.p2align 4\n" #name \
      ":\n"                                                              \
      "  cmpl $0, interleave_rt_depth(%rip)\n"                           \
      "  jne 1f\n"                                                       \
      "  movq " #frame                                                   \
      "@gottpoff(%rip), %rax\n"                                          \
      "  movq %rbx, %fs:0(%rax)\n"                                       \
      "  movq %rbp, %fs:8(%rax)\n"                                       \
      "  movq %r12, %fs:16(%rax)\n"                                      \
      "  movq %r13, %fs:24(%rax)\n"                                      \
      "  movq %r14, %fs:32(%rax)\n"                                      \
      "  movq %r15, %fs:40(%rax)\n"                                      \
      "  leaq 8(%rsp), %r11\n"                                           \
      "  movq %r11, %fs:48(%rax)\n"                                      \
      "  movq (%rsp), %r11\n"                                            \
      "  movq %r11, %fs:56(%rax)\n"                                      \
      "1:\n"                                                             \
      "  jmp interleave_impl_" #name                                     \
      "\n"                                                               \
      ".size " #name ", .-" #name "\n");                                 \
  extern "C" __attribute__((visibility("hidden"), used)) ret interleave_impl_##name params
#else
// Elsewhere no state is taken (the frame stays zero): no spin loop is recognised.
#define INTERLEAVE_CAPTURING(ret, name, params) \
  extern "C" __attribute__((visibility("default"))) ret name params
#define INTERLEAVE_CAPTURING_INTO(frame, ret, name, params) \
  extern "C" __attribute__((visibility("default"))) ret name params
#endif

// In time mode any the virtual clock stands still, but the time a thread saw pass does not:
// after a timeout or a sleep the program's clock reads at least the wait's end (libstdc++'s
// wait_until tells a timeout by comparing the clock with its deadline).
struct TimePassed {
  uint64_t execution = 0;  // Execution::serial: the floor is this execution's.
  int64_t floor_us = 0;
};
TimePassed g_time_passed;
constexpr int64_t kClockReadMicros = 1000;  // How far a clock read moves the clock in mode any.

// The program's time in microseconds since the clocks' start.
int64_t VirtualMicros() {
  const interleave::Execution& execution = *interleave::Execution::Running();
  const int64_t floor = g_time_passed.execution == execution.serial() ? g_time_passed.floor_us : 0;
  return std::max(execution.now(), floor);
}

// A wait that began at `from_us` ended after `duration_us` (it timed out, or slept): in time
// mode any the clock reads at least its end from now on (the virtual clock has moved already).
void PassTime(int64_t from_us, int64_t duration_us) {
  const interleave::Execution& execution = *interleave::Execution::Running();
  if (execution.time_mode() != interleave::TimeMode::kAny || duration_us <= 0 ||
      duration_us == interleave::kForever) {
    return;
  }
  if (g_time_passed.execution != execution.serial()) g_time_passed = {execution.serial(), 0};
  g_time_passed.floor_us = std::max(g_time_passed.floor_us, from_us + duration_us);
}

// The time scenario code reads on `clock`: a fixed start plus the execution's virtual
// microseconds (VirtualMicros: the virtual clock, or in time mode any the time passed), the same in
// every execution and process that runs one schedule. The wall clocks start at 2026-01-01 00:00:00
// UTC, the others (monotonic, boot, CPU time) at 1,000 s.
timespec VirtualTime(clockid_t clock) {
  constexpr int64_t kWallStart = 1'767'225'600;
  constexpr int64_t kOtherStart = 1'000;
  const bool wall = clock == CLOCK_REALTIME || clock == CLOCK_REALTIME_COARSE ||
                    clock == CLOCK_REALTIME_ALARM || clock == CLOCK_TAI;
  const int64_t us = VirtualMicros();
  timespec time{};
  time.tv_sec = static_cast<time_t>((wall ? kWallStart : kOtherStart) + us / 1'000'000);
  time.tv_nsec = static_cast<long>(us % 1'000'000 * 1000);
  return time;
}

// A read of the clock by scenario code: the virtual time, noted for the coverage statement. In
// time mode any each read moves the program's clock on by a millisecond, so that a loop that
// reads the clock until a time (without a sleep) ends, as it would in real time.
timespec ReadClock(clockid_t clock) {
  interleave::Execution::Running()->NoteClockRead();
  ri::ClockRead();
  const timespec now = VirtualTime(clock);
  PassTime(VirtualMicros(), kClockReadMicros);
  return now;
}

// Microseconds until an absolute deadline on `clock` (0 when past), on the virtual time.
int64_t Until(clockid_t clock, const timespec* deadline) {
  if (deadline == nullptr) return interleave::kForever;
  const timespec now = VirtualTime(clock);
  const int64_t us =
      (deadline->tv_sec - now.tv_sec) * 1'000'000 + (deadline->tv_nsec - now.tv_nsec) / 1000;
  return us < 0 ? 0 : us;
}

// `wait(timeout)`, its timeout from an absolute `deadline` on `clock`: a timeout (ETIMEDOUT)
// moves the program's clock to the deadline (PassTime).
// A deadline whose nanoseconds are not in [0, 1e9) is EINVAL, as glibc says once the wait
// would block: the call is then only tried (a timeout of 0), and its timeout is EINVAL.
template <typename Wait>
int TimedWait(clockid_t clock, const timespec* deadline, Wait wait) {
  if (deadline != nullptr && (deadline->tv_nsec < 0 || deadline->tv_nsec >= 1'000'000'000)) {
    const int result = wait(0);
    return result == ETIMEDOUT ? EINVAL : result;
  }
  const int64_t from = VirtualMicros();
  const int64_t timeout = Until(clock, deadline);
  const int result = wait(timeout);
  if (result == ETIMEDOUT) PassTime(from, timeout);
  return result;
}

// A condition variable's wait checks its deadline first (glibc): EINVAL without a wait.
bool InvalidDeadline(const timespec* deadline) {
  return deadline != nullptr && (deadline->tv_nsec < 0 || deadline->tv_nsec >= 1'000'000'000);
}

// The clock of a condition variable's timed wait: pthread_condattr_setclock's, which glibc's
// pthread_cond_init keeps in bit 1 of __wrefs (__PTHREAD_COND_CLOCK_MONOTONIC_MASK); the
// runtime never writes the condition variable's memory.
clockid_t CondClock(const pthread_cond_t* cond) {
  return (cond->__data.__wrefs & 2) != 0 ? CLOCK_MONOTONIC : CLOCK_REALTIME;
}

// A sleep of `us` microseconds (a yield in time mode any): the program's clock moves past it.
void SleepFor(int64_t us, const void* pc) {
  const int64_t from = VirtualMicros();
  ri::Sleep(us, pc);
  PassTime(from, us);
}

int64_t Micro(const timespec* t) {
  return t == nullptr ? 0 : t->tv_sec * 1'000'000 + t->tv_nsec / 1000;
}

}  // namespace

extern "C" {

// ---- g++'s -fsanitize=thread entry points ------------------------------------------------
#define INTERLEAVE_ACCESS(n)                                                                \
  INTERLEAVE_CAPTURING(void, __tsan_read##n, (void* a)) {                                   \
    if (ri::Active()) ri::Access(a, n, false, PC);                                          \
  }                                                                                         \
  __attribute__((visibility("default"))) void __tsan_write##n(void* a) {                    \
    if (ri::Active()) ri::Access(a, n, true, PC);                                           \
  }                                                                                         \
  INTERLEAVE_CAPTURING(void, __tsan_unaligned_read##n, (void* a)) {                         \
    if (ri::Active()) ri::Access(a, n, false, PC);                                          \
  }                                                                                         \
  __attribute__((visibility("default"))) void __tsan_unaligned_write##n(void* a) {          \
    if (ri::Active()) ri::Access(a, n, true, PC);                                           \
  }                                                                                         \
  INTERLEAVE_CAPTURING(void, __tsan_volatile_read##n, (void* a)) {                          \
    if (ri::Active()) ri::Access(a, n, false, PC);                                          \
  }                                                                                         \
  __attribute__((visibility("default"))) void __tsan_volatile_write##n(void* a) {           \
    if (ri::Active()) ri::Access(a, n, true, PC);                                           \
  }                                                                                         \
  INTERLEAVE_CAPTURING(void, __tsan_unaligned_volatile_read##n, (void* a)) {                \
    if (ri::Active()) ri::Access(a, n, false, PC);                                          \
  }                                                                                         \
  __attribute__((visibility("default"))) void __tsan_unaligned_volatile_write##n(void* a) { \
    if (ri::Active()) ri::Access(a, n, true, PC);                                           \
  }
INTERLEAVE_ACCESS(1)
INTERLEAVE_ACCESS(2)
INTERLEAVE_ACCESS(4)
INTERLEAVE_ACCESS(8)
INTERLEAVE_ACCESS(16)

INTERLEAVE_CAPTURING(void, __tsan_read_range, (void* a, unsigned long size)) {
  if (ri::Active()) ri::Access(a, size, false, PC);
}
__attribute__((visibility("default"))) void __tsan_write_range(void* a, unsigned long size) {
  if (ri::Active()) ri::Access(a, size, true, PC);
}
__attribute__((visibility("default"))) void __tsan_vptr_update(void** vptr, void* /*value*/) {
  if (ri::Active()) ri::Access(vptr, sizeof(void*), true, PC);
}
__attribute__((visibility("default"))) void __tsan_vptr_read(void** vptr) {
  if (ri::Active()) ri::Access(vptr, sizeof(void*), false, PC);
}
INTERLEAVE_CAPTURING(void, __tsan_func_entry, (void* caller)) {
  if (ri::Active()) ri::FunctionEntry(PC, caller);
}
__attribute__((visibility("default"))) void __tsan_func_exit() {
  if (ri::Active()) ri::FunctionExit();
}
__attribute__((visibility("default"))) void __tsan_init() {}

// Atomics: one step each, under the search's memory model with the orders the program gives
// (runtime.h AtomicOperation). Outside scenario code, the real operation.
extern "C++" {
namespace {
template <typename T>
ri::AtomicBits Bits(T value) {
  ri::AtomicBits bits = 0;
  std::memcpy(&bits, &value, sizeof(T));
  return bits;
}
template <typename T>
T FromBits(ri::AtomicBits bits) {
  T value;
  std::memcpy(&value, &bits, sizeof(T));
  return value;
}

// 16 bytes outside scenario code (code before main): g++ makes every 16-byte __atomic_* a call
// of libatomic, which the runtime does not link, so these take one lock instead (every 16-byte
// atomic of the program comes through here, so they are atomic with respect to each other).
std::atomic_flag g_wide_lock;  // Clear (C++20).
struct WideLock {
  WideLock() {
    while (g_wide_lock.test_and_set(std::memory_order_acquire)) {
    }
  }
  ~WideLock() { g_wide_lock.clear(std::memory_order_release); }
  WideLock(const WideLock&) = delete;
  WideLock& operator=(const WideLock&) = delete;
};

// In unsigned arithmetic, which wraps (a signed __int128 overflow would be undefined).
unsigned __int128 RealWide(volatile unsigned __int128* a, ri::AtomicOp op, unsigned __int128 v) {
  WideLock lock;
  const unsigned __int128 old = *a;
  unsigned __int128 value = v;
  switch (op) {
    case ri::AtomicOp::kLoad:
      return old;
    case ri::AtomicOp::kStore:
      *a = v;
      return v;
    case ri::AtomicOp::kFetchAdd:
      value = old + v;
      break;
    case ri::AtomicOp::kFetchSub:
      value = old - v;
      break;
    case ri::AtomicOp::kFetchAnd:
      value = old & v;
      break;
    case ri::AtomicOp::kFetchOr:
      value = old | v;
      break;
    case ri::AtomicOp::kFetchXor:
      value = old ^ v;
      break;
    case ri::AtomicOp::kFetchNand:
      value = ~(old & v);
      break;
    default:  // exchange
      break;
  }
  *a = value;
  return old;
}

template <typename T>
T RealNarrow(volatile T* a, ri::AtomicOp op, T v) {
  switch (op) {
    case ri::AtomicOp::kLoad:
      return __atomic_load_n(a, __ATOMIC_SEQ_CST);
    case ri::AtomicOp::kStore:
      __atomic_store_n(a, v, __ATOMIC_SEQ_CST);
      return v;
    case ri::AtomicOp::kFetchAdd:
      return __atomic_fetch_add(a, v, __ATOMIC_SEQ_CST);
    case ri::AtomicOp::kFetchSub:
      return __atomic_fetch_sub(a, v, __ATOMIC_SEQ_CST);
    case ri::AtomicOp::kFetchAnd:
      return __atomic_fetch_and(a, v, __ATOMIC_SEQ_CST);
    case ri::AtomicOp::kFetchOr:
      return __atomic_fetch_or(a, v, __ATOMIC_SEQ_CST);
    case ri::AtomicOp::kFetchXor:
      return __atomic_fetch_xor(a, v, __ATOMIC_SEQ_CST);
    case ri::AtomicOp::kFetchNand:
      return __atomic_fetch_nand(a, v, __ATOMIC_SEQ_CST);
    default:
      return __atomic_exchange_n(a, v, __ATOMIC_SEQ_CST);
  }
}

// The real operation, outside scenario code.
template <typename T>
T Real(volatile T* a, ri::AtomicOp op, T v) {
  if constexpr (sizeof(T) == 16) {
    return static_cast<T>(RealWide(reinterpret_cast<volatile unsigned __int128*>(a), op,
                                   static_cast<unsigned __int128>(v)));
  } else {
    return RealNarrow(a, op, v);
  }
}

// A load, store or read-modify-write; returns the value read (a store: the value stored).
template <typename T>
T Operation(const volatile T* a, ri::AtomicOp op, T v, int order, const void* pc) {
  auto* address = const_cast<volatile T*>(a);
  if (!ri::Active()) return Real(address, op, v);
  return FromBits<T>(ri::AtomicOperation(
      {const_cast<T*>(address), sizeof(T), op, Bits(v), 0, order, order, false}, nullptr, pc));
}

// compare_exchange strong and weak (`weak`: it may fail spuriously): on failure `*expected`
// becomes the value read.
template <typename T>
bool CompareExchange(volatile T* a, T* expected, T desired, int order, int failure, bool weak,
                     const void* pc) {
  if (!ri::Active()) {
    if constexpr (sizeof(T) == 16) {
      WideLock lock;
      const T old = *a;
      if (old == *expected) {
        *a = desired;
        return true;
      }
      *expected = old;
      return false;
    } else {
      return __atomic_compare_exchange_n(a, expected, desired, false, __ATOMIC_SEQ_CST,
                                         __ATOMIC_SEQ_CST);
    }
  }
  bool wrote = false;
  const ri::AtomicBits read =
      ri::AtomicOperation({const_cast<T*>(a), sizeof(T), ri::AtomicOp::kCompareExchange,
                           Bits(desired), Bits(*expected), order, failure, weak},
                          &wrote, pc);
  if (!wrote && !(Bits(*expected) == read)) {
    *expected = FromBits<T>(read);
    ri::WroteExpected(expected, sizeof(T));
  }
  return wrote;
}
}  // namespace
}  // extern "C++"

#define INTERLEAVE_ATOMIC_RMW(T, bits, name, op)                                            \
  INTERLEAVE_CAPTURING(T, __tsan_atomic##bits##_##name, (volatile T * a, T v, int order)) { \
    return Operation(a, ri::AtomicOp::op, v, order, PC);                                    \
  }
#define INTERLEAVE_ATOMIC_CAS(T, bits, strength, weak)                                      \
  INTERLEAVE_CAPTURING(int, __tsan_atomic##bits##_compare_exchange_##strength,              \
                       (volatile T * a, T * expected, T desired, int order, int failure)) { \
    return CompareExchange(a, expected, desired, order, failure, weak, PC) ? 1 : 0;         \
  }
#define INTERLEAVE_ATOMICS(T, bits)                                                           \
  INTERLEAVE_CAPTURING(T, __tsan_atomic##bits##_load, (const volatile T* a, int order)) {     \
    return Operation(a, ri::AtomicOp::kLoad, static_cast<T>(0), order, PC);                   \
  }                                                                                           \
  __attribute__((visibility("default"))) void __tsan_atomic##bits##_store(volatile T* a, T v, \
                                                                          int order) {        \
    Operation(a, ri::AtomicOp::kStore, v, order, PC);                                         \
  }                                                                                           \
  INTERLEAVE_ATOMIC_RMW(T, bits, exchange, kExchange)                                         \
  INTERLEAVE_ATOMIC_RMW(T, bits, fetch_add, kFetchAdd)                                        \
  INTERLEAVE_ATOMIC_RMW(T, bits, fetch_sub, kFetchSub)                                        \
  INTERLEAVE_ATOMIC_RMW(T, bits, fetch_and, kFetchAnd)                                        \
  INTERLEAVE_ATOMIC_RMW(T, bits, fetch_or, kFetchOr)                                          \
  INTERLEAVE_ATOMIC_RMW(T, bits, fetch_xor, kFetchXor)                                        \
  INTERLEAVE_ATOMIC_RMW(T, bits, fetch_nand, kFetchNand)                                      \
  INTERLEAVE_ATOMIC_CAS(T, bits, strong, false)                                               \
  INTERLEAVE_ATOMIC_CAS(T, bits, weak, true)                                                  \
  INTERLEAVE_CAPTURING(T, __tsan_atomic##bits##_compare_exchange_val,                         \
                       (volatile T * a, T expected, T desired, int order, int failure)) {     \
    CompareExchange(a, &expected, desired, order, failure, false, PC);                        \
    return expected;                                                                          \
  }
INTERLEAVE_ATOMICS(char, 8)
INTERLEAVE_ATOMICS(short, 16)
INTERLEAVE_ATOMICS(int, 32)
INTERLEAVE_ATOMICS(long long, 64)
// __tsan_atomic128 is __int128 (libtsan's tsan_interface_atomic.h): std::atomic<T> of a
// 16-byte T and every 16-byte __atomic_*, which g++ -fsanitize=thread turns into these calls
// with or without -mcx16 (never into libatomic's __atomic_*_16).
INTERLEAVE_ATOMICS(__int128, 128)

// Fences: a step each under the memory model (release and acquire fences order the relaxed
// operations around them, seq_cst ones take part in RC11's psc). A signal fence orders the
// thread against its own signal handlers only, which no other thread sees: nothing to do.
__attribute__((visibility("default"))) void __tsan_atomic_thread_fence(int order) {
  if (!ri::Active()) {
    __atomic_thread_fence(__ATOMIC_SEQ_CST);
    return;
  }
  ri::AtomicFence(order, PC);
}
__attribute__((visibility("default"))) void __tsan_atomic_signal_fence(int) {}

// ---- Threads --------------------------------------------------------------------------------
__attribute__((visibility("default"))) int pthread_create(pthread_t* thread,
                                                          const pthread_attr_t* attr,
                                                          void* (*start)(void*),
                                                          void* arg) noexcept {
  if (!ri::Active()) return REAL(pthread_create)(thread, attr, start, arg);
  int detach = PTHREAD_CREATE_JOINABLE;
  if (attr != nullptr) pthread_attr_getdetachstate(attr, &detach);
  uintptr_t handle = 0;
  const int result = ri::ThreadCreate(&handle, start, arg, detach == PTHREAD_CREATE_DETACHED, PC);
  *thread = static_cast<pthread_t>(handle);
  return result;
}

__attribute__((visibility("default"))) int pthread_join(pthread_t thread, void** result) {
  if (!ri::Active()) return REAL(pthread_join)(thread, result);
  return ri::ThreadJoin(static_cast<uintptr_t>(thread), result, PC);
}

__attribute__((visibility("default"))) int pthread_detach(pthread_t thread) noexcept {
  if (!ri::Active()) return REAL(pthread_detach)(thread);
  return ri::ThreadDetach(static_cast<uintptr_t>(thread));
}

__attribute__((visibility("default"))) pthread_t pthread_self() noexcept {
  if (!ri::Active()) return REAL(pthread_self)();
  return static_cast<pthread_t>(ri::ThreadSelf());
}

// Cancellation and signals to a thread are not modelled: the model's threads are fibers of one
// OS thread, and glibc's versions, given a model thread's handle, would read memory that is not
// a thread (a CRASH the program does not have). An ERROR says so instead.
__attribute__((visibility("default"))) int pthread_cancel(pthread_t thread) {
  if (!ri::Active()) return REAL(pthread_cancel)(thread);
  interleave::Execution::Running()->Unmodelled(
      "pthread_cancel (thread cancellation; end the thread by a flag it checks instead)");
}
__attribute__((visibility("default"))) int pthread_kill(pthread_t thread, int signal) noexcept {
  if (!ri::Active()) return REAL(pthread_kill)(thread, signal);
  interleave::Execution::Running()->Unmodelled("pthread_kill with signal " +
                                               std::to_string(signal) + " (a signal to a thread)");
}

__attribute__((visibility("default"))) void pthread_exit(void* result) {
  if (ri::Active()) ri::ThreadExit(result);
  REAL(pthread_exit)(result);
  __builtin_unreachable();
}

__attribute__((visibility("default"))) void exit(int code) noexcept {
  if (ri::Active()) ri::Exit(code, PC);
  REAL(exit)(code);
  __builtin_unreachable();
}

// _exit and _Exit end the process at once: no atexit handlers, no thread-local destructors.
// Not interposed, they ended the search itself (its process exited, with no report).
__attribute__((visibility("default"))) void _exit(int code) {
  if (ri::Active()) ri::Exit(code, PC, /*immediate=*/true);
  REAL(_exit)(code);
  __builtin_unreachable();
}
__attribute__((visibility("default"))) void _Exit(int code) noexcept {
  if (ri::Active()) ri::Exit(code, PC, /*immediate=*/true);
  REAL(_Exit)(code);
  __builtin_unreachable();
}

// ---- Clocks ---------------------------------------------------------------------------------
// Real time read by scenario code would differ from execution to execution (the determinism
// check's ERROR): it reads the virtual time instead (VirtualTime), as its timed waits' deadlines
// are measured. std::chrono's clocks call clock_gettime.
__attribute__((visibility("default"))) int clock_gettime(clockid_t clock, timespec* now) noexcept {
  if (!ri::Active()) return REAL(clock_gettime)(clock, now);
  if (now == nullptr) {
    errno = EFAULT;
    return -1;
  }
  *now = ReadClock(clock);
  return 0;
}
__attribute__((visibility("default"))) int gettimeofday(timeval* now, void* zone) noexcept {
  if (!ri::Active()) {
    using Real = int (*)(timeval*, void*);
    static const auto real = reinterpret_cast<Real>(dlsym(RTLD_NEXT, "gettimeofday"));
    return real(now, zone);
  }
  if (now != nullptr) {
    const timespec time = ReadClock(CLOCK_REALTIME);
    now->tv_sec = time.tv_sec;
    now->tv_usec = time.tv_nsec / 1000;
  }
  return 0;
}
__attribute__((visibility("default"))) time_t time(time_t* now) noexcept {
  if (!ri::Active()) return REAL(time)(now);
  const time_t seconds = ReadClock(CLOCK_REALTIME).tv_sec;
  if (now != nullptr) *now = seconds;
  return seconds;
}

// ---- Mutexes --------------------------------------------------------------------------------
// The locks and the non-blocking acquires take the program's state at their call: a loop of
// trylocks, or of critical sections that only read, is a spin (runtime.cc TryAcquireStep,
// MutexLock).
// pthread_mutex_lock takes it aside (the runtime's own code locks mutexes: runtime.h
// interleave_rt_lock_frame), and the program's lock makes it the poll's state.
INTERLEAVE_CAPTURING_INTO(interleave_rt_lock_frame, int, pthread_mutex_lock,
                          (pthread_mutex_t * mutex))
noexcept {
  if (!ri::Active()) return REAL(pthread_mutex_lock)(mutex);
  std::copy(std::begin(interleave_rt_lock_frame), std::end(interleave_rt_lock_frame),
            std::begin(interleave_rt_frame));
  return ri::MutexLock(mutex, false, interleave::kForever, PC, /*poll=*/true);
}
INTERLEAVE_CAPTURING(int, pthread_mutex_trylock, (pthread_mutex_t * mutex)) noexcept {
  if (!ri::Active()) return REAL(pthread_mutex_trylock)(mutex);
  return ri::MutexLock(mutex, true, interleave::kForever, PC);
}
__attribute__((visibility("default"))) int pthread_mutex_timedlock(
    pthread_mutex_t* mutex, const timespec* deadline) noexcept {
  if (!ri::Active()) return REAL(pthread_mutex_timedlock)(mutex, deadline);
  return TimedWait(CLOCK_REALTIME, deadline,
                   [&](int64_t timeout) { return ri::MutexLock(mutex, false, timeout, PC); });
}
__attribute__((visibility("default"))) int pthread_mutex_clocklock(
    pthread_mutex_t* mutex, clockid_t clock, const timespec* deadline) noexcept {
  if (!ri::Active()) return REAL(pthread_mutex_clocklock)(mutex, clock, deadline);
  return TimedWait(clock, deadline,
                   [&](int64_t timeout) { return ri::MutexLock(mutex, false, timeout, PC); });
}
// A locked mutex is EBUSY (glibc reads its user count, which the model never writes); a free
// one is forgotten, so that one made at its address later is read afresh.
__attribute__((visibility("default"))) int pthread_mutex_destroy(pthread_mutex_t* mutex) noexcept {
  if (!ri::Active()) return REAL(pthread_mutex_destroy)(mutex);
  if (const int busy = ri::MutexDestroy(mutex); busy != 0) return busy;
  return REAL(pthread_mutex_destroy)(mutex);
}
__attribute__((visibility("default"))) int pthread_mutex_unlock(pthread_mutex_t* mutex) noexcept {
  if (!ri::Active()) return REAL(pthread_mutex_unlock)(mutex);
  return ri::MutexUnlock(mutex, PC, /*poll=*/true);
}

// ---- Spinlocks (a mutex each) ---------------------------------------------------------------
INTERLEAVE_CAPTURING(int, pthread_spin_lock, (pthread_spinlock_t * lock)) noexcept {
  if (!ri::Active()) return REAL(pthread_spin_lock)(lock);
  return ri::SpinLock(const_cast<int*>(lock), false, PC, /*poll=*/true);
}
INTERLEAVE_CAPTURING(int, pthread_spin_trylock, (pthread_spinlock_t * lock)) noexcept {
  if (!ri::Active()) return REAL(pthread_spin_trylock)(lock);
  return ri::SpinLock(const_cast<int*>(lock), true, PC);
}
__attribute__((visibility("default"))) int pthread_spin_unlock(pthread_spinlock_t* lock) noexcept {
  if (!ri::Active()) return REAL(pthread_spin_unlock)(lock);
  return ri::SpinUnlock(const_cast<int*>(lock), PC);
}

// ---- Condition variables --------------------------------------------------------------------
__attribute__((visibility("default"))) int pthread_cond_wait(pthread_cond_t* cond,
                                                             pthread_mutex_t* mutex) {
  if (!ri::Active()) return REAL(pthread_cond_wait)(cond, mutex);
  return ri::CondWait(cond, mutex, interleave::kForever, PC);
}
__attribute__((visibility("default"))) int pthread_cond_timedwait(pthread_cond_t* cond,
                                                                  pthread_mutex_t* mutex,
                                                                  const timespec* deadline) {
  if (!ri::Active()) return REAL(pthread_cond_timedwait)(cond, mutex, deadline);
  if (InvalidDeadline(deadline)) return EINVAL;
  return TimedWait(CondClock(cond), deadline,
                   [&](int64_t timeout) { return ri::CondWait(cond, mutex, timeout, PC); });
}
__attribute__((visibility("default"))) int pthread_cond_clockwait(pthread_cond_t* cond,
                                                                  pthread_mutex_t* mutex,
                                                                  clockid_t clock,
                                                                  const timespec* deadline) {
  if (!ri::Active()) return REAL(pthread_cond_clockwait)(cond, mutex, clock, deadline);
  if (InvalidDeadline(deadline)) return EINVAL;
  return TimedWait(clock, deadline,
                   [&](int64_t timeout) { return ri::CondWait(cond, mutex, timeout, PC); });
}
__attribute__((visibility("default"))) int pthread_cond_signal(pthread_cond_t* cond) noexcept {
  if (!ri::Active()) return REAL(pthread_cond_signal)(cond);
  return ri::CondNotify(cond, false, PC);
}
__attribute__((visibility("default"))) int pthread_cond_broadcast(pthread_cond_t* cond) noexcept {
  if (!ri::Active()) return REAL(pthread_cond_broadcast)(cond);
  return ri::CondNotify(cond, true, PC);
}

// ---- Reader-writer locks, barriers, once -----------------------------------------------------
__attribute__((visibility("default"))) int pthread_rwlock_rdlock(pthread_rwlock_t* lock) noexcept {
  if (!ri::Active()) return REAL(pthread_rwlock_rdlock)(lock);
  return ri::RwLock(lock, false, false, PC, interleave::kForever);
}
INTERLEAVE_CAPTURING(int, pthread_rwlock_tryrdlock, (pthread_rwlock_t * lock)) noexcept {
  if (!ri::Active()) return REAL(pthread_rwlock_tryrdlock)(lock);
  return ri::RwLock(lock, false, true, PC, interleave::kForever);
}
__attribute__((visibility("default"))) int pthread_rwlock_wrlock(pthread_rwlock_t* lock) noexcept {
  if (!ri::Active()) return REAL(pthread_rwlock_wrlock)(lock);
  return ri::RwLock(lock, true, false, PC, interleave::kForever);
}
INTERLEAVE_CAPTURING(int, pthread_rwlock_trywrlock, (pthread_rwlock_t * lock)) noexcept {
  if (!ri::Active()) return REAL(pthread_rwlock_trywrlock)(lock);
  return ri::RwLock(lock, true, true, PC, interleave::kForever);
}
__attribute__((visibility("default"))) int pthread_rwlock_timedrdlock(
    pthread_rwlock_t* lock, const timespec* deadline) noexcept {
  if (!ri::Active()) return REAL(pthread_rwlock_timedrdlock)(lock, deadline);
  return TimedWait(CLOCK_REALTIME, deadline,
                   [&](int64_t timeout) { return ri::RwLock(lock, false, false, PC, timeout); });
}
__attribute__((visibility("default"))) int pthread_rwlock_timedwrlock(
    pthread_rwlock_t* lock, const timespec* deadline) noexcept {
  if (!ri::Active()) return REAL(pthread_rwlock_timedwrlock)(lock, deadline);
  return TimedWait(CLOCK_REALTIME, deadline,
                   [&](int64_t timeout) { return ri::RwLock(lock, true, false, PC, timeout); });
}
__attribute__((visibility("default"))) int pthread_rwlock_clockrdlock(
    pthread_rwlock_t* lock, clockid_t clock, const timespec* deadline) noexcept {
  if (!ri::Active()) return REAL(pthread_rwlock_clockrdlock)(lock, clock, deadline);
  return TimedWait(clock, deadline,
                   [&](int64_t timeout) { return ri::RwLock(lock, false, false, PC, timeout); });
}
__attribute__((visibility("default"))) int pthread_rwlock_clockwrlock(
    pthread_rwlock_t* lock, clockid_t clock, const timespec* deadline) noexcept {
  if (!ri::Active()) return REAL(pthread_rwlock_clockwrlock)(lock, clock, deadline);
  return TimedWait(clock, deadline,
                   [&](int64_t timeout) { return ri::RwLock(lock, true, false, PC, timeout); });
}
__attribute__((visibility("default"))) int pthread_rwlock_unlock(pthread_rwlock_t* lock) noexcept {
  if (!ri::Active()) return REAL(pthread_rwlock_unlock)(lock);
  return ri::RwUnlock(lock, PC);
}
__attribute__((visibility("default"))) int pthread_barrier_init(pthread_barrier_t* barrier,
                                                                const pthread_barrierattr_t* attr,
                                                                unsigned count) noexcept {
  if (!ri::Active()) return REAL(pthread_barrier_init)(barrier, attr, count);
  return ri::BarrierInit(barrier, count);
}
__attribute__((visibility("default"))) int pthread_barrier_wait(
    pthread_barrier_t* barrier) noexcept {
  if (!ri::Active()) return REAL(pthread_barrier_wait)(barrier);
  return ri::BarrierWait(barrier, PC);
}
// The model's barrier lives in the runtime (created at init, forgotten with its execution); of
// the program's pthread_barrier_t only the count is written, and glibc's destroy would wait on
// its other fields.
__attribute__((visibility("default"))) int pthread_barrier_destroy(
    pthread_barrier_t* barrier) noexcept {
  if (!ri::Active()) return REAL(pthread_barrier_destroy)(barrier);
  return 0;
}
__attribute__((visibility("default"))) int pthread_once(pthread_once_t* once, void (*init)()) {
  if (!ri::Active()) return REAL(pthread_once)(once, init);
  return ri::Once(once, init, PC);
}

// ---- Function-local statics (runtime.cc) ----------------------------------------------------
// g++ declares them itself (the guard is 64 bits; its first byte is the fast path's).
__attribute__((visibility("default"))) int __cxa_guard_acquire(long long* guard) {
  if (!ri::Active() || !ri::ProgramGuard(PC)) return REAL(__cxa_guard_acquire)(guard);
  return ri::GuardAcquire(guard, PC);
}
__attribute__((visibility("default"))) void __cxa_guard_release(long long* guard) {
  if (!ri::Active() || !ri::ProgramGuard(PC)) return REAL(__cxa_guard_release)(guard);
  ri::GuardRelease(guard, PC);
}
__attribute__((visibility("default"))) void __cxa_guard_abort(long long* guard) {
  if (!ri::Active() || !ri::ProgramGuard(PC)) return REAL(__cxa_guard_abort)(guard);
  ri::GuardAbort(guard, PC);
}

// ---- C++ thread_local destructors -----------------------------------------------------------
// g++ registers a thread_local object's destructor the first time a thread uses it, through
// libstdc++'s __cxa_thread_atexit, with glibc, which runs it when the OS thread ends. The model's
// threads are fibers of the search's OS thread: there, each execution's registrations piled up
// on that OS thread and ran after the search, outside any execution, on the address of
// whichever thread-local block was in place (a program whose thread_local destructor counts
// hung at the end of its check). The runtime keeps them per model thread instead.
int __cxa_thread_atexit(void (*destructor)(void*), void* object, void* dso_handle);
__attribute__((visibility("default"))) int __cxa_thread_atexit(void (*destructor)(void*),
                                                               void* object, void* dso_handle) {
  if (!ri::Active()) return REAL(__cxa_thread_atexit)(destructor, object, dso_handle);
  ri::AtThreadExit(destructor, object);
  return 0;
}

// ---- Thread-specific data ------------------------------------------------------------------
__attribute__((visibility("default"))) int pthread_key_create(pthread_key_t* key,
                                                              void (*destructor)(void*)) noexcept {
  if (!ri::Active()) return REAL(pthread_key_create)(key, destructor);
  *key = ri::KeyCreate(destructor, PC);
  return 0;
}
__attribute__((visibility("default"))) int pthread_key_delete(pthread_key_t key) noexcept {
  if (!ri::Active()) return REAL(pthread_key_delete)(key);
  return ri::KeyDelete(key, PC);
}
__attribute__((visibility("default"))) void* pthread_getspecific(pthread_key_t key) noexcept {
  if (!ri::Active()) return REAL(pthread_getspecific)(key);
  return ri::KeyGet(key, PC);
}
__attribute__((visibility("default"))) int pthread_setspecific(pthread_key_t key,
                                                               const void* value) noexcept {
  if (!ri::Active()) return REAL(pthread_setspecific)(key, value);
  return ri::KeySet(key, value, PC);
}

// ---- C11 threads (glibc's call pthread internally, out of reach of the interposers above) ---
namespace {
struct C11Start {
  int (*start)(void*);
  void* arg;
};
void* RunC11(void* data) {
  const C11Start start = *static_cast<C11Start*>(data);
  return reinterpret_cast<void*>(static_cast<intptr_t>(start.start(start.arg)));
}
int C11Result(int code) { return code == 0 ? 0 : code == 16 ? 1 : code == 110 ? 4 : 2; }
}  // namespace

__attribute__((visibility("default"))) int thrd_create(thrd_t* thread, thrd_start_t start,
                                                       void* arg) {
  if (!ri::Active()) return REAL(thrd_create)(thread, start, arg);
  auto* data = static_cast<C11Start*>(malloc(sizeof(C11Start)));  // This execution's heap.
  *data = {start, arg};
  uintptr_t handle = 0;
  const int result = ri::ThreadCreate(&handle, RunC11, data, false, PC);
  *thread = static_cast<thrd_t>(handle);
  return C11Result(result);
}
__attribute__((visibility("default"))) int thrd_join(thrd_t thread, int* result) {
  if (!ri::Active()) return REAL(thrd_join)(thread, result);
  void* value = nullptr;
  const int code = ri::ThreadJoin(static_cast<uintptr_t>(thread), &value, PC);
  if (code == 0 && result != nullptr) *result = static_cast<int>(reinterpret_cast<intptr_t>(value));
  return C11Result(code);
}
__attribute__((visibility("default"))) thrd_t thrd_current() noexcept {
  if (!ri::Active()) return REAL(thrd_current)();
  return static_cast<thrd_t>(ri::ThreadSelf());
}
__attribute__((visibility("default"))) void thrd_exit(int result) {
  if (ri::Active()) ri::ThreadExit(reinterpret_cast<void*>(static_cast<intptr_t>(result)));
  REAL(thrd_exit)(result);
  __builtin_unreachable();
}
__attribute__((visibility("default"))) void thrd_yield() noexcept {
  if (!ri::Active()) return REAL(thrd_yield)();
  ri::Sleep(0, PC);
}
__attribute__((visibility("default"))) int thrd_detach(thrd_t thread) noexcept {
  if (!ri::Active()) return REAL(thrd_detach)(thread);
  return 0;
}
INTERLEAVE_CAPTURING(int, mtx_lock, (mtx_t * mutex)) {
  if (!ri::Active()) return REAL(mtx_lock)(mutex);
  return C11Result(ri::MutexLock(mutex, false, interleave::kForever, PC, /*poll=*/true));
}
INTERLEAVE_CAPTURING(int, mtx_trylock, (mtx_t * mutex)) {
  if (!ri::Active()) return REAL(mtx_trylock)(mutex);
  return C11Result(ri::MutexLock(mutex, true, interleave::kForever, PC));
}
__attribute__((visibility("default"))) int mtx_timedlock(mtx_t* __restrict mutex,
                                                         const timespec* __restrict deadline) {
  if (!ri::Active()) return REAL(mtx_timedlock)(mutex, deadline);
  return C11Result(TimedWait(CLOCK_REALTIME, deadline, [&](int64_t timeout) {
    return ri::MutexLock(mutex, false, timeout, PC);
  }));
}
__attribute__((visibility("default"))) void mtx_destroy(mtx_t* mutex) {
  if (!ri::Active()) return REAL(mtx_destroy)(mutex);
  ri::MutexDestroy(mutex);
}
__attribute__((visibility("default"))) int mtx_unlock(mtx_t* mutex) {
  if (!ri::Active()) return REAL(mtx_unlock)(mutex);
  return C11Result(ri::MutexUnlock(mutex, PC, /*poll=*/true));
}
__attribute__((visibility("default"))) int cnd_wait(cnd_t* cond, mtx_t* mutex) {
  if (!ri::Active()) return REAL(cnd_wait)(cond, mutex);
  return C11Result(ri::CondWait(cond, mutex, interleave::kForever, PC));
}
__attribute__((visibility("default"))) int cnd_timedwait(cnd_t* __restrict cond,
                                                         mtx_t* __restrict mutex,
                                                         const timespec* __restrict deadline) {
  if (!ri::Active()) return REAL(cnd_timedwait)(cond, mutex, deadline);
  if (InvalidDeadline(deadline)) return thrd_error;
  return C11Result(TimedWait(CLOCK_REALTIME, deadline, [&](int64_t timeout) {
    return ri::CondWait(cond, mutex, timeout, PC);
  }));
}
__attribute__((visibility("default"))) int cnd_signal(cnd_t* cond) {
  if (!ri::Active()) return REAL(cnd_signal)(cond);
  return C11Result(ri::CondNotify(cond, false, PC));
}
__attribute__((visibility("default"))) int cnd_broadcast(cnd_t* cond) {
  if (!ri::Active()) return REAL(cnd_broadcast)(cond);
  return C11Result(ri::CondNotify(cond, true, PC));
}
// C11 once and thread-specific storage: pthread's, which glibc's call internally.
__attribute__((visibility("default"))) void call_once(once_flag* flag, void (*init)()) {
  if (!ri::Active()) return REAL(call_once)(flag, init);
  ri::Once(flag, init, PC);
}
__attribute__((visibility("default"))) int tss_create(tss_t* key, tss_dtor_t destructor) {
  if (!ri::Active()) return REAL(tss_create)(key, destructor);
  *key = ri::KeyCreate(destructor, PC);
  return thrd_success;
}
__attribute__((visibility("default"))) void* tss_get(tss_t key) {
  if (!ri::Active()) return REAL(tss_get)(key);
  return ri::KeyGet(key, PC);
}
__attribute__((visibility("default"))) int tss_set(tss_t key, void* value) {
  if (!ri::Active()) return REAL(tss_set)(key, value);
  return ri::KeySet(key, value, PC) == 0 ? thrd_success : thrd_error;
}
__attribute__((visibility("default"))) void tss_delete(tss_t key) {
  if (!ri::Active()) return REAL(tss_delete)(key);
  ri::KeyDelete(key, PC);
}

// ---- Semaphores ------------------------------------------------------------------------------
__attribute__((visibility("default"))) int sem_init(sem_t* sem, int shared,
                                                    unsigned value) noexcept {
  if (!ri::Active()) return REAL(sem_init)(sem, shared, value);
  return ri::SemInit(sem, value);
}
// Named semaphores (sem_open) live in /dev/shm, outside the execution: not modelled.
__attribute__((visibility("default"))) sem_t* sem_open(const char* name, int flags, ...) {
  if (!ri::Active()) {
    va_list args;
    va_start(args, flags);
    const auto mode = static_cast<mode_t>(va_arg(args, unsigned));
    const unsigned value = va_arg(args, unsigned);
    va_end(args);
    return REAL(sem_open)(name, flags, mode, value);
  }
  interleave::Execution::Running()->Unmodelled(
      "sem_open (a named semaphore, shared through the file system; use sem_init on a sem_t in "
      "memory instead)");
}
__attribute__((visibility("default"))) int sem_wait(sem_t* sem) {
  if (!ri::Active()) return REAL(sem_wait)(sem);
  return ri::SemWait(sem, false, interleave::kForever, PC);
}
INTERLEAVE_CAPTURING(int, sem_trywait, (sem_t * sem)) noexcept {
  if (!ri::Active()) return REAL(sem_trywait)(sem);
  const int result = ri::SemWait(sem, true, interleave::kForever, PC);
  if (result != 0) errno = result;
  return result == 0 ? 0 : -1;
}
__attribute__((visibility("default"))) int sem_timedwait(sem_t* sem, const timespec* deadline) {
  if (!ri::Active()) return REAL(sem_timedwait)(sem, deadline);
  const int result = TimedWait(CLOCK_REALTIME, deadline, [&](int64_t timeout) {
    return ri::SemWait(sem, false, timeout, PC);
  });
  if (result != 0) errno = result;
  return result == 0 ? 0 : -1;
}
__attribute__((visibility("default"))) int sem_clockwait(sem_t* sem, clockid_t clock,
                                                         const timespec* deadline) {
  if (!ri::Active()) return REAL(sem_clockwait)(sem, clock, deadline);
  const int result = TimedWait(
      clock, deadline, [&](int64_t timeout) { return ri::SemWait(sem, false, timeout, PC); });
  if (result != 0) errno = result;
  return result == 0 ? 0 : -1;
}
__attribute__((visibility("default"))) int sem_getvalue(sem_t* sem, int* value) noexcept {
  if (!ri::Active()) return REAL(sem_getvalue)(sem, value);
  *value = ri::SemValue(sem, PC);
  return 0;
}
__attribute__((visibility("default"))) int sem_post(sem_t* sem) noexcept {
  if (!ri::Active()) return REAL(sem_post)(sem);
  return ri::SemPost(sem, PC);
}

// ---- Futexes ------------------------------------------------------------------------------------
// libstdc++'s std::atomic<T>::wait/notify_one/notify_all, std::latch, std::barrier and
// std::counting_semaphore wait with syscall(SYS_futex, ...): FUTEX_WAIT (a relative timeout),
// FUTEX_WAIT_BITSET (an absolute one, on CLOCK_MONOTONIC or, with FUTEX_CLOCK_REALTIME,
// CLOCK_REALTIME; the bitset is taken as "any") and FUTEX_WAKE(_BITSET) are the model's. Any
// other futex operation in an execution is an ERROR, not a real wait on the search's thread.
__attribute__((visibility("default"))) long syscall(long number, ...) noexcept {
  va_list list;
  va_start(list, number);
  long a[6];
  for (long& arg : a) arg = va_arg(list, long);
  va_end(list);
  if (number != SYS_futex || !ri::Active()) {
    return REAL(syscall)(number, a[0], a[1], a[2], a[3], a[4], a[5]);
  }
  const auto* word = reinterpret_cast<const uint32_t*>(a[0]);
  const int op = static_cast<int>(a[1]) & FUTEX_CMD_MASK;
  const auto* time = reinterpret_cast<const timespec*>(a[3]);
  int result = 0;
  switch (op) {
    case FUTEX_WAIT:
    case FUTEX_WAIT_BITSET: {
      int64_t timeout = interleave::kForever;
      if (time != nullptr) {
        const clockid_t clock =
            (a[1] & FUTEX_CLOCK_REALTIME) != 0 ? CLOCK_REALTIME : CLOCK_MONOTONIC;
        timeout = op == FUTEX_WAIT ? Micro(time) : Until(clock, time);
      }
      const int64_t from = VirtualMicros();
      result = ri::FutexWait(word, static_cast<uint32_t>(a[2]), timeout, PC);
      if (result == ETIMEDOUT) PassTime(from, timeout);
      break;
    }
    case FUTEX_WAKE:
    case FUTEX_WAKE_BITSET:
      return ri::FutexWake(word, static_cast<int>(a[2]), PC);
    default:
      interleave::Execution::Running()->Unmodelled("futex operation " + std::to_string(op) +
                                                   " (only FUTEX_WAIT and FUTEX_WAKE are)");
  }
  if (result != 0) {
    errno = result;
    return -1;
  }
  return 0;
}

// ---- Time --------------------------------------------------------------------------------------
__attribute__((visibility("default"))) int nanosleep(const timespec* request, timespec* remaining) {
  if (!ri::Active()) return REAL(nanosleep)(request, remaining);
  SleepFor(Micro(request), PC);
  return 0;
}
__attribute__((visibility("default"))) int clock_nanosleep(clockid_t clock, int flags,
                                                           const timespec* request,
                                                           timespec* remaining) {
  if (!ri::Active()) return REAL(clock_nanosleep)(clock, flags, request, remaining);
  SleepFor((flags & TIMER_ABSTIME) != 0 ? Until(clock, request) : Micro(request), PC);
  return 0;
}
__attribute__((visibility("default"))) int usleep(useconds_t microseconds) {
  if (!ri::Active()) return REAL(usleep)(microseconds);
  SleepFor(microseconds, PC);
  return 0;
}
__attribute__((visibility("default"))) unsigned int sleep(unsigned int seconds) {
  if (!ri::Active()) return REAL(sleep)(seconds);
  SleepFor(int64_t{seconds} * 1'000'000, PC);
  return 0;
}
__attribute__((visibility("default"))) int sched_yield() noexcept {
  if (!ri::Active()) return REAL(sched_yield)();
  if (ri::SpinRoundYield(PC)) return 0;
  ri::Sleep(0, PC);
  return 0;
}

// ---- Outcomes ("interleave/outcome.h") --------------------------------------------------------
// Outside an execution (the program run without exploring, or before main) they do nothing.
__attribute__((visibility("default"))) void interleave_outcome(const char* name, long long value) {
  if (ri::Active()) ri::Outcome(name, std::to_string(value), PC);
}
__attribute__((visibility("default"))) void interleave_outcome_text(const char* name,
                                                                    const char* text) {
  if (ri::Active()) ri::Outcome(name, text == nullptr ? "(null)" : text, PC);
}

// ---- SV-COMP -------------------------------------------------------------------------------
INTERLEAVE_CAPTURING(void, __VERIFIER_atomic_begin, ()) {
  if (ri::Active()) ri::AtomicBegin(PC);
}
__attribute__((visibility("default"))) void __VERIFIER_atomic_end() {
  if (ri::Active()) ri::AtomicEnd(PC);
}
// gcc's -finstrument-functions hooks (tools/svcomp_check.py compiles with it): a call of
// reach_error is SV-COMP's error (runtime.h FunctionCalled).
__attribute__((visibility("default"))) void __cyg_profile_func_enter(void* function,
                                                                     void* call_site) {
  if (ri::Active()) ri::FunctionCalled(function, call_site);
}
__attribute__((visibility("default"))) void __cyg_profile_func_exit(void*, void*) {}
__attribute__((visibility("default"))) void __VERIFIER_error() {
  if (ri::Active()) ri::ErrorReached("__VERIFIER_error()", PC);
  abort();
}
// Nondeterministic values: a data choice over a small domain (0, 1, 2; a bool 0 and 1). A
// PASS covers those values only (README "Unmodified programs").
__attribute__((visibility("default"))) int __VERIFIER_nondet_int() {
  return ri::Active() ? ri::Nondet(0, 2, PC) : 0;
}
__attribute__((visibility("default"))) unsigned __VERIFIER_nondet_uint() {
  return ri::Active() ? static_cast<unsigned>(ri::Nondet(0, 2, PC)) : 0;
}
__attribute__((visibility("default"))) long __VERIFIER_nondet_long() {
  return ri::Active() ? ri::Nondet(0, 2, PC) : 0;
}
__attribute__((visibility("default"))) unsigned long __VERIFIER_nondet_ulong() {
  return ri::Active() ? static_cast<unsigned long>(ri::Nondet(0, 2, PC)) : 0;
}
__attribute__((visibility("default"))) char __VERIFIER_nondet_char() {
  return static_cast<char>(ri::Active() ? ri::Nondet(0, 2, PC) : 0);
}
__attribute__((visibility("default"))) bool __VERIFIER_nondet_bool() {
  return ri::Active() ? ri::Nondet(0, 1, PC) != 0 : false;
}
__attribute__((visibility("default"))) void __VERIFIER_assume(int condition) {
  // An execution whose assumption fails is no execution of the program: it stops here and
  // reports nothing (the thread waits forever; DEADLOCK is not reported for it: see README).
  if (!condition && ri::Active()) ri::Exit(0, PC);
}

}  // extern "C"
