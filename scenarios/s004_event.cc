// Seed 004, "Signaling Between Threads" (004.s); SCENARIOS.md, timing and lifetime.
//
// Thread 'block' runs wait_for_event: e.wait() with no timeout. Thread 'nonblock' runs
// wait_for_event_timeout(e, 2): `while not e.is_set()`, e.wait(2), and 'processing event' when
// the wait saw the event set, else 'doing other work'. Main starts both, logs, sleeps 2 s, sets
// the event, logs, and joins both.
//
// PASS in both time modes: 'block' always returns with the event set (True), 'nonblock' ends
// its loop once the event is set, and main joins both. The seed's polling loop gets a bound,
// `polls` iterations; in time mode `any` the wait(2) may time out whenever it would block (but
// again only after another thread has moved), so the poller may also give up after `polls`
// timeouts, which is a normal end of its thread. In `virtual` the poller's first wait(2) times
// out at 2 s, the same instant main's sleep(2) ends: both orders run, so the poller times out
// once (the seed's output: 'event set: False', 'doing other work', then True) or not at all.
// Outcomes: what 'block' saw, how many times the poller timed out, and whether it processed
// the event.
#include <string>

#include "model/model.h"
#include "scenarios/registry.h"

namespace interleave::scenarios {
namespace {

std::string Bool(bool value) { return value ? "True" : "False"; }

void SignalingBetweenThreads(const ScenarioParams& p) {
  const int polls = p["polls"];
  bool block_saw = false;  // The checker's record of what each thread saw (outcomes).
  int timeouts = 0;
  bool processed = false;

  // Wait for the event to be set before doing anything
  auto wait_for_event = [&block_saw](Event& e) {
    log("wait_for_event starting");
    const bool event_is_set = e.wait();
    log("event set: " + Bool(event_is_set));
    block_saw = event_is_set;
  };

  // Wait t seconds and then timeout
  auto wait_for_event_timeout = [&, polls](Event& e, double t) {
    for (int poll = 0; poll < polls && !e.is_set(); ++poll) {  // while not e.is_set():
      log("wait_for_event_timeout starting");
      const bool event_is_set = e.wait(t);
      log("event set: " + Bool(event_is_set));
      if (event_is_set) {
        log("processing event");
        processed = true;
      } else {
        log("doing other work");
        ++timeouts;
      }
    }
  };

  Event e("e");
  Thread t1([&] { wait_for_event(e); }, "block");
  t1.start();

  Thread t2([&] { wait_for_event_timeout(e, 2); }, "nonblock");
  t2.start();

  log("Waiting before calling Event.set()");
  sleep(2);
  e.set();
  log("Event is set");

  t1.join();
  t2.join();

  outcome("block: event set", block_saw);
  outcome("nonblock: timeouts", timeouts);
  outcome("nonblock: processing event", processed);
  expect(block_saw, "wait() without a timeout returns True");
}

INTERLEAVE_SCENARIO({
    .name = "s004_event",
    .id = "004.s",
    .variant = "seed",
    .seed = "004 \"Signaling Between Threads\"",
    .description = "one thread e.wait(), one polls e.wait(2) until set; main sets after 2 s",
    .params = {{"polls", 3, "iterations of the poller's `while not e.is_set()` (seed: unbounded)",
                1, 1'000'000}},
    .expected = {Verdict::kPass, {}},
    .body = SignalingBetweenThreads,
});

}  // namespace
}  // namespace interleave::scenarios
