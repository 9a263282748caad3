// The runtime of unmodified programs: model objects by address (runtime.h).
#include "instrumented/runtime.h"

#include <dlfcn.h>
#include <execinfo.h>
#include <link.h>
#include <setjmp.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <charconv>
#include <cstdio>
#include <cstring>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <typeinfo>
#include <unordered_map>
#include <utility>
#include <vector>

#include "instrumented/naming.h"
#include "instrumented/symbols.h"
#include "instrumented/wide_values.h"
#include "model/execution.h"
#include "model/process_dwarf.h"

__thread uint64_t interleave_rt_frame[8] = {};       // Declared extern "C" in runtime.h.
__thread uint64_t interleave_rt_lock_frame[8] = {};  // Likewise.

namespace interleave::instrumented {

int g_runtime_depth = 0;

}  // namespace interleave::instrumented

// g_runtime_depth under a hidden C name that the entry points' stubs address relative to the
// instruction pointer (entry_points.cc INTERLEAVE_CAPTURING_INTO).
extern "C" __attribute__((
    visibility("hidden"),
    alias("_ZN10interleave12instrumented15g_runtime_depthE"))) int interleave_rt_depth;

namespace interleave::instrumented {

bool Active() { return g_runtime_depth == 0 && Execution::InScenarioCode(); }

// This OS thread's std::__once_callable and std::__once_call (CallOnceSlots), found once: each
// is libstdc++'s thread-local, whose address costs a __tls_get_addr call, and every memory
// access asks whether it is one of them. Initial-exec TLS with external linkage (see
// g_thread_locals_of_thread).
__attribute__((tls_model("initial-exec"))) constinit thread_local void** g_once_callable_slot =
    nullptr;
using OnceCall = void (*)();
__attribute__((tls_model("initial-exec"))) constinit thread_local OnceCall* g_once_call_slot =
    nullptr;

namespace {

// Set by a poll (Spin loops, below) just before its step: Switching leaves the thread's spin
// window open for it; every other step closes it.
bool g_poll = false;
void NotPoll();

// Set by a read just before its step when the thread's pending write (FlushWrite) is on the
// same source line: in an aggregate copy (`a = b` of a struct, a lambda's captures) g++'s
// instrumentation calls the write's hook, then the read's, and only then copies, so the
// written bytes are not there yet. The write's value is then read at the step after.
bool g_write_still_pending = false;

// Set by a lock or trylock just before its step when it took the thread's state for the
// back-off cycle rule ("Lock back-off cycles" below): Switching keeps that state for it; every
// other step of the thread forgets it.
bool g_cycle_capture = false;
void CycleStep(bool captured);

// How many threads are inside a system library's pthread-key destructor (RunKeyDestructors):
// while one is, its steps first take the atomic operations its library did unseen
// (AdoptLibraryStores).
int g_in_library_destructors = 0;
void AdoptLibraryStores();

// A call into the model that may switch to other fibers: each has its own depth, which it
// restores when it is resumed here (a new thread starts at 0).
// Its thread-local variables too (ThreadLocals, below), and libc's errno, which is one per OS
// thread: a step changes neither, and another thread's failing call in between does not
// reach this thread's errno. The value of its last write is known by then (FlushWrite).
std::string* SaveThreadLocals();
void LoadThreadLocals(const std::string* copy);
void FlushWrite();

// libstdc++'s std::call_once hands its callable to pthread_once's routine through two of the
// library's thread-local variables (<mutex>: std::__once_callable, std::__once_call), set by
// the program's inlined code just before the call. Shared by the model threads, as every
// shared library's thread-local variable is here, one thread's call_once could run another's
// callable, and their writes look like a data race: so they are one per model thread, saved
// and restored at each switch (Switching) as errno is, and null when a thread starts.
struct CallOnceSlots {
  void* callable = nullptr;
  void (*call)() = nullptr;

  static CallOnceSlots Live() { return {*CallableSlot(), *CallSlot()}; }
  void Load() const {
    *CallableSlot() = callable;
    *CallSlot() = call;
  }
  static bool Holds(uintptr_t address) {
    return address - reinterpret_cast<uintptr_t>(CallableSlot()) < sizeof(void*) ||
           address - reinterpret_cast<uintptr_t>(CallSlot()) < sizeof(OnceCall);
  }

 private:
  static void** CallableSlot() {
    if (g_once_callable_slot == nullptr) [[unlikely]] {
      g_once_callable_slot = &std::__once_callable;
    }
    return g_once_callable_slot;
  }
  static OnceCall* CallSlot() {
    if (g_once_call_slot == nullptr) [[unlikely]] {
      g_once_call_slot = &std::__once_call;
    }
    return g_once_call_slot;
  }
};
template <typename F>
decltype(auto) Switching(F&& f) {
  if (!g_write_still_pending) FlushWrite();
  g_write_still_pending = false;
  if (!g_poll) NotPoll();
  g_poll = false;
  CycleStep(g_cycle_capture);
  g_cycle_capture = false;
  struct Restore {
    int saved = g_runtime_depth;
    int saved_errno = errno;
    CallOnceSlots call_once = CallOnceSlots::Live();
    std::string* locals = SaveThreadLocals();
    ~Restore() {
      g_runtime_depth = saved;
      LoadThreadLocals(locals);
      call_once.Load();
      errno = saved_errno;
    }
  } restore;
  if (g_in_library_destructors != 0) [[unlikely]]
    AdoptLibraryStores();
  return f();
}

// Spin loops (the model's rule for atomics, model/execution.h AtomicLoad, over the program's
// memory): a poll is a read of shared memory (plain or atomic), a read-modify-write that left
// the value as it was, or an SV-COMP atomic section that changed nothing; sleeps and yields
// leave a thread's window open without being polls. When a thread whose steps since its last
// other one are all polls comes to a poll at a state it was in at one of them (the same call
// site, callee-saved registers and stack: entry_points.cc INTERLEAVE_CAPTURING), the polls in
// between were an iteration with no effect: run again on the same values it would only come
// back to that state. It then waits until another thread has written one of the words that
// iteration read (each word has a version, bumped by every write that may change it), and
// a loop that waits on its flag is explored finitely. A thread that waits so when no thread
// can run waits forever: a DEADLOCK (the model's "spins forever"). Memory is compared through
// what the program's code keeps on its stack and in registers and what it reads through
// instrumented accesses; state outside them (uninstrumented libraries, __thread variables
// read without instrumentation) is not seen.
struct SpinRead {
  ObjectId object = kNoObject;
  uint64_t version = 0;  // The word's version when it was read.
  int message = -1;      // An atomic read's store (the memory model's message); -1: plain.
  bool operator==(const SpinRead&) const = default;
};
struct SpinWindow {
  struct Visit {
    uintptr_t pc = 0;
    uint64_t state = 0;          // The hash of the frame.
    std::size_t first_read = 0;  // Index into reads of the first read made from that state.
  };
  bool open = false;  // Its steps since its last other one are polls (or sleeps).
  std::vector<Visit> visits;
  std::vector<SpinRead> reads;
  std::vector<SpinRead> loop_reads;  // The last iteration's reads (the versions to wait past).
  // The last iteration as it was read, and where: one read again from the same state, reading
  // the same stores, is a repetition (a weak load may read an old store again).
  std::vector<SpinRead> last_iteration;
  uintptr_t loop_pc = 0;
  uint64_t loop_state = 0;
  // The mutexes the thread locked as polls in this window (MutexLock): unlocking one of them
  // ends a critical section that changed nothing, and leaves the window open.
  std::vector<ObjectId> held;
  void Close() {
    if (!open) return;
    open = false;
    held.clear();
    visits.clear();
    reads.clear();
    loop_reads.clear();
    last_iteration.clear();
    loop_pc = 0;
    loop_state = 0;
  }
};
constexpr std::size_t kMaxSpinVisits = 16;  // A longer iteration is not recognised.

// A thread in libstdc++'s bounded spin ("The rounds of __atomic_spin" below).
struct SpinRounds {
  struct Load {
    uintptr_t address = 0;
    int size = 0;
    AtomicBits value = 0;
  };
  // The trace's length after the first round's last step (0: no round is open). A step of any
  // other thread, or of this one outside the spin, makes it differ: the rounds are over.
  std::size_t events = 0;
  bool later = false;       // A later round has begun (a load was answered from `loads`).
  int answered = 0;         // Loads and yields answered without a step since then.
  std::vector<Load> loads;  // What the first round's loads read.
};
// More answers than 16 rounds of a predicate's few loads and yields need: past them the rounds
// are over and the next load is a step (a loop in the spin that the argument below does not
// cover, such as a timed wait's backoff, cannot run without steps for ever).
constexpr int kMaxRoundAnswers = 64;

// A compare-exchange that failed spuriously: where and in what state the thread made it, and the
// trace's length after it ("Retries after a spurious failure" below).
struct SpuriousRetry {
  uintptr_t pc = 0;  // 0: none.
  uint64_t state = 0;
  std::size_t events = 0;
};

// A write inside an SV-COMP atomic section: the bytes before it, compared at the section's end.
struct SectionWrite {
  uintptr_t address = 0;
  std::string before;
};

struct ThreadRecord {
  ThreadId id = kNoThread;
  ObjectId object = kNoObject;
  void* (*start)(void*) = nullptr;
  void* arg = nullptr;
  void* result = nullptr;
  bool detached = false;
  bool joined = false;
  int atomic_depth = 0;                // Inside __VERIFIER_atomic_* functions.
  std::vector<uint8_t> atomic_frames;  // Per instrumented frame: it began an atomic section.
  std::vector<uintptr_t> callers;      // Per instrumented frame: its call site.
  std::vector<EntryFrame> entries;     // Per instrumented frame: its registers (names locals).
  jmp_buf exit_jump;                   // pthread_exit, exit: back to the thread's top.
  uintptr_t stack_base = 0;            // A frame address at the thread's top (names its locals).
  SpinWindow spin;
  SpinRounds rounds;    // In libstdc++'s bounded spin ("The rounds of __atomic_spin" below).
  SpuriousRetry retry;  // After a spurious failure ("Retries after a spurious failure" below).
  std::vector<SectionWrite> section_writes;  // In the current atomic section.
  std::size_t section_start = 0;             // The first event after its begin (SectionBroken).
  bool section_step = false;                 // Its begin took the section's object (a step).
  std::string thread_locals;  // Its copy of the executable's thread-local block (ThreadLocals).
  // Its C++ thread_local objects' destructors (AtThreadExit), in the order registered.
  std::vector<std::pair<void (*)(void*), void*>> thread_local_destructors;
  // Its last write's bytes and events: the instrumentation calls before the store, so the
  // value is read at the thread's next step (FlushWrite). 0: none pending. One event per 8
  // bytes from `unwritten` (a wider write, a 16-byte copy or a range, is one step per 8 bytes).
  uintptr_t unwritten = 0;
  std::size_t unwritten_size = 0;
  std::vector<std::size_t> unwritten_events;
  SourceLine unwritten_where;
  const void* unwritten_pc = nullptr;  // Its instruction (OwnLine).
  // Running a system library's pthread-key destructor: the destructor (AdoptLibraryStores).
  void (*library_destructor)(void*) = nullptr;
  // Lock back-off cycles (below): a trylock of this thread has failed; its state at the lock
  // or trylock it is at, taken when it came there and kept until its next other step.
  bool backs_off = false;
  uint64_t cycle_steps = 0;  // Its steps while some thread backs off.
  bool cycle_frame_valid = false;
  uintptr_t cycle_pc = 0;
  uint64_t cycle_state = 0;
};

// An atomic word while it is a location of the memory model: its stores' values by message.
struct AtomicWord {
  int size = 0;
  std::vector<AtomicBits> values;
  // The location started again after its first operation (a plain write, a different size):
  // its later operations read what memory held, not a choice among every store, so the search
  // orders them as plain accesses (TraceEvent::weak_choice).
  bool restarted = false;
};

struct MutexState {
  ObjectId object = kNoObject;
  int type = 0;       // PTHREAD_MUTEX_NORMAL, RECURSIVE, ERRORCHECK.
  int count = 0;      // Recursion depth of the holder.
  bool spin = false;  // A pthread_spinlock_t (no kind in its memory).
};

struct CondState {
  ObjectId object = kNoObject;
  std::vector<std::pair<ThreadId, bool>> waiters;  // Thread, woken.
};

struct SemState {
  ObjectId object = kNoObject;
  int64_t value = 0;
};

struct BarrierState {
  ObjectId object = kNoObject;
  unsigned count = 0;
  unsigned arrived = 0;
  uint64_t generation = 0;
};

struct RwState {
  ObjectId object = kNoObject;
  int readers = 0;
  ThreadId writer = kNoThread;
};

// Per execution; cleared (capacity kept) when the next one starts.
// A memory object: the bytes that accesses starting at its address touched (at most 8: a wider
// plain access is one object per 8 bytes from its start; a 16-byte atomic is one object of 16
// bytes, kMaxObjectBytes), and the threads that read and wrote them.
constexpr uintptr_t kMaxObjectBytes = 16;
struct Word {
  ObjectId object = kNoObject;
  uintptr_t end = 0;     // One past the last byte an access from this start touched.
  uint64_t readers = 0;  // One bit per thread id (ids of 63 and up share the last bit).
  uint64_t writers = 0;
  bool overlapped = false;          // Another object's bytes overlap this one's.
  ThreadId private_to = kNoThread;  // In a PrivateRange: the thread it belongs to.
};

// The bytes of a std::thread's state (its callable and arguments), the new thread's alone
// from its start on (GroupAlikeThreads; Execution::MarkPrivateTo).
struct PrivateRange {
  uintptr_t begin;
  uintptr_t end;
  ThreadId thread;
};

struct State {
  std::unordered_map<uintptr_t, Word> words;  // By start address.
  std::map<uintptr_t, uintptr_t> word_ends;   // Start -> end, for the overlap queries.
  std::unordered_map<uintptr_t, MutexState> mutexes;
  std::unordered_map<uintptr_t, CondState> conds;
  // Futex words' waiters (FutexWait), by the word's address: thread, woken.
  std::unordered_map<uintptr_t, std::vector<std::pair<ThreadId, bool>>> futexes;
  std::unordered_map<uintptr_t, SemState> sems;
  std::unordered_map<uintptr_t, BarrierState> barriers;
  std::unordered_map<uintptr_t, RwState> rwlocks;
  std::unordered_map<uintptr_t, int> onces;  // 0 new, 1 running, 2 done.
  std::unordered_map<uintptr_t, ObjectId> once_objects;
  // pthread keys: per key, the value of each thread (by id).
  std::unordered_map<unsigned, std::unordered_map<ThreadId, void*>> keys;
  std::unordered_map<unsigned, void (*)(void*)> key_destructors;
  unsigned next_key = 0;
  // Keys a system library created (KeyCreate), numbered from kLibraryKeys: kept across
  // executions, as the library keeps them in its own state. One per call site and its n-th
  // creation in an execution, so a library that creates keys in every execution reuses them.
  struct LibraryKey {
    const void* pc;
    int nth;
    void (*destructor)(void*);
    unsigned key;
  };
  std::vector<LibraryKey> library_keys;
  std::unordered_map<const void*, int> library_creations;  // This execution's, per call site.
  ObjectId keys_object = kNoObject;     // The key table's object (KeyTableStep), made when used.
  std::deque<ThreadRecord> threads;     // By model thread id.
  ObjectId atomic_section = kNoObject;  // The lock behind __VERIFIER_atomic_*.
  // Threads not joined yet, main included: while it is 1, every other thread was joined (or
  // none was started), so start and join edges order the current thread's accesses against
  // all others and an access cannot race: no step. A thread that finished unjoined still
  // counts: nothing orders its accesses before main's next ones.
  int live = 1;
  // Lock back-off cycles: threads with backs_off (the rule's work is done only while some
  // thread backs off), writes to memory other than the writer's own stack, and the global
  // states seen at locks (a hash, and the trace's length then).
  int backing_off = 0;
  uint64_t shared_writes = 0;
  struct CycleVisit {
    uint64_t signature = 0;
    std::size_t events = 0;
  };
  std::vector<CycleVisit> cycle_visits;
  // The last access made while no other thread was live, by main, and how many steps the
  // execution had then: the line of main's return (CheckExitStatus).
  const void* alone_pc = nullptr;
  std::size_t alone_after = 0;
  bool main_exited_thread = false;  // main called pthread_exit.
  bool exiting = false;
  // Per word object: bumped (from version_clock) by every write that may change it.
  std::vector<uint64_t> versions;
  std::vector<ThreadId> last_writers;  // Per word object: the thread of its last version.
  uint64_t version_clock = 0;
  std::vector<AtomicWord> atomic_words;  // By word object (AtomicOperation).
  std::vector<SpinRead> spin_key;        // SpinCheck's working storage.
  std::vector<PrivateRange> private_ranges;
};
State& S() {
  static auto* const state = new State;
  return *state;
}

// Across executions: names and lines by address.
std::unordered_map<uintptr_t, std::string>& Names() {
  static auto* const names = new std::unordered_map<uintptr_t, std::string>;
  return *names;
}
std::unordered_map<uintptr_t, SourceLine>& Lines() {
  static auto* const lines = new std::unordered_map<uintptr_t, SourceLine>;
  return *lines;
}
std::unordered_map<uintptr_t, bool>& VerifierAtomic() {
  static auto* const atomic = new std::unordered_map<uintptr_t, bool>;
  return *atomic;
}

// Where's answers for program lines, by the low bits of the pc: asked at every step, where a
// lookup in Lines() hashed and probed. (The runtime runs one execution at a time: g_runtime_depth
// and Lines() are process-wide too.)
struct RecentLine {
  uintptr_t pc = 0;
  SourceLine line;
};
constexpr std::size_t kRecentLines = 256;
RecentLine g_recent_lines[kRecentLines];

// `own_line`: the answer is the line of `key` itself, the same at every call (a library's line
// depends on its callers, below).
SourceLine WhereSlow(uintptr_t key, bool& own_line);

SourceLine Where(const void* pc) {
  const auto key = reinterpret_cast<uintptr_t>(pc);
  RecentLine& recent = g_recent_lines[(key >> 2) % kRecentLines];
  if (recent.pc == key && key != 0) return recent.line;
  bool own_line = false;
  const SourceLine line = WhereSlow(key, own_line);
  if (own_line) recent = {key, line};
  return line;
}

// The address range a loaded module's PT_LOAD segments span, of the module that holds
// `address` (empty when none does).
struct ModuleRange {
  uintptr_t begin = 0;
  uintptr_t end = 0;
  bool Contains(uintptr_t address) const { return begin <= address && address < end; }
};

ModuleRange ModuleOf(const void* address) {
  struct Search {
    uintptr_t address;
    ModuleRange found;
  } search{reinterpret_cast<uintptr_t>(address), {}};
  dl_iterate_phdr(
      [](dl_phdr_info* info, std::size_t, void* data) {
        Search& search = *static_cast<Search*>(data);
        ModuleRange range{UINTPTR_MAX, 0};
        for (int i = 0; i < info->dlpi_phnum; ++i) {
          const ElfW(Phdr)& segment = info->dlpi_phdr[i];
          if (segment.p_type != PT_LOAD) continue;
          const uintptr_t begin = info->dlpi_addr + segment.p_vaddr;
          range.begin = std::min(range.begin, begin);
          range.end = std::max(range.end, begin + segment.p_memsz);
        }
        if (!range.Contains(search.address)) return 0;
        search.found = range;
        return 1;
      },
      &search);
  return search.found;
}

// Whether `pc` lies in this runtime's own module. A range test: dladdr scans the symbols of the
// module it finds, thousands in libstdc++, and the stack walks below ask for every frame.
// Found when the runtime is loaded, not in a function-local static: the runtime's own guards
// reach GuardAcquire's entry point, which asks InRuntime (OwnGuard).
const ModuleRange g_runtime_module = ModuleOf(reinterpret_cast<const void*>(&Where));
bool InRuntime(uintptr_t pc) { return g_runtime_module.Contains(pc); }

// The lines of library code's own functions at their pcs (symbols.h LineOfPc), by pc.
std::unordered_map<uintptr_t, SourceLine>& HeaderLines() {
  static auto* const lines = new std::unordered_map<uintptr_t, SourceLine>;
  return *lines;
}

SourceLine WhereSlow(uintptr_t key, bool& own_line) {
  ++g_runtime_depth;  // Also inside Switching: the symbolizer's locks are the runtime's.
  struct Leave {
    ~Leave() { --g_runtime_depth; }
  } leave;
  auto [it, inserted] = Lines().try_emplace(key);
  if (inserted) {
    it->second = LineOf(key);
    if (it->second.file == nullptr || it->second.file[0] == '\0') {
      const bool in_library = it->second.in_library;
      it->second = SourceLine("(unknown)", 0);
      it->second.in_library = in_library;
    }
  }
  if (it->second.line > 0) {
    own_line = true;
    return it->second;
  }
  // A library function of its own (not inlined: libstdc++'s headers at -O0): the call site of
  // the innermost instrumented frame whose call is in the program's code.
  if (it->second.in_library) {
    const Execution* execution = Execution::Running();
    if (execution != nullptr && execution->current_thread() >= 0 &&
        static_cast<std::size_t>(execution->current_thread()) < S().threads.size()) {
      const std::vector<uintptr_t>& callers =
          S().threads[static_cast<std::size_t>(execution->current_thread())].callers;
      for (auto caller = callers.rbegin(); caller != callers.rend(); ++caller) {
        auto [at, new_caller] = Lines().try_emplace(*caller);  // A return address, as `pc`.
        if (new_caller) at->second = LineOf(*caller);
        if (at->second.file == nullptr || at->second.line <= 0) continue;
        SourceLine line = at->second;
        line.in_library = true;
        return line;
      }
    }
  }
  // A call from code without lines (std::thread's constructor and join call pthread_create and
  // pthread_join inside libstdc++): the nearest caller on the real stack in the program's own
  // code, else the nearest with a line (an installed header's). An unwind, for such calls only.
  std::array<void*, 12> frames{};
  const int count = backtrace(frames.data(), static_cast<int>(frames.size()));
  std::optional<SourceLine> nearest;
  for (int i = 1; i < count; ++i) {
    const auto caller = reinterpret_cast<uintptr_t>(frames[static_cast<std::size_t>(i)]);
    if (InRuntime(caller)) continue;
    auto [at, new_caller] = Lines().try_emplace(caller);  // A return address, as `pc`.
    if (new_caller) at->second = LineOf(caller);
    if (at->second.file == nullptr || at->second.line <= 0) continue;
    SourceLine line = at->second;
    line.in_library = true;
    if (!std::string_view(line.file).starts_with("/usr/")) return line;
    if (!nearest) nearest = line;
  }
  if (nearest) return *nearest;
  // No line of the program anywhere on the stack (a thread's state destroyed by libstdc++'s
  // thread routine after the program's function returned): the library header's own line,
  // which says at least whose code it is, rather than none.
  auto [header, new_header] = HeaderLines().try_emplace(key);
  if (new_header) {
    header->second = key != 0 ? LineOfPc(key - 1) : SourceLine();
    header->second.in_library = true;
  }
  return header->second.file != nullptr && header->second.line > 0 ? header->second : it->second;
}

// The line of the code at `pc` itself: for a library's step, the header's line that Where()
// replaces with the program's.
SourceLine OwnLine(const void* pc) {
  ++g_runtime_depth;
  struct Leave {
    ~Leave() { --g_runtime_depth; }
  } leave;
  static auto* const lines = new std::unordered_map<const void*, SourceLine>;
  auto [it, inserted] = lines->try_emplace(pc);
  if (inserted && pc != nullptr) {
    it->second = LineOfPc(reinterpret_cast<uintptr_t>(pc) - 1);
  }
  return it->second;
}

std::string Hex(uintptr_t value) {
  char text[32];
  std::snprintf(text, sizeof text, "0x%lx", static_cast<unsigned long>(value));
  return text;
}

const std::string& NameFor(uintptr_t address);

// "heap block allocated at list.c:12 (push)": the first frame of an allocation's stack in
// the program's own code (instrumented/symbols.h), its file's base name and its function,
// named once per stack (the same text in every process).
const std::string& HeapSite(const std::array<uintptr_t, kAllocationFrames>& frames, uintptr_t base,
                            std::size_t size) {
  static auto* const sites = new std::map<std::array<uintptr_t, kAllocationFrames>, std::string>;
  auto [it, inserted] = sites->try_emplace(frames);
  if (inserted) {
    ++g_runtime_depth;
    int count = 0;
    while (count < kAllocationFrames && frames[static_cast<std::size_t>(count)] != 0) ++count;
    ForgetHeapBlocks();
    RecordAllocation(base, size, frames.data(), count);
    const AddressName name = DescribeAddress(base);
    ForgetHeapBlocks();
    std::string text = "heap block allocated at ";
    if (name.allocated_at.file == nullptr || name.allocated_at.file[0] == '\0') {
      text += "an unknown site";
    } else {
      const std::string file = name.allocated_at.file;
      text += file.substr(file.rfind('/') + 1) + ":" + std::to_string(name.allocated_at.line);
      auto is_site = [&name](const SourceLine& line) {
        return line.line == name.allocated_at.line && line.file != nullptr &&
               std::strcmp(line.file, name.allocated_at.file) == 0;
      };
      for (int i = 0; i < count; ++i) {
        const uintptr_t frame = frames[static_cast<std::size_t>(i)];  // A return address.
        // The frame's own line, or the program's line a library header's code was inlined
        // into (std::make_unique in main at -O2): then the function that holds the code.
        std::string function;
        if (is_site(LineOfPc(frame - 1))) {
          function = FunctionOfPc(frame - 1);
        } else if (is_site(LineOf(frame))) {
          function = OuterFunctionOfPc(frame - 1);
        } else {
          continue;
        }
        if (!function.empty()) text += " (" + function + ")";
        break;
      }
    }
    it->second = std::move(text);
    --g_runtime_depth;
  }
  return it->second;
}

Execution& Exec() { return *Execution::Running(); }

// An address on `thread`'s stack: a local of one of its instrumented frames, innermost first
// ("counter (local of main)"), else its distance from the thread's top ("MainThread
// stack-0x54"). The same in every run of the same schedule.
// The local's name depends only on the address and the frames (each one's registers and the pc
// it is at), which the same schedule gives every execution: memoized by those, since libdw
// walks the frame's DWARF to find it and a search names the same locals in every execution
// (main's pthread_t array, a struct handed to the threads).
std::string StackName(const ThreadRecord& thread, uintptr_t address) {
  static auto* const locals = new std::unordered_map<std::string, std::string>;
  std::string key;
  key.reserve(sizeof(uintptr_t) * (1 + 4 * thread.entries.size()));
  auto append = [&key](uintptr_t word) {
    key.append(reinterpret_cast<const char*>(&word), sizeof(word));
  };
  append(address);
  for (std::size_t i = thread.entries.size(); i-- > 0;) {
    const EntryFrame& frame = thread.entries[i];
    append(frame.pc);
    append(frame.sp);
    append(frame.bp);
    append(i + 1 < thread.callers.size() ? thread.callers[i + 1] : 0);
  }
  if (locals->size() >= (std::size_t{1} << 16)) locals->clear();  // Bounded, whatever the program.
  auto [it, inserted] = locals->try_emplace(std::move(key));
  if (inserted) {
    for (std::size_t i = thread.entries.size(); i-- > 0;) {
      const uintptr_t pc_now = i + 1 < thread.callers.size() ? thread.callers[i + 1] : 0;
      it->second = LocalAt(address, thread.entries[i], pc_now);
      if (!it->second.empty()) break;
    }
  }
  if (!it->second.empty()) return it->second;
  return Exec().thread_name(thread.id) + " stack-" + Hex(thread.stack_base - address);
}

// Names that are the same in every process (replay tokens check them): a global by its symbol
// (naming.h), a heap block by its offset in this execution's heap, a local by its thread and
// its distance from the thread's top frame; never a raw address that ASLR moves.
const std::string& NameFor(uintptr_t address) {
  static auto* const scratch = new std::string;
  if (const int64_t offset = HeapOffset(address); offset >= 0) {
    uintptr_t base = 0;
    std::size_t size = 0;
    std::array<uintptr_t, kAllocationFrames> frames{};
    if (HeapBlockOf(address, &base, &size, frames.data())) {
      *scratch = HeapSite(frames, base, size);
      if (address != base) *scratch += " +" + std::to_string(address - base);
    } else {
      *scratch = "heap+" + Hex(static_cast<uintptr_t>(offset));
    }
    return *scratch;
  }
  if (const int64_t offset = StaticHeapOffset(address); offset >= 0) {
    *scratch = "heap before main+" + Hex(static_cast<uintptr_t>(offset));
    return *scratch;
  }
  Execution& execution = Exec();
  for (const ThreadRecord& thread : S().threads) {
    if (thread.stack_base >= address && thread.stack_base - address < execution.stack_size()) {
      *scratch = StackName(thread, address);
      return *scratch;
    }
  }
  auto [it, inserted] = Names().try_emplace(address);
  if (inserted) it->second = NameOf(address);
  return it->second;
}
// ---- Thread-local variables ----------------------------------------------------------------
// The executable's __thread/thread_local variables are its PT_TLS segment, one block per OS
// thread. Every model thread runs on the search's OS thread, so they would share that one
// block. Instead each model thread keeps its own copy (ThreadRecord::thread_locals): copied
// out when the thread stops at a scheduling point (Switching) and back in when it runs again;
// a new thread's, and each execution's main thread's, starts from the segment's
// initialisation image, as a new OS thread's would. Accesses inside the block are the running
// thread's own: no steps. Not covered: a pointer to a thread-local variable handed to another
// thread (it reaches the other thread's copy), and shared libraries' thread-local variables
// other than libc's errno and libstdc++'s call_once slots (Switching keeps one of each per
// model thread), which stay one per OS thread.
struct ThreadLocals {
  char* live = nullptr;  // This OS thread's block (dl_iterate_phdr's dlpi_tls_data).
  std::size_t size = 0;  // p_memsz: 0 when the executable has none.
  std::string image;     // The initial contents: .tdata, then zeros for .tbss.
};

int FindThreadLocals(dl_phdr_info* info, size_t, void* out) {
  auto* locals = static_cast<ThreadLocals*>(out);
  for (int i = 0; i < info->dlpi_phnum; ++i) {
    const ElfW(Phdr)& ph = info->dlpi_phdr[i];
    if (ph.p_type != PT_TLS || ph.p_memsz == 0 || info->dlpi_tls_data == nullptr) continue;
    locals->live = static_cast<char*>(info->dlpi_tls_data);
    locals->size = ph.p_memsz;
    locals->image.assign(reinterpret_cast<const char*>(info->dlpi_addr + ph.p_vaddr), ph.p_filesz);
    locals->image.resize(ph.p_memsz, '\0');
  }
  return 1;  // The first object is the executable.
}

}  // namespace

// The calling OS thread's ThreadLocals (Locals), asked at every memory access: initial-exec
// TLS, a plain load where a function's own thread_local called __tls_get_addr. External
// linkage, as model/crash.cc's g_departure, for GNU ld's sake.
__attribute__((tls_model(
    "initial-exec"))) constinit thread_local const void* g_thread_locals_of_thread = nullptr;

namespace {

// Of the calling OS thread (the runtime's own thread_local: not the program's).
[[gnu::noinline]] const ThreadLocals* FindLocals() {
  thread_local const ThreadLocals locals = [] {
    RuntimeScope scope;
    ThreadLocals found;
    dl_iterate_phdr(FindThreadLocals, &found);
    return found;
  }();
  g_thread_locals_of_thread = &locals;
  return &locals;
}

const ThreadLocals& Locals() {
  const void* locals = g_thread_locals_of_thread;
  if (locals == nullptr) [[unlikely]] {
    locals = FindLocals();
  }
  return *static_cast<const ThreadLocals*>(locals);
}

bool IsThreadLocal(uintptr_t address) {
  const ThreadLocals& locals = Locals();
  // libc's errno is one per model thread too (Switching).
  return address - reinterpret_cast<uintptr_t>(locals.live) < locals.size ||
         address - reinterpret_cast<uintptr_t>(&errno) < sizeof(int) ||
         CallOnceSlots::Holds(address);
}

// A thread that starts (or main, at an execution's start): its copy is the image.
void StartThreadLocals(ThreadRecord& record) {
  const ThreadLocals& locals = Locals();
  if (locals.size == 0) return;
  record.thread_locals = locals.image;
  std::memcpy(locals.live, record.thread_locals.data(), locals.size);
}

std::string* SaveThreadLocals() {
  const ThreadLocals& locals = Locals();
  if (locals.size == 0) return nullptr;
  Execution* const execution = Execution::Running();
  if (execution == nullptr || execution->current_thread() < 0 ||
      static_cast<std::size_t>(execution->current_thread()) >= S().threads.size()) {
    return nullptr;
  }
  std::string& copy =
      S().threads[static_cast<std::size_t>(execution->current_thread())].thread_locals;
  if (copy.size() != locals.size) return nullptr;
  std::memcpy(copy.data(), locals.live, locals.size);
  return &copy;
}

void LoadThreadLocals(const std::string* copy) {
  if (copy != nullptr) std::memcpy(Locals().live, copy->data(), copy->size());
}

ThreadRecord& Self() { return S().threads[static_cast<std::size_t>(Exec().current_thread())]; }

// ---- Spin loops (above) ---------------------------------------------------------------------
ObjectId ObjectAt(std::unordered_map<uintptr_t, ObjectId>& map, uintptr_t address, ObjectKind kind,
                  uintptr_t named = 0);
ObjectId WordAt(uintptr_t at, std::size_t size, bool write);

uint64_t& VersionOf(ObjectId object) {
  State& s = S();
  if (static_cast<std::size_t>(object) >= s.versions.size()) {
    s.versions.resize(static_cast<std::size_t>(object) + 1, 0);
    s.last_writers.resize(static_cast<std::size_t>(object) + 1, kNoThread);
  }
  return s.versions[static_cast<std::size_t>(object)];
}

// A write that may change the word: a thread waiting on it may poll again. `shared`: not a
// write to the writer's own stack, nor a lock's change (the back-off cycle rule's count).
void Bump(ObjectId object, bool shared = true) {
  if (shared) ++S().shared_writes;
  VersionOf(object) = ++S().version_clock;
  S().last_writers[static_cast<std::size_t>(object)] = Exec().current_thread();
}

void NotPoll() {
  Execution* const execution = Execution::Running();
  if (execution == nullptr) return;
  const ThreadId thread = execution->current_thread();
  State& s = S();
  if (thread >= 0 && static_cast<std::size_t>(thread) < s.threads.size()) {
    s.threads[static_cast<std::size_t>(thread)].spin.Close();
  }
}

// `message`: the store an atomic read read (-1: a plain read).
void NoteRead(ThreadRecord& self, ObjectId object, int message = -1) {
  self.spin.reads.push_back({object, VersionOf(object), message});
  self.spin.open = true;
}

// Whether a word the thread's last iteration read has been written since.
bool IterationReadChanged(ThreadId thread) {
  const State& s = S();
  for (const SpinRead& read : s.threads[static_cast<std::size_t>(thread)].spin.loop_reads) {
    const auto object = static_cast<std::size_t>(read.object);
    if (s.versions[object] != read.version) return true;
    // An atomic read of a store that has a newer one: reading again may read another.
    if (read.message >= 0 &&
        (static_cast<std::size_t>(read.message) >= s.atomic_words[object].values.size() ||
         Exec().HasNewerStore(read.object, read.message))) {
      return true;
    }
  }
  return false;
}

// While a step waits by the spin rule its thread is spinning: a DEADLOCK reports it so
// (ThreadInfo::spinning: "polls forever").
struct SpinWaiting {
  SpinWaiting(bool waits, ThreadId thread) : waits(waits), thread(thread) {
    if (waits) Exec().SetSpinWaiting(thread, true);
  }
  ~SpinWaiting() {
    if (waits) {
      if (Execution* execution = Execution::Running()) execution->SetSpinWaiting(thread, false);
    }
  }
  SpinWaiting(const SpinWaiting&) = delete;
  SpinWaiting& operator=(const SpinWaiting&) = delete;
  bool waits;
  ThreadId thread;
};

// The program's state at the call of the entry point that took interleave_rt_frame: the call
// site, and a hash of the callee-saved registers and of the thread's stack from the caller's
// stack pointer up. False when that stack pointer is not on the thread's stack.
bool FrameState(const ThreadRecord& self, uintptr_t* pc, uint64_t* state) {
  const uintptr_t sp = interleave_rt_frame[6];
  const uintptr_t top = self.stack_base;
  if (sp == 0 || sp >= top || top - sp > Exec().stack_size()) return false;
  uint64_t hash = 0xcbf29ce484222325ULL;
  auto mix = [&hash](uint64_t word) {
    hash ^= word;
    hash *= 0x100000001b3ULL;
    hash ^= hash >> 29;
  };
  for (int i = 0; i < 6; ++i) mix(interleave_rt_frame[i]);
  for (uintptr_t at = sp; at + 8 <= top; at += 8) mix(*reinterpret_cast<const uint64_t*>(at));
  *pc = interleave_rt_frame[7];
  *state = hash;
  return true;
}

// ---- Lock back-off cycles ------------------------------------------------------------------
// A lock-order avoidance loop (libstdc++'s std::lock and std::scoped_lock over several
// mutexes: lock one, trylock the others, on a failure unlock and start from the one that
// failed) runs forever under a schedule that always lets each thread's trylock find the
// mutex the other holds: a LIVELOCK warning on a correct program, which only a preemption in
// every round keeps going. The rule: while some thread has had a trylock fail, each lock and
// trylock of the program records the global state there: every thread's state at the lock or
// trylock it is at (its call site, registers, stack and thread-local block, as the spin rule
// takes them; its count of steps if it stands elsewhere), each mutex's holder, the count of writes
// to memory other than the writer's own stack, the number of threads. When a state comes back and
// every step in between was a lock, trylock, unlock, read, write or (in time mode any) yield, the
// execution is back where it was: what it can do from here it could do from there, where the search
// goes on along every other branch. It ends, pruned, as a spin's repetition does (but not where
// the spin rule makes the thread wait, nothing it read having changed: that wait lets the
// others run, as they must, where an end would leave their moves to other branches). The state is
// known only when every unfinished thread stands at a lock or trylock (taken at its entry point,
// which captures the program's registers) or has taken no step since the state's first visit (its
// count of steps is compared instead); otherwise the states differ. What the program keeps
// outside the compared state (an uninstrumented library's) is not seen, as for the spin rule.
uint64_t MixHash(uint64_t hash, uint64_t word) {
  hash ^= word;
  hash *= 0x100000001b3ULL;
  return hash ^ (hash >> 29);
}

// Every step (Switching): the thread's state is kept for the step that took it, else forgotten.
void CycleStep(bool captured) {
  State& s = S();
  if (s.backing_off == 0) return;
  Execution* const execution = Execution::Running();
  if (execution == nullptr || execution->current_thread() < 0) return;
  const auto id = static_cast<std::size_t>(execution->current_thread());
  if (id >= s.threads.size()) return;
  ++s.threads[id].cycle_steps;
  if (!captured) s.threads[id].cycle_frame_valid = false;
}

// Whether the steps from `first` on leave the program's state as a lock loop does (above).
bool OnlyLockLoopSteps(std::size_t first) {
  Execution& execution = Exec();
  for (std::size_t i = first; i < execution.event_count(); ++i) {
    const TraceEvent& event = execution.EventAt(i);
    switch (event.kind) {
      case OpKind::kRead:
      case OpKind::kWrite:  // Own stacks only: shared_writes counts the others.
        break;
      case OpKind::kAcquire:
      case OpKind::kRelease:
        if (event.object == kNoObject || execution.object(event.object).kind != ObjectKind::kLock) {
          return false;
        }
        break;
      case OpKind::kSleep:
        if (execution.time_mode() != TimeMode::kAny) return false;
        break;
      default:
        return false;
    }
  }
  return true;
}

// At the program's lock or trylock (its entry point took interleave_rt_frame), just before
// the step: records the thread's state, and ends the execution when the global state has come
// back (above).
void CycleCheck(ThreadRecord& self) {
  State& s = S();
  if (s.backing_off == 0) return;
  uintptr_t pc = 0;
  uint64_t state = 0;
  if (!FrameState(self, &pc, &state)) return;
  const ThreadLocals& locals = Locals();
  for (std::size_t i = 0; i + 8 <= locals.size; i += 8) {
    uint64_t word = 0;
    std::memcpy(&word, locals.live + i, 8);
    state = MixHash(state, word);
  }
  self.cycle_pc = pc;
  self.cycle_state = state;
  self.cycle_frame_valid = true;
  g_cycle_capture = true;
  Execution& execution = Exec();
  uint64_t signature = 0xcbf29ce484222325ULL;
  for (const ThreadRecord& thread : s.threads) {
    if (execution.IsFinished(thread.id)) {
      signature = MixHash(signature, 1);
      continue;
    }
    signature = thread.cycle_frame_valid
                    ? MixHash(MixHash(signature, thread.cycle_pc), thread.cycle_state)
                    : MixHash(MixHash(signature, 2), thread.cycle_steps);
  }
  signature = MixHash(MixHash(signature, s.threads.size()), s.shared_writes);
  uint64_t holders = 0;  // A sum: the same whatever the map's order.
  for (const auto& [key, mutex] : s.mutexes) {
    holders += MixHash(MixHash(MixHash(key, static_cast<uint64_t>(mutex.object)),
                               static_cast<uint64_t>(execution.object(mutex.object).owner)),
                       static_cast<uint64_t>(mutex.count));
  }
  signature = MixHash(signature, holders);
  for (const State::CycleVisit& visit : s.cycle_visits) {
    if (visit.signature == signature && OnlyLockLoopSteps(visit.events)) {
      execution.PruneAtNextStep();
      return;
    }
  }
  constexpr std::size_t kMaxCycleVisits = 64;  // A longer cycle is not recognised.
  if (s.cycle_visits.size() == kMaxCycleVisits) s.cycle_visits.erase(s.cycle_visits.begin());
  s.cycle_visits.push_back({signature, execution.event_count()});
}

// ---- Retries after a spurious failure -----------------------------------------------------
// compare_exchange_weak may fail spuriously, and the search tries that failure as a branch (once
// per store: model/execution.cc UpdateInStep), since a program may depend on it not happening.
// But in the common loop, `while (!x.compare_exchange_weak(expected, desired)) {}`, a spurious
// failure changes nothing: `expected` gets the value it held, and the thread comes back to the
// same compare-exchange in the same state (registers, stack) having only waited. Every
// execution from there repeats one of the branch in which the first attempt ran (the other
// threads' steps that the retry lets run first were possible before the attempt too; under
// RC11 the failed read can only have narrowed what the thread may read next). So such a retry
// ends its execution, pruned, as the spin rule's repetitions are (Statistics::pruned). The
// state is compared as the spin rule compares it (FrameState); between the failure and the
// retry the thread may have read and yielded, and no other thread may have run. Each
// compare-exchange weak doubled a loop's classes without it: libstdc++'s stop_token lock,
// a Treiber stack.
bool RetriesUnchanged(const ThreadRecord& self, uintptr_t pc, uint64_t state) {
  const SpuriousRetry& retry = self.retry;
  if (retry.pc == 0 || retry.pc != pc || retry.state != state) return false;
  Execution& execution = Exec();
  for (std::size_t i = retry.events; i < execution.event_count(); ++i) {
    const TraceEvent& event = execution.EventAt(i);
    if (event.thread != self.id || (event.kind != OpKind::kRead && event.kind != OpKind::kSleep)) {
      return false;
    }
  }
  return true;
}

// Before a poll's step, with interleave_rt_frame taken at its call: true when the thread has
// come back to a state it was in at an earlier poll of its window (an iteration: its reads
// become loop_reads, and the poll waits until one of them changes).
bool SpinCheck(ThreadRecord& self) {
  SpinWindow& window = self.spin;
  // Inside a critical section locked as a poll the thread holds what others must change to
  // let it go on: it never waits there (its iterations are found at the lock, MutexLock).
  if (!window.open || !window.held.empty()) return false;
  uintptr_t pc = 0;
  uint64_t state = 0;
  if (!FrameState(self, &pc, &state)) return false;
  const auto visit =
      std::find_if(window.visits.begin(), window.visits.end(),
                   [&](const SpinWindow::Visit& v) { return v.state == state && v.pc == pc; });
  if (visit == window.visits.end()) {
    if (window.visits.size() == kMaxSpinVisits) window.visits.erase(window.visits.begin());
    window.visits.push_back({pc, state, window.reads.size()});
    return false;
  }
  window.loop_reads.assign(window.reads.begin() + static_cast<std::ptrdiff_t>(visit->first_read),
                           window.reads.end());
  // A word the thread wrote itself since it read it (a temporary on its own stack, the only
  // write that leaves a window open) holds what the frame compare saw: the version to wait
  // past is the current one, and its version is no part of what the iteration read.
  std::vector<SpinRead>& key = S().spin_key;
  key.clear();
  for (SpinRead& read : window.loop_reads) {
    key.push_back(read);
    if (S().last_writers[static_cast<std::size_t>(read.object)] == self.id) {
      read.version = VersionOf(read.object);
      key.back().version = 0;
    }
  }
  // The same iteration as the last one found, from the same state and reading the same stores
  // (only a weak load can: a plain read waits for a newer version first): this execution
  // repeats what the one in which the thread waited instead does, and is pruned (as the
  // model's spin rule does, model/execution.h AtomicLoad).
  if (window.loop_pc == pc && window.loop_state == state && window.last_iteration == key) {
    Exec().PruneAtNextStep();
  }
  window.last_iteration.swap(key);
  window.loop_pc = pc;
  window.loop_state = state;
  window.reads.clear();
  window.visits.assign(1, SpinWindow::Visit{pc, state, 0});
  return true;
}

// ---- The rounds of __atomic_spin -----------------------------------------------------------
// Every C++20 wait of libstdc++ 12 (std::atomic<T>::wait, std::latch, std::barrier,
// std::counting_semaphore) runs std::__detail::__atomic_spin before it sleeps on a futex: up to
// 16 rounds of its predicate (atomic loads), with a pause after each of the first 12 and a
// sched_yield after each of the last 4, then a futex wait against the value the waiter loaded
// before the spin. Taken round by round, each round's load is a step another thread's store may
// come before or after, and the loop counter makes every round a new state for the spin rule: a
// latch awaited by main with two workers was 6,220 classes, a semaphore producer and consumer
// of two items 195,219 (and more under RC11 than a search ends).
// Rounds 2 to 16 add no behaviour. The spin tells its caller only `true` (not in which round
// the predicate held), the thread does nothing between rounds, and a change made while they run
// is seen after them: by the futex wait's compare (the word changed), or by the notify that a
// correct program makes after its change. A round k that reads another thread's new store is
// round 1 of the execution in which that store came before round 1, which the search explores
// (a load and a store of one word are dependent). Under RC11 round k may read no store that
// round 1 could not have read: the thread's view did not move between them, and a store made
// meanwhile is again one made before round 1 in another execution.
// So after the first round its loads read what the first read, without steps, and its yields
// and its accesses to its own stack (the predicate's temporaries: a compare-exchange's
// `expected`, -O0's locals) are no steps; the rounds end where the thread takes a step of any
// other kind (a semaphore's predicate that tries a compare-exchange, the futex wait after the
// 16 rounds) or another thread runs. A load is in the spin when its call site, or one of its
// callers' (the function is a frame of its own at -O0), is code of __atomic_spin or inlined
// from it (DWARF; without DWARF every round is a step, as before).
constexpr std::size_t kSpinCallerDepth = 4;

bool InAtomicSpin(const ThreadRecord& self, const void* pc) {
  static auto* const known = new std::unordered_map<uintptr_t, bool>;
  auto in_spin = [](uintptr_t return_address) {
    auto [it, inserted] = known->try_emplace(return_address, false);
    if (inserted) it->second = InFunction(return_address, "__atomic_spin");
    return it->second;
  };
  if (in_spin(reinterpret_cast<uintptr_t>(pc))) return true;
  const std::size_t depth = std::min(self.callers.size(), kSpinCallerDepth);
  for (std::size_t i = 1; i <= depth; ++i) {
    if (in_spin(self.callers[self.callers.size() - i])) return true;
  }
  return false;
}

// Whether the thread's rounds are open: it has been the only one to run since its first
// round's last step, and took no step since.
bool RoundsOpen(const ThreadRecord& self) {
  return self.rounds.events != 0 && self.rounds.events == Exec().event_count() &&
         self.rounds.answered < kMaxRoundAnswers;
}

// After a step of the first round, taken with `before` events in the trace: the rounds stay
// open when they were before it and only the thread's own events were added.
void ExtendFirstRound(ThreadRecord& self, std::size_t before) {
  Execution& execution = Exec();
  bool open = self.rounds.events == before && !self.rounds.later;
  for (std::size_t i = before; open && i < execution.event_count(); ++i) {
    open = execution.EventAt(i).thread == self.id;
  }
  self.rounds.events = open ? execution.event_count() : 0;
}

}  // namespace

bool SpinRoundYield(const void* pc) {
  RuntimeScope scope;
  if (S().live <= 1) return false;
  ThreadRecord& self = Self();
  if (!RoundsOpen(self) || !InAtomicSpin(self, pc)) return false;
  ++self.rounds.answered;
  return true;
}

void WroteExpected(const void* expected, std::size_t size) {
  RuntimeScope scope;
  ThreadRecord& self = Self();
  const auto at = reinterpret_cast<uintptr_t>(expected);
  // On the thread's own stack (a local `expected`, the common loop) the frame compare sees the
  // new value: the window stays open, and a loop that reads the same again is a spin.
  if (at < self.stack_base && self.stack_base - at <= Exec().stack_size()) return;
  // Elsewhere (a Treiber stack's `node->next`, on the heap) the compare would not see it: the
  // loop comes back to the same registers and stack with another expected value, and taken
  // for a spin it waited for a newer store that never came (a false DEADLOCK). It is an
  // effect: the window closes, and the words' versions move for other threads' polls.
  NotPoll();
  State& s = S();
  for (uintptr_t word = at; word < at + size; word += 8) {
    const auto it = s.words.find(word);
    if (it != s.words.end()) Bump(it->second.object);
  }
}

namespace {

// Zeroes the stack below the caller's frame, where the thread's code is about to run: a slot of
// the program's frames that its code has not written yet then holds 0 rather than what an
// earlier execution on the same fiber stack left there, and the spin rule's frame compare
// finds an iteration at the same point in every run of a schedule (the determinism check
// replays them). The runtime's own frames left below the program's later are not scrubbed.
[[gnu::noinline]] void ScrubStack() {
  const std::size_t size = std::min<std::size_t>(32 * 1024, Exec().stack_size() / 4);
  char* const below = static_cast<char*>(__builtin_alloca(size));
  __builtin_memset(below, 0, size);
  asm volatile("" : : "r"(below) : "memory");
}

// An access inside an SV-COMP atomic section (a step without a scheduling point, Access):
// reads are noted for the spin rule, writes keep the bytes before them (AtomicEnd compares).
void SectionAccess(ThreadRecord& self, uintptr_t first, std::size_t size, bool write) {
  if (write) {
    for (const SectionWrite& w : self.section_writes) {
      if (w.address == first && w.before.size() >= size) return;
    }
    self.section_writes.push_back({first, std::string(reinterpret_cast<const char*>(first), size)});
    return;
  }
  const uintptr_t last = size <= 8 ? first : first + size - 1;
  for (uintptr_t at = first; at <= last; at += 8) {
    NoteRead(self, WordAt(at, std::min<std::size_t>(8, first + size - at), false));
  }
}

// The object of `address` (a word), named after `named`, the first address touched in it.
ObjectId ObjectAt(std::unordered_map<uintptr_t, ObjectId>& map, uintptr_t address, ObjectKind kind,
                  uintptr_t named) {
  auto [it, inserted] = map.try_emplace(address, kNoObject);
  if (inserted) it->second = Exec().AddObject(kind, NameFor(named != 0 ? named : address));
  return it->second;
}

// The first start address whose object can hold the byte at `at`.
uintptr_t LookBack(uintptr_t at) {
  return at >= kMaxObjectBytes - 1 ? at - (kMaxObjectBytes - 1) : 0;
}

// Whether some thread in `a` differs from some thread in `b` (one bit per thread).
bool OtherThreadIn(uint64_t a, uint64_t b) {
  return a != 0 && b != 0 && !(a == b && (a & (a - 1)) == 0);
}

// The memory object of the `size` bytes (1-8; 16 for a 16-byte atomic) at `at`, noting the
// current thread's read or write of them.
//
// Objects are keyed by start address, so accesses that overlap from different start
// addresses (a union, a struct copied whole and read by field, an int read as its bytes) are
// different objects: the search does not see that they depend on each other. Within one
// thread that is harmless (program order orders them); when two threads touch such
// overlapping bytes and one of them writes, the interleavings of the two were not all
// explored, and the execution ends with an ERROR naming both objects: never a PASS that
// did not check them. A heap block given back (heap.cc) and a new thread's stack forget the
// objects in their bytes (ForgetMemory): a new variable there is not the old one.
ObjectId WordAt(uintptr_t at, std::size_t size, bool write) {
  State& s = S();
  Execution& execution = Exec();
  const ThreadId thread = execution.current_thread();
  const uint64_t bit = uint64_t{1} << std::min<ThreadId>(std::max<ThreadId>(thread, 0), 63);
  auto [it, inserted] = s.words.try_emplace(at);
  Word& word = it->second;
  if (inserted) {
    word.object = execution.AddObject(ObjectKind::kShared, NameFor(at));
    for (const PrivateRange& range : s.private_ranges) {
      if (at >= range.begin && at < range.end) {
        word.private_to = range.thread;
        execution.MarkPrivateTo(word.object, range.thread);
      }
    }
    // A word of the thread's own stack, met first by that thread: nobody else can reach it
    // before the thread has published its address (a step on something else), so for
    // symmetry its steps on it leave the thread fresh (no error if others reach it later).
    // (Not main's: main is never a member.)
    if (execution.symmetry() && thread > 0 && static_cast<std::size_t>(thread) < s.threads.size()) {
      const uintptr_t base = s.threads[static_cast<std::size_t>(thread)].stack_base;
      if (at < base && at >= base - execution.stack_size())
        execution.MarkPrivateTo(word.object, thread);
    }
  }
  if (word.private_to != kNoThread && word.private_to != thread && thread >= 0) [[unlikely]] {
    execution.RecordError("--symmetry: thread '" + execution.thread_name(thread) + "' used " +
                          NameFor(at) + ", the state of std::thread '" +
                          execution.thread_name(word.private_to) +
                          "' (its callable and arguments), which only that thread uses: drop "
                          "--symmetry");
  }
  (write ? word.writers : word.readers) |= bit;
  if (at + size > word.end) {
    // New bytes for this object: does it now overlap another? (Objects span at most
    // kMaxObjectBytes, so only those starting in the 15 bytes before `at` or inside it can.)
    word.end = at + size;
    s.word_ends[at] = word.end;
    for (auto other = s.word_ends.lower_bound(LookBack(at));
         other != s.word_ends.end() && other->first < word.end; ++other) {
      if (other->first == at || other->second <= at) continue;
      word.overlapped = true;
      s.words[other->first].overlapped = true;
    }
  }
  if (word.overlapped) {
    for (auto other = s.word_ends.lower_bound(LookBack(at));
         other != s.word_ends.end() && other->first < word.end; ++other) {
      if (other->first == at || other->second <= at) continue;
      const Word& them = s.words[other->first];
      if (OtherThreadIn(word.writers, them.readers | them.writers) ||
          OtherThreadIn(word.readers | word.writers, them.writers)) {
        execution.RecordError(
            "accesses of different sizes overlap: " + NameFor(at) + " (" +
            std::to_string(word.end - at) + " bytes) and " + NameFor(other->first) + " (" +
            std::to_string(other->second - other->first) +
            " bytes) share bytes, two threads touch them and one writes; interleave orders "
            "memory accesses by their start address, so it did not explore the orders of these "
            "(README \"Unmodified programs\"): the program cannot be checked as it is");
        break;
      }
    }
  }
  return word.object;
}

template <typename T>
T& StateAt(std::unordered_map<uintptr_t, T>& map, const void* address, ObjectKind kind) {
  const auto key = reinterpret_cast<uintptr_t>(address);
  auto [it, inserted] = map.try_emplace(key);
  if (inserted) it->second.object = Exec().AddObject(kind, NameFor(key));
  return it->second;
}

// An 8-byte value as what it points to ("" when it points nowhere named). A pointer into the
// execution's heap or a thread's stack reads as what it points to: the number is not the same
// from run to run (a thread's fiber stack comes from a pool), and the determinism check
// compares what reads read.
std::string PointerText(uint64_t value) {
  if (const int64_t offset = HeapOffset(value); offset >= 0) {
    return "&heap+" + Hex(static_cast<uintptr_t>(offset));
  }
  if (const int64_t offset = StaticHeapOffset(value); offset >= 0) {
    return "&heap before main+" + Hex(static_cast<uintptr_t>(offset));
  }
  Execution& execution = Exec();
  for (const ThreadRecord& thread : S().threads) {
    if (thread.stack_base >= value && thread.stack_base - value < execution.stack_size()) {
      return "&" + StackName(thread, value);
    }
  }
  // A pointer into a loaded module (a function, a global; PIE and libraries move from run to
  // run): the symbol, or the module, and the offset. Kept per value: dladdr scans the module's
  // symbols, and a program passes the same function pointers in every execution.
  if (value < 0x10000) return "";
  const RuntimeScope scope;  // The cache's allocations are the runtime's.
  static auto* const module_texts = new std::unordered_map<uint64_t, std::string>;
  if (module_texts->size() >= 1 << 16) module_texts->clear();
  const auto [it, inserted] = module_texts->try_emplace(value);
  Dl_info info{};
  if (inserted && dladdr(reinterpret_cast<const void*>(value), &info) != 0 &&
      info.dli_fbase != nullptr) {
    const bool symbol = info.dli_sname != nullptr && info.dli_saddr != nullptr;
    std::string base = symbol ? info.dli_sname : info.dli_fname;
    if (!symbol) base = base.substr(base.rfind('/') + 1);
    const uintptr_t from = reinterpret_cast<uintptr_t>(symbol ? info.dli_saddr : info.dli_fbase);
    it->second = "&" + base + (value == from ? "" : "+" + Hex(value - from));
  }
  return it->second;
}

// A value of `size` bytes (1 to 8) as a report shows it.
std::string BitsText(uint64_t value, std::size_t size) {
  if (size == 4) return std::to_string(static_cast<int32_t>(value));
  if (size == 8) {
    std::string pointer = PointerText(value);
    return pointer.empty() ? std::to_string(static_cast<int64_t>(value)) : pointer;
  }
  return std::to_string(value);
}

// An atomic's value of `size` bytes (1, 2, 4, 8 or 16) as a report shows it; 16 bytes: a
// decimal, or a pair of halves when one is a pointer (wide_values.h WideValueText).
std::string AtomicText(AtomicBits value, std::size_t size) {
  if (size == 16) return WideValueText(value, PointerText);
  return BitsText(static_cast<uint64_t>(value), size);
}

std::string ValueText(uintptr_t address, std::size_t size) {
  uint64_t value = 0;
  switch (size) {
    case 1:
      value = *reinterpret_cast<const uint8_t*>(address);
      break;
    case 2:
      value = *reinterpret_cast<const uint16_t*>(address);
      break;
    case 4:
      value = *reinterpret_cast<const uint32_t*>(address);
      break;
    case 8:
      value = *reinterpret_cast<const uint64_t*>(address);
      break;
    default:
      // The last bytes of a range (a struct of 12 bytes: 8, then 4; of 11: 8, then 3): an
      // unsigned number, low byte first as x86-64 stores it.
      if (size > 8) return "";
      std::memcpy(&value, reinterpret_cast<const void*>(address), size);
      break;
  }
  return BitsText(value, size);
}

void FlushWrite() {
  Execution* const execution = Execution::Running();
  if (execution == nullptr) return;
  const ThreadId thread = execution->current_thread();
  State& s = S();
  if (thread < 0 || static_cast<std::size_t>(thread) >= s.threads.size()) return;
  ThreadRecord& record = s.threads[static_cast<std::size_t>(thread)];
  if (record.unwritten == 0) return;
  RuntimeScope scope;
  // Each 8 bytes of a wider write show their own value, as a wider read's (Access).
  for (std::size_t i = 0; i < record.unwritten_events.size(); ++i) {
    const std::size_t offset = 8 * i;
    if (record.unwritten_events[i] >= execution->event_count() || offset >= record.unwritten_size) {
      continue;
    }
    execution->EventAt(record.unwritten_events[i]).value = ValueText(
        record.unwritten + offset, std::min<std::size_t>(8, record.unwritten_size - offset));
  }
  record.unwritten = 0;
  record.unwritten_events.clear();
}

}  // namespace

void ForgetMemory(uintptr_t begin, uintptr_t end) {
  RuntimeScope scope;
  State& s = S();
  std::erase_if(s.private_ranges,
                [&](const PrivateRange& range) { return range.begin < end && begin < range.end; });
  auto from = s.word_ends.lower_bound(LookBack(begin));
  while (from != s.word_ends.end() && from->first < end) {
    if (from->second <= begin) {
      ++from;
      continue;
    }
    s.words.erase(from->first);
    from = s.word_ends.erase(from);
  }
  // The synchronisation objects there: one made at the same address later is a new one (its
  // kind, value or count read again; a once control that runs its init again).
  auto in_range = [begin, end](const auto& entry) {
    return entry.first >= begin && entry.first < end;
  };
  std::erase_if(s.mutexes, in_range);
  std::erase_if(s.conds, in_range);
  std::erase_if(s.sems, in_range);
  std::erase_if(s.barriers, in_range);
  std::erase_if(s.rwlocks, in_range);
  std::erase_if(s.onces, in_range);
  std::erase_if(s.once_objects, in_range);
}

void StartExecution() {
  RuntimeScope scope;
  // A failed assert right after a write: the write's step shows its value (FlushWrite).
  Execution::SetBeforeFailure(&FlushWrite);
  State& s = S();
  s.words.clear();
  s.word_ends.clear();
  s.private_ranges.clear();
  s.mutexes.clear();
  s.conds.clear();
  s.futexes.clear();
  s.sems.clear();
  s.barriers.clear();
  s.rwlocks.clear();
  s.onces.clear();
  s.once_objects.clear();
  s.keys.clear();
  s.key_destructors.clear();
  s.next_key = 0;
  s.library_creations.clear();
  for (const State::LibraryKey& library : s.library_keys) {
    s.keys[library.key];
    if (library.destructor != nullptr) s.key_destructors[library.key] = library.destructor;
  }
  s.keys_object = kNoObject;
  s.threads.clear();
  s.threads.emplace_back();
  s.threads.back().id = 0;
  s.threads.back().object = 0;  // MainThread is the execution's first object.
  StartThreadLocals(s.threads.back());
  s.atomic_section = kNoObject;
  s.live = 1;
  s.backing_off = 0;
  s.shared_writes = 0;
  s.cycle_visits.clear();
  s.alone_pc = nullptr;
  s.main_exited_thread = false;
  s.exiting = false;
  s.versions.clear();
  s.last_writers.clear();
  s.version_clock = 0;
  s.atomic_words.clear();
  // An SV-COMP atomic function runs as one step from its entry hook to its exit hook; a copy the
  // compiler inlined (-O2) has neither, so its accesses would run as separate steps, and the
  // search would report races and failures the program does not have (or end in a step-less
  // spin). Found once, in the program's DWARF.
  static const std::optional<InlinedCall> inlined_section = [] {
    std::optional<InlinedCall> call = FirstInlinedCall("__VERIFIER_atomic_");
    if (call && (call->function == "__VERIFIER_atomic_begin" ||
                 call->function == "__VERIFIER_atomic_end")) {
      return std::optional<InlinedCall>();  // The runtime's own markers, not a section.
    }
    return call;
  }();
  if (inlined_section) {
    Exec().RecordError("the SV-COMP atomic function " + inlined_section->function +
                       " was inlined into the program at " + inlined_section->at.ToString() +
                       ": interleave runs such a function as one step from its entry to its "
                       "return, and an inlined copy has neither, so its accesses would run as "
                       "separate steps: the program cannot be checked as it is (build it with "
                       "-fno-inline, or declare the function __attribute__((noinline)))");
  }
}

void ProgramExit() {
  State& s = S();
  s.exiting = true;
  Execution& execution = Exec();
  const ThreadId self = execution.current_thread();
  execution.ProgramExiting();
  // Each thread still running is cut off where it stands, after a step of the exiting thread
  // that observes it (an exit-wait, as at a daemon's exit): the other threads may run before
  // it, and a reduction tries their next operations before the exit. Without that step the
  // kill had no decision of its own, and a thread that could have run first (and failed) was
  // never tried there.
  for (ThreadId t = execution.thread_count() - 1; t >= 0; --t) {
    if (t == self || execution.IsFinished(t)) continue;
    const ObjectId object = s.threads[static_cast<std::size_t>(t)].object;
    execution.CutOffAtExit(t);
    const SourceLine where = execution.LastStepOf(self);
    Switching([&] { execution.Step(OpKind::kExitWait, object, where); });
    if (execution.IsFinished(t)) continue;
    Switching([&] { execution.Kill(t, "thread ended by the program's exit", where); });
  }
}

namespace {
void RunThreadLocalDestructors(ThreadId thread);  // "Threads", below.
}  // namespace

// The program's exit status is its own verdict on the execution (a test's `return 1`, an
// exit(EXIT_FAILURE) after a failed check): a status other than 0 fails the execution's check
// that it exits with status 0, as a failed expect of a model scenario does (INVARIANT). The
// status is what the parent would see: code & 0377.
// `call`: "main" for main's return, else the function called ("exit", "_exit").
void CheckExitStatus(int code, std::string_view call, const void* pc) {
  if ((code & 0377) == 0) return;
  const std::string number = std::to_string(code);
  Exec().RecordFailedExpect(
      "exit status 0 (the program " +
          (call == "main" ? "returned " + number + " from main"
                          : "called " + std::string(call) + "(" + number + ")") +
          ")",
      // main's return has no line of its own the runtime sees: main's last access after its
      // last step (at -O0 the test that chose the status: `if (counter != 2)`), else its last
      // step's line.
      pc != nullptr                                                        ? Where(pc)
      : S().alone_pc != nullptr && S().alone_after == Exec().event_count() ? Where(S().alone_pc)
                                                                           : Exec().LastStepOf(0));
}

int RunMain(const std::function<int()>& main) {
  ThreadRecord& self = S().threads[0];
  volatile int code = 0;
  volatile bool returned = false;
  self.stack_base = reinterpret_cast<uintptr_t>(__builtin_frame_address(0));
  ScrubStack();
  if (setjmp(self.exit_jump) == 0) {
    errno = 0;  // C11 7.5: zero at program startup, in every execution.
    CallOnceSlots{}.Load();
    code = main();
    returned = true;
  }
  FlushWrite();
  if (returned) {
    RuntimeScope scope;
    CheckExitStatus(code, "main", nullptr);
  }
  RunThreadLocalDestructors(0);  // Before the exit's other work, as glibc's exit() does.
  // main returned, called exit(), or pthread_exit().
  if (!S().main_exited_thread) {
    RuntimeScope scope;
    ProgramExit();
  }
  return code;
}

// ---- Memory -------------------------------------------------------------------------------
// An access is a visible step unless every thread but main has been joined (before the first
// pthread_create, after the last join: the happens-before of start and join orders it against
// every other access, so nothing can interleave with it) or it lies inside an
// SV-COMP atomic section (one step with the section's begin: "SV-COMP", below). A variable is its
// start address: accesses of up to 8 bytes are one object by address, wider plain ones (16
// bytes, ranges) one per 8 bytes from their start (a 16-byte atomic is one: "Atomics"). Accesses of
// different sizes that overlap at different start addresses (a union, a struct read whole and by
// field) are different objects: a dependence the search does not see, so two threads touching such
// bytes are an ERROR (WordAt).
namespace {
// The steps of an access inside an SV-COMP atomic section: with no scheduling point of their
// own (the thread is exclusive: "SV-COMP", below).
[[gnu::noinline]] void SectionSteps(uintptr_t first, std::size_t size, bool write, const void* pc) {
  const uintptr_t last = size <= 8 ? first : first + size - 1;
  const SourceLine where = Where(pc);
  for (uintptr_t at = first; at <= last; at += 8) {
    const ObjectId object = WordAt(at, std::min<std::size_t>(8, first + size - at), write);
    g_poll = true;  // The section's end decides what it was for the spin rule.
    TraceEvent& event = Switching([&]() -> TraceEvent& {
      return Exec().Step(write ? OpKind::kWrite : OpKind::kRead, object, where);
    });
    if (!write) event.value = ValueText(at, std::min<std::size_t>(8, first + size - at));
  }
}
}  // namespace

void Access(const void* address, std::size_t size, bool write, const void* pc) {
  State& s = S();
  if (s.live <= 1 || size == 0) {
    if (size != 0 && Exec().current_thread() == 0) {
      s.alone_pc = pc;
      s.alone_after = Exec().event_count();
    }
    return;
  }
  RuntimeScope scope;
  ThreadRecord& self = s.threads[static_cast<std::size_t>(Exec().current_thread())];
  const auto first = reinterpret_cast<uintptr_t>(address);
  if (IsThreadLocal(first)) return;  // The running thread's own copy.
  if (self.atomic_depth > 0) {
    SectionAccess(self, first, size, write);
    SectionSteps(first, size, write, pc);
    return;
  }
  const bool own_stack = first < self.stack_base && self.stack_base - first <= Exec().stack_size();
  // The temporaries of __atomic_spin's rounds: no steps after the first round's.
  std::size_t round_before = 0;
  if (own_stack && RoundsOpen(self) && InAtomicSpin(self, pc)) {
    if (self.rounds.later) return;
    round_before = Exec().event_count();
  }
  const uintptr_t last = size <= 8 ? first : first + size - 1;
  const SourceLine where = Where(pc);
  const ThreadId id = self.id;
  // A read is a poll. A read of the thread's own stack is one no other thread can change: no
  // place to wait, and no visit of the window (at -O0 a round of libstdc++'s inline code reads
  // a dozen temporaries, and their visits pushed the loop's real polls out of the window's 16).
  bool waits = !write && !own_stack && SpinCheck(self);
  for (uintptr_t at = first; at <= last; at += 8) {
    const ObjectId object = WordAt(at, std::min<std::size_t>(8, first + size - at), write);
    if (write) {
      // A write to the thread's own stack (a temporary whose address escaped: GCC's
      // <stdatomic.h> at -O0 makes several per atomic) is state the spin rule's frame compare
      // sees: it leaves the window open.
      const bool own = at < self.stack_base && self.stack_base - at <= Exec().stack_size();
      g_poll = own;
      const std::size_t event = Switching(
          [&] { return Exec().EventIndex(Exec().PlainStep(OpKind::kWrite, object, where)); });
      Bump(object, /*shared=*/!own);
      // The write's events, one per 8 bytes, in the thread's record (its capacity is reused):
      // their values are read once the store has run (FlushWrite), and the write is pending
      // only after its last step, since each step's Switching flushes the pending write. The
      // first step's switch flushed the thread's previous write.
      ThreadRecord& writer = S().threads[static_cast<std::size_t>(id)];
      if (at == first) writer.unwritten_events.clear();
      writer.unwritten_events.push_back(event);
      continue;
    }
    g_poll = true;
    const ThreadRecord& reader = S().threads[static_cast<std::size_t>(id)];
    // The same line of the program is not enough: a library's steps (in_library) show the
    // program line that called them, and only the same line of code is one copy.
    g_write_still_pending = reader.unwritten != 0 && reader.unwritten_where == where &&
                            (!where.in_library || OwnLine(reader.unwritten_pc) == OwnLine(pc));
    TraceEvent& event = Switching([&]() -> TraceEvent& {
      if (!waits) return Exec().PlainStep(OpKind::kRead, object, where);
      const SpinWaiting spinning(true, id);
      return Exec().Step(OpKind::kRead, object, where, [id] { return IterationReadChanged(id); });
    });
    waits = false;
    NoteRead(S().threads[static_cast<std::size_t>(id)], object);
    // Each 8 bytes of a wider read (a 16-byte copy) show their own value.
    event.value = ValueText(at, std::min<std::size_t>(8, first + size - at));
  }
  if (write) {
    ThreadRecord& writer = S().threads[static_cast<std::size_t>(id)];
    writer.unwritten = first;
    writer.unwritten_size = size;
    writer.unwritten_where = where;
    writer.unwritten_pc = pc;
  }
  if (round_before != 0) ExtendFirstRound(S().threads[static_cast<std::size_t>(id)], round_before);
}

int AllocationStack(uintptr_t return_address, uintptr_t* frames) {
  // The allocator's caller, unless it is this runtime (realloc calls malloc).
  int count = 0;
  if (return_address != 0 && !InRuntime(return_address)) frames[count++] = return_address;
  Execution* const execution = Execution::Running();
  if (execution != nullptr && execution->current_thread() >= 0) {
    const std::vector<uintptr_t>& callers =
        S().threads[static_cast<std::size_t>(execution->current_thread())].callers;
    for (auto it = callers.rbegin(); it != callers.rend() && count < kAllocationFrames - 1; ++it) {
      if (!InRuntime(*it)) frames[count++] = *it;  // Not the runtime's own call of main.
    }
  }
  return count;
}

void FunctionEntry(const void* pc, const void* caller) {
  // Taken first: the symbol lookup below can pass through captured entry points again.
  const EntryFrame entry{.pc = reinterpret_cast<uintptr_t>(pc),
                         .sp = static_cast<uintptr_t>(interleave_rt_frame[6]),
                         .bp = static_cast<uintptr_t>(interleave_rt_frame[1])};
  RuntimeScope scope;
  const auto key = reinterpret_cast<uintptr_t>(pc);
  auto [it, inserted] = VerifierAtomic().try_emplace(key, false);
  if (inserted) it->second = FunctionOf(key).starts_with("__VERIFIER_atomic_");
  ThreadRecord& self = Self();
  self.atomic_frames.push_back(it->second ? 1 : 0);
  self.callers.push_back(reinterpret_cast<uintptr_t>(caller));
  self.entries.push_back(entry);
  if (it->second) {
    g_runtime_depth--;
    AtomicBegin(pc);
    g_runtime_depth++;
  }
}

void FunctionCalled(const void* function, const void* call_site) {
  bool reach_error = false;
  {
    RuntimeScope scope;
    // The verdict of every function seen, by address (one symbol lookup each).
    static auto* const seen = new std::unordered_map<uintptr_t, bool>;
    const auto key = reinterpret_cast<uintptr_t>(function);
    auto [it, inserted] = seen->try_emplace(key, false);
    if (inserted) it->second = FunctionOfPc(key) == "reach_error";
    reach_error = it->second;
  }
  if (reach_error) ErrorReached("reach_error()", call_site);
}

void FunctionExit() {
  RuntimeScope scope;
  ThreadRecord& self = Self();
  // The value of the function's last write is there now, and may not be after the return: a
  // write to its own frame (a destructor's `ptr = nullptr`) lies below the stack pointer then,
  // where the runtime's next hook overwrites it before the next step reads it.
  if (self.unwritten != 0) FlushWrite();
  if (self.atomic_frames.empty()) return;
  const bool atomic = self.atomic_frames.back() != 0;
  self.atomic_frames.pop_back();
  if (!self.callers.empty()) self.callers.pop_back();
  if (!self.entries.empty()) self.entries.pop_back();
  if (atomic) {
    g_runtime_depth--;
    AtomicEnd(nullptr);
    g_runtime_depth++;
  }
}

// ---- Atomics --------------------------------------------------------------------------------
// Each operation is one step under the search's memory model (ExecutionLimits::memory_model,
// --memory-model: rc11, the C++ memory model, by default; or sc), with the orders the program
// gave, through the model's execution graph (model/weak_memory.h) as Atomic<T>'s operations:
// a word the program uses atomically is a location of it, its values kept here by message
// (the stores a weak load may still read), and the program's memory holds the value of its
// last store in modification order, which plain reads read. A value the program wrote to the
// word outside the model (a plain write; an atomic while no other thread runs, which takes no
// step) starts the location again with that value, before every later operation (a plain
// write that other threads' operations do not follow races with them: a DATA RACE).
// A 16-byte atomic (__tsan_atomic128_*) is the same: one object of 16 bytes from its address,
// its values AtomicBits wide (the narrower ones zero-extended). A plain access to its first 8 bytes
// is the same object; one to its last 8 is another that overlaps it (WordAt: an ERROR when two
// threads touch them).
namespace {

AtomicBits Mask(int size) {
  return size >= 16 ? ~AtomicBits{0} : (AtomicBits{1} << (8 * size)) - 1;
}

// x86-64 is little-endian: the low bytes of the bits are the first bytes of memory.
AtomicBits LoadBits(const void* address, int size) {
  AtomicBits bits = 0;
  std::memcpy(&bits, address, static_cast<std::size_t>(size));
  return bits;
}

void StoreBits(void* address, int size, AtomicBits bits) {
  std::memcpy(address, &bits, static_cast<std::size_t>(size));
}

// What a read-modify-write writes when it reads `old`.
AtomicBits Apply(AtomicOp op, AtomicBits old, AtomicBits operand, int size) {
  AtomicBits value = operand;
  switch (op) {
    case AtomicOp::kFetchAdd:
      value = old + operand;
      break;
    case AtomicOp::kFetchSub:
      value = old - operand;
      break;
    case AtomicOp::kFetchAnd:
      value = old & operand;
      break;
    case AtomicOp::kFetchOr:
      value = old | operand;
      break;
    case AtomicOp::kFetchXor:
      value = old ^ operand;
      break;
    case AtomicOp::kFetchNand:
      value = ~(old & operand);
      break;
    default:  // exchange, compare-exchange: the operand.
      break;
  }
  return value & Mask(size);
}

// g++'s memory model argument (__ATOMIC_*: 0 relaxed ... 5 seq_cst; its flag bits, __sync's
// and HLE's, above them), consume as acquire.
MemoryOrder OrderOf(int order) {
  switch (order & 0xff) {
    case 0:
      return MemoryOrder::kRelaxed;
    case 1:
    case 2:
      return MemoryOrder::kAcquire;
    case 3:
      return MemoryOrder::kRelease;
    case 4:
      return MemoryOrder::kAcqRel;
    default:
      return MemoryOrder::kSeqCst;
  }
}

// The values of an atomic word's stores, by message, while it is a location of the model.
AtomicWord& WordOf(ObjectId object) {
  std::vector<AtomicWord>& words = S().atomic_words;
  if (static_cast<std::size_t>(object) >= words.size()) {
    words.resize(static_cast<std::size_t>(object) + 1);
  }
  return words[static_cast<std::size_t>(object)];
}

// No other thread runs: the operation on memory, as it is.
AtomicBits Direct(const AtomicCall& call, bool* wrote) {
  const AtomicBits old = LoadBits(call.address, call.size) & Mask(call.size);
  switch (call.op) {
    case AtomicOp::kLoad:
      return old;
    case AtomicOp::kStore:
      StoreBits(call.address, call.size, call.operand);
      return call.operand;
    case AtomicOp::kCompareExchange:
      *wrote = old == (call.expected & Mask(call.size));
      if (*wrote) StoreBits(call.address, call.size, call.operand);
      return old;
    default:
      StoreBits(call.address, call.size, Apply(call.op, old, call.operand, call.size));
      return old;
  }
}

}  // namespace

AtomicBits AtomicOperation(const AtomicCall& call, bool* wrote, const void* pc) {
  bool ignored = false;
  if (wrote == nullptr) wrote = &ignored;
  *wrote = false;
  State& s = S();
  if (s.live <= 1) return Direct(call, wrote);
  RuntimeScope scope;
  Execution& execution = Exec();
  const auto address = reinterpret_cast<uintptr_t>(call.address);
  const ObjectId object = WordAt(address, static_cast<std::size_t>(call.size),
                                 /*write=*/call.op != AtomicOp::kLoad);
  ThreadRecord& self = Self();
  const ThreadId id = self.id;
  // A load in a later round of __atomic_spin reads what the first round read, without a step.
  const bool spin_load = call.op == AtomicOp::kLoad && InAtomicSpin(self, pc);
  const std::size_t events_before = execution.event_count();
  if (spin_load && RoundsOpen(self)) {
    for (const SpinRounds::Load& load : self.rounds.loads) {
      if (load.address == address && load.size == call.size) {
        self.rounds.later = true;
        ++self.rounds.answered;
        return load.value;
      }
    }
  }
  // A weak compare-exchange (only it fails spuriously): the state it is made in, for a retry.
  uintptr_t cas_pc = 0;
  uint64_t cas_state = 0;
  if (call.op == AtomicOp::kCompareExchange && call.weak && FrameState(self, &cas_pc, &cas_state) &&
      RetriesUnchanged(self, cas_pc, cas_state)) {
    execution.PruneAtNextStep();
  }
  self.retry = SpuriousRetry{};
  // A load or read-modify-write is a poll (a store is not): the spin rule may make it wait.
  const bool poll = call.op != AtomicOp::kStore;
  const bool waits = poll && SpinCheck(self);
  // A loop whose iteration was this one atomic read (a test-and-set or exchange spin, whose
  // failed exchange wrote back what it read: its own store is the one read) reads a newer store
  // when it runs again, as the model's spin rule does (Execution::AtomicLoad, AtomicUpdate).
  // Under RC11 the same store, or the thread's own store just before another thread's in
  // modification order, could be read again and again: a spin without end, a new execution
  // graph for every round.
  int after = -1;
  if (waits && self.spin.loop_reads.size() == 1 && self.spin.loop_reads.front().object == object) {
    after = self.spin.loop_reads.front().message;
  }
  const OpKind kind = call.op == AtomicOp::kLoad    ? OpKind::kRead
                      : call.op == AtomicOp::kStore ? OpKind::kWrite
                                                    : OpKind::kUpdate;
  g_poll = poll;
  TraceEvent& event = Switching([&]() -> TraceEvent& {
    if (!waits) return execution.Step(kind, object, Where(pc));
    const SpinWaiting spinning(true, id);
    return execution.Step(kind, object, Where(pc), [id] { return IterationReadChanged(id); });
  });
  // The location, as memory holds it now (other threads ran before the step).
  const AtomicBits mask = Mask(call.size);
  const AtomicBits now = LoadBits(call.address, call.size) & mask;
  AtomicWord& word = WordOf(object);
  if (word.size != call.size || word.values.empty() ||
      word.values[static_cast<std::size_t>(execution.LatestStore(object))] != now) {
    execution.AddAtomicLocation(object);
    word.restarted = word.restarted || !word.values.empty();
    word.size = call.size;
    word.values.assign(1, now);
    after = -1;  // The location starts again: no store of it was read before.
  }
  const MemoryOrder order = OrderOf(call.order);
  AtomicBits result = 0;
  int read = -1;          // The message read, if it reads.
  bool changed = false;   // It wrote a value other than the one it read.
  bool spurious = false;  // A compare_exchange_weak that failed on the expected value.
  switch (call.op) {
    case AtomicOp::kLoad:
      read = execution.LoadInStep(event, object, order, after);
      result = word.values[static_cast<std::size_t>(read)];
      break;
    case AtomicOp::kStore:
      result = call.operand & mask;
      word.values.push_back(result);
      execution.StoreInStep(event, object, order);
      *wrote = true;
      changed = true;
      break;
    case AtomicOp::kCompareExchange: {
      const AtomicBits expected = call.expected & mask;
      const RmwResult done = execution.UpdateInStep(
          event, object, order, OrderOf(call.failure_order), call.weak,
          [&](int message) {
            if (word.values[static_cast<std::size_t>(message)] != expected) {
              return RmwOutcome::kFails;
            }
            return call.weak ? RmwOutcome::kMayFailSpuriously : RmwOutcome::kSucceeds;
          },
          [&](int) { word.values.push_back(call.operand & mask); }, after);
      read = done.read;
      *wrote = done.wrote;
      result = word.values[static_cast<std::size_t>(read)];
      changed = done.wrote && (call.operand & mask) != result;
      spurious = !done.wrote && result == expected;
      break;
    }
    default: {
      const RmwResult done = execution.UpdateInStep(
          event, object, order, order, false, [](int) { return RmwOutcome::kSucceeds; },
          [&](int message) {
            word.values.push_back(Apply(call.op, word.values[static_cast<std::size_t>(message)],
                                        call.operand, call.size));
          },
          after);
      read = done.read;
      *wrote = done.wrote;
      result = word.values[static_cast<std::size_t>(read)];
      changed = done.wrote && word.values.back() != result;
      break;
    }
  }
  if (*wrote) {
    StoreBits(call.address, call.size,
              word.values[static_cast<std::size_t>(execution.LatestStore(object))]);
  }
  event.value = AtomicText(result, static_cast<std::size_t>(call.size));
  if (word.restarted) event.weak_choice = false;
  // The spin rule: a change ends the thread's window (others' polls of the word may run
  // again), as does a spurious failure (a retry is to come); a read, or a read-modify-write
  // that left the value as it was (its own store the one to wait past), is noted.
  ThreadRecord& me = S().threads[static_cast<std::size_t>(id)];
  if (changed) {
    Bump(object);
    if (me.atomic_depth == 0) me.spin.Close();
  } else if (spurious) {
    me.spin.Close();
    if (cas_pc != 0) me.retry = {cas_pc, cas_state, execution.event_count()};
  } else if (*wrote) {
    NoteRead(me, object, static_cast<int>(word.values.size()) - 1);
  } else if (read >= 0) {
    NoteRead(me, object, read);
  }
  if (spin_load) {
    // A load of the first round: the next of an open first round, or the rounds' first.
    ExtendFirstRound(me, events_before);
    if (me.rounds.events == 0) me.rounds = SpinRounds{.events = execution.event_count()};
    me.rounds.loads.push_back({address, call.size, result});
  } else {
    me.rounds.events = 0;  // A step of another kind ends the rounds.
  }
  return result;
}

void AtomicFence(int order, const void* pc) {
  if (S().live <= 1) return;
  RuntimeScope scope;
  g_poll = true;  // A fence changes nothing another thread reads: the spin window stays open.
  Switching([&] { Exec().Fence(OrderOf(order), Where(pc)); });
}

// ---- SV-COMP ------------------------------------------------------------------------------
// An atomic section runs without interleaving, but its accesses conflict with other threads'
// accesses, inside sections or not. Its begin, an acquire of an object every section shares,
// is the only scheduling point at which another thread may run before it; from there the
// thread is exclusive (Execution::SetExclusive) until the section's end, which takes no step:
// no other thread is enabled while it can run, and its steps inside, each access among them,
// are taken with no thread decision. So the search sees what the section touched (each access
// an event on its word) and reverses a race with any of them at the decision before the
// section's begin, where other threads can run (checker/dpor.cc: a step with no decision of
// its own belongs to the decision before it); it runs the whole section before and after each
// conflicting access. The object is global (ObjectInfo::global) while the begin is pending, so
// that sleep sets take the section it starts as dependent with every operation (the pending
// operation stands for all of the section's steps); the begin's event itself is not, since
// its section's accesses are events of their own. A thread that blocks inside a section lets
// the others run; their steps then interleave with the section's, which is no longer atomic:
// the execution ends in an ERROR at the section's end (SectionBroken). The object also
// excludes sections from each other while a thread is blocked in one.
namespace {

// Another thread took a step since the section of `self` began (at event `from`): the thread
// blocked inside it.
bool SectionBroken(ThreadId self, std::size_t from) {
  Execution& execution = Exec();
  for (std::size_t i = from; i < execution.event_count(); ++i) {
    if (execution.EventAt(i).thread != self) return true;
  }
  return false;
}

}  // namespace

void AtomicBegin(const void* pc) {
  State& s = S();
  RuntimeScope scope;
  ThreadRecord& self = Self();
  if (self.atomic_depth++ > 0) return;
  self.section_writes.clear();
  Execution& execution = Exec();
  self.section_start = execution.event_count();
  self.section_step = false;
  // No other thread yet: no step, but a thread the section starts waits for its end.
  if (s.live <= 1 && s.atomic_section == kNoObject) {
    execution.SetExclusive(self.id);
    return;
  }
  if (s.atomic_section == kNoObject) {
    s.atomic_section = execution.AddObject(ObjectKind::kLock, "__VERIFIER_atomic");
    execution.SetGlobal(s.atomic_section);
  }
  const ObjectId lock = s.atomic_section;
  // A section is a poll unless it changes memory (AtomicEnd): it may wait by the spin rule.
  const bool waits = SpinCheck(self);
  const ThreadId id = self.id;
  g_poll = true;
  TraceEvent& event = Switching([&]() -> TraceEvent& {
    const SpinWaiting spinning(waits, id);
    return execution.Step(OpKind::kAcquire, lock, Where(pc), [&execution, lock, waits, id] {
      return execution.object(lock).owner == kNoThread && (!waits || IterationReadChanged(id));
    });
  });
  event.global = false;
  ThreadRecord& me = S().threads[static_cast<std::size_t>(id)];
  me.section_start = execution.event_count();
  me.section_step = true;
  execution.SetOwner(lock, id);
  execution.Observe(lock);
  execution.SetExclusive(id);
}

void AtomicEnd(const void* pc) {
  State& s = S();
  RuntimeScope scope;
  ThreadRecord& self = Self();
  if (self.atomic_depth == 0 || --self.atomic_depth > 0) return;
  Execution& execution = Exec();
  if (execution.exclusive() == self.id) execution.SetExclusive(kNoThread);
  // What the section wrote: a change to a word is an effect (other threads' polls of it may
  // run again), a section that changed nothing a poll.
  bool effect = false;
  for (const SectionWrite& w : self.section_writes) {
    if (std::memcmp(reinterpret_cast<const void*>(w.address), w.before.data(), w.before.size()) ==
        0) {
      continue;
    }
    effect = true;
    const uintptr_t last = w.before.size() <= 8 ? w.address : w.address + w.before.size() - 1;
    for (uintptr_t at = w.address; at <= last; at += 8) {
      Bump(WordAt(at, std::min<std::size_t>(8, w.address + w.before.size() - at), true));
    }
  }
  self.section_writes.clear();
  if (effect) {
    self.spin.Close();
  } else {
    self.spin.open = true;
  }
  if (SectionBroken(self.id, self.section_start)) {
    execution.RecordError(
        execution.thread_name(self.id) + " blocked inside an SV-COMP atomic section (ending at " +
        (pc != nullptr ? Where(pc) : execution.LastStepOf(self.id)).ToString() +
        ") and other threads ran before its end; interleave runs a section as one step, so it "
        "did not order the section's accesses after the block against theirs: the program "
        "cannot be checked as it is");
  }
  const ObjectId lock = s.atomic_section;
  if (!self.section_step || lock == kNoObject || execution.object(lock).owner != self.id) return;
  execution.Publish(lock);
  execution.SetOwner(lock, kNoThread);
}

int Nondet(int lo, int hi, const void* pc) {
  RuntimeScope scope;
  return Switching([&] { return Exec().Choose(lo, hi, Where(pc)); });
}

void Outcome(const char* name, std::string value, const void* pc) {
  RuntimeScope scope;
  Execution& execution = Exec();
  if (name == nullptr || *name == '\0') {
    execution.RecordError("an outcome with no name (interleave_outcome at " + Where(pc).ToString() +
                          ")");
    return;
  }
  execution.RecordOutcome(name, std::move(value));
}

void ErrorReached(const char* what, const void* pc) {
  RuntimeScope scope;
  Exec().Fail(FailureKind::kAssertion, std::string(what) + " reached", Where(pc));
}

// ---- Threads ------------------------------------------------------------------------------
// pthread_t values of model threads: kThreadBase + id, never a real thread's.
constexpr uintptr_t kThreadBase = 0x1000;

namespace {
// A thread's end (or the program's exit, for the thread that exits): its thread_local objects'
// destructors, the last registered first; one may register another (a thread_local first used
// by a destructor), which then runs too. The destructors are the program's code: they run as
// it.
void RunThreadLocalDestructors(ThreadId thread) {
  while (true) {
    std::pair<void (*)(void*), void*> last;
    {
      RuntimeScope scope;
      auto& destructors = S().threads[static_cast<std::size_t>(thread)].thread_local_destructors;
      if (destructors.empty()) return;
      last = destructors.back();
      destructors.pop_back();
    }
    last.first(last.second);
  }
}

// pthread keys and C11 tss: the execution's key table is one object. Creating and deleting a
// key change it; setting or reading a value, and a thread's end that runs a key's destructor,
// read whether the key exists. Each is a step while another thread is live (alone, the thread
// has nothing to race with; it makes the others). (They were no steps: two threads' creates
// took their numbers in whichever order the tails ran, a delete against a set or a destructor
// was never reordered, which dfs found and dpor did not.)
void KeyTableStep(OpKind kind, const void* pc) {
  State& s = S();
  if (s.live <= 1) return;
  Execution& execution = Exec();
  if (s.keys_object == kNoObject) {
    s.keys_object = execution.AddObject(ObjectKind::kShared, "pthread keys");
  }
  Switching([&]() -> TraceEvent& { return execution.Step(kind, s.keys_object, Where(pc)); });
}

// Whether `thread` holds a non-null value of `key` (its own values: no other thread sets them).
bool HasKeyValue(unsigned key, ThreadId thread) {
  const auto k = S().keys.find(key);
  if (k == S().keys.end()) return false;
  const auto v = k->second.find(thread);
  return v != k->second.end() && v->second != nullptr;
}

// A thread's end: the destructors of its keys' non-null values, in key order, each value set
// to null first; values set again by a destructor get another round (POSIX, at most
// PTHREAD_DESTRUCTOR_ITERATIONS = 4). The destructors are the program's code: they run as it.
// A system library's code is not instrumented, so an atomic operation it does is not seen:
// memory changes behind the memory model's record of the word. Where that matters is the work
// libstdc++ does at a thread's exit, from its pthread key's destructor: the readiness of
// promise::set_value_at_thread_exit (and packaged_task::make_ready_at_thread_exit) is an
// exchange with release order inside libstdc++.so, which the future's reader acquires, and the
// shared state's reference count drops there (acq_rel), the last drop destroying the state.
// Taken as a location that started again, these ordered nothing: false DATA RACEs on the
// state. So while a thread runs such a destructor, before each of its steps (and when the
// destructor returns), every atomic word whose memory no longer holds the model's latest store
// is taken as that thread's exchange with acq_rel order of what memory holds: a step of its
// own, but inline (the thread is exclusive for it), since the library ran it right after the
// thread's previous step, before any other thread could run.
void AdoptLibraryStores() {
  if (Execution::Running() == nullptr) return;
  Execution& execution = Exec();
  const ThreadId id = execution.current_thread();
  if (id < 0 || S().threads[static_cast<std::size_t>(id)].library_destructor == nullptr) return;
  struct Unseen {
    uintptr_t address;
    ObjectId object;
    AtomicBits now;
  };
  std::vector<Unseen> unseen;
  {
    RuntimeScope scope;
    for (const auto& [address, word] : S().words) {
      if (static_cast<std::size_t>(word.object) >= S().atomic_words.size()) continue;
      AtomicWord& atomic = S().atomic_words[static_cast<std::size_t>(word.object)];
      if (atomic.values.empty() || atomic.restarted) continue;
      const std::size_t latest = static_cast<std::size_t>(execution.LatestStore(word.object));
      const AtomicBits now =
          LoadBits(reinterpret_cast<const void*>(address), atomic.size) & Mask(atomic.size);
      if (now == atomic.values[latest]) continue;
      unseen.push_back({address, word.object, now});
      // Memory as the model has it, until the exchange's step.
      StoreBits(reinterpret_cast<void*>(address), atomic.size, atomic.values[latest]);
    }
  }
  if (unseen.empty()) return;
  RuntimeScope scope;
  const SourceLine where = Where(
      reinterpret_cast<const void*>(S().threads[static_cast<std::size_t>(id)].library_destructor));
  const ThreadId exclusive = execution.exclusive();
  execution.SetExclusive(id);
  for (const Unseen& store : unseen) {
    TraceEvent& event = execution.Step(OpKind::kUpdate, store.object, where);
    AtomicWord& atomic = WordOf(store.object);
    const RmwResult done = execution.UpdateInStep(
        event, store.object, MemoryOrder::kAcqRel, MemoryOrder::kAcquire, false,
        [](int) { return RmwOutcome::kSucceeds; },
        [&](int) { atomic.values.push_back(store.now); });
    StoreBits(reinterpret_cast<void*>(store.address), atomic.size,
              atomic.values[static_cast<std::size_t>(execution.LatestStore(store.object))]);
    Bump(store.object);
    event.value = AtomicText(atomic.values[static_cast<std::size_t>(done.read)],
                             static_cast<std::size_t>(atomic.size)) +
                  " (by a system library)";
  }
  execution.SetExclusive(exclusive);
}

void RunKeyDestructors(ThreadId thread) {
  for (int round = 0; round < 4; ++round) {
    bool ran = false;
    // The program's keys, then the libraries' (KeyCreate).
    const unsigned program_keys = S().next_key;  // Keys a destructor makes: the next round.
    const std::size_t count = program_keys + S().library_keys.size();
    for (std::size_t k = 0; k < count; ++k) {
      const unsigned key =
          k < program_keys ? static_cast<unsigned>(k) : S().library_keys[k - program_keys].key;
      void (*destructor)(void*) = nullptr;
      void* value = nullptr;
      {
        RuntimeScope scope;
        // Only this thread sets its values: whether one is set needs no step; whether its key
        // still exists (another thread may delete it) is a read of the key table.
        if (!HasKeyValue(key, thread)) continue;
        const auto registered = S().key_destructors.find(key);
        if (registered == S().key_destructors.end()) continue;
        KeyTableStep(OpKind::kRead, reinterpret_cast<const void*>(registered->second));
        const auto d = S().key_destructors.find(key);
        const auto k = S().keys.find(key);
        if (d == S().key_destructors.end() || k == S().keys.end()) continue;
        const auto v = k->second.find(thread);
        if (v == k->second.end() || v->second == nullptr) continue;
        destructor = d->second;
        value = v->second;
        v->second = nullptr;
      }
      if (k < program_keys) {
        destructor(value);
      } else {
        Self().library_destructor = destructor;
        ++g_in_library_destructors;
        destructor(value);
        Switching([] {});  // What the destructor did unseen since its last step.
        --g_in_library_destructors;
        Self().library_destructor = nullptr;
      }
      ran = true;
    }
    if (!ran) return;
  }
}
}  // namespace

namespace {
// Whether `pc`, the return address of a pthread_create call, lies in libstdc++'s
// std::thread::_M_start_thread: the thread is a std::thread, and its argument the heap block of
// its state (the callable and its arguments behind a vtable pointer), which only it uses.
bool StartedByStdThread(const void* pc) {
  static const void* const start_thread = [] {
    const RuntimeScope scope;
    return dlsym(RTLD_DEFAULT,
                 "_ZNSt6thread15_M_start_threadESt10unique_ptrINS_6_StateESt14default_deleteIS1_"
                 "EEPFvvE");
  }();
  if (start_thread == nullptr) return false;
  // Kept per call site (dladdr scans libstdc++'s symbols).
  const RuntimeScope scope;
  static auto* const answers = new std::unordered_map<const void*, bool>;
  const auto [it, inserted] = answers->try_emplace(pc);
  if (inserted) {
    Dl_info info;
    it->second = dladdr(pc, &info) != 0 && info.dli_saddr == start_thread;
  }
  return it->second;
}

// --symmetry: threads started alike are interchangeable (Execution::SetSymmetryGroupByValue):
// by pthread_create (or thrd_create's wrapper) with the same routine and the same argument
// pointer, or as std::threads whose states (the callable's type, by its vtable, and the bytes of
// the callable and its arguments) are equal. Every thread still running at exit is cut off
// alike, detached or not.
void GroupAlikeThreads(Execution& execution, ThreadId id, const std::string& name,
                       void* (*start)(void*), void* arg, const void* pc) {
  std::string bytes(reinterpret_cast<const char*>(&start), sizeof start);
  const char* what = "pthread_create";
  uintptr_t base = 0;
  std::size_t size = 0;
  uintptr_t frames[kAllocationFrames];
  if (StartedByStdThread(pc) &&
      HeapBlockOf(reinterpret_cast<uintptr_t>(arg), &base, &size, frames) &&
      base == reinterpret_cast<uintptr_t>(arg)) {
    bytes.append(static_cast<const char*>(arg), size);
    what = "std::thread";
    // Its words so far (written by the constructor) and those met later are the thread's.
    State& s = S();
    s.private_ranges.push_back({base, base + size, id});
    for (auto word = s.word_ends.lower_bound(LookBack(base));
         word != s.word_ends.end() && word->first < base + size; ++word) {
      if (word->first < base) continue;
      Word& found = s.words[word->first];
      found.private_to = id;
      execution.MarkPrivateTo(found.object, id);
    }
  } else {
    bytes.append(reinterpret_cast<const char*>(&arg), sizeof arg);
  }
  // Where: the program's line (for a std::thread, its constructor's caller).
  execution.SetSymmetryGroupByValue(id, typeid(start), bytes, what, Where(pc), name);
}
}  // namespace

int ThreadCreate(uintptr_t* handle, void* (*start)(void*), void* arg, bool detached,
                 const void* pc) {
  State& s = S();
  RuntimeScope scope;
  Execution& execution = Exec();
  // Named by the thread objects made so far (each creation's own, as the std mirror names its
  // threads); numbered by the threads spawned, after the start step: another thread may create
  // one between this tail and that step. (The number was taken here, and two threads creating
  // at once got the same one: one of them then ran the other's start routine, under dfs.)
  const std::string name = "Thread-" + std::to_string(execution.CountObjects(ObjectKind::kThread));
  const ObjectId object = execution.AddObject(ObjectKind::kThread, name);
  Switching([&] { execution.Step(OpKind::kStart, object, Where(pc)); });
  const auto id = static_cast<ThreadId>(execution.thread_count());
  s.threads.emplace_back();
  ThreadRecord& record = s.threads.back();
  record.id = id;
  record.object = object;
  record.start = start;
  record.arg = arg;
  record.detached = detached;
  *handle = kThreadBase + static_cast<uintptr_t>(id);
  ++s.live;
  if (execution.symmetry()) GroupAlikeThreads(execution, id, name, start, arg, pc);
  Switching([&] {
    execution.Spawn(object, name, [id] {
      g_runtime_depth = 0;
      ThreadRecord& self = S().threads[static_cast<std::size_t>(id)];
      StartThreadLocals(self);
      self.stack_base = reinterpret_cast<uintptr_t>(__builtin_frame_address(0));
      // The stack may be an earlier thread's: its escaped locals were other variables.
      ForgetMemory(self.stack_base - Exec().stack_size(), self.stack_base + 1);
      ScrubStack();
      if (setjmp(self.exit_jump) == 0) {
        errno = 0;  // As a new OS thread's.
        CallOnceSlots{}.Load();
        self.result = self.start(self.arg);
      }
      FlushWrite();
      RunThreadLocalDestructors(id);
      RunKeyDestructors(id);
    });
  });
  return 0;
}

ThreadRecord* Record(uintptr_t handle) {
  State& s = S();
  if (handle < kThreadBase || handle - kThreadBase >= s.threads.size()) return nullptr;
  return &s.threads[handle - kThreadBase];
}

int ThreadJoin(uintptr_t handle, void** result, const void* pc) {
  RuntimeScope scope;
  ThreadRecord* record = Record(handle);
  if (record == nullptr) return 3;  // ESRCH
  Execution& execution = Exec();
  if (record->id == execution.current_thread()) return 35;  // EDEADLK
  if (record->detached || record->joined) return 22;        // EINVAL
  const ThreadId thread = record->id;
  Switching([&] {
    execution.Step(OpKind::kJoin, record->object, Where(pc),
                   [&execution, thread] { return execution.IsFinished(thread); });
  });
  execution.Observe(record->object);
  record->joined = true;
  --S().live;
  if (result != nullptr) {
    // A member's own result, read by its handle, can tell it from its group's other members
    // (one that returns null says nothing).
    if (record->result != nullptr) execution.NoteMemberResultRead(thread);
    *result = record->result;
  }
  return 0;
}

int ThreadDetach(uintptr_t handle) {
  RuntimeScope scope;
  ThreadRecord* record = Record(handle);
  if (record == nullptr) return 3;                    // ESRCH
  if (record->detached || record->joined) return 22;  // EINVAL
  record->detached = true;
  return 0;
}

[[noreturn]] void ThreadExit(void* result) {
  ThreadRecord& self = Self();
  self.result = result;
  if (self.id == 0) S().main_exited_thread = true;
  g_runtime_depth = 0;
  longjmp(self.exit_jump, 1);
}

[[noreturn]] void Exit(int code, const void* pc, bool immediate) {
  {
    RuntimeScope scope;
    CheckExitStatus(code, immediate ? "_exit" : "exit", pc);
  }
  // exit() runs the calling thread's first; _exit() none.
  if (!immediate) RunThreadLocalDestructors(Self().id);
  {
    RuntimeScope scope;
    ProgramExit();
  }
  ThreadRecord& self = Self();
  g_runtime_depth = 0;
  longjmp(self.exit_jump, 1);
}

uintptr_t ThreadSelf() {
  Execution& execution = Exec();
  execution.NoteOwnIdentityRead("pthread_self() or thrd_current()");
  return kThreadBase + static_cast<uintptr_t>(execution.current_thread());
}

// ---- Mutexes ------------------------------------------------------------------------------
// glibc's pthread_mutex_t keeps its kind at byte 16 (PTHREAD_RECURSIVE_MUTEX_INITIALIZER_NP
// and pthread_mutex_init with an attribute both write it there).
// glibc checks the owner of these kinds only (unlock: EPERM; a condition wait: EPERM); for the
// normal and adaptive kinds a foreign owner is undefined behaviour it lets through.
bool OwnerChecked(int kind) { return kind == 1 || kind == 2; }

int MutexKind(const void* mutex) {
  int kind = 0;
  std::memcpy(&kind, static_cast<const char*>(mutex) + 16, sizeof kind);
  return kind & 3;
}

// The kind is read again whenever nobody holds the mutex: pthread_mutex_init may have given the
// same address another kind since (a re-initialised mutex, a reused stack frame), and the
// runtime never writes the mutex's memory. (Read once per address, a recursive mutex's frame
// reused for a normal one hid the normal one's self-deadlock: a PASS.)
MutexState& MutexAt(const void* mutex) {
  const auto key = reinterpret_cast<uintptr_t>(mutex);
  auto [it, inserted] = S().mutexes.try_emplace(key);
  MutexState& state = it->second;
  if (inserted) state.object = Exec().AddObject(ObjectKind::kLock, NameFor(key));
  if (!state.spin && state.count == 0 && Exec().object(state.object).owner == kNoThread) {
    state.type = MutexKind(mutex);
  }
  return state;
}

int MutexDestroy(void* mutex) {
  RuntimeScope scope;
  const auto it = S().mutexes.find(reinterpret_cast<uintptr_t>(mutex));
  if (it == S().mutexes.end()) return 0;
  if (Exec().object(it->second.object).owner != kNoThread) return 16;  // EBUSY: locked.
  S().mutexes.erase(it);
  return 0;
}

// A non-blocking acquire's step (pthread_mutex_trylock, pthread_spin_trylock, mtx_trylock,
// sem_trywait, pthread_rwlock_try*lock), a poll of the lock's object for the spin rule: one
// that fails changes nothing (its entry point takes the program's state, INTERLEAVE_CAPTURING).
// A loop that tries again and again while the holder does not run comes back to the state it
// tried from with the lock unchanged: the thread then waits until the lock has changed (its
// version, bumped by every acquire and release: LockChanged), as a spin on a flag waits for a
// write, instead of failing until the step bound (a LIVELOCK warning on a correct program).
// The caller then calls TryAcquired or TryFailed.
TraceEvent& TryAcquireStep(ObjectId object, const void* pc) {
  Execution& execution = Exec();
  ThreadRecord& self = Self();
  const bool waits = SpinCheck(self);
  const ThreadId id = self.id;
  if (!waits || IterationReadChanged(id)) CycleCheck(self);
  g_poll = true;  // Decided after the step: a failure leaves the spin window open.
  return Switching([&]() -> TraceEvent& {
    const SpinWaiting spinning(waits, id);
    return execution.TryAcquireStep(object, Where(pc),
                                    [waits, id] { return !waits || IterationReadChanged(id); });
  });
}
// The object of a lock (a mutex, a semaphore, a reader-writer lock) has changed: a thread whose
// spin on a trylock waits for it may try again.
void LockChanged(ObjectId object) { Bump(object, /*shared=*/false); }
void TryFailed(ObjectId object) {
  ThreadRecord& self = Self();
  NoteRead(self, object);
  if (!self.backs_off) {
    self.backs_off = true;
    ++S().backing_off;
  }
}
void TryAcquired(ObjectId object) {
  NotPoll();  // An effect: the thread's spin window closes.
  LockChanged(object);
}

// 0, EBUSY (16), ETIMEDOUT (110), EDEADLK (35).
int MutexLock(void* mutex, bool try_only, int64_t timeout, const void* pc, bool poll) {
  RuntimeScope scope;
  Execution& execution = Exec();
  MutexState& state = MutexAt(mutex);
  const ObjectId object = state.object;
  const ThreadId self = execution.current_thread();
  const bool recursive = state.type == 1;
  // A recursive mutex's nested lock and unlock change nothing another thread can see (the
  // holder stays the holder): no step. (A step there also hid the race between the outer
  // acquires from dpor.) An errorcheck mutex's relock fails at once.
  if (recursive && execution.object(object).owner == self) {
    ++state.count;
    return 0;
  }
  // An errorcheck mutex's relock by its holder: EDEADLK, or EBUSY for a trylock (glibc).
  if (state.type == 2 && execution.object(object).owner == self) return try_only ? 16 : 35;
  TraceEvent* event = nullptr;
  if (try_only) {
    event = &TryAcquireStep(object, pc);
    if (execution.unwinding()) return 16;
    if (execution.object(object).owner != kNoThread) {
      event->value = kNotAcquired;
      TryFailed(object);
      return 16;
    }
    TryAcquired(object);
  } else if (poll && timeout == kForever) {
    // A lock is a poll of the mutex for the spin rule (its entry point took the program's
    // state): a critical section that only reads, ended by its unlock (MutexUnlock), changes
    // nothing, so a loop that locks, reads a flag, unlocks (and yields) comes back to its state
    // with nothing changed, and then waits until the mutex or a word it read has changed (the
    // mutex: another thread locked it since), as a spin on the flag would, instead of polling
    // until the step bound while the writer does not run (a LIVELOCK warning on a correct
    // program). A section that writes shared memory or takes another step closes the window.
    ThreadRecord& record = Self();
    const bool waits = SpinCheck(record);
    const ThreadId id = record.id;
    if (!waits || IterationReadChanged(id)) CycleCheck(record);
    g_poll = true;
    event = &Switching([&]() -> TraceEvent& {
      const SpinWaiting spinning(waits, id);
      return execution.Step(OpKind::kAcquire, object, Where(pc), [&execution, object, waits, id] {
        return execution.object(object).owner == kNoThread && (!waits || IterationReadChanged(id));
      });
    });
    LockChanged(object);
    ThreadRecord& me = Self();
    NoteRead(me, object);  // Opens the window: the section may be a poll.
    me.spin.held.push_back(object);
  } else {
    event = &Switching([&]() -> TraceEvent& {
      return execution.Step(
          OpKind::kAcquire, object, Where(pc),
          [&execution, object] { return execution.object(object).owner == kNoThread; }, timeout);
    });
    if (event->timed_out) {
      event->value = "timed out";
      return 110;
    }
    LockChanged(object);
  }
  execution.SetOwner(object, self);
  execution.Observe(object);
  state.count = 1;
  return 0;
}

// A pthread_spinlock_t: a normal mutex whose memory holds no kind (MutexAt).
void MarkSpinlock(void* lock) {
  RuntimeScope scope;
  const auto key = reinterpret_cast<uintptr_t>(lock);
  auto [it, inserted] = S().mutexes.try_emplace(key);
  if (inserted) it->second.object = Exec().AddObject(ObjectKind::kLock, NameFor(key));
  it->second.spin = true;
}

int SpinLock(void* lock, bool try_only, const void* pc, bool poll) {
  MarkSpinlock(lock);
  return MutexLock(lock, try_only, kForever, pc, poll);
}

int SpinUnlock(void* lock, const void* pc) {
  MarkSpinlock(lock);
  return MutexUnlock(lock, pc, /*poll=*/true);
}

// A lock misused in a way that is undefined behaviour and that glibc lets through (it checks
// the owner of errorcheck and recursive mutexes only, and returns EPERM, which the program may
// test): LOCK MISUSE, ending the execution, as the model's MisuseError does.
[[noreturn]] void MisusedLock(ObjectId lock, const TraceEvent& event, const std::string& what,
                              const void* pc) {
  Execution& execution = Exec();
  const ThreadId self = execution.current_thread();
  const ObjectInfo& info = execution.object(lock);
  const SourceLine where = Where(pc);
  std::string message =
      what + " by thread '" + execution.thread_name(self) + "' at " + where.ToString();
  if (info.owner != kNoThread) {
    message += ", but it is held by thread '" + execution.thread_name(info.owner) + "'";
  }
  execution.Misuse(message, LockMisuse{event.step, self, lock, info.owner, where});
}

int MutexUnlock(void* mutex, const void* pc, bool poll) {
  RuntimeScope scope;
  Execution& execution = Exec();
  MutexState& state = MutexAt(mutex);
  const ObjectId object = state.object;
  if (state.count > 1 && execution.object(object).owner == execution.current_thread()) {
    --state.count;  // A nested unlock of a recursive mutex: no step (MutexLock).
    return 0;
  }
  // The end of a critical section locked as a poll in the thread's open window: it changed
  // nothing, and the window stays open (MutexLock).
  if (poll) {
    std::vector<ObjectId>& held = Self().spin.held;
    const auto it = std::find(held.begin(), held.end(), object);
    if (it != held.end()) {
      held.erase(it);
      g_poll = true;
    }
  }
  TraceEvent& event = Switching(
      [&]() -> TraceEvent& { return execution.Step(OpKind::kRelease, object, Where(pc)); });
  if (execution.object(object).owner != execution.current_thread()) {
    if (!OwnerChecked(state.type)) {  // Normal, adaptive, a spinlock: undefined behaviour.
      const std::string lock =
          (state.spin ? "spinlock '" : "mutex '") + execution.object(object).name + "'";
      event.value = "not held";
      MisusedLock(object, event,
                  execution.object(object).owner == kNoThread ? "unlock of unlocked " + lock
                                                              : lock + " unlocked",
                  pc);
    }
    event.value = "not held: EPERM";  // The report shows a failed unlock as one.
    return 1;
  }
  LockChanged(object);
  state.count = 0;
  execution.Publish(object);
  execution.SetOwner(object, kNoThread);
  return 0;
}

// ---- Condition variables ------------------------------------------------------------------
// wait: register, release the mutex (a step), wait until notified (a step), take the mutex
// back (a step). signal wakes one waiter (which one is a data choice), broadcast all.
int CondWait(void* cond, void* mutex, int64_t timeout, const void* pc) {
  RuntimeScope scope;
  Execution& execution = Exec();
  const auto key = reinterpret_cast<uintptr_t>(cond);
  const ThreadId self = execution.current_thread();
  // An errorcheck or recursive mutex that the caller does not hold: EPERM at once (glibc checks
  // the owner of those kinds before it waits; a normal mutex's is not checked).
  if (const MutexState& held = MutexAt(mutex);
      OwnerChecked(held.type) && execution.object(held.object).owner != self) {
    return 1;
  }
  CondState& state = StateAt(S().conds, cond, ObjectKind::kCondition);
  const ObjectId object = state.object;
  // Joining the waiters is a step of its own on the condition variable, before the unlock: a
  // signal without the mutex (POSIX allows it) before it is lost, one after it wakes this
  // thread, and the search must see that race (signal_before_wait_test; before, the join was
  // part of the thread's previous step, and a lost wake-up was missed).
  TraceEvent& entry =
      Switching([&]() -> TraceEvent& { return execution.Step(OpKind::kWait, object, Where(pc)); });
  // A normal mutex the caller does not hold: undefined behaviour (glibc unlocks it for whoever
  // holds it, or an unlocked one, and waits).
  if (const MutexState& held = MutexAt(mutex); execution.object(held.object).owner != self) {
    entry.value = "mutex not held";
    MisusedLock(held.object, entry,
                "wait on condition '" + execution.object(object).name + "' with mutex '" +
                    execution.object(held.object).name + "' not held",
                pc);
  }
  entry.value = "waiting";
  S().conds[key].waiters.emplace_back(self, false);
  g_runtime_depth--;
  MutexUnlock(mutex, pc);
  g_runtime_depth++;
  auto woken = [key, self] {
    for (const auto& [thread, flag] : S().conds[key].waiters) {
      if (thread == self) return flag;
    }
    return true;
  };
  // With --spurious-wakeups (time mode any), an untimed wait may also return without a
  // notify, as POSIX allows: a timeout the program cannot tell from a wake-up (as the std
  // mirror's condition_variable).
  const bool spurious = timeout == kForever && execution.spurious_wakeups();
  TraceEvent& event = Switching([&]() -> TraceEvent& {
    return execution.Step(OpKind::kWait, object, Where(pc), woken, spurious ? 0 : timeout);
  });
  bool timed_out = false;
  {
    std::vector<std::pair<ThreadId, bool>>& waiters = S().conds[key].waiters;
    for (auto it = waiters.begin(); it != waiters.end(); ++it) {
      if (it->first != self) continue;
      timed_out = !it->second && event.timed_out;
      waiters.erase(it);
      break;
    }
  }
  if (timed_out && spurious) {
    timed_out = false;
    event.timed_out = false;
    event.value = "spurious wake-up";
  } else if (timed_out) {
    event.value = "timed out";
  } else {
    execution.Observe(object);
  }
  g_runtime_depth--;
  MutexLock(mutex, false, kForever, pc);
  g_runtime_depth++;
  return timed_out ? 110 : 0;
}

int CondNotify(void* cond, bool all, const void* pc) {
  RuntimeScope scope;
  Execution& execution = Exec();
  CondState& state = StateAt(S().conds, cond, ObjectKind::kCondition);
  const ObjectId object = state.object;
  TraceEvent& event = Switching(
      [&]() -> TraceEvent& { return execution.Step(OpKind::kNotify, object, Where(pc)); });
  execution.Publish(object);
  std::vector<std::size_t> sleeping;
  for (std::size_t i = 0; i < state.waiters.size(); ++i) {
    if (!state.waiters[i].second) sleeping.push_back(i);
  }
  int woken = 0;
  if (all) {
    for (const std::size_t i : sleeping) state.waiters[i].second = true;
    woken = static_cast<int>(sleeping.size());
  } else if (!sleeping.empty()) {
    const int pick = sleeping.size() == 1
                         ? 0
                         : execution.ChooseInStep(event, 0, static_cast<int>(sleeping.size()) - 1);
    state.waiters[sleeping[static_cast<std::size_t>(pick)]].second = true;
    woken = 1;
  }
  event.value = std::to_string(woken);
  return 0;
}

// ---- Futexes ------------------------------------------------------------------------------
// Steps on the futex word's own object, so that the search orders a wait against the stores
// to the word (a wait that saw the old value blocks; one after the store returns at once) and
// against the wakes (a wake before the wait is lost, as the kernel's would be). The kernel
// reads the word's latest value, which memory holds (AtomicOperation stores the latest in
// modification order), after a full barrier (smp_mb), which the memory model takes as an SC
// fence in the step (so is a wake's). No happens-before edge: the program's atomics on the
// word order what it publishes, as on the real machine.
int FutexWait(const uint32_t* word, uint32_t expected, int64_t timeout, const void* pc) {
  RuntimeScope scope;
  Execution& execution = Exec();
  const auto key = reinterpret_cast<uintptr_t>(word);
  const ObjectId object = WordAt(key, sizeof(uint32_t), /*write=*/false);
  const ThreadId self = execution.current_thread();
  // The comparison and joining the waiters: one step, as the kernel does both under its lock.
  TraceEvent& entry =
      Switching([&]() -> TraceEvent& { return execution.Step(OpKind::kWait, object, Where(pc)); });
  const auto now = static_cast<uint32_t>(LoadBits(word, sizeof(uint32_t)));
  // The kernel's full barrier before it reads the word (as an SC fence: a waiter that
  // announced itself with a seq_cst store before the wait is seen by a notifier's seq_cst
  // load, or the notifier's store by the wait); then it reads the latest store, which the
  // thread's later loads of the word may not read past (else a relaxed poll after "the word
  // is 1, not 0" could read 0 forever).
  execution.KernelFenceInStep(entry);
  if (const AtomicWord& atomic = WordOf(object);
      atomic.size == static_cast<int>(sizeof(uint32_t)) && !atomic.values.empty() &&
      atomic.values[static_cast<std::size_t>(execution.LatestStore(object))] == now) {
    execution.ReadLatestInStep(entry, object);
  }
  if (now != expected) {
    entry.value = "futex: the word is " + std::to_string(now) + ", not " +
                  std::to_string(expected) + ": no wait";
    return 11;  // EAGAIN
  }
  entry.value = "futex: waiting";
  S().futexes[key].emplace_back(self, false);
  auto woken = [key, self] {
    for (const auto& [thread, flag] : S().futexes[key]) {
      if (thread == self) return flag;
    }
    return true;
  };
  TraceEvent& event = Switching([&]() -> TraceEvent& {
    return execution.Step(OpKind::kWait, object, Where(pc), woken, timeout);
  });
  bool timed_out = false;
  std::vector<std::pair<ThreadId, bool>>& waiters = S().futexes[key];
  for (auto it = waiters.begin(); it != waiters.end(); ++it) {
    if (it->first != self) continue;
    timed_out = !it->second && event.timed_out;
    waiters.erase(it);
    break;
  }
  event.value = timed_out ? "futex: timed out" : "futex: woken";
  return timed_out ? 110 : 0;  // ETIMEDOUT
}

int FutexWake(const uint32_t* word, int count, const void* pc) {
  RuntimeScope scope;
  Execution& execution = Exec();
  const auto key = reinterpret_cast<uintptr_t>(word);
  const ObjectId object = WordAt(key, sizeof(uint32_t), /*write=*/false);
  TraceEvent& event = Switching(
      [&]() -> TraceEvent& { return execution.Step(OpKind::kNotify, object, Where(pc)); });
  execution.KernelFenceInStep(event);  // The kernel's full barrier, as at a wait.
  std::vector<std::pair<ThreadId, bool>>& waiters = S().futexes[key];
  std::vector<std::size_t> sleeping;
  for (std::size_t i = 0; i < waiters.size(); ++i) {
    if (!waiters[i].second) sleeping.push_back(i);
  }
  int woken = 0;
  while (woken < count && !sleeping.empty()) {
    const int pick = sleeping.size() == 1 || count >= static_cast<int>(sleeping.size())
                         ? 0
                         : execution.ChooseInStep(event, 0, static_cast<int>(sleeping.size()) - 1);
    waiters[sleeping[static_cast<std::size_t>(pick)]].second = true;
    sleeping.erase(sleeping.begin() + pick);
    ++woken;
  }
  event.value = "futex: woke " + std::to_string(woken);
  return woken;
}

// ---- Semaphores ---------------------------------------------------------------------------
// A semaphore first met in an execution without a sem_init in it (one initialised before main,
// in a constructor, when the runtime passes sem_init to glibc): its value is what glibc's
// sem_t holds, the low 32 bits of its first word. SemInit writes it there too.
SemState& SemAt(void* sem) {
  const auto key = reinterpret_cast<uintptr_t>(sem);
  auto [it, inserted] = S().sems.try_emplace(key);
  if (inserted) {
    it->second.object = Exec().AddObject(ObjectKind::kSemaphore, NameFor(key));
    uint64_t word = 0;
    std::memcpy(&word, sem, sizeof word);
    it->second.value = static_cast<uint32_t>(word);
  }
  return it->second;
}

int SemInit(void* sem, unsigned value) {
  RuntimeScope scope;
  SemState& state = SemAt(sem);
  state.value = value;
  const uint64_t word = value;
  std::memcpy(sem, &word, sizeof word);
  return 0;
}

int SemWait(void* sem, bool try_only, int64_t timeout, const void* pc) {
  RuntimeScope scope;
  Execution& execution = Exec();
  const auto key = reinterpret_cast<uintptr_t>(sem);
  SemState& state = SemAt(sem);
  const ObjectId object = state.object;
  TraceEvent& event = try_only ? TryAcquireStep(object, pc) : Switching([&]() -> TraceEvent& {
    return execution.Step(
        OpKind::kAcquire, object, Where(pc), [key] { return S().sems[key].value > 0; }, timeout);
  });
  if (try_only && execution.unwinding()) return 11;
  SemState& now = S().sems[key];
  if (now.value <= 0) {
    event.value = try_only ? kNotAcquired : "timed out";
    if (try_only) TryFailed(object);
    return try_only ? 11 : 110;  // EAGAIN, ETIMEDOUT
  }
  if (try_only) {
    TryAcquired(object);
  } else {
    LockChanged(object);
  }
  --now.value;
  execution.Observe(object);
  return 0;
}

int SemPost(void* sem, const void* pc) {
  RuntimeScope scope;
  Execution& execution = Exec();
  SemState& state = SemAt(sem);
  const ObjectId object = state.object;
  Switching([&] { execution.Step(OpKind::kRelease, object, Where(pc)); });
  execution.Publish(object);
  LockChanged(object);
  ++S().sems[reinterpret_cast<uintptr_t>(sem)].value;
  return 0;
}

int SemValue(void* sem, const void* pc) {
  RuntimeScope scope;
  Execution& execution = Exec();
  SemState& state = SemAt(sem);
  const ObjectId object = state.object;
  TraceEvent& event =
      Switching([&]() -> TraceEvent& { return execution.Step(OpKind::kRead, object, Where(pc)); });
  const auto value = static_cast<int>(S().sems[reinterpret_cast<uintptr_t>(sem)].value);
  event.value = std::to_string(value);
  return value;
}

// ---- Barriers, rwlocks, once, sleep --------------------------------------------------------
// A barrier first met in an execution without a pthread_barrier_init in it (one initialised
// before main): its count is what glibc's pthread_barrier_t holds (the third unsigned).
// BarrierInit writes it there too.
BarrierState& BarrierAt(void* barrier) {
  const auto key = reinterpret_cast<uintptr_t>(barrier);
  auto [it, inserted] = S().barriers.try_emplace(key);
  if (inserted) {
    it->second.object = Exec().AddObject(ObjectKind::kBarrier, NameFor(key));
    std::memcpy(&it->second.count, static_cast<const char*>(barrier) + 8, sizeof(unsigned));
  }
  return it->second;
}

int BarrierInit(void* barrier, unsigned count) {
  RuntimeScope scope;
  if (count == 0) return 22;  // EINVAL
  std::memcpy(static_cast<char*>(barrier) + 8, &count, sizeof count);
  BarrierState& state = BarrierAt(barrier);
  state.count = count;
  state.arrived = 0;
  return 0;
}

int BarrierWait(void* barrier, const void* pc) {
  RuntimeScope scope;
  Execution& execution = Exec();
  const auto key = reinterpret_cast<uintptr_t>(barrier);
  BarrierState& state = BarrierAt(barrier);
  const ObjectId object = state.object;
  Switching([&] { execution.Step(OpKind::kPut, object, Where(pc)); });
  execution.Publish(object);
  BarrierState& now = S().barriers[key];
  const uint64_t generation = now.generation;
  if (++now.arrived >= now.count) {
    now.arrived = 0;
    ++now.generation;
    execution.Observe(object);
    return -1;  // PTHREAD_BARRIER_SERIAL_THREAD
  }
  Switching([&] {
    execution.Step(OpKind::kWait, object, Where(pc),
                   [key, generation] { return S().barriers[key].generation != generation; });
  });
  execution.Observe(object);
  return 0;
}

// A reader-writer lock: one object, readers counted; a writer waits for none.
// A reader-writer lock is a semaphore-kind object for the search, as the std mirror's
// shared_mutex: readers hold it together, so a shared acquire can come before another
// holder's release, and dpor must order an acquire against the releases before it, not only
// against the last acquire as it does for a mutex (ObjectKind::kLock); nor may a release be
// taken inline as a mutex holder's is. (As a lock, the two readers' overlap was never run:
// a race or a failed assert between them went unseen under dpor, found by dfs.)
int RwLock(void* lock, bool write, bool try_only, const void* pc, int64_t timeout) {
  RuntimeScope scope;
  Execution& execution = Exec();
  const auto key = reinterpret_cast<uintptr_t>(lock);
  RwState& state = StateAt(S().rwlocks, lock, ObjectKind::kSemaphore);
  const ObjectId object = state.object;
  auto free = [key, write] {
    const RwState& s = S().rwlocks[key];
    return s.writer == kNoThread && (!write || s.readers == 0);
  };
  // A blocking lock by the thread that holds the write lock: EDEADLK (glibc).
  if (!try_only && state.writer == execution.current_thread()) return 35;
  if (try_only) {
    TryAcquireStep(object, pc);
    if (execution.unwinding()) return 16;
    if (!free()) {
      TryFailed(object);
      return 16;
    }
    TryAcquired(object);
  } else {
    TraceEvent& event = Switching([&]() -> TraceEvent& {
      return execution.Step(OpKind::kAcquire, object, Where(pc), free, timeout);
    });
    if (event.timed_out) {
      event.value = "timed out";
      return 110;  // ETIMEDOUT
    }
    if (!free()) return 16;
    LockChanged(object);
  }
  RwState& now = S().rwlocks[key];
  if (write) {
    now.writer = execution.current_thread();
    execution.SetOwner(object, now.writer);
  } else {
    ++now.readers;
  }
  execution.Observe(object);
  return 0;
}

int RwUnlock(void* lock, const void* pc) {
  RuntimeScope scope;
  Execution& execution = Exec();
  const auto key = reinterpret_cast<uintptr_t>(lock);
  RwState& state = StateAt(S().rwlocks, lock, ObjectKind::kSemaphore);
  const ObjectId object = state.object;
  TraceEvent& event = Switching(
      [&]() -> TraceEvent& { return execution.Step(OpKind::kRelease, object, Where(pc)); });
  // Held by another writer, or by nobody: undefined behaviour (readers are counted, not named,
  // so a reader's unlock of another's read lock is not told apart).
  if (const RwState& held = S().rwlocks[key]; held.writer != execution.current_thread() &&
                                              (held.writer != kNoThread || held.readers == 0)) {
    const std::string name = "rwlock '" + execution.object(object).name + "'";
    event.value = "not held";
    MisusedLock(object, event,
                held.writer == kNoThread ? "unlock of unlocked " + name : name + " unlocked", pc);
  }
  execution.Publish(object);
  LockChanged(object);
  RwState& now = S().rwlocks[key];
  if (now.writer == execution.current_thread()) {
    now.writer = kNoThread;
    execution.SetOwner(object, kNoThread);
  } else if (now.readers > 0) {
    --now.readers;
  }
  return 0;
}

int Once(void* once, void (*init)(), const void* pc) {
  const auto key = reinterpret_cast<uintptr_t>(once);
  {
    RuntimeScope scope;
    Execution& execution = Exec();
    // The state is the runtime's; glibc's "done" is mirrored into the control (2), so that a
    // control set to PTHREAD_ONCE_INIT again (0) runs its init again, as glibc's would.
    auto [state, fresh] = S().onces.try_emplace(key, 0);
    int control = 0;
    std::memcpy(&control, once, sizeof control);
    if (!fresh && state->second == 2 && control == 0) state->second = 0;
    // The control word stands for itself: a lock that orders the runs.
    const ObjectId object = ObjectAt(S().once_objects, key, ObjectKind::kLock);
    Switching([&] {
      execution.Step(OpKind::kAcquire, object, Where(pc), [key] { return S().onces[key] != 1; });
    });
    execution.Observe(object);
    if (S().onces[key] == 2) return 0;
    S().onces[key] = 1;
  }
  // The release step ends a run: init returned (done: 2), or threw (not run: 0). The state
  // is set in the release's step, which a waiter's acquire then follows (set in the tail of
  // init's last step, on another object, it let a waiter return before the release published
  // init's writes: a DATA RACE real pthread_once cannot show).
  auto release = [key, pc](int state) {
    RuntimeScope scope;
    Execution& execution = Exec();
    const ObjectId object = ObjectAt(S().once_objects, key, ObjectKind::kLock);
    Switching([&] { execution.Step(OpKind::kRelease, object, Where(pc)); });
    S().onces[key] = state;
    std::memcpy(reinterpret_cast<void*>(key), &state, sizeof state);
    execution.Publish(object);
  };
  try {
    init();
  } catch (...) {
    // An exception out of init (std::call_once's callable threw): as glibc's pthread_once,
    // whose cleanup handler runs as the exception unwinds it, the control goes back to "not
    // run" and the waiters wake, so the next call runs init again (before: it stayed
    // "running", and that next call waited for ever: a DEADLOCK in a correct program). A
    // thread the execution is killing just unwinds.
    if (!Exec().unwinding()) release(0);
    throw;
  }
  release(2);
  return 0;
}

// ---- Function-local statics ---------------------------------------------------------------
// `static T t = f();` in a function: g++'s inline fast path loads the guard's first byte with
// acquire order and calls __cxa_guard_acquire when it is 0; that returns 1 to the thread that
// is to initialise (the others wait for it), and __cxa_guard_release stores 1 there with
// release order. libstdc++ does those atomics inside libstdc++.so, where the runtime does not
// see them: a thread whose fast path then read the 1 saw no store and no synchronisation (a
// false DATA RACE on the static), and the orders in which two threads reach the static were not
// explored. The runtime implements the three: a lock per guard orders the initialisations, as
// a once control's does (Once), and the release stores the first byte through the memory
// model, with release order, for the fast path's acquire load to read. Only the program's own
// statics: their guards are in its memory, which every execution starts afresh (a system
// library's guard stays set from the execution that initialised its static, and its inline
// fast path, in uninstrumented code, calls nothing after that), and not the runtime's own.
bool InSystemLibrary(const void* pc);
bool ProgramGuard(const void* pc) {
  return !InRuntime(reinterpret_cast<uintptr_t>(pc)) && !InSystemLibrary(pc);
}

int GuardAcquire(void* guard, const void* pc) {
  RuntimeScope scope;
  Execution& execution = Exec();
  const auto key = reinterpret_cast<uintptr_t>(guard);
  auto [state, fresh] = S().onces.try_emplace(key, 0);
  // Done before the runtime saw it (by a constructor before main).
  if (state->second == 0 && *static_cast<const char*>(guard) != 0) state->second = 2;
  const ObjectId object = ObjectAt(S().once_objects, key, ObjectKind::kLock);
  Switching([&] {
    execution.Step(OpKind::kAcquire, object, Where(pc), [key] { return S().onces[key] != 1; });
  });
  execution.Observe(object);
  if (S().onces[key] == 2) return 0;
  S().onces[key] = 1;
  return 1;
}

namespace {
void GuardDone(void* guard, int state, const void* pc) {
  RuntimeScope scope;
  Execution& execution = Exec();
  const auto key = reinterpret_cast<uintptr_t>(guard);
  const ObjectId object = ObjectAt(S().once_objects, key, ObjectKind::kLock);
  Switching([&] { execution.Step(OpKind::kRelease, object, Where(pc)); });
  S().onces[key] = state;
  execution.Publish(object);
}
}  // namespace

void GuardRelease(void* guard, const void* pc) {
  AtomicOperation({.address = guard,
                   .size = 1,
                   .op = AtomicOp::kStore,
                   .operand = 1,
                   .expected = 0,
                   .order = __ATOMIC_RELEASE,
                   .failure_order = __ATOMIC_RELAXED,
                   .weak = false},
                  nullptr, pc);
  GuardDone(guard, 2, pc);
}

// The initialiser threw: not initialised, and the next thread to come tries again.
void GuardAbort(void* guard, const void* pc) { GuardDone(guard, 0, pc); }

// ---- Thread-specific data -----------------------------------------------------------------
// Keys are per execution and values per model thread (the OS thread's are shared by all the
// fibers). Destructors are not run.
void AtThreadExit(void (*destructor)(void*), void* object) {
  RuntimeScope scope;
  Self().thread_local_destructors.emplace_back(destructor, object);
}

// Whether `pc` lies in a system library (libstdc++, glibc) rather than the program.
bool InSystemLibrary(const void* pc) {
  Dl_info info;
  return dladdr(pc, &info) != 0 && info.dli_fname != nullptr &&
         process_dwarf::IsSystemModule(info.dli_fname);
}

constexpr unsigned kLibraryKeys = 1u << 30;

unsigned KeyCreate(void (*destructor)(void*), const void* pc) {
  RuntimeScope scope;
  // A key a system library creates in a guarded static of its own (libstdc++'s list for
  // notify_all_at_thread_exit and set_value_at_thread_exit): the library's state is not
  // restored between executions, so the creation runs in the first execution only and the key
  // must outlive it, as a key of every later execution; and a step in the first only would
  // make the executions differ (before: an ERROR, "not deterministic"). No step: the program
  // cannot order anything against the library's one-time creation.
  if (InSystemLibrary(pc)) {
    State& s = S();
    const int nth = s.library_creations[pc]++;
    for (const State::LibraryKey& library : s.library_keys) {
      if (library.pc == pc && library.nth == nth && library.destructor == destructor) {
        s.keys[library.key];  // Deleted in this execution: it exists again.
        if (destructor != nullptr) s.key_destructors[library.key] = destructor;
        return library.key;
      }
    }
    const unsigned key = kLibraryKeys + static_cast<unsigned>(s.library_keys.size());
    s.library_keys.push_back({pc, nth, destructor, key});
    s.keys[key];
    if (destructor != nullptr) s.key_destructors[key] = destructor;
    return key;
  }
  KeyTableStep(OpKind::kUpdate, pc);
  const unsigned key = S().next_key++;
  S().keys[key];
  if (destructor != nullptr) S().key_destructors[key] = destructor;
  return key;
}

int KeyDelete(unsigned key, const void* pc) {
  RuntimeScope scope;
  KeyTableStep(OpKind::kUpdate, pc);
  if (S().keys.erase(key) == 0) return 22;  // EINVAL
  S().key_destructors.erase(key);
  return 0;
}

void* KeyGet(unsigned key, const void* pc) {
  RuntimeScope scope;
  KeyTableStep(OpKind::kRead, pc);
  auto it = S().keys.find(key);
  if (it == S().keys.end()) return nullptr;
  auto value = it->second.find(Exec().current_thread());
  return value == it->second.end() ? nullptr : value->second;
}

int KeySet(unsigned key, const void* value, const void* pc) {
  RuntimeScope scope;
  KeyTableStep(OpKind::kRead, pc);
  auto it = S().keys.find(key);
  if (it == S().keys.end()) return 22;  // EINVAL
  it->second[Exec().current_thread()] = const_cast<void*>(value);
  return 0;
}

void Sleep(int64_t microseconds, const void* pc) {
  RuntimeScope scope;
  g_poll = true;  // A sleep or yield leaves the spin window as it is.
  TraceEvent& event =
      Switching([&]() -> TraceEvent& { return Exec().Sleep(microseconds, Where(pc)); });
  // Its duration in seconds, as the model's sleep() shows it ("sleep 0.1s"; a yield: "0s").
  char text[32];
  const auto [end, error] =
      std::to_chars(text, text + sizeof text, static_cast<double>(microseconds) / 1e6);
  event.value.assign(text, error == std::errc() ? end : text);
}

void ClockRead() { NotPoll(); }

}  // namespace interleave::instrumented
