// Seed 004, "Controlling Access to Resources" (threads): the two race-condition programs (004.u);
// SCENARIOS.md, core defects.
//
// main_task sets the global x to 0, starts two threads that each run thread_task (`x += 1`,
// 100 000 times in the seed), joins them, and the seed's main prints x after each of its 10
// calls of main_task. `x += 1` is a read and a write of x (Python's LOAD and STORE are separate
// bytecodes), so here it is x.write(x.read() + 1): two visible steps.
//
// 004.u bug (s004_race_condition): one thread's write can overwrite the other's without having
// read it, so x ends below 2·N (the seed printed 131026 where 200000 was expected): LOST UPDATE,
// in both time modes (there is no sleep, every step happens at time 0 and every interleaving is
// explored in `virtual` too).
// 004.u fix (s004_race_condition_locked): the second program, lock.acquire(); x += 1;
// lock.release() around every increment: PASS, x == 2·N in every interleaving.
//
// Scaled down: `increments` per thread (seed: 100 000) and `iterations` of main_task (seed: 10).
#include <string>

#include "model/model.h"
#include "scenarios/registry.h"

namespace interleave::scenarios {
namespace {

// The first program: no lock.
void RaceCondition(const ScenarioParams& p) {
  const int increments = p["increments"];
  const int iterations = p["iterations"];

  // global variable x
  Shared<int> x("x", 0);

  // task for thread: calls increment function `increments` times.
  auto thread_task = [&x, increments] {
    for (int _ = 0; _ < increments; ++_) {
      x.write(x.read() + 1);  // x += 1
    }
  };

  auto main_task = [&] {
    // setting global variable x as 0
    x.write(0);

    // creating threads
    Thread t1(thread_task);
    Thread t2(thread_task);
    for (Thread* t : {&t1, &t2}) t->set_symmetric("thread_task");  // For --symmetry.
    // start threads
    t1.start();
    t2.start();

    // wait until threads finish their job
    t1.join();
    t2.join();
  };

  for (int i = 0; i < iterations; ++i) {
    main_task();
    const int value = x.read();
    log("Iteration " + std::to_string(i) + ": x = " + std::to_string(value));
    outcome("x (iteration " + std::to_string(i) + ")", value);
    expect(value == 2 * increments, "x == 2 * increments after main_task");
  }
}

// The second program: every increment under the lock main_task creates.
void RaceConditionLocked(const ScenarioParams& p) {
  const int increments = p["increments"];
  const int iterations = p["iterations"];

  // global variable x
  Shared<int> x("x", 0);

  // task for thread: calls increment function `increments` times.
  auto thread_task = [&x, increments](Lock& lock) {
    for (int _ = 0; _ < increments; ++_) {
      lock.acquire();
      x.write(x.read() + 1);  // x += 1
      lock.release();
    }
  };

  auto main_task = [&] {
    // setting global variable x as 0
    x.write(0);

    // creating a lock
    Lock lock("lock");
    const auto task = [&] { thread_task(lock); };
    // creating threads
    Thread t1(task);
    Thread t2(task);
    for (Thread* t : {&t1, &t2}) t->set_symmetric("thread_task");  // For --symmetry.
    // start threads
    t1.start();
    t2.start();

    // wait until threads finish their job
    t1.join();
    t2.join();
  };

  for (int i = 0; i < iterations; ++i) {
    main_task();
    const int value = x.read();
    log("Iteration " + std::to_string(i) + ": x = " + std::to_string(value));
    outcome("x (iteration " + std::to_string(i) + ")", value);
    expect(value == 2 * increments, "x == 2 * increments after main_task");
  }
}

INTERLEAVE_SCENARIO({
    .name = "s004_race_condition",
    .id = "004.u",
    .variant = "bug",
    .seed = "004 \"Controlling Access to Resources\" (threads)",
    .description = "two threads run `x += 1` N times each on a global x, no lock",
    .params = {{"increments", 2, "increments per thread (seed: 100 000)", 0, 1'000'000},
               {"iterations", 1, "calls of main_task (seed: 10)", 1, 10'000}},
    .expected = {Verdict::kBug, {FindingKind::kLostUpdate}},
    .body = RaceCondition,
});

INTERLEAVE_SCENARIO({
    .name = "s004_race_condition_locked",
    .id = "004.u",
    .variant = "fix",
    .seed = "004 \"Controlling Access to Resources\" (threads, with Lock)",
    .description = "the same increments, each under lock.acquire() / lock.release()",
    .params = {{"increments", 2, "increments per thread (seed: 100 000)", 0, 1'000'000},
               {"iterations", 1, "calls of main_task (seed: 10)", 1, 10'000}},
    .expected = {Verdict::kPass, {}},
    .body = RaceConditionLocked,
});

}  // namespace
}  // namespace interleave::scenarios
