// Seed 001 ("Python threads 101"), sections "Shared variables" (001.g), "More Shared variables"
// (001.h), "Race condition" (001.j), "Basic locks" and "Basic locks are compatible with context
// managers" (001.k); SCENARIOS.md, core defects.
//
// Four daemon threads (each joined) add one to the global `value`, which main logs at the end.
// `value += 1` is a read then a write (two visible steps, as the bytecode is), so:
// - 001.g (bug): one `value += 1` per thread, no lock: the unsynchronised accesses are a DATA
//   RACE, and a write that overwrote another thread's without reading it leaves value < 4
//   (LOST UPDATE). Same in `virtual` (nothing sleeps; everything happens at time 0).
// - 001.h (bug): N increments per thread (seed: 1 000 000): LOST UPDATE, value < threads x N
//   (2 threads x 3 increments by default, see its params).
// - 001.j (bug): the thread copies value, adds one, sleeps 0.1 s, writes the copy back:
//   LOST UPDATE. In `any` some interleavings lose updates; in `virtual` every thread reads 0 at
//   time 0 before any writes at 0.1 s, so the final value is 1 in every interleaving.
// - 001.k (fix): the same read-modify-write between lock.acquire()/lock.release(), and under
//   `with lock:`: PASS in both modes, value == 4 in every interleaving.
// Each scenario declares the final value as the outcome "value" and expects the full count.
#include <deque>
#include <string>

#include "model/model.h"
#include "scenarios/registry.h"

namespace interleave::scenarios {
namespace {

// The seed's main block, shared by the five sections: start `threads` daemon threads running
// `thread_function(index)`, join each, log the value.
template <typename Function>
void RunThreads(int thread_count, Function& thread_function) {
  log("Main    : before creating threads");
  std::deque<Thread> threads;  // Threads must not move once started.
  for (int index = 0; index < thread_count; ++index) {
    Thread& x = threads.emplace_back([&thread_function, index] { thread_function(index); },
                                     "Thread-" + std::to_string(index + 1), /*daemon=*/true);
    log("Main    : before running thread");
    x.start();
  }
  for (Thread& thread : threads) {
    log("Main    : wait for the thread to finish");
    thread.join();
  }
  log("Main    : all done");
}

void CheckValue(Shared<int>& value, int expected) {
  const int final_value = value.read();
  log("Value = " + std::to_string(final_value));
  outcome("value", final_value);
  expect(final_value == expected, "value == " + std::to_string(expected));
}

// "Shared variables".
void SharedVariables(const ScenarioParams& p) {
  const int thread_count = p["threads"];
  Shared<int> value("value", 0);
  auto thread_function_2 = [&value](int name) {
    log("Thread " + std::to_string(name) + ": starting");
    value.write(value.read() + 1);  // value += 1
    log("Thread " + std::to_string(name) + ": finishing");
  };
  RunThreads(thread_count, thread_function_2);
  CheckValue(value, thread_count);
}

// "More Shared variables".
void MoreSharedVariables(const ScenarioParams& p) {
  const int thread_count = p["threads"];
  const int increments = p["increments"];
  Shared<int> value("value", 0);
  auto thread_function_3 = [&value, increments](int name) {
    log("Thread " + std::to_string(name) + ": starting");
    for (int index = 0; index < increments; ++index) {
      value.write(value.read() + 1);  // value += 1
    }
    log("Thread " + std::to_string(name) + ": finishing");
  };
  RunThreads(thread_count, thread_function_3);
  CheckValue(value, thread_count * increments);
}

// "Race condition".
void RaceCondition(const ScenarioParams& p) {
  const int thread_count = p["threads"];
  Shared<int> value("value", 0);
  auto thread_function_4 = [&value](int name) {
    log("Thread " + std::to_string(name) + ": starting");
    int local_value = value.read();
    local_value += 1;
    sleep(0.1);
    value.write(local_value);
    log("Thread " + std::to_string(name) + ": finishing");
  };
  RunThreads(thread_count, thread_function_4);
  CheckValue(value, thread_count);
}

// "Basic locks": explicit acquire and release.
void BasicLocks(const ScenarioParams& p) {
  const int thread_count = p["threads"];
  Shared<int> value("value", 0);
  Lock lock("lock");
  auto thread_function_4_lock = [&value, &lock](int name) {
    log("Thread " + std::to_string(name) + ": starting");
    lock.acquire();
    log("Thread " + std::to_string(name) + ": acquired lock");
    int local_value = value.read();
    local_value += 1;
    sleep(0.1);
    value.write(local_value);
    lock.release();
    log("Thread " + std::to_string(name) + ": released lock");
    log("Thread " + std::to_string(name) + ": finishing");
  };
  RunThreads(thread_count, thread_function_4_lock);
  CheckValue(value, thread_count);
}

// "Basic locks are compatible with context managers": `with lock:`.
void BasicLocksWith(const ScenarioParams& p) {
  const int thread_count = p["threads"];
  Shared<int> value("value", 0);
  Lock lock("lock");
  auto thread_function_4_lock = [&value, &lock](int name) {
    log("Thread " + std::to_string(name) + ": starting");
    {
      LockGuard with(lock);
      log("Thread " + std::to_string(name) + ": acquired lock");
      int local_value = value.read();
      local_value += 1;
      sleep(0.1);
      value.write(local_value);
    }
    log("Thread " + std::to_string(name) + ": released lock");
    log("Thread " + std::to_string(name) + ": finishing");
  };
  RunThreads(thread_count, thread_function_4_lock);
  CheckValue(value, thread_count);
}

INTERLEAVE_SCENARIO({
    .name = "shared_value_increment",
    .id = "001.g",
    .variant = "bug",
    .seed = "001 \"Shared variables\"",
    .description = "4 threads each run `value += 1` once on a global, no lock",
    .params = {{"threads", 4, "threads (seed: 4)", 1, 60}},
    .expected = {Verdict::kBug, {FindingKind::kDataRace, FindingKind::kLostUpdate}},
    .body = SharedVariables,
});

INTERLEAVE_SCENARIO({
    .name = "shared_value_many_increments",
    .id = "001.h",
    .variant = "bug",
    .seed = "001 \"More Shared variables\"",
    .description = "threads each run `value += 1` N times on a global, no lock",
    // 2 threads x 3: 328 interleavings; 3 x 2 take 7 134, 4 x 2 about a million (40 s).
    .params = {{"threads", 2, "threads (seed: 4)", 1, 60},
               {"increments", 3, "increments per thread (seed: 1 000 000)", 0, 1'000'000}},
    .expected = {Verdict::kBug, {FindingKind::kLostUpdate}},
    .body = MoreSharedVariables,
});

INTERLEAVE_SCENARIO({
    .name = "race_local_copy",
    .id = "001.j",
    .variant = "bug",
    .seed = "001 \"Race condition\"",
    .description = "4 threads copy value, add one, sleep 0.1 s, write the copy back",
    .params = {{"threads", 4, "threads (seed: 4)", 1, 60}},
    .expected = {Verdict::kBug, {FindingKind::kLostUpdate}},
    .body = RaceCondition,
});

INTERLEAVE_SCENARIO({
    .name = "race_local_copy_lock",
    .id = "001.k",
    .variant = "fix",
    .seed = "001 \"Basic locks\"",
    .description = "the local-copy update between lock.acquire() and lock.release()",
    .params = {{"threads", 4, "threads (seed: 4)", 1, 60}},
    .expected = {Verdict::kPass, {}},
    .body = BasicLocks,
});

INTERLEAVE_SCENARIO({
    .name = "race_local_copy_with_lock",
    .id = "001.k",
    .variant = "fix",
    .seed = "001 \"Basic locks are compatible with context managers\"",
    .description = "the local-copy update under `with lock:`",
    .params = {{"threads", 4, "threads (seed: 4)", 1, 60}},
    .expected = {Verdict::kPass, {}},
    .body = BasicLocksWith,
});

}  // namespace
}  // namespace interleave::scenarios
