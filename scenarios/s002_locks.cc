// Seed 002 "Threading": "Controlling Access to Resources" (threading_lock.py, 002.k), "Locks as
// Context Managers" (threading_lock_with.py, 002.l) and "Limiting Concurrent Access to
// Resources" (threading_semaphore.py, 002.m); SCENARIOS.md, programs without a defect.
//
// 002.k (seed): a Counter whose increment is under its lock; 2 workers each sleep a random pause
// and increment, twice; main joins every thread enumerate() lists and logs the counter. PASS in
// both modes: the final value is 4 (workers x increments) in every interleaving and for every
// pause; the outcome is that value.
// 002.l (seed): one worker takes the lock with `with`, the other with acquire/try/finally
// release; nobody joins (the program waits for them at exit). PASS in both modes; the outcome is
// the order in which they held the lock: both orders are reachable.
// 002.m (seed): an ActivePool (a list under a lock) and a Semaphore(2); each of N workers, under
// the semaphore, adds its name to the pool, sleeps 0.1 s and removes it. PASS in both modes: the
// invariant "at most 2 active" holds in every interleaving; the outcome is the most names ever
// active at once (`virtual`: always 2; `any`: 1 or 2).
// 002.m (bug, a mutation not in the seed): the same workers without the semaphore. BUG
// (INVARIANT) in both modes: with 3 workers the pool can hold 3 names (`virtual`: in every
// interleaving, since all join the pool at 0 s and leave at 0.1 s).
#include <algorithm>
#include <cstdio>
#include <string>
#include <vector>

#include "model/model.h"
#include "scenarios/registry.h"

namespace interleave::scenarios {
namespace {

std::string Fixed2(double value) {  // '%0.02f'
  char text[32];
  std::snprintf(text, sizeof text, "%0.02f", value);
  return text;
}

// Program exit for threads kept in a vector: wait for each unjoined non-daemon, as the
// interpreter does. Done here rather than by ~Thread inside ~vector: that wait is a scheduling
// point where the execution may be unwound, and an exception cannot leave std::vector's
// noexcept destructor (the process would terminate).
void ProgramExit(std::vector<Thread>& threads) {
  for (Thread& t : threads) t.wait_at_exit();
}

// ---- 002.k threading_lock.py

class Counter {
 public:
  explicit Counter(int start = 0) : value("value", start) {}

  void increment(int worker_number) {
    log("Waiting for lock");
    lock.acquire();
    // try: ... finally: release. Nothing in the block raises, and the model's own unwinding of
    // an unfinished thread must not be intercepted, so the release simply follows the block.
    log("Acquired lock");
    value.write(value.read() + 1);
    // print(self.value, f'by {worker_number}')
    log(std::to_string(value.read()) + " by " + std::to_string(worker_number));
    lock.release();
  }

  Lock lock{"lock"};
  Shared<int> value;
};

// random.random() is a float in [0, 1); here one of `pauses` values 0, 1/pauses, ... chosen by
// the checker, so that exhaustive search covers every pause.
void worker(Counter& c, int worker_number, int increments, int pauses) {
  for (int i = 0; i < increments; ++i) {
    const double pause = choose(0, pauses - 1) / static_cast<double>(pauses);
    log("Sleeping " + Fixed2(pause));
    sleep(pause);
    c.increment(worker_number);
  }
  log("Done");
}

void ThreadingLock(const ScenarioParams& p) {
  const int workers = p["workers"];
  const int increments = p["increments"];
  const int pauses = p["pauses"];
  Counter counter;
  // The interpreter's table of threads, where main finds them again by name (the seed keeps no
  // handle: it joins what threading.enumerate() lists).
  std::vector<Thread> started;
  started.reserve(workers);
  for (int i = 0; i < workers; ++i) {
    Thread t([&counter, i, increments, pauses] { worker(counter, i, increments, pauses); });
    started.push_back(std::move(t));
    started.back().start();
  }

  log("Waiting for worker threads");
  const std::string main_thread = main_thread_name();
  for (const std::string& t : enumerate_threads()) {
    if (t != main_thread) {
      for (Thread& thread : started) {
        if (thread.name() == t) thread.join();
      }
    }
  }
  const int value = counter.value.read();
  log("Counter: " + std::to_string(value));
  outcome("Counter", value);
  expect(value == workers * increments, "Counter == workers x increments");
}

INTERLEAVE_SCENARIO({
    .name = "threading_lock",
    .id = "002.k",
    .variant = "seed",
    .seed = "002 \"Controlling Access to Resources\" (threading_lock.py)",
    .description = "a Counter incremented under its lock by workers with random pauses",
    .params = {{"workers", 2, "worker threads (seed: 2)", 1, 60},
               {"increments", 2, "increments per worker (seed: 2)", 0, 1'000'000},
               {"pauses", 2, "distinct pause values a worker may draw (seed: random.random())", 1,
                1'000}},
    .expected = {Verdict::kPass, {}},
    .body = ThreadingLock,
});

// ---- 002.l threading_lock_with.py
//
// The order in which the two workers held the lock is the outcome: each appends its name to
// `held` while holding the lock, and the one that holds it last declares the whole order.

void Held(Shared<std::string>& held, const std::string& who) {
  const std::string before = held.read();
  const std::string order = before + (before.empty() ? "" : ", ") + who;
  held.write(order);
  outcome("held the lock", order);
}

void worker_with(Lock& lock, Shared<std::string>& held) {
  LockGuard with(lock);
  log("Lock acquired via with");
  Held(held, "worker_with");
}

void worker_no_with(Lock& lock, Shared<std::string>& held) {
  lock.acquire();
  // try: ... finally: release (as in Counter.increment: the block does not raise).
  log("Lock acquired directly");
  Held(held, "worker_no_with");
  lock.release();
}

void ThreadingLockWith(const ScenarioParams&) {
  Shared<std::string> held("held", "");
  Lock lock("lock");
  Thread w([&] { worker_with(lock, held); });
  Thread nw([&] { worker_no_with(lock, held); });

  w.start();
  nw.start();
}

INTERLEAVE_SCENARIO({
    .name = "threading_lock_with",
    .id = "002.l",
    .variant = "seed",
    .seed = "002 \"Locks as Context Managers\" (threading_lock_with.py)",
    .description = "one worker locks with `with`, the other with acquire/release",
    .expected = {Verdict::kPass, {}},
    .body = ThreadingLockWith,
});

// ---- 002.m threading_semaphore.py

std::string ListText(const std::vector<std::string>& names) {  // str(list): ['0', '1']
  std::string text = "[";
  for (const std::string& name : names) {
    text += (text.size() > 1 ? ", '" : "'") + name + "'";
  }
  return text + "]";
}

class ActivePool {
 public:
  void makeActive(const std::string& name) {
    LockGuard with(lock);
    std::vector<std::string> now = active.read();
    now.push_back(name);
    active.write(now);
    log("Running: " + ListText(now));
    // The point of the semaphore: never more than 2 in the pool. The most ever active is an
    // outcome; every update under the lock declares it, so the last one holds the maximum.
    most_ = std::max(most_, static_cast<int>(now.size()));
    outcome("most active", most_);
    expect(now.size() <= 2, "at most 2 active");
  }

  void makeInactive(const std::string& name) {
    LockGuard with(lock);
    std::vector<std::string> now = active.read();
    now.erase(std::find(now.begin(), now.end(), name));
    active.write(now);
    log("Running: " + ListText(now));
  }

  Shared<std::vector<std::string>> active{"active"};
  Lock lock{"lock"};

 private:
  int most_ = 0;  // Bookkeeping for the outcome, only touched under the lock.
};

void worker(Semaphore& s, ActivePool& pool) {
  log("Waiting to join the pool");
  SemaphoreGuard with(s);
  const std::string name = current_thread_name();
  pool.makeActive(name);
  sleep(0.1);
  pool.makeInactive(name);
}

// The mutation: the same worker without `with s:`.
void worker_unlimited(Semaphore&, ActivePool& pool) {
  log("Waiting to join the pool");
  const std::string name = current_thread_name();
  pool.makeActive(name);
  sleep(0.1);
  pool.makeInactive(name);
}

template <void (*worker_fn)(Semaphore&, ActivePool&)>
void ThreadingSemaphore(const ScenarioParams& p) {
  ActivePool pool;
  Semaphore s(2, "s");
  std::vector<Thread> threads;  // Python keeps the started threads alive; here the vector does.
  threads.reserve(p["workers"]);
  for (int i = 0; i < p["workers"]; ++i) {
    Thread t([&s, &pool] { worker_fn(s, pool); }, std::to_string(i));
    threads.push_back(std::move(t));
    threads.back().start();
  }
  ProgramExit(threads);
}

INTERLEAVE_SCENARIO({
    .name = "threading_semaphore",
    .id = "002.m",
    .variant = "seed",
    .seed = "002 \"Limiting Concurrent Access to Resources\" (threading_semaphore.py)",
    .description = "Semaphore(2) pool: at most 2 workers active at once",
    .params = {{"workers", 3, "worker threads (seed: 4)", 1, 60}},
    .expected = {Verdict::kPass, {}},
    .body = ThreadingSemaphore<worker>,
});

INTERLEAVE_SCENARIO({
    .name = "threading_semaphore_unlimited",
    .id = "002.m",
    .variant = "bug",
    .seed = "002 \"Limiting Concurrent Access to Resources\" (threading_semaphore.py), mutated",
    .description = "the same pool without the semaphore: 3 workers active at once",
    .params = {{"workers", 3, "worker threads (seed: 4)", 1, 60}},
    .expected = {Verdict::kBug, {FindingKind::kInvariant}},
    .body = ThreadingSemaphore<worker_unlimited>,
});

}  // namespace
}  // namespace interleave::scenarios
