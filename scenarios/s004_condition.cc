// Seed 004, "Synchronizing Threads" (004.t); SCENARIOS.md, core defects.
//
// Two consumers c1, c2 enter `with cond:` and call cond.wait() with no predicate; the producer
// p enters `with cond:` and calls cond.notifyAll() once. Main starts c1, sleeps 0.2 s, starts c2,
// sleeps 0.2 s, starts p, and ends without joining anyone (the threads are non-daemon, so the
// program waits for them at exit).
//
// 004.t bug (s004_sync_threads): the sleeps are the seed's only reason the consumers wait before
// the notify. In time mode `any` a consumer may reach cond.wait() after p's notifyAll() woke
// nobody (or only the other consumer); nothing ever notifies again, so it waits forever:
// LOST WAKEUP, and since main has returned and a non-daemon thread is blocked forever, the
// program HANGS AT EXIT. In `virtual` c1 waits from 0 s, c2 from 0.2 s and p notifies at 0.4 s,
// so both are woken: PASS.
// 004.t fix (s004_sync_threads_flag): the producer makes the resource available by setting a
// flag under the condition, and the consumers cond.wait_for() that flag, so a late consumer
// finds it set and does not wait: PASS in both modes. Outcomes: whether each consumer had to
// wait (`virtual`: both did; `any`: every combination).
#include <map>
#include <string>

#include "model/model.h"
#include "scenarios/registry.h"

namespace interleave::scenarios {
namespace {

void SyncThreads(const ScenarioParams&) {
  // wait for the condition and use the resource
  auto consumer = [](Condition& cond) {
    log("Starting consumer thread");
    {
      ConditionGuard with(cond);
      cond.wait();
      log("Resource is available to consumer");
    }
  };

  // set up the resource to be used by the consumer
  auto producer = [](Condition& cond) {
    log("Starting producer thread");
    {
      ConditionGuard with(cond);
      log("Making resource available");
      cond.notify_all();
    }
  };

  Condition condition("condition");
  Thread c1([&] { consumer(condition); }, "c1");
  Thread c2([&] { consumer(condition); }, "c2");
  Thread p([&] { producer(condition); }, "p");

  c1.start();
  sleep(0.2);
  c2.start();
  sleep(0.2);
  p.start();
  // Main ends here; at exit the program waits for c1, c2 and p (non-daemon).
}

void SyncThreadsFlag(const ScenarioParams&) {
  // The resource the producer makes available: read and written only under the condition.
  Shared<bool> available("available", false);
  // The checker's record: whether each consumer had to wait (an outcome). Main joins no one,
  // so the consumer that finishes second declares it.
  std::map<std::string, bool> waited;

  // wait for the condition and use the resource
  auto consumer = [&available, &waited](Condition& cond) {
    log("Starting consumer thread");
    {
      ConditionGuard with(cond);
      int checks = 0;  // The checker's record: a second check means the consumer waited.
      cond.wait_for([&] {
        ++checks;
        return available.read();
      });
      log("Resource is available to consumer");
      waited[current_thread_name()] = checks > 1;
      if (waited.size() == 2) {  // The last consumer declares the outcome for both.
        outcome("c1 waited", waited["c1"]);
        outcome("c2 waited", waited["c2"]);
      }
    }
  };

  // set up the resource to be used by the consumer
  auto producer = [&available](Condition& cond) {
    log("Starting producer thread");
    {
      ConditionGuard with(cond);
      log("Making resource available");
      available.write(true);
      cond.notify_all();
    }
  };

  Condition condition("condition");
  Thread c1([&] { consumer(condition); }, "c1");
  Thread c2([&] { consumer(condition); }, "c2");
  Thread p([&] { producer(condition); }, "p");

  c1.start();
  sleep(0.2);
  c2.start();
  sleep(0.2);
  p.start();
  // Main ends here; at exit the program waits for c1, c2 and p (non-daemon).
}

INTERLEAVE_SCENARIO({
    .name = "s004_sync_threads",
    .id = "004.t",
    .variant = "bug",
    .seed = "004 \"Synchronizing Threads\"",
    .description = "2 consumers cond.wait() with no predicate, the producer notifies once",
    .expected = {Verdict::kBug, {FindingKind::kLostWakeup, FindingKind::kHangAtExit}},
    .expected_virtual = Expectation{Verdict::kPass, {}},
    .body = SyncThreads,
});

INTERLEAVE_SCENARIO({
    .name = "s004_sync_threads_flag",
    .id = "004.t",
    .variant = "fix",
    .seed = "004 \"Synchronizing Threads\"",
    .description = "the consumers wait_for a flag the producer sets under the condition",
    .expected = {Verdict::kPass, {}},
    .body = SyncThreadsFlag,
});

}  // namespace
}  // namespace interleave::scenarios
