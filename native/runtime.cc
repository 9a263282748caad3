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
}
#endif

namespace interleave::native {
namespace {

// The runtime's own bookkeeping (the run's record, the table of threads, name counters, the
// choose() generator) is shared by all threads under one mutex. Under ThreadSanitizer that
// mutex would order the scenario's threads where the model has no happens-before edge (a
// thread's exit bookkeeping, then main's next start, would hide a race between the two
// threads the model reports), so in a Quiet section TSan ignores both the synchronisation and
// the memory accesses. Without TSan it is nothing.
class Quiet {
 public:
#if defined(__SANITIZE_THREAD__)
  Quiet() {
    AnnotateIgnoreSyncBegin(__FILE__, __LINE__);
    __tsan_ignore_thread_begin();
  }
  ~Quiet() {
    __tsan_ignore_thread_end();
    AnnotateIgnoreSyncEnd(__FILE__, __LINE__);
  }
#else
  Quiet() = default;
#endif
  Quiet(const Quiet&) = delete;
  Quiet& operator=(const Quiet&) = delete;
};

struct Run {
  std::mutex mu;  // Guards everything below.
  Record record;
  std::condition_variable threads_changed;
  std::vector<ThreadCore*> alive;  // In start order; each removes itself before it ends.
  uint64_t starts = 0;
  std::map<std::string, int> numbers;
  std::vector<std::function<void()>> at_exit;
  std::mt19937_64* generator = nullptr;  // choose()'s, created on first use.
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
      entry.second = std::move(value);
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
  return std::exchange(run.record, Record{});
}

std::string Where(const std::source_location& where) {
  std::string file = where.file_name();
  if (auto slash = file.rfind('/'); slash != std::string::npos) file = file.substr(slash + 1);
  return file + ":" + std::to_string(where.line());
}

ThreadCore* CurrentCore() { return current_core; }

void CheckTerminated() {
  if (current_core != nullptr && current_core->terminate_requested.load()) throw Terminated{};
}

void StartThread(const std::shared_ptr<ThreadCore>& core, std::function<void()> body) {
  Run& run = TheRun();
  {
    Quiet quiet;
    std::lock_guard lock(run.mu);
    core->start_order = ++run.starts;
    run.alive.push_back(core.get());
  }
  {
    std::lock_guard lock(core->mu);
    core->started = true;
  }
  std::thread thread([core, body = std::move(body)] {
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
    Run& run = TheRun();
    {
      Quiet quiet;
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
  });
  std::lock_guard lock(core->mu);
  core->thread = std::move(thread);
}

void HandOff(ThreadCore& core, bool detach) {
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
  Quiet quiet;
  std::unique_lock lock(run.mu);
  WaitUntil(lock, run.threads_changed, [&run] {
    return std::none_of(run.alive.begin(), run.alive.end(), [](const ThreadCore* core) {
      return !core->daemon && core != current_core;
    });
  });
}

std::vector<std::string> AliveThreadNames() {
  Run& run = TheRun();
  Quiet quiet;
  std::lock_guard lock(run.mu);
  std::vector<std::string> names = {"MainThread"};
  for (const auto& core : run.alive) names.push_back(core->name);
  return names;
}

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
