// The runtime of unmodified programs (issue 17): a pthread / std::thread program compiled by
// g++ with -fsanitize=thread (the instrumentation only; libtsan is not linked) runs on the
// model's runtime (model/execution.h) when it is linked against libinterleave_rt.so:
//
// - entry_points.cc defines the __tsan_* calls the compiler emits and interposes the
//   threading API (pthread, sem_*, sleep, exit, the SV-COMP __VERIFIER_* conventions); each
//   is one small function that hands its operation to this runtime;
// - this runtime maps them onto Execution::Step(): memory words, mutexes, condition
//   variables, threads and atomics become model objects keyed by address, created on first
//   use in each execution;
// - heap.cc gives scenario code a heap that starts empty in every execution, program.cc runs
//   the program's main() once per execution from the snapshot of its writable segments.
//
// Threading: one OS thread runs every execution (the model's fibers); --jobs is refused.
// Thread-local state of the program (__thread, errno) is shared by its model threads.
#ifndef INTERLEAVE_INSTRUMENTED_RUNTIME_H_
#define INTERLEAVE_INSTRUMENTED_RUNTIME_H_

#include <cerrno>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <utility>

// The program's state at its last call of an entry point that can begin a spin loop's
// iteration (entry_points.cc INTERLEAVE_CAPTURING): rbx, rbp, r12-r15, the caller's stack
// pointer and the return address (x86-64; zero elsewhere). One per OS thread: the search runs
// on an OS thread of its own (checker/watchdog.cc), and with one copy for the process, values
// taken on the process's first thread (its stack's addresses) were seen by the search's
// entry points now and then: a local went unnamed in one run of a schedule and not in the
// next, and a spin loop's state was compared with another thread's registers.
extern "C" __attribute__((visibility("hidden"),
                          tls_model("initial-exec"))) __thread uint64_t interleave_rt_frame[8];
// The same, taken by pthread_mutex_lock's entry point: the runtime's own code locks mutexes
// too (through the same symbol, passed on to glibc's), and taken into interleave_rt_frame such
// a lock would overwrite the state a poll's entry point had just saved. The program's own lock
// copies it into interleave_rt_frame (entry_points.cc).
extern "C" __attribute__((visibility("hidden"),
                          tls_model("initial-exec"))) __thread uint64_t interleave_rt_lock_frame[8];

namespace interleave::instrumented {

// Nonzero while the runtime's own code runs on behalf of scenario code: its allocations go to
// the real heap, and the entry points it calls itself (memcpy of a std::string) are not the
// program's. Saved and restored around every call into the model that may switch fibers.
extern int g_runtime_depth;

// The runtime's own code for the scope of one entry point. The program's errno is kept: the
// runtime's work on its behalf (symbolizing a new address, mapping memory) must not change what
// it reads back (an entry point that fails sets errno after its scope).
struct RuntimeScope {
  RuntimeScope() { ++g_runtime_depth; }
  ~RuntimeScope() {
    --g_runtime_depth;
    errno = saved_errno;
  }
  int saved_errno = errno;
  RuntimeScope(const RuntimeScope&) = delete;
  RuntimeScope& operator=(const RuntimeScope&) = delete;
};

// Scenario code of an execution is running, not the runtime on its behalf.
bool Active();

// Every execution starts here, in the main thread, before the program's main(): forget the
// previous execution's objects and threads.
void StartExecution();
// The program's main() returned (or called exit): every other thread ends where it stands.
void ProgramExit();
// Runs `main` as the model's main thread (with exit() and pthread_exit() from it).
int RunMain(const std::function<int()>& main);

// heap.cc: the next execution's heap starts empty; where `address` lies in it (-1: not).
void ResetHeap();
int64_t HeapOffset(uintptr_t address);
// heap.cc: the static heap, which holds what the executable's constructors allocate between
// BeginProgramInit and EndProgramInit (program.cc): its used bytes, which program.cc restores
// before every execution with the globals, and where `address` lies in it (-1: not).
void BeginProgramInit();
void EndProgramInit();
std::pair<char*, std::size_t> StaticHeap();
int64_t StaticHeapOffset(uintptr_t address);
// heap.cc: the block of the execution's heap that holds `address` (its offset in the heap
// and size), and the call stack of its allocation (innermost return address first, up to
// kAllocationFrames, 0-terminated); false when the address is in no block.
inline constexpr int kAllocationFrames = 8;
bool HeapBlockOf(uintptr_t address, uintptr_t* base, std::size_t* size, uintptr_t* frames);
// runtime.cc: the allocating call's stack, for heap.cc: `return_address` (the allocator's
// caller), then the call sites of the current thread's instrumented functions, innermost first.
int AllocationStack(uintptr_t return_address, uintptr_t* frames);

// entry_points.cc read the clock for scenario code: not a poll (the clock is an input that
// moves), so the spin rule does not take a loop that waits for a time for a loop that waits for
// another thread.
void ClockRead();
// Memory: `size` bytes at `address`, read or written at `pc`.
void Access(const void* address, std::size_t size, bool write, const void* pc);
// The bytes [begin, end) hold new variables from now on (a heap block given back, a stack
// reused): the memory objects there are forgotten.
void ForgetMemory(uintptr_t begin, uintptr_t end);
// `caller`: the call site of the instrumented function (its return address), kept per thread
// to name a heap block by the program's line that allocated it.
void FunctionEntry(const void* pc, const void* caller);
void FunctionExit();

// Atomics (entry_points.cc's __tsan_atomic*): each one step under the search's memory model
// (--memory-model: rc11, the C++ memory model, by default, or sc) with the orders the program
// gave, through the model's execution graph as Atomic<T>'s operations (model/weak_memory.h):
// a weak load may read an older store, and only release/acquire (or fences) make
// happens-before. Values are the bits of `size` bytes (1, 2, 4, 8 or 16: __tsan_atomic128_*,
// which g++ emits for every 16-byte __atomic_* whether or not -mcx16 is given), zero-extended to
// AtomicBits. `order`, `failure_order`: g++'s __ATOMIC_* values (consume as acquire).
using AtomicBits = unsigned __int128;
enum class AtomicOp : uint8_t {
  kLoad,
  kStore,
  kExchange,
  kFetchAdd,
  kFetchSub,
  kFetchAnd,
  kFetchOr,
  kFetchXor,
  kFetchNand,
  kCompareExchange,  // operand: desired; weak: it may fail spuriously.
};
struct AtomicCall {
  void* address;
  int size;
  AtomicOp op;
  AtomicBits operand;   // What a store, exchange or fetch_* takes; a compare-exchange's desired.
  AtomicBits expected;  // A compare-exchange's.
  int order;
  int failure_order;  // A compare-exchange's, when it fails.
  bool weak;
};
// Returns the value read (a store: the value stored); `*wrote` (may be null): whether it
// wrote (a compare-exchange that succeeded). While no other thread runs, the operation is
// done on memory without a step. A load or a read-modify-write that leaves the value as it
// was is a poll: the spin-loop rule may make it wait (runtime.cc "Spin loops").
AtomicBits AtomicOperation(const AtomicCall& call, bool* wrote, const void* pc);
// A failed compare-exchange wrote the value it read to `*expected` (`size` bytes), memory of
// the program, without a step (as TSan's runtime, which does not check that write either).
// Where the spin-loop rule does not see it, the thread's iteration changed something.
void WroteExpected(const void* expected, std::size_t size);
// A sched_yield at `pc` in a later round of libstdc++'s bounded spin (runtime.cc "The rounds of
// __atomic_spin"): true when it is no step.
bool SpinRoundYield(const void* pc);
// atomic_thread_fence: a step under the memory model.
void AtomicFence(int order, const void* pc);

// The SV-COMP conventions.
void AtomicBegin(const void* pc);
void AtomicEnd(const void* pc);
int Nondet(int lo, int hi, const void* pc);
// interleave_outcome and interleave_outcome_text ("interleave/outcome.h"): the execution's
// outcome `name` is `value` (Execution::RecordOutcome). A null or empty name is an ERROR.
void Outcome(const char* name, std::string value, const void* pc);
[[noreturn]] void ErrorReached(const char* what, const void* pc);
// A function of the program was entered (gcc's -finstrument-functions hook, which
// tools/svcomp_check.py compiles with): `function` is its address, `call_site` the caller's
// return address. A call of `reach_error` is SV-COMP's violation of unreach-call, even where
// reach_error's body is empty and the program calls abort() after it (the TSan
// instrumentation gives no entry hook to a function without memory accesses).
void FunctionCalled(const void* function, const void* call_site);

// The threading API, each as its pthread_* call returns (0 or an errno value). `pc`: the
// caller's return address, for the step's line. Timeouts in microseconds (kForever: none).
int ThreadCreate(uintptr_t* handle, void* (*start)(void*), void* arg, bool detached,
                 const void* pc);
int ThreadJoin(uintptr_t handle, void** result, const void* pc);
// pthread_detach: the thread can no longer be joined (a join returns EINVAL, as glibc's).
int ThreadDetach(uintptr_t handle);
[[noreturn]] void ThreadExit(void* result);
// exit(code), or with `immediate` _exit(code) and _Exit(code) (no thread-local destructors). A
// non-zero status (code & 0377, as the parent sees it) fails the execution's check that the
// program exits with status 0, as a non-zero return from main does.
[[noreturn]] void Exit(int code, const void* pc, bool immediate = false);
uintptr_t ThreadSelf();
// `poll`: the program's own lock or unlock (its entry point took the program's state,
// INTERLEAVE_CAPTURING): a critical section that only reads is a poll for the spin rule. Not
// for the runtime's own (a condition wait's unlock and relock).
int MutexLock(void* mutex, bool try_only, int64_t timeout, const void* pc, bool poll = false);
// pthread_mutex_destroy: EBUSY (16) when the mutex is held; else 0, and the mutex is forgotten.
int MutexDestroy(void* mutex);
int MutexUnlock(void* mutex, const void* pc, bool poll = false);
int SpinLock(void* lock, bool try_only, const void* pc,
             bool poll = false);             // A normal mutex, 4 bytes.
int SpinUnlock(void* lock, const void* pc);  // As a poll.
int CondWait(void* cond, void* mutex, int64_t timeout, const void* pc);
int CondNotify(void* cond, bool all, const void* pc);
// Linux futexes (the syscall std::atomic<T>::wait/notify, std::latch, std::barrier and
// std::counting_semaphore use in libstdc++): a wait compares the 4-byte word with `expected`
// and sleeps until a wake in one step on the word, so a store between them is seen; it
// returns 0 when woken, EAGAIN when the word differed, ETIMEDOUT (timeout in virtual
// microseconds, kForever: none). A wake wakes up to `count` waiters (which ones: a data
// choice) and returns how many.
int FutexWait(const uint32_t* word, uint32_t expected, int64_t timeout, const void* pc);
int FutexWake(const uint32_t* word, int count, const void* pc);
int SemInit(void* sem, unsigned value);
int SemWait(void* sem, bool try_only, int64_t timeout, const void* pc);
int SemPost(void* sem, const void* pc);
// sem_getvalue: a read of the semaphore's count, a step (the model keeps the count; the
// sem_t's own memory is never written).
int SemValue(void* sem, const void* pc);
int BarrierInit(void* barrier, unsigned count);
int BarrierWait(void* barrier, const void* pc);
// A timed lock gives up with ETIMEDOUT after `timeout` microseconds (kForever: never).
int RwLock(void* lock, bool write, bool try_only, const void* pc, int64_t timeout);
int RwUnlock(void* lock, const void* pc);
int Once(void* once, void (*init)(), const void* pc);
// A function-local static's guard (the Itanium C++ ABI's __cxa_guard_acquire, _release and
// _abort): acquire returns 1 when the caller is to initialise the static, 0 when it is done,
// waiting while another thread initialises it. ProgramGuard: whether a call at `pc` is the
// program's (not a system library's or the runtime's own), which these model.
bool ProgramGuard(const void* pc);
int GuardAcquire(void* guard, const void* pc);
void GuardRelease(void* guard, const void* pc);
void GuardAbort(void* guard, const void* pc);
void Sleep(int64_t microseconds, const void* pc);
// Thread-specific data (pthread keys, C11 tss_*): a value per model thread; when a thread
// other than main ends, the destructors of its non-null values run in it, as POSIX says (up
// to PTHREAD_DESTRUCTOR_ITERATIONS rounds).
unsigned KeyCreate(void (*destructor)(void*), const void* pc);
// A C++ thread_local object's destructor, registered by the running thread the first time it
// uses the object (libstdc++'s __cxa_thread_atexit): it runs when that model thread ends, the
// last registered first and before its keys' destructors, as glibc runs them when an OS thread
// ends (main's: at the program's exit; not a thread's cut off by the exit).
void AtThreadExit(void (*destructor)(void*), void* object);
// Each a step on the key table while other threads are live (runtime.cc KeyTableStep).
void* KeyGet(unsigned key, const void* pc);
int KeySet(unsigned key, const void* value, const void* pc);
int KeyDelete(unsigned key, const void* pc);

}  // namespace interleave::instrumented

#endif  // INTERLEAVE_INSTRUMENTED_RUNTIME_H_
