// Seed 003 (seeds/003_c9003053cc3ad8a0.txt), the notes of "producer - pipeline - consumer" on
// ThreadPoolExecutor (003.n); SCENARIOS.md, core defects.
//
// The notes: `with ThreadPoolExecutor(max_workers=3) as executor: executor.map(thread_function,
// range(3))`, and "errors in the function signature of thread_function will be swallowed
// without an error being raised". Here thread_function is declared (name, delay) but called
// with the name alone, so every call raises TypeError inside its task. executor.map returns a
// lazy iterator that the notes never consume, so nobody asks for the results: the executor
// keeps each exception in its task's future and the program ends as if all went well. The
// model's map collects its results at once (and would rethrow), so the bug submits the tasks
// one by one and drops the futures, which is what the unconsumed map does.
//
// executor_swallowed_exception (bug): SWALLOWED EXCEPTION, one per task, in every interleaving
//   and both time modes (the tasks raise before any sleep).
// executor_result_read (fix): main reads every future's result(), which re-raises the task's
//   TypeError; main reports it. PASS in both modes; every error surfaces (outcome "errors
//   surfaced" = tasks, checked with expect). Mains outside the macro: steps get their lines.
#include <initializer_list>
#include <stdexcept>
#include <string>
#include <vector>

#include "model/model.h"
#include "scenarios/registry.h"

namespace interleave::scenarios {
namespace {

// Python's TypeError.
class TypeError : public std::runtime_error {
 public:
  explicit TypeError(const std::string& message) : std::runtime_error(message) {}
};

// def thread_function(name, delay): ... Python checks a call's arguments when the call runs,
// inside the task, and raises TypeError there; `args` are the call's positional arguments.
void thread_function(std::initializer_list<int> args) {
  if (args.size() != 2) {
    throw TypeError("thread_function() missing 1 required positional argument: 'delay'");
  }
  const int name = args.begin()[0];
  const int delay = args.begin()[1];
  log("Thread " + std::to_string(name) + ": starting");
  sleep(delay);
  log("Thread " + std::to_string(name) + ": finishing");
}

void SwallowedException(const ScenarioParams& p) {  // The notes' main.
  log("Main    : before creating thread");
  {
    ThreadPoolExecutor executor(p["threads"]);  // with ...(max_workers=3) as executor:
    // executor.map(thread_function, range(3)), its iterator never consumed.
    for (int name = 0; name < p["threads"]; ++name) {
      executor.submit([name] { thread_function({name}); });
    }
  }  // Leaving the `with` block: executor.shutdown(wait=True).
  log("Main    : all done");
}
INTERLEAVE_SCENARIO({
    .name = "executor_swallowed_exception",
    .id = "003.n",
    .variant = "bug",
    .seed = "003 \"producer - pipeline - consumer\" (notes on ThreadPoolExecutor)",
    .description = "every task raises TypeError (wrong signature) and nobody reads its future",
    .params = {{"threads", 3, "max_workers and tasks, range(threads) (seed: 3)", 1, 60}},
    .expected = {Verdict::kBug, {FindingKind::kSwallowedException}},
    .body = SwallowedException,
});

void ResultRead(const ScenarioParams& p) {  // The fix: main reads every future's result().
  log("Main    : before creating thread");
  int errors = 0;
  {
    ThreadPoolExecutor executor(p["threads"]);  // with ...(max_workers=3) as executor:
    std::vector<Future<void>> futures;
    for (int name = 0; name < p["threads"]; ++name) {
      futures.push_back(executor.submit([name] { thread_function({name}); }));
    }
    // for future in futures: future.result(), reporting what it raises.
    for (Future<void>& future : futures) {
      try {
        future.result();
      } catch (const TypeError& error) {
        log(std::string("Main    : a task raised TypeError: ") + error.what());
        ++errors;
      }
    }
  }  // Leaving the `with` block: executor.shutdown(wait=True).
  log("Main    : all done");
  outcome("errors surfaced", errors);
  expect(errors == p["threads"], "every task's TypeError reaches main");
}
INTERLEAVE_SCENARIO({
    .name = "executor_result_read",
    .id = "003.n",
    .variant = "fix",
    .seed = "003 \"producer - pipeline - consumer\" (notes on ThreadPoolExecutor)",
    .description = "main reads every future's result(), so each task's TypeError surfaces",
    .params = {{"threads", 3, "max_workers and tasks, range(threads) (seed: 3)", 1, 60}},
    .expected = {Verdict::kPass, {}},
    .body = ResultRead,
});

}  // namespace
}  // namespace interleave::scenarios
