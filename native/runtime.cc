#include "model/runtime.h"

#include <algorithm>
#include <cstdio>
#include <exception>
#include <map>
#include <random>
#include <string>
#include <utility>

#include "model/error.h"

#if defined(__SANITIZE_THREAD__)
extern "C" {
void AnnotateIgnoreSyncBegin(const char* file, int line);
void AnnotateIgnoreSyncEnd(const char* file, int line);
void __tsan_ignore_thread_begin();
void __tsan_ignore_thread_end();
void __tsan_acquire(void* addr);
void __tsan_release(void* addr);
}
#endif

namespace interleave::native {

// Quiet: TSan's ignore-sync and ignore-accesses annotations (see runtime.h). The runtime's
// bookkeeping (the run's record, the table of threads, name counters, choose()'s generator, a
// thread's state) is shared by all threads under mutexes; without this, a thread's exit
// bookkeeping followed by main's next start() would order two threads the model leaves
// unordered and hide their race.
#if defined(__SANITIZE_THREAD__)
Quiet::Quiet() {
  AnnotateIgnoreSyncBegin(__FILE__, __LINE__);
  __tsan_ignore_thread_begin();
}
Quiet::~Quiet() {
  __tsan_ignore_thread_end();
  AnnotateIgnoreSyncEnd(__FILE__, __LINE__);
}
void Publish(const void* object) { __tsan_release(const_cast<void*>(object)); }
void Observe(const void* object) { __tsan_acquire(const_cast<void*>(object)); }
#else
Quiet::Quiet() = default;
Quiet::~Quiet() = default;
void Publish(const void*) {}
void Observe(const void*) {}
#endif

namespace {

struct Run {
  std::mutex mu;  // Guards everything below.
  Record record;
  std::condition_variable threads_changed;
  std::vector<ThreadCore*> alive;  // In start order; each removes itself before it ends.
  uint64_t starts = 0;
  std::map<std::string, int> numbers;
  std::vector<std::function<void()>> at_exit;
  std::mt19937_64* generator = nullptr;  // choose()'s, created on first use.
  // Not guarded: only its address is used, as the object every finishing thread publishes its
  // end on, so that enumerate_threads() observes every finished thread (the model's
  // ObserveFinishedThreads).
  char finished_threads = 0;
};

Run& TheRun() {
  static Run* run = new Run;  // Never destroyed: daemon threads may outlive main.
  return *run;
}

thread_local ThreadCore* current_core = nullptr;

}  // namespace

Settings& settings() {
  static Settings settings;
  return settings;
}

void RecordOutcome(std::string name, std::string value) {
  Run& run = TheRun();
  Quiet quiet;
  std::lock_guard lock(run.mu);
  for (auto& entry : run.record.outcome) {
    if (entry.first == name) {
      // The old value dies here, in the Quiet section (a std::string move-assignment would
      // hand its buffer, another thread's perhaps, to `value` to free outside it).
      std::swap(entry.second, value);
      std::string old = std::move(value);
      return;
    }
  }
  run.record.outcome.emplace_back(std::move(name), std::move(value));
}

void RecordFailedExpect(std::string text) {
  Run& run = TheRun();
  Quiet quiet;
  std::lock_guard lock(run.mu);
  run.record.failed_expects.push_back(std::move(text));
}

void RecordError(std::string text) {
  Run& run = TheRun();
  Quiet quiet;
  std::lock_guard lock(run.mu);
  run.record.errors.push_back(std::move(text));
}

Record TakeRecord() {
  Run& run = TheRun();
  Quiet quiet;
  std::lock_guard lock(run.mu);
  // A deep copy made here, not the record's own strings: those were built by the scenario's
  // threads, which need not happen before the caller (the program-exit wait adds no edge), and
  // TSan would take reading them for a race.
  Record copy = run.record;
  run.record = Record{};
  return copy;
}

ThreadCore* CurrentCore() { return current_core; }

void CheckTerminated() {
  // Relaxed: the request is no synchronisation (the model's terminate() adds no edge to the
  // victim), and TSan sees none in a relaxed load.
  if (current_core != nullptr &&
      current_core->terminate_requested.load(std::memory_order_relaxed)) {
    throw Terminated{};
  }
}

void StartThread(const std::shared_ptr<ThreadCore>& core, std::function<void()> body) {
  Run& run = TheRun();
  {
    Quiet quiet;
    std::lock_guard lock(run.mu);
    core->start_order = ++run.starts;
    run.alive.push_back(core.get());
    std::lock_guard core_lock(core->mu);
    core->started = true;
  }
  // Outside any Quiet section: creating the thread is TSan's start edge, the model's too.
  std::thread thread([core = std::shared_ptr<ThreadCore>(core), body = std::move(body)]() mutable {
    current_core = core.get();
    bool terminated = false;
    try {
      CheckTerminated();
      body();
    } catch (const Terminated&) {
      terminated = true;
    } catch (const std::exception& e) {
      // Python prints the traceback and the thread ends; the run goes on.
      RecordError("exception in thread " + core->name + ": " + e.what());
    } catch (...) {
      RecordError("exception in thread " + core->name);
    }
    // The join edge (the model's, at a thread's end): whoever observes this thread's end
    // (join, is_alive() false, exitcode, enumerate_threads) sees its whole history.
    Publish(core.get());
    Run& run = TheRun();
    Publish(&run.finished_threads);
    Quiet quiet;  // From here on, bookkeeping only, to the thread's very end.
    {
      std::lock_guard lock(run.mu);
      run.alive.erase(std::remove(run.alive.begin(), run.alive.end(), core.get()), run.alive.end());
      run.threads_changed.notify_all();
    }
    {
      std::lock_guard lock(core->mu);
      core->finished = true;
      core->terminated = terminated;
    }
    core->changed.notify_all();
    // Dropped here, in the Quiet section: the shared_ptr's reference count is an atomic that
    // the Thread object's owner decrements too, and TSan would take the pair for an edge from
    // this thread's end. The scenario's target goes the same way (its captures' destruction is
    // the runtime's, not the scenario's code).
    body = nullptr;
    core.reset();
  });
  Quiet quiet;
  std::lock_guard lock(core->mu);
  core->thread = std::move(thread);
}

void HandOff(ThreadCore& core, bool detach) {
  // Quiet, the pthread_join too: the edge from the thread's end is Observe's, given only where
  // the model has it (join(), not the exit-wait of a Thread leaving scope).
  Quiet quiet;
  std::unique_lock lock(core.mu);
  if (core.handed_off || !core.thread.joinable()) return;
  core.handed_off = true;
  std::thread thread = std::move(core.thread);
  lock.unlock();
  if (detach) {
    thread.detach();
  } else {
    thread.join();
  }
}

void WaitForNonDaemonThreads() {
  Run& run = TheRun();
  {
    Quiet quiet;
    std::unique_lock lock(run.mu);
    WaitUntil(lock, run.threads_changed, [&run] {
      return std::none_of(run.alive.begin(), run.alive.end(), [](const ThreadCore* core) {
        return !core->daemon && core != current_core;
      });
    });
  }
  // The program exit's edge: CPython's exit joins every non-daemon thread, so what they did
  // happens before the program's end (and before the destruction of what they shared). Every
  // finished thread is observed (a daemon that finished too; the running ones publish later).
  Observe(&run.finished_threads);
}

std::vector<std::string> AliveThreadNames() {
  Run& run = TheRun();
  Quiet quiet;
  std::lock_guard lock(run.mu);
  std::vector<std::string> names = {"MainThread"};
  for (const auto& core : run.alive) names.push_back(core->name);
  return names;
}

void ObserveFinishedThreads() { Observe(&TheRun().finished_threads); }

int Choose(int lo, int hi) {
  Run& run = TheRun();
  Quiet quiet;
  std::lock_guard lock(run.mu);
  if (run.generator == nullptr) run.generator = new std::mt19937_64(settings().seed);
  return std::uniform_int_distribution<int>(lo, hi)(*run.generator);
}

int NextNumber(const std::string& prefix) {
  Run& run = TheRun();
  Quiet quiet;
  std::lock_guard lock(run.mu);
  return ++run.numbers[prefix];
}

void AtProgramExit(std::function<void()> callback) {
  Run& run = TheRun();
  Quiet quiet;
  std::lock_guard lock(run.mu);
  run.at_exit.push_back(std::move(callback));
}

void ProgramExit() {
  Run& run = TheRun();
  std::vector<std::function<void()>> callbacks;
  {
    Quiet quiet;
    std::lock_guard lock(run.mu);
    callbacks.swap(run.at_exit);
  }
  for (auto& callback : callbacks) {
    try {
      callback();
    } catch (const std::exception& e) {
      RecordError(std::string("at program exit: ") + e.what());
    }
  }
  WaitForNonDaemonThreads();
}

Clock::duration Scaled(double seconds) {
  if (seconds < 0) seconds = 0;
  return std::chrono::duration_cast<Clock::duration>(
      std::chrono::duration<double>(seconds * settings().time_scale));
}

std::optional<Clock::time_point> Deadline(double seconds) {
  if (seconds < 0) return std::nullopt;
  return Clock::now() + Scaled(seconds);
}

}  // namespace interleave::native
