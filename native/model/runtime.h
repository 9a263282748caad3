// The native backend's runtime: what one run of a scenario on real threads records (outcomes,
// failed expects, errors), its settings (seed, time scale, logging), the table of threads, and
// the one blocking wait every primitive uses.
//
// The native backend implements the model API (model/model.h) on std::thread and the standard
// library's mutexes and condition variables, so that a scenario compiles unchanged against it
// and runs on real threads, where ThreadSanitizer can watch it. It explores nothing: each run
// is one interleaving the operating system chose.
//
// Time: every duration the scenario gives (sleep, timeouts, Timer intervals) is multiplied by
// Settings::time_scale (default 1/100), so sleep(0.1) sleeps 1 ms of real time.
//
// Blocking: every blocking operation waits on its primitive's condition variable through
// WaitUntil(), in slices of at most 10 ms, so that a Process::terminate() (which is
// cooperative, see process.h) can end a thread blocked in it.
//
// Happens-before, as ThreadSanitizer sees it: TSan can only confirm the model's DATA RACE if
// the backend orders the scenario's threads no more than the model does (a happens-before
// detector reports two accesses only when nothing it saw orders them). So the backend's own
// synchronisation (every std::mutex, condition variable and atomic it uses for its bookkeeping
// and to build the primitives) runs in Quiet sections, which TSan does not see, and the edges
// the model has are given to TSan explicitly with Publish/Observe at the points where the model
// calls Execution::Publish/Observe (see "TSan fidelity" in docs/implementation-notes.md).
// The one edge not made that way is a thread's start: creating the std::thread (outside any
// Quiet section) is TSan's own start edge, as the model's Spawn copies the starter's clock.
#ifndef INTERLEAVE_NATIVE_MODEL_RUNTIME_H_
#define INTERLEAVE_NATIVE_MODEL_RUNTIME_H_

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <source_location>
#include <string>
#include <thread>
#include <utility>
#include <vector>

namespace interleave::native {

// What a run is set up with; the runner (native/run_native.cc) fills it before the body runs.
struct Settings {
  uint64_t seed = 1;           // choose() draws from a generator seeded with this.
  double time_scale = 0.01;    // Real seconds per scenario second.
  bool print_log = false;      // log() prints "[thread] message" to stderr.
  bool print_objects = false;  // Shared/Atomic/Value print their name and address to stderr.
};

// What a run recorded, in the order it happened.
struct Record {
  std::vector<std::pair<std::string, std::string>> outcome;  // name -> value text, last wins.
  std::vector<std::string> failed_expects;                   // "message (file.cc:12)".
  std::vector<std::string> errors;  // Misuse, uncaught exceptions, lost messages.
};

Settings& settings();
// Thread-safe accessors of the run's record.
void RecordOutcome(std::string name, std::string value);
void RecordFailedExpect(std::string text);
void RecordError(std::string text);
Record TakeRecord();

// Thrown in a thread whose process was terminate()d, at its next operation or while it
// blocks; caught by the thread's entry (it is not an error of the scenario).
struct Terminated {};

// A thread of the run, shared by its Thread object and the thread itself.
struct ThreadCore {
  std::string name;
  bool daemon = false;
  std::thread thread;
  std::mutex mu;  // Guards the fields below and `thread`'s join/detach; used in Quiet sections.
  std::condition_variable changed;
  bool started = false;
  bool finished = false;
  bool handed_off = false;  // `thread` was joined or detached.
  bool terminated = false;  // Ended by terminate().
  std::atomic<bool> terminate_requested{false};
  uint64_t start_order = 0;
};

// A happens-before edge on `object`'s address, as the model's Execution::Publish/Observe: what
// the thread did before Publish(x) happens before what any thread does after a later
// Observe(x) (TSan's __tsan_release/__tsan_acquire; releases accumulate, as the model's object
// clocks do). No-ops without TSan. Never call them inside a Quiet section (TSan would ignore
// them there).
void Publish(const void* object);
void Observe(const void* object);

// While one lives, TSan ignores the calling thread's synchronisation (mutexes, condition
// variables, atomics, thread join) and its memory accesses: for the backend's bookkeeping,
// which must neither order the scenario's threads nor be reported as racy. Scenario code
// must never run inside one (its accesses would be ignored). Nests. Nothing without TSan.
class Quiet {
 public:
  Quiet();
  ~Quiet();
  Quiet(const Quiet&) = delete;
  Quiet& operator=(const Quiet&) = delete;
};

// The core of the calling thread (nullptr in the main thread).
ThreadCore* CurrentCore();
// Throws Terminated when the calling thread's process has been asked to terminate.
void CheckTerminated();
// Starts `core`'s thread running `body` and registers it as alive until body returns.
void StartThread(const std::shared_ptr<ThreadCore>& core, std::function<void()> body);
// Joins or detaches the std::thread once it is safe (finished, or detach asked).
void HandOff(ThreadCore& core, bool detach);
// Blocks until every started non-daemon thread has finished (program exit), then observes the
// end of every finished thread (CPython joins them at exit).
void WaitForNonDaemonThreads();
// The names of the alive threads, main first, then in the order they started.
std::vector<std::string> AliveThreadNames();
// The model's ObserveFinishedThreads (enumerate_threads, active_count): the caller observes
// the end of every thread that has finished.
void ObserveFinishedThreads();
// A uniformly random value in [lo, hi] from the run's generator (seeded with Settings::seed).
int Choose(int lo, int hi);
// "Thread-N" (N counting default-named threads of the run from 1), and the like.
int NextNumber(const std::string& prefix);
// Prints "interleave-native: object NAME KIND at 0xADDRESS" to stderr when
// Settings::print_objects is on (Shared, Atomic, Value), for native/tsan_report.h.
void AnnounceObject(const std::string& name, const char* kind, const void* address);

// Program exit: callbacks run after the body returns (make_thread's objects).
void AtProgramExit(std::function<void()> callback);
// Runs them (in order), then waits for every non-daemon thread. Daemons are left running:
// the runner ends the process right after.
void ProgramExit();

using Clock = std::chrono::steady_clock;
// The real deadline `seconds` scenario-seconds from now; nullopt for a negative timeout
// (wait forever).
std::optional<Clock::time_point> Deadline(double seconds);
Clock::duration Scaled(double seconds);

// Waits on `cv` (with `lock` held) until `ready()` or the deadline; returns ready(). Wakes at
// least every 10 ms to honour terminate() (throws Terminated).
template <typename Ready>
bool WaitUntil(std::unique_lock<std::mutex>& lock, std::condition_variable& cv, Ready ready,
               std::optional<Clock::time_point> deadline = std::nullopt) {
  constexpr auto kSlice = std::chrono::milliseconds(10);
  while (!ready()) {
    CheckTerminated();
    auto until = Clock::now() + kSlice;
    if (deadline) {
      if (Clock::now() >= *deadline) return ready();
      if (*deadline < until) until = *deadline;
    }
    cv.wait_until(lock, until);
  }
  return true;
}

}  // namespace interleave::native

#endif  // INTERLEAVE_NATIVE_MODEL_RUNTIME_H_
