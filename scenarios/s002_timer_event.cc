// Seed 002 "Threading": "Timer Threads" (threading_timer.py, 002.i) and "Signaling Between
// Threads" (threading_event.py, 002.j); SCENARIOS.md, timing and lifetime.
//
// 002.i (seed): two 0.3 s Timers t1 and t2 run delayed(); main sleeps 0.2 s, cancels t2 and
// ends; the program waits for the timers at exit. PASS in both modes. `virtual`: only t1 runs
// (t2 is cancelled at 0.2 s, before its 0.3 s deadline). `any`: the timers' timeouts may fire at
// any moment, so the outcomes also include t2 running before main's cancel (a cancel after the
// firing is too late). t1 always runs.
// 002.j (seed): thread `block` waits on the event; thread `nonblock` polls with wait(2) until it
// is set; main sleeps 5 s and sets it. PASS in both modes. `virtual`: the poller times out
// exactly twice (at 2 s and 4 s) before the set at 5 s. `any`: a timed wait may time out
// whenever it would block, but not again before another thread has moved, so the polling loop
// ends and the exploration is finite; the poller times out 0 to 4 times.
#include <string>

#include "model/model.h"
#include "scenarios/registry.h"

namespace interleave::scenarios {
namespace {

// ---- 002.i threading_timer.py

void delayed() {
  log("worker running");
  outcome(current_thread_name(), "ran");  // The timer's thread is named like the timer.
}

void ThreadingTimer(const ScenarioParams&) {
  outcome("t1", "never ran");
  outcome("t2", "never ran");
  Timer t1(0.3, delayed, "t1");  // t1.setName('t1')
  Timer t2(0.3, delayed, "t2");  // t2.setName('t2')

  log("starting timers");
  t1.start();
  t2.start();

  log("waiting before canceling " + t2.name());
  sleep(0.2);
  log("canceling " + t2.name());
  t2.cancel();
  log("done");
  // Program exit: the non-daemon timers are waited for (t1 fires; t2 ends cancelled).
}

INTERLEAVE_SCENARIO({
    .name = "threading_timer",
    .id = "002.i",
    .variant = "seed",
    .seed = "002 \"Timer Threads\" (threading_timer.py)",
    .description = "two 0.3 s timers, t2 cancelled at 0.2 s: only t1 runs on ideal time",
    .expected = {Verdict::kPass, {}},
    .body = ThreadingTimer,
});

// ---- 002.j threading_event.py

void wait_for_event(Event& e) {
  // """Wait for the event to be set before doing anything"""
  log("wait_for_event starting");
  const bool event_is_set = e.wait();
  log(std::string("event set: ") + (event_is_set ? "True" : "False"));
  outcome("block", event_is_set);
}

// `polls` bounds the seed's `while not e.is_set()` (SCENARIOS.md: unbounded loops get a bound).
// The default is above the most waits any interleaving needs (4 timeouts, then the set), so the
// bound never cuts a run short; a smaller one fails the check below instead of passing quietly.
void wait_for_event_timeout(Event& e, double t, int polls) {
  // """Wait t seconds and then timeout"""
  int timeouts = 0;
  for (int poll = 0; poll < polls && !e.is_set(); ++poll) {
    log("wait_for_event_timeout starting");
    const bool event_is_set = e.wait(t);
    log(std::string("event set: ") + (event_is_set ? "True" : "False"));
    if (event_is_set) {
      log("processing event");
    } else {
      ++timeouts;
      log("doing other work");
    }
  }
  outcome("timeouts", timeouts);
  expect(e.is_set(), "nonblock saw the event within " + std::to_string(polls) + " polls");
}

void ThreadingEvent(const ScenarioParams& p) {
  const int polls = p["polls"];
  // Declared first, so that every execution lists the outcomes in the same order.
  outcome("block", false);
  outcome("timeouts", -1);
  Event e("e");
  Thread t1([&e] { wait_for_event(e); }, "block");
  t1.start();

  Thread t2([&e, polls] { wait_for_event_timeout(e, 2, polls); }, "nonblock");
  t2.start();

  log("Waiting before calling Event.set()");
  sleep(5);
  e.set();
  log("Event is set");
}

INTERLEAVE_SCENARIO({
    .name = "threading_event",
    .id = "002.j",
    .variant = "seed",
    .seed = "002 \"Signaling Between Threads\" (threading_event.py)",
    .description = "one thread waits on an event, one polls with wait(2) until main sets it",
    .params = {{"polls", 6, "bound on nonblock's `while not e.is_set()` iterations (seed: none)", 1,
                1'000'000}},
    .expected = {Verdict::kPass, {}},
    .body = ThreadingEvent,
});

}  // namespace
}  // namespace interleave::scenarios
