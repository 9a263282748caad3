// Seed 002 "Threading": threading_simple.py ("Argument to thread", 002.a), threading_names.py
// ("Determining the Current Thread", 002.b), threading_names_log.py ("Logging threads", 002.c)
// and threading_subclass.py ("Subclassing Thread", 002.h); SCENARIOS.md, programs without a
// defect.
//
// 002.a: main starts N workers, each with its own number as argument, and never joins them;
// each prints "Worker: <num>". The program waits for the non-daemon workers at exit.
// 002.b, 002.c: three threads, two named (`worker`, `my_service`) and one with the default name
// ("Thread-N"); each prints its own name, sleeps (0.2 s, 0.3 s) and prints it again. 002.c is the
// same with logging, whose format shows the thread's name: the model's log records it too.
// 002.h: a Thread subclass overrides run(); main starts N of them, unjoined.
//
// Verdicts: PASS in both time modes: nothing is shared but the log, every thread ends, and the
// program waits for every non-daemon thread at exit. The outcomes show what each thread printed
// (every worker its own argument, every thread its own name): one outcome set in every
// interleaving. The logs are independent operations, so dpor explores one execution per
// program; the order of the printed lines is not an outcome of these programs.
#include <string>
#include <vector>

#include "model/model.h"
#include "scenarios/registry.h"

namespace interleave::scenarios {
namespace {

// ---- 002.a threading_simple.py

void worker(int num) {
  // """thread worker function"""
  log("Worker: " + std::to_string(num));
  outcome("worker " + std::to_string(num), "Worker: " + std::to_string(num));
}

void ThreadingSimple(const ScenarioParams& p) {
  const int workers = p["workers"];
  // Declared first, so that every execution lists the outcomes in the same order.
  for (int i = 0; i < workers; ++i) outcome("worker " + std::to_string(i), "did not print");
  std::vector<Thread> threads;
  threads.reserve(workers);  // The started threads stay where they are.
  for (int i = 0; i < workers; ++i) {
    Thread t([i] { worker(i); });  // args=(i,): the number is copied into the thread.
    threads.push_back(std::move(t));
    threads.back().start();
  }
  // No join: the program waits for the non-daemon workers at exit. Done explicitly rather than
  // by ~Thread inside ~vector: that wait is a scheduling point where the execution may be
  // unwound, and an exception cannot leave std::vector's noexcept destructor.
  for (Thread& t : threads) t.wait_at_exit();
}

INTERLEAVE_SCENARIO({
    .name = "threading_simple",
    .id = "002.a",
    .variant = "seed",
    .seed = "002 \"Argument to thread\" (threading_simple.py)",
    .description = "N workers started with their number as argument, never joined",
    .params = {{"workers", 3, "worker threads (seed: 5)", 1, 60}},
    .expected = {Verdict::kPass, {}},
    .body = ThreadingSimple,
});

// ---- 002.b threading_names.py and 002.c threading_names_log.py
//
// print(threading.current_thread().getName(), 'Starting') is written with the name in the
// message; logging.debug('Starting') with the format '(%(threadName)-10s) %(message)s' logs the
// bare message, since the model's log records the thread's name with it.

// What each thread saw as its own name: an outcome per thread object, declared by main.
void SawName(const std::string& label) { outcome(label, current_thread_name()); }

namespace names {

void worker() {
  log(current_thread_name() + " Starting");
  sleep(0.2);
  log(current_thread_name() + " Exiting");
}

void my_service() {
  log(current_thread_name() + " Starting");
  sleep(0.3);
  log(current_thread_name() + " Exiting");
}

}  // namespace names

namespace names_log {

void worker() {
  log("Starting");
  sleep(0.2);
  log("Exiting");
}

void my_service() {
  log("Starting");
  sleep(0.3);
  log("Exiting");
}

}  // namespace names_log

// The seed's main block, for either pair of functions.
template <void (*worker_fn)(), void (*my_service_fn)()>
void ThreadingNames(const ScenarioParams&) {
  for (const char* label : {"w", "w2", "t"}) outcome(label, "never ran");
  Thread t(
      [] {
        SawName("t");
        my_service_fn();
      },
      "my_service");
  Thread w(
      [] {
        SawName("w");
        worker_fn();
      },
      "worker");
  Thread w2([] {
    SawName("w2");
    worker_fn();
  });  // use default name

  w.start();
  w2.start();
  t.start();
}

INTERLEAVE_SCENARIO({
    .name = "threading_names",
    .id = "002.b",
    .variant = "seed",
    .seed = "002 \"Determining the Current Thread\" (threading_names.py)",
    .description = "two named threads and one with the default name print their names",
    .expected = {Verdict::kPass, {}},
    .body = ThreadingNames<names::worker, names::my_service>,
});

INTERLEAVE_SCENARIO({
    .name = "threading_names_log",
    .id = "002.c",
    .variant = "seed",
    .seed = "002 \"Logging threads\" (threading_names_log.py)",
    .description = "the same three threads, logging: the log shows each thread's name",
    .expected = {Verdict::kPass, {}},
    .body = ThreadingNames<names_log::worker, names_log::my_service>,
});

// ---- 002.h threading_subclass.py

class MyThread : public Thread {
 public:
  void run() override {
    log("running");
    outcome(name(), "running");
  }
};

void ThreadingSubclass(const ScenarioParams& p) {
  for (int i = 0; i < p["threads"]; ++i) {
    MyThread& t = make_thread<MyThread>();  // Owned by the execution, waited for at exit.
    outcome(t.name(), "never ran");         // Declared before it can run: a stable order.
    t.start();
  }
}

INTERLEAVE_SCENARIO({
    .name = "threading_subclass",
    .id = "002.h",
    .variant = "seed",
    .seed = "002 \"Subclassing Thread\" (threading_subclass.py)",
    .description = "a Thread subclass overriding run(), N of them started, never joined",
    .params = {{"threads", 3, "MyThread instances (seed: 5)", 1, 60}},
    .expected = {Verdict::kPass, {}},
    .body = ThreadingSubclass,
});

}  // namespace
}  // namespace interleave::scenarios
