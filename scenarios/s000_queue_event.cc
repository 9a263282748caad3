// Seed 000 (seeds/000_be73cdff864dbde8.txt), "Queue is thread safe", and seed 003
// (seeds/003_c9003053cc3ad8a0.txt), "producer - consumer by Queue" (the same program; 003 adds the
// final `print(pipeline, pipeline.qsize())`): ID 000.h, SCENARIOS.md, core defects. (Seed 000 also
// defines a Pipeline(queue.Queue) subclass that its main never uses; it is left out.)
//
// A producer puts random numbers on a Queue(maxsize=10) until an Event is set; a consumer
// loops `while not event.is_set() or not queue.empty(): queue.get()`. Both run on a
// ThreadPoolExecutor(max_workers=2); main sleeps 0.1 s, sets the event and leaves the `with`
// block, which waits for both. Scaled down: the producer's `while not event.is_set()` runs at
// most `messages` times (seed: unbounded; default 3), then waits for the event, the queue holds
// `maxsize` items (default 2), random.randint(1, 101) is choose(1, values), and "getting a number
// from the network" takes latency_ms (default 50 ms) per item, so in `virtual` mode the producer's
// second put and main's event.set() both fall at 0.1 s, a tie whose every order is explored. The
// queue must be drained when the program ends (expect_drained); outcome "qsize" is what 003's final
// print shows.
//
// queue_event (bug), both modes: BUG with
//   - DEADLOCK: the consumer finds the event unset and blocks in get() on the empty queue; the
//     producer then sees the event and leaves; nothing will ever be put, and main waits in the
//     executor's shutdown forever.
//   - LOST MESSAGE: the producer finds the event unset and goes to the network; main sets the
//     event; the consumer finds it set and the queue empty and leaves; the producer's put then
//     stays in the queue (qsize 1 at the end).
//   (In `virtual` both need the tie at 0.1 s.)
// queue_event_sentinel (fix): the producer puts a SENTINEL after it leaves its loop, the last
//   item it ever puts; the consumer gets until it reads the SENTINEL. PASS in both modes.
// queue_event_timeout (fix): get(timeout) with a re-check: on queue.Empty the consumer stops
//   only when the producer has finished (its future is done) and the queue is empty: after
//   that, nothing can be put. PASS in both modes.
// queue_event_timeout_naive (bug): a get(timeout) "fix" that, on queue.Empty, only re-checks
//   the seed's loop condition (event set and queue empty). The consumer no longer blocks
//   forever, so the DEADLOCK is gone, but the LOST MESSAGE stays in both modes: the consumer
//   still leaves as soon as it sees the event set and the queue empty, while the producer may
//   be between its event check and its put (`virtual`: in the tie at 0.1 s; a longer timeout
//   does not help, since the consumer leaves after a successful get too).
#include <string>
#include <vector>

#include "model/model.h"
#include "scenarios/registry.h"

namespace interleave::scenarios {
namespace {

// The queue_event_sentinel fix's end marker: randint(1, values) never returns it.
constexpr int SENTINEL = 0;

struct Settings {
  explicit Settings(const ScenarioParams& p)
      : messages(p["messages"]),
        values(p["values"]),
        latency(p["latency_ms"] / 1000.0),
        maxsize(p["maxsize"]) {}
  int messages;    // Bound on the producer's `while not event.is_set()`.
  int values;      // random.randint(1, values).
  double latency;  // Seconds "getting a number from the network".
  int maxsize;     // queue.Queue(maxsize=...).
};

// Pretend we're getting a number from the network.
void producer(Queue<int>& queue, Event& event, const Settings& settings, bool sentinel) {
  // while not event.is_set():, at most `messages` times.
  for (int round = 0; round < settings.messages && !event.is_set(); ++round) {
    sleep(settings.latency);
    int message = choose(1, settings.values);
    log("Producer got message: " + std::to_string(message));
    queue.put(message);
  }
  // When the bound ends the loop, the seed's producer would still be producing until the event
  // is set: it waits for the event instead, so that it never leaves before the event, as in
  // the seed (a consumer stuck after a producer that merely ran out of rounds would be an
  // artifact of the bound, not the seed's deadlock).
  event.wait();

  log("Producer received event. Exiting");
  if (sentinel) queue.put(SENTINEL);  // The fix: tell the consumer nothing more will come.
}

void Storing(Queue<int>& queue, int message) {
  log("Consumer storing message: " + std::to_string(message) +
      " (size=" + std::to_string(queue.qsize()) + ")");
}

// Pretend we're saving a number in the database. The seed's consumer.
void consumer(Queue<int>& queue, Event& event) {
  while (!event.is_set() || !queue.empty()) {
    int message = queue.get();
    Storing(queue, message);
  }

  log("Consumer received event. Exiting");
}

// queue_event_sentinel: get until the SENTINEL.
void consumer_sentinel(Queue<int>& queue) {
  while (true) {
    int message = queue.get();
    if (message == SENTINEL) break;
    Storing(queue, message);
  }

  log("Consumer received sentinel. Exiting");
}

// queue_event_timeout: get(timeout); on Empty, stop only if the producer is done and the
// queue is empty.
void consumer_timeout(Queue<int>& queue, Future<void>& producer_future, double timeout) {
  while (true) {
    int message = 0;
    try {
      message = queue.get(true, timeout);
    } catch (const QueueEmpty&) {
      if (producer_future.done() && queue.empty()) break;
      continue;
    }
    Storing(queue, message);
  }

  log("Consumer found the producer done and the queue empty. Exiting");
}

// queue_event_timeout_naive: the seed's loop, with get(timeout); on Empty, re-check the loop
// condition.
void consumer_timeout_naive(Queue<int>& queue, Event& event, double timeout) {
  while (!event.is_set() || !queue.empty()) {
    int message = 0;
    try {
      message = queue.get(true, timeout);
    } catch (const QueueEmpty&) {
      continue;
    }
    Storing(queue, message);
  }

  log("Consumer received event. Exiting");
}

enum class Consumer { kSeed, kSentinel, kTimeout, kTimeoutNaive };

template <Consumer kConsumer>
void Main(const ScenarioParams& p) {
  const Settings settings(p);
  Queue<int> pipeline(settings.maxsize, "pipeline");  // queue.Queue(maxsize=10)
  pipeline.expect_drained();
  Event event("event");
  Future<void> producer_future;  // Declared before the executor: the consumer reads it.
  {
    ThreadPoolExecutor executor(2);  // with ThreadPoolExecutor(max_workers=2) as executor:
    producer_future = executor.submit([&pipeline, &event, &settings] {
      producer(pipeline, event, settings, kConsumer == Consumer::kSentinel);
    });
    executor.submit([&] {
      if constexpr (kConsumer == Consumer::kSeed) consumer(pipeline, event);
      if constexpr (kConsumer == Consumer::kSentinel) consumer_sentinel(pipeline);
      if constexpr (kConsumer == Consumer::kTimeout) {
        consumer_timeout(pipeline, producer_future, p["timeout_ms"] / 1000.0);
      }
      if constexpr (kConsumer == Consumer::kTimeoutNaive) {
        consumer_timeout_naive(pipeline, event, p["timeout_ms"] / 1000.0);
      }
    });

    sleep(0.1);
    log("Main: about to set event");
    event.set();
  }  // Leaving the `with` block: executor.shutdown(wait=True).

  // print(pipeline, pipeline.qsize())
  const int qsize = pipeline.qsize();
  log("<queue.Queue object> " + std::to_string(qsize));
  outcome("qsize", qsize);
}

const std::vector<ScenarioParam> kParams = {
    {"messages", 3, "bound on the producer's `while not event.is_set()` (seed: unbounded)", 0,
     1'000'000},
    {"maxsize", 2, "queue.Queue(maxsize) (seed: 10)", 0, 1'000'000},
    {"values", 1, "random.randint(1, values) (seed: randint(1, 101))", 1, 1'000},
    {"latency_ms", 50, "the producer's network latency per item, ms (virtual time)", 0, 3'600'000},
};

std::vector<ScenarioParam> WithTimeout() {
  std::vector<ScenarioParam> params = kParams;
  params.push_back({"timeout_ms", 100, "the consumer's get(timeout), ms", 0, 3'600'000});
  return params;
}

INTERLEAVE_SCENARIO({
    .name = "queue_event",
    .id = "000.h",
    .variant = "bug",
    .seed = "000 \"Queue is thread safe\", 003 \"producer - consumer by Queue\"",
    .description = "consumer loops while the event is unset or the queue non-empty",
    .params = kParams,
    .expected = {Verdict::kBug, {FindingKind::kDeadlock, FindingKind::kLostMessage}},
    .body = Main<Consumer::kSeed>,
});

INTERLEAVE_SCENARIO({
    .name = "queue_event_sentinel",
    .id = "000.h",
    .variant = "fix",
    .seed = "000 \"Queue is thread safe\", 003 \"producer - consumer by Queue\"",
    .description = "the producer puts a sentinel after the event; the consumer gets until it",
    .params = kParams,
    .expected = {Verdict::kPass, {}},
    .body = Main<Consumer::kSentinel>,
});

INTERLEAVE_SCENARIO({
    .name = "queue_event_timeout",
    .id = "000.h",
    .variant = "fix",
    .seed = "000 \"Queue is thread safe\", 003 \"producer - consumer by Queue\"",
    .description = "get(timeout); on Empty, stop once the producer is done and the queue empty",
    .params = WithTimeout(),
    .expected = {Verdict::kPass, {}},
    .body = Main<Consumer::kTimeout>,
});

INTERLEAVE_SCENARIO({
    .name = "queue_event_timeout_naive",
    .id = "000.h",
    .variant = "bug",
    .seed = "000 \"Queue is thread safe\", 003 \"producer - consumer by Queue\"",
    .description = "get(timeout) re-checking only the event: no deadlock, still a lost message",
    .params = WithTimeout(),
    .expected = {Verdict::kBug, {FindingKind::kLostMessage}},
    .body = Main<Consumer::kTimeoutNaive>,
});

}  // namespace
}  // namespace interleave::scenarios
