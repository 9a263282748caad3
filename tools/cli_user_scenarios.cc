// A user's binary of scenarios, for tools/cli_user_test.sh: two scenarios of its own (not the
// catalogue's) registered with INTERLEAVE_SCENARIO and linked with //tools:interleave_main,
// which gives them the interleave command line.
#include "model/model.h"
#include "scenarios/registry.h"

namespace my_project {
namespace {

using interleave::FindingKind;
using interleave::Verdict;

// Two threads each add one to a shared counter as a read then a write; `locked`: under a lock.
void TwoIncrements(bool locked) {
  interleave::Shared<int> counter("counter", 0);
  interleave::Lock lock("counter_lock");
  auto increment = [&] {
    if (locked) lock.acquire();
    const int seen = counter.read();
    counter.write(seen + 1);
    if (locked) lock.release();
  };
  interleave::Thread a(increment, "A");
  interleave::Thread b(increment, "B");
  a.start();
  b.start();
  a.join();
  b.join();
  const int total = counter.read();
  interleave::outcome("counter", total);
  interleave::expect(total == 2, "counter == 2 after two increments");
}

INTERLEAVE_SCENARIO({
    .name = "my_counter",
    .id = "my.1",
    .variant = "bug",
    .seed = "my_project",
    .description = "two unlocked increments of a shared counter",
    .expected = {Verdict::kBug, {FindingKind::kLostUpdate}},
    .body = [](const interleave::ScenarioParams&) { TwoIncrements(false); },
});

INTERLEAVE_SCENARIO({
    .name = "my_counter_locked",
    .id = "my.2",
    .variant = "fix",
    .seed = "my_project",
    .description = "the same increments under a lock",
    .expected = {Verdict::kPass, {}},
    .body = [](const interleave::ScenarioParams&) { TwoIncrements(true); },
});

}  // namespace
}  // namespace my_project
