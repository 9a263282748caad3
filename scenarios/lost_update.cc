// Seed 000 (seeds/000_be73cdff864dbde8.txt), "What's Race Conditions" (000.e) and "Lock" (000.f);
// SCENARIOS.md, core defects.
//
// Two workers run FakeDatabase.update: copy the shared value, add one, sleep, write the copy
// back. As in the seed, both updates are submitted to a ThreadPoolExecutor(max_workers=2), and
// leaving its `with` block (the executor's scope) shuts it down and waits for them. The model's
// executor starts its workers lazily as CPython does, so the second submit may find the first
// worker idle and reuse it (the updates then run one after the other) or start a second worker.
//
// 000.e (bug): the second write can overwrite the first without having read it, so the final
// value is 1 where 2 is expected (LOST UPDATE), and the two workers' accesses to `value` are
// unordered (DATA RACE). Time `virtual`: both workers read at time 0 and write at 0.1 after
// their sleep, so every interleaving loses an update; `any`: some do. 000.f (fix): the
// read-modify-write is under the database's lock, so the value is 2 in every interleaving.
#include <string>

#include "model/model.h"
#include "scenarios/registry.h"

namespace interleave::scenarios {
namespace {

class FakeDatabase {
 public:
  void update(int name) {
    log("Thread " + std::to_string(name) + ": starting update");
    int local_copy = value.read();
    local_copy += 1;
    sleep(0.1);
    value.write(local_copy);
    log("Thread " + std::to_string(name) + ": finishing update");
  }

  Shared<int> value{"value", 0};
};

class FakeDatabaseWithLock {
 public:
  void update(int name) {
    log("Thread " + std::to_string(name) + ": starting update");
    log("Thread " + std::to_string(name) + ": about to lock");
    {
      LockGuard with(lock_);
      log("Thread " + std::to_string(name) + ": lock acquired");
      int local_copy = value.read();
      local_copy += 1;
      sleep(0.1);
      value.write(local_copy);
      log("Thread " + std::to_string(name) + ": lock released");
    }
    log("Thread " + std::to_string(name) + ": finishing update");
  }

  Shared<int> value{"value", 0};

 private:
  Lock lock_{"_lock"};
};

// The seed's main block, for either database.
template <typename Database>
void TestUpdate(const ScenarioParams&) {
  Database database;
  log("Testing update. Starting value is " + std::to_string(database.value.read()));
  {
    ThreadPoolExecutor executor(2);  // with ThreadPoolExecutor(max_workers=2) as executor:
    for (int i = 0; i < 2; ++i) {
      executor.submit([&database, i] { database.update(i); });
    }
  }  // Leaving the `with` block: executor.shutdown(wait=True).
  const int ending = database.value.read();
  log("Testing update. Ending value is " + std::to_string(ending));
  outcome("value", ending);
  expect(ending == 2, "value == 2 after two updates");
}

INTERLEAVE_SCENARIO({
    .name = "lost_update",
    .id = "000.e",
    .variant = "bug",
    .seed = "000 \"What's Race Conditions\"",
    .description = "two workers update a shared value through a local copy, no lock",
    .expected = {Verdict::kBug, {FindingKind::kLostUpdate, FindingKind::kDataRace}},
    .body = TestUpdate<FakeDatabase>,
});

INTERLEAVE_SCENARIO({
    .name = "lost_update_locked",
    .id = "000.f",
    .variant = "fix",
    .seed = "000 \"Lock\"",
    .description = "the same update under the database's lock",
    .expected = {Verdict::kPass, {}},
    .body = TestUpdate<FakeDatabaseWithLock>,
});

}  // namespace
}  // namespace interleave::scenarios
