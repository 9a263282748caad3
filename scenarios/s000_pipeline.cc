// Seed 000 (seeds/000_be73cdff864dbde8.txt), "Producer-Consumer Threading" (000.g), and seed
// 003 (seeds/003_c9003053cc3ad8a0.txt), "producer - pipeline - consumer" (003.a); SCENARIOS.md,
// core defects.
//
// A single-element Pipeline between a producer and a consumer, built from two Locks: the
// producer takes producer_lock, stores the message and releases consumer_lock; the consumer
// takes consumer_lock, reads the message and releases producer_lock (a Lock may be released by
// another thread than its acquirer, which the model allows as Python does). consumer_lock
// starts acquired, so the consumer waits for the first message. The producer sends `messages`
// random numbers (seed: 10; random.randint is choose(1, values)), then a SENTINEL object; the
// consumer stores messages until it reads the SENTINEL. Both run on a
// ThreadPoolExecutor(max_workers=2), whose `with` block waits for them.
//
// 000.g pipeline_swapped_args (bug): seed 000's set_message is (name, message), and the
//   producer's last call set_message(SENTINEL, "Producer") swaps them: the consumer reads the
//   string "Producer", stores it as a message, and waits on consumer_lock for a message nobody
//   will send. The producer has finished; the executor's shutdown waits for the consumer
//   forever: DEADLOCK in every interleaving and both time modes (there is no sleep, and each
//   hand-off is forced by the locks). The seed's run ended in KeyboardInterrupt.
// 003.a pipeline_sentinel (fix): seed 003's Pipeline, whose set_message is (message, who),
//   called in the right order. PASS in both modes; the consumer stores exactly the produced
//   messages, in order (checked with expect; outcome "stored").
#include <ostream>
#include <string>
#include <vector>

#include "model/model.h"
#include "scenarios/registry.h"

namespace interleave::scenarios {
namespace {

// A Python object as the pipeline passes it around: an int (random.randint), a str (the
// producer's name, or the string the swapped call passes as the message), or the SENTINEL
// object(). Compared by identity for SENTINEL (`is`), by value otherwise.
struct PyObject {
  enum class Type { kInt, kStr, kSentinel };
  Type type = Type::kInt;
  int number = 0;
  std::string text;

  bool operator==(const PyObject&) const = default;
};

PyObject Int(int number) { return {PyObject::Type::kInt, number, ""}; }
PyObject Str(std::string text) { return {PyObject::Type::kStr, 0, std::move(text)}; }
const PyObject SENTINEL{PyObject::Type::kSentinel, 0, ""};  // SENTINEL = object()

// str(object), as an f-string or %s shows it.
std::string str(const PyObject& object) {
  switch (object.type) {
    case PyObject::Type::kInt:
      return std::to_string(object.number);
    case PyObject::Type::kStr:
      return object.text;
    case PyObject::Type::kSentinel:
      return "<object object at 0x7f0000000000>";
  }
  return "?";
}

// How the trace shows the pipeline's message.
std::ostream& operator<<(std::ostream& out, const PyObject& object) {
  return out << (object.type == PyObject::Type::kStr ? "'" + object.text + "'" : str(object));
}

// Seed 000, "Producer-Consumer Threading": set_message(name, message).
namespace seed000 {

class Pipeline {
 public:
  Pipeline() { consumer_lock.acquire(); }

  PyObject get_message(const PyObject& name) {
    log(str(name) + ": about to acquire lock");
    consumer_lock.acquire();
    log(str(name) + ": acquired lock");
    PyObject message = this->message.read();
    log(str(name) + ": about to release lock");
    producer_lock.release();
    log(str(name) + ": released lock");
    return message;
  }

  void set_message(const PyObject& name, const PyObject& message) {
    log(str(name) + ": about to acquire lock");
    producer_lock.acquire();
    log(str(name) + ": acquired lock");
    this->message.write(message);
    log(str(name) + ": about to release lock");
    consumer_lock.release();
    log(str(name) + ": released lock");
  }

  Shared<PyObject> message{"message", Int(0)};
  Lock producer_lock{"producer_lock"};
  Lock consumer_lock{"consumer_lock"};
};

void producer(Pipeline& pipeline, int messages, int values) {
  for (int _ = 0; _ < messages; ++_) {  // for _ in range(10):
    PyObject message = Int(choose(1, values));
    log("Producer got message: " + str(message));
    pipeline.set_message(Str("Producer"), message);
  }
  pipeline.set_message(SENTINEL, Str("Producer"));  // The defect: (name, message) swapped.
}

void consumer(Pipeline& pipeline) {
  PyObject message = Int(0);
  while (message != SENTINEL) {
    message = pipeline.get_message(Str("Consumer"));
    if (message != SENTINEL) {
      log("Consumer storing message: " + str(message));
    }
  }
}

void Main(const ScenarioParams& p) {
  Pipeline pipeline;
  {
    ThreadPoolExecutor executor(2);  // with ThreadPoolExecutor(max_workers=2) as executor:
    executor.submit([&pipeline, &p] { producer(pipeline, p["messages"], p["values"]); });
    executor.submit([&pipeline] { consumer(pipeline); });
  }  // Leaving the `with` block: executor.shutdown(wait=True) waits for the consumer forever.
}

}  // namespace seed000

// Seed 003, "producer - pipeline - consumer": set_message(message, who), called in order.
// What the producer sent and the consumer stored are kept aside (not part of the program) to
// check after the executor has joined both.
namespace seed003 {

class Pipeline {
 public:
  // Class to allow a single element pipeline between producer and consumer.
  Pipeline() { consumer_lock.acquire(); }

  PyObject get_message(const std::string& who) {
    log(who + ":about to acquire getlock");
    consumer_lock.acquire();
    log(who + ":have getlock");
    PyObject message = this->message.read();
    log(who + ":about to release setlock");
    producer_lock.release();
    log(who + ":setlock released");
    return message;
  }

  void set_message(const PyObject& message, const std::string& who) {
    log(who + ":about to acquire setlock");
    producer_lock.acquire();
    log(who + ":have setlock");
    this->message.write(message);
    log(who + ":about to release getlock");
    consumer_lock.release();
    log(who + ":getlock released");
  }

  Shared<PyObject> message{"message", Int(0)};
  Lock producer_lock{"producer_lock"};
  Lock consumer_lock{"consumer_lock"};
};

// Pretend we're getting a message from the network.
void producer(Pipeline& pipeline, int messages, int values, std::vector<PyObject>& sent) {
  for (int index = 0; index < messages; ++index) {  // for index in range(10):
    PyObject message = Int(choose(1, values));
    log("Producer got message: " + str(message));
    sent.push_back(message);
    pipeline.set_message(message, "Producer");
  }
  // Send a sentinel message to tell consumer we're done
  pipeline.set_message(SENTINEL, "Producer");
}

// Pretend we're saving a number in the database.
void consumer(Pipeline& pipeline, std::vector<PyObject>& stored) {
  PyObject message = Int(0);
  while (message != SENTINEL) {
    message = pipeline.get_message("Consumer");
    if (message != SENTINEL) {
      log("Consumer storing message: " + str(message));
      stored.push_back(message);
    }
  }
}

void Main(const ScenarioParams& p) {
  std::vector<PyObject> sent;
  std::vector<PyObject> stored;
  Pipeline pipeline;
  {
    ThreadPoolExecutor executor(2);  // with ThreadPoolExecutor(max_workers=2) as executor:
    executor.submit([&] { producer(pipeline, p["messages"], p["values"], sent); });
    executor.submit([&] { consumer(pipeline, stored); });
  }  // Leaving the `with` block: executor.shutdown(wait=True).
  std::string text;
  for (const PyObject& message : stored) text += (text.empty() ? "" : " ") + str(message);
  outcome("stored", text);
  expect(stored == sent, "the consumer stores exactly the produced messages, in order");
}

}  // namespace seed003

INTERLEAVE_SCENARIO({
    .name = "pipeline_swapped_args",
    .id = "000.g",
    .variant = "bug",
    .seed = "000 \"Producer-Consumer Threading\"",
    .description = "two-lock pipeline; the sentinel is sent with set_message's arguments swapped",
    .params = {{"messages", 2, "messages the producer sends before the sentinel (seed: 10)", 0,
                1'000'000},
               {"values", 2, "random.randint(1, values) (seed: randint(1, 100))", 1, 1'000}},
    .expected = {Verdict::kBug, {FindingKind::kDeadlock}},
    .body = seed000::Main,
});

INTERLEAVE_SCENARIO({
    .name = "pipeline_sentinel",
    .id = "003.a",
    .variant = "fix",
    .seed = "003 \"producer - pipeline - consumer\"",
    .description = "two-lock pipeline, sentinel sent in the right argument order",
    .params = {{"messages", 2, "messages the producer sends before the sentinel (seed: 10)", 0,
                1'000'000},
               {"values", 2, "random.randint(1, values) (seed: randint(1, 101))", 1, 1'000}},
    .expected = {Verdict::kPass, {}},
    .body = seed003::Main,
});

}  // namespace
}  // namespace interleave::scenarios
