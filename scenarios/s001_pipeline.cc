// Seed 001 ("Python threads 101"), section "Producer / Consumer" (001.m); SCENARIOS.md,
// "Programs without a defect".
//
// A one-slot pipeline built from two locks: the producer acquires producer_lock, writes the
// global `message`, releases consumer_lock; the consumer acquires consumer_lock, reads
// `message`, releases producer_lock (Python lets a thread release a Lock another thread
// acquired). pipeline_init() leaves consumer_lock held, so the consumer waits for the first
// message. The producer sends random.randint(0, 10) values until it draws 0, the terminator; the
// consumer logs every value until the 0. main starts both and joins them.
//
// Model: randint is choose(0, max_value); the producer's `while m != 0` is bounded by
// `messages` draws, the last of which is the 0 terminator when no earlier draw was 0 (a bounded
// run of the same loop). seed: PASS in both modes (the locks hand `message` over, so there is no
// race and no deadlock); outcome "consumed": the values logged, which are exactly the non-zero
// values produced, in order (expect).
#include <string>
#include <vector>

#include "model/model.h"
#include "scenarios/registry.h"

namespace interleave::scenarios {
namespace {

std::string Join(const std::vector<int>& values) {
  std::string text = "[";
  for (size_t i = 0; i < values.size(); ++i) {
    if (i > 0) text += ", ";
    text += std::to_string(values[i]);
  }
  return text + "]";
}

void TwoLockPipeline(const ScenarioParams& p) {
  const int messages = p["messages"];
  const int max_value = p["max_value"];

  Shared<int> message("message", 0);
  Lock producer_lock("producer_lock");
  Lock consumer_lock("consumer_lock");
  std::vector<int> produced;  // Written by the producer, read by main after join.
  std::vector<int> consumed;  // Written by the consumer, read by main after join.

  auto pipeline_init = [&] {
    message.write(0);
    consumer_lock.acquire();
  };

  auto consume_message = [&] {
    consumer_lock.acquire();
    int r = message.read();
    producer_lock.release();
    return r;
  };

  auto produce_message = [&](int m) {
    producer_lock.acquire();
    message.write(m);
    consumer_lock.release();
    produced.push_back(m);
  };

  auto consumer_task = [&] {
    int r = consume_message();
    while (r != 0) {
      log("Consumed: " + std::to_string(r));
      consumed.push_back(r);
      r = consume_message();
    }
  };

  // random.randint(0, 10), bounded: the `messages`-th draw is the terminator.
  int draws = 0;
  auto randint = [&] { return ++draws < messages ? choose(0, max_value) : 0; };

  auto producer_task = [&] {
    int m = randint();
    produce_message(m);
    while (m != 0) {
      m = randint();
      produce_message(m);
    }
  };

  log("Main    : before creating threads");
  pipeline_init();

  Thread c(consumer_task, "Thread-1 (consumer_task)");
  Thread p_thread(producer_task, "Thread-2 (producer_task)");

  log("Main    : before running thread");
  c.start();
  p_thread.start();

  log("Main    : wait for the thread to finish");
  p_thread.join();
  c.join();
  log("Main    : all done");

  std::vector<int> expected(produced.begin(), produced.end() - 1);  // All but the final 0.
  outcome("consumed", Join(consumed));
  expect(consumed == expected, "the consumer logs every produced value, in order");
}

INTERLEAVE_SCENARIO({
    .name = "two_lock_pipeline",
    .id = "001.m",
    .variant = "seed",
    .seed = "001 \"Producer / Consumer\"",
    .description = "producer and consumer hand a global message over with two locks until 0",
    .params = {{"messages", 3, "bound on the producer's draws, the last being 0 (seed: unbounded)",
                1, 1'000'000},
               {"max_value", 2, "random values drawn from 0..max_value (seed: 10)", 0, 1'000}},
    .expected = {Verdict::kPass, {}},
    .body = TwoLockPipeline,
});

}  // namespace
}  // namespace interleave::scenarios
