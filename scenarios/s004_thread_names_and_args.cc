// Seed 004 (Multiprocessing_and_Multithreading), two of its threading sections:
//   "Determining the Current Thread"  (004.o) named and default-named threads log their names;
//   "Subclassing Thread"              (004.r) MyThreadWithArgs keeps args and kwargs for run().
// SCENARIOS.md, "Programs without a defect" ("004.o, 004.r names and subclass with args"):
// both PASS in both time modes.
//
// 004.o, thread_names_my_service: worker (0.2 s), an unnamed worker and my_service (0.3 s)
// log "<name> Starting" and "<name> Exiting"; main joins all three. The outcome is the default
// name of the unnamed thread: the model numbers "Thread-N" by every thread object of the
// execution (the main thread is 0), so it is Thread-3 here, where CPython counts only unnamed
// threads (Thread-1 in a fresh interpreter; the seed's notebook shows Thread-41).
//
// 004.r, my_thread_with_args: MyThreadWithArgs(args=(i,), kwargs={'a': 'A', 'b': 'B'})
// are started and never joined (the program waits for them at exit); each run() logs the
// arguments its object kept. The outcomes are what each thread logged, declared per thread
// name, which shows every thread ran with its own args.
#include <map>
#include <string>
#include <vector>

#include "model/model.h"
#include "scenarios/registry.h"

namespace interleave::scenarios {
namespace {

// --- 004.o "Determining the Current Thread" ---------------------------------------------

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

void DeterminingTheCurrentThread(const ScenarioParams&) {
  Thread t(my_service, "my_service");
  Thread w(worker, "worker");
  Thread w2(worker);  // use default name

  w.start();
  w2.start();
  t.start();

  w.join();
  w2.join();
  t.join();
  outcome("w2.name", w2.name());
}

INTERLEAVE_SCENARIO({
    .name = "thread_names_my_service",
    .id = "004.o",
    .variant = "seed",
    .seed = "004 \"Determining the Current Thread\"",
    .description = "threads log their own names, one of them the default Thread-N; all joined",
    .params = {},
    .expected = {Verdict::kPass, {}},
    .body = DeterminingTheCurrentThread,
});

// --- 004.r "Subclassing Thread" ---------------------------------------------------------

using Kwargs = std::map<std::string, std::string>;

// Python's repr of a tuple of ints: "(0,)", "(1, 2)".
std::string TupleRepr(const std::vector<int>& args) {
  std::string text = "(";
  for (std::size_t i = 0; i < args.size(); ++i) {
    text += (i == 0 ? "" : ", ") + std::to_string(args[i]);
  }
  return text + (args.size() == 1 ? ",)" : ")");
}

// Python's repr of a dict of strings: "{'a': 'A', 'b': 'B'}".
std::string DictRepr(const Kwargs& kwargs) {
  std::string text = "{";
  for (const auto& [key, value] : kwargs) {
    text += (text.size() == 1 ? "" : ", ") + ("'" + key + "': '" + value + "'");
  }
  return text + "}";
}

class MyThreadWithArgs : public Thread {
 public:
  // The seed's __init__(group=None, target=None, name=None, args=(), kwargs=None, *,
  // daemon=None): the base class gets the name and daemon flag; args and kwargs are kept.
  explicit MyThreadWithArgs(std::vector<int> args = {}, Kwargs kwargs = {}, std::string name = "",
                            bool daemon = false)
      : Thread(std::move(name), daemon), args(std::move(args)), kwargs(std::move(kwargs)) {}

  std::vector<int> args;
  Kwargs kwargs;

 protected:
  void run() override {
    const std::string message = "running with " + TupleRepr(args) + " and " + DictRepr(kwargs);
    log(message);
    outcome(name(), message);
  }
};

void SubclassingThread(const ScenarioParams& p) {
  for (int i = 0; i < p["threads"]; ++i) {
    MyThreadWithArgs& t =
        make_thread<MyThreadWithArgs>(std::vector<int>{i}, Kwargs{{"a", "A"}, {"b", "B"}});
    // Declared here, in start order, so that the outcome text does not depend on which thread
    // runs first; run() overwrites it.
    outcome(t.name(), std::string("not run"));
    t.start();
  }
}

INTERLEAVE_SCENARIO({
    .name = "my_thread_with_args",
    .id = "004.r",
    .variant = "seed",
    .seed = "004 \"Subclassing Thread\"",
    .description = "Thread subclasses keep args and kwargs and log them from run(); not joined",
    .params = {{"threads", 3, "MyThreadWithArgs started (seed: 5)", 1, 60}},
    .expected = {Verdict::kPass, {}},
    .body = SubclassingThread,
});

}  // namespace
}  // namespace interleave::scenarios
