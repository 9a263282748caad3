// Seed 000, "What's Race Conditions" (000.e) and "Lock" (000.f); SCENARIOS.md, core defects.
//
// Two workers run FakeDatabase.update: copy the shared value, add one, sleep, write the copy
// back. The seed submits both to a ThreadPoolExecutor(max_workers=2) whose `with` block waits
// for them; here two threads are started and joined, which is what that block does.
//
// 000.e (bug): the second write can overwrite the first without having read it, so the final
// value is 1 where 2 is expected (LOST UPDATE). 000.f (fix): the read-modify-write is under
// the database's lock, so the value is 2 in every interleaving.
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
    // with concurrent.futures.ThreadPoolExecutor(max_workers=2) as executor:
    //     for i in range(2): executor.submit(database.update, i)
    Thread worker0([&database] { database.update(0); }, "Thread 0");
    Thread worker1([&database] { database.update(1); }, "Thread 1");
    worker0.start();
    worker1.start();
    worker0.join();
    worker1.join();
  }
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
    .expected = {Verdict::kBug, {FindingKind::kLostUpdate}},
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
