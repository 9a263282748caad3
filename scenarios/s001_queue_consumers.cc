// Seed 001 ("Python threads 101"), sections "Producer / Consumer with a queue" (001.n),
// "Producer / **slow** consumer and a queue" (001.o), "Producer with many **slow** consumers and
// a queue" (001.p), "... and a queue with `timeout`" (001.q), and the robust fix that is not in
// the seed (001.r); SCENARIOS.md.
//
// A producer puts random.randint(0, 10) values on a queue.Queue(maxsize=10) until it draws 0;
// consumers `get()` and log until they read a 0. Every thread is a daemon and main joins them
// all. Model: randint is choose(0, max_value); the producer's `while m != 0` is bounded by
// `messages` draws, the last of which is the 0 terminator (a bounded run of the same loop); the
// queue's maxsize scales down with the count (2 for 3 messages) so that a producer blocked in
// put on a full queue stays reachable; time.sleep(0.5) is the model's sleep.
//
// - 001.n, 001.o (seed): one consumer (001.o: slow, and the producer logs how many values it
//   produced). PASS in both modes; outcome "consumed": the values logged, exactly the non-zero
//   values produced, in order (expect). With 3 draws and maxsize 2, the producer can wait on
//   the full queue.
// - 001.p (bug): 5 slow consumers, but the producer sends a single 0: the consumer that reads it
//   exits, the other 4 block forever in Queue.get, and main, joining them in order, blocks
//   forever in join: DEADLOCK in both modes, in every execution ("Only one consumer thread
//   exited, the others are stuck on `get`").
// - 001.q (fix from the seed): consumers use get(timeout=5) and exit on queue.Empty.
//   `virtual`: PASS: the producer puts every value at time 0 (a full queue holds it up only
//   until a consumer's get at the same instant), long before any 5 s timeout; the consumers left
//   without a 0 time out 5 s after their last get, and everyone is joined. `any`: DEADLOCK: the
//   timeout is a timing assumption; every consumer may time out while the producer still runs
//   (in the counterexample, before it has put anything), then the producer fills the queue
//   (2 items) and blocks forever in put on its third, while main blocks in join on it. Values
//   left unconsumed also fail the expect (INVARIANT) in some executions. 3 consumers by default
//   (seed: 5; 5 give the same verdicts in 140 000 interleavings).
// - 001.r (robust fix, not in the seed): the producer sends one 0 per consumer; consumers use a
//   blocking get. PASS in both modes; every consumer exits and every non-zero value produced is
//   consumed (expect). 3 consumers by default, as 001.q.
#include <algorithm>
#include <deque>
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

// random.randint(0, 10) for the producer, bounded: the `messages`-th draw is the terminator 0.
class BoundedRandint {
 public:
  BoundedRandint(int messages, int max_value) : messages_(messages), max_value_(max_value) {}
  int operator()() { return ++draws_ < messages_ ? choose(0, max_value_) : 0; }

 private:
  int messages_;
  int max_value_;
  int draws_ = 0;
};

// "Producer / Consumer with a queue" (slow = false) and "Producer / slow consumer and a queue"
// (slow = true).
template <bool slow>
void OneConsumer(const ScenarioParams& p) {
  Queue<int> queue(p["maxsize"], "queue");
  BoundedRandint randint(p["messages"], p["max_value"]);
  std::vector<int> produced;  // Plain records, read by main after the joins.
  std::vector<int> consumed;

  auto consumer_task = [&] {
    int r = queue.get();
    while (r != 0) {
      log("Consumed: " + std::to_string(r));
      consumed.push_back(r);
      if (slow) sleep(0.5);
      r = queue.get();
    }
  };

  auto producer_task = [&] {
    int r = 0;
    int m = randint();
    queue.put(m);
    produced.push_back(m);
    while (m != 0) {
      r += 1;
      m = randint();
      queue.put(m);
      produced.push_back(m);
    }
    if (slow) log("Produced " + std::to_string(r) + " values");
  };

  log("Main    : before creating threads");

  Thread c(consumer_task, "Thread-1 (consumer_task)", /*daemon=*/true);
  Thread p_thread(producer_task, "Thread-2 (producer_task)", /*daemon=*/true);

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

// How the many-consumer programs differ.
enum class Ending {
  kOneZero,         // 001.p: blocking get; the producer sends one 0.
  kTimeout,         // 001.q: get(timeout=5), exit on Empty; the producer sends one 0.
  kZeroPerConsumer  // 001.r: blocking get; the producer sends one 0 per consumer.
};

// "Producer with many slow consumers and a queue", with or without `timeout`, and the robust fix.
template <Ending ending>
void ManySlowConsumers(const ScenarioParams& p) {
  const int consumer_count = p["consumers"];
  Queue<int> queue(p["maxsize"], "queue");
  BoundedRandint randint(p["messages"], p["max_value"]);
  std::vector<int> produced;  // Plain records, read by main after the joins.
  std::vector<int> consumed;
  int timed_out = 0;

  auto consumer_task = [&] {
    if (ending == Ending::kTimeout) {
      try {
        int r = queue.get(true, 5);
        while (r != 0) {
          log("Consumed: " + std::to_string(r));
          consumed.push_back(r);
          sleep(0.5);
          r = queue.get(true, 5);
        }
      } catch (const Queue<int>::Empty&) {
        log("Queue was empty for a while, exiting thread");
        ++timed_out;
      }
    } else {
      int r = queue.get();
      while (r != 0) {
        log("Consumed: " + std::to_string(r));
        consumed.push_back(r);
        sleep(0.5);
        r = queue.get();
      }
    }
  };

  auto producer_task = [&] {
    int r = 0;
    int m = randint();
    queue.put(m);
    produced.push_back(m);
    while (m != 0) {
      r += 1;
      m = randint();
      queue.put(m);
      produced.push_back(m);
    }
    if (ending == Ending::kZeroPerConsumer) {
      // The robust fix: one terminator for every consumer, the one above included.
      for (int index = 1; index < consumer_count; ++index) queue.put(0);
    }
    log("Produced " + std::to_string(r) + " values");
  };

  log("Main    : before creating threads");
  std::deque<Thread> threads;  // Threads must not move once started.
  for (int index = 0; index < consumer_count; ++index) {
    Thread& c = threads.emplace_back(
        consumer_task, "Thread-" + std::to_string(index + 1) + " (consumer_task)", true);
    c.start();
  }
  Thread& p_thread = threads.emplace_back(
      producer_task, "Thread-" + std::to_string(consumer_count + 1) + " (producer_task)", true);
  p_thread.start();

  log("Main    : wait for the threads to finish");
  for (Thread& thread : threads) {
    thread.join();
  }
  log("Main    : all done");

  // Which consumer took which value is not an outcome (it depends on how consumers interleave,
  // not only on the queue's order): the multiset of values consumed is.
  std::vector<int> expected(produced.begin(), produced.end());
  std::erase(expected, 0);
  std::sort(expected.begin(), expected.end());
  std::sort(consumed.begin(), consumed.end());
  outcome("consumed", Join(consumed));
  if (ending == Ending::kTimeout) outcome("consumers timed out", timed_out);
  expect(consumed == expected, "every produced value is consumed");
}

const std::vector<ScenarioParam> kOneConsumerParams = {
    {"messages", 3, "bound on the producer's draws, the last being 0 (seed: unbounded)", 1,
     1'000'000},
    {"max_value", 2, "random values drawn from 0..max_value (seed: 10)", 0, 1'000},
    {"maxsize", 2, "queue capacity (seed: 10)", 0, 1'000'000},
};

INTERLEAVE_SCENARIO({
    .name = "queue_consumer",
    .id = "001.n",
    .variant = "seed",
    .seed = "001 \"Producer / Consumer with a queue\"",
    .description = "producer and one consumer on a bounded queue until 0",
    .params = kOneConsumerParams,
    .expected = {Verdict::kPass, {}},
    .body = OneConsumer<false>,
});

INTERLEAVE_SCENARIO({
    .name = "queue_slow_consumer",
    .id = "001.o",
    .variant = "seed",
    .seed = "001 \"Producer / **slow** consumer and a queue\"",
    .description = "producer and one slow consumer on a bounded queue until 0",
    .params = kOneConsumerParams,
    .expected = {Verdict::kPass, {}},
    .body = OneConsumer<true>,
});

INTERLEAVE_SCENARIO({
    .name = "queue_many_consumers_one_zero",
    .id = "001.p",
    .variant = "bug",
    .seed = "001 \"Producer with many **slow** consumers and a queue\"",
    .description = "5 slow consumers, one 0: 4 consumers stuck in get, main stuck in join",
    .params = {{"consumers", 5, "consumer threads (seed: 5)", 1, 60},
               {"messages", 3, "bound on the producer's draws, the last being 0 (seed: unbounded)",
                1, 1'000'000},
               {"max_value", 1, "random values drawn from 0..max_value (seed: 10)", 0, 1'000},
               {"maxsize", 2, "queue capacity (seed: 10)", 0, 1'000'000}},
    .expected = {Verdict::kBug, {FindingKind::kDeadlock}},
    .body = ManySlowConsumers<Ending::kOneZero>,
});

INTERLEAVE_SCENARIO({
    .name = "queue_many_consumers_timeout",
    .id = "001.q",
    .variant = "fix",
    .seed = "001 \"Producer with many **slow** consumers and a queue with `timeout`\"",
    .description = "consumers get(timeout=5) and exit on Empty; in `any` all may leave early",
    .params = {{"consumers", 3, "consumer threads (seed: 5; 5 take 140 000+ interleavings, 9 s)", 1,
                60},
               {"messages", 3, "bound on the producer's draws, the last being 0 (seed: unbounded)",
                1, 1'000'000},
               {"max_value", 1, "random values drawn from 0..max_value (seed: 10)", 0, 1'000},
               {"maxsize", 2, "queue capacity (seed: 10)", 0, 1'000'000}},
    .expected = {Verdict::kBug, {FindingKind::kDeadlock}},
    .expected_virtual = Expectation{Verdict::kPass, {}},
    .body = ManySlowConsumers<Ending::kTimeout>,
});

INTERLEAVE_SCENARIO({
    .name = "queue_many_consumers_zero_each",
    .id = "001.r",
    .variant = "fix",
    .seed = "001 (robust fix, not in the seed)",
    .description = "the producer sends one 0 per consumer: every consumer exits",
    .params = {{"consumers", 3, "consumer threads (seed: 5; 5 take 140 000+ interleavings, 9 s)", 1,
                60},
               {"messages", 3, "bound on the producer's draws, the last being 0 (seed: unbounded)",
                1, 1'000'000},
               {"max_value", 1, "random values drawn from 0..max_value (seed: 10)", 0, 1'000},
               {"maxsize", 2, "queue capacity (seed: 10)", 0, 1'000'000}},
    .expected = {Verdict::kPass, {}},
    .body = ManySlowConsumers<Ending::kZeroPerConsumer>,
});

}  // namespace
}  // namespace interleave::scenarios
