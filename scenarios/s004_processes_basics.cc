// Seed 004 (Multiprocessing_and_Multithreading), the first multiprocessing sections:
//   "with multi processing"            (004.b) multiprocessing_func in one process per number,
//   "multiprocessing basics"           (004.b) `worker` processes started and never joined,
//   "spawn a process with arguments"   (004.b) print_func with and without a continent,
//   "Determining the Current Process"  (004.c) named and default-named processes,
//   "Subclassing Process"              (004.g) a Process subclass overriding run().
// SCENARIOS.md, "Programs without a defect": each must PASS in both time modes.
//
// Processes kept in a list are created with make_thread<Process> (owned by the execution, waited
// for at program exit), not held in a std::deque<Process>: a container's destructor is
// noexcept, and a ~Process inside it that waits at exit can be unwound (an execution dpor
// prunes there), which would end the whole checker in std::terminate.
//
// A model Process is a thread of the one program that shares nothing implicitly: a target's
// arguments (Python pickles them into the child) are captured by value, and these programs
// hand their processes no shared object at all. Each process only logs (Python's print), so
// the processes are independent of one another; what orders them is start and join.
//
// Outcomes. Logs are independent operations, so dpor does not enumerate their orders (the
// seeds' differently ordered printouts are all reachable, but they are not outcomes here).
// What the programs do declare: the virtual makespan of multiprocessing_func (2 s for any
// number of processes, where the seed's serial loop took 2 s per number; 0 in time mode
// `any`, which has no clock), the lines each unjoined worker printed (every worker prints:
// the program waits for non-daemon processes at exit, whatever the seed's text says about
// join), the default name "Process-N" of an unnamed process, and the exit codes read after
// join (0 for every process, named "Worker-N" for the subclass).
#include <algorithm>
#include <cstdio>
#include <string>
#include <vector>

#include "model/model.h"
#include "scenarios/registry.h"

namespace interleave::scenarios {
namespace {

// The virtual clock in seconds, as time.time() - starttime from a start at 0 ("0" in `any`).
std::string SecondsSinceStart() {
  const double seconds = static_cast<double>(Execution::Current("time").now()) / 1e6;
  char text[32];
  std::snprintf(text, sizeof text, "%g", seconds);
  return text;
}

// multiprocessing.current_process().name: a model Process is a thread that knows its name.
std::string current_process_name() { return current_thread_name(); }

// --- 004.b "with multi processing" ------------------------------------------------------

std::string basic_func(int x) {
  if (x == 0) {
    return "zero";
  } else if (x % 2 == 0) {
    return "even";
  } else {
    return "odd";
  }
}

void multiprocessing_func(int x) {
  const int y = x * x;
  sleep(2);
  log(std::to_string(x) + " squared results in a/an " + basic_func(y) + " number");
}

void ProcessSquares(const ScenarioParams& p) {
  const int numbers = p["numbers"];
  // starttime = time.time(): the scenario starts at virtual time 0.
  std::vector<Process*> processes;
  for (int i = 0; i < numbers; ++i) {
    Process& process = make_thread<Process>([i] { multiprocessing_func(i); });
    processes.push_back(&process);
    process.start();
  }
  for (Process* process : processes) process->join();
  const std::string took = SecondsSinceStart();
  log("That took " + took + " seconds");
  outcome("That took (virtual seconds)", took);
}

INTERLEAVE_SCENARIO({
    .name = "process_squares",
    .id = "004.b",
    .variant = "seed",
    .seed = "004 \"with multi processing\"",
    .description = "one process per number sleeps 2 s and prints its square's parity; all joined",
    .params = {{"numbers", 2, "processes, one per number in range(0, numbers) (seed: 10)", 0, 60}},
    .expected = {Verdict::kPass, {}},
    .body = ProcessSquares,
});

// --- 004.b "multiprocessing basics" -----------------------------------------------------

void worker() {
  // """worker function"""
  log("Worker");
  outcome(current_process_name() + " printed", std::string("Worker"));
}

void ProcessWorkersNoJoin(const ScenarioParams& p) {
  const int count = p["processes"];
  std::vector<Process*> jobs;
  // The outcomes are declared here, in start order, so that their order in the outcome text
  // does not depend on which worker prints first; each worker overwrites its own.
  for (int i = 0; i < count; ++i) {
    Process& process = make_thread<Process>(worker);
    jobs.push_back(&process);
    outcome(process.name() + " printed", std::string("nothing"));
    process.start();
  }
  // No join: at program exit, main waits for the non-daemon processes (as Python does).
}

INTERLEAVE_SCENARIO({
    .name = "process_workers_no_join",
    .id = "004.b",
    .variant = "seed",
    .seed = "004 \"multiprocessing basics\"",
    .description = "worker processes print \"Worker\"; nobody joins, the exit waits for them",
    .params = {{"processes", 3, "worker processes started (seed: 5)", 1, 60}},
    .expected = {Verdict::kPass, {}},
    .body = ProcessWorkersNoJoin,
});

// --- 004.b "spawn a process with arguments" ---------------------------------------------

void print_func(const std::string& continent = "Asia") {
  log("The name of continent is :  " + continent);
}

void ProcessContinents(const ScenarioParams& p) {
  const std::vector<std::string> all_names = {"America", "Europe", "Africa"};
  const std::vector<std::string> names(all_names.begin(),
                                       all_names.begin() + std::min<int>(p["names"], 3));
  std::vector<Process*> procs;
  Process& first = make_thread<Process>([] { print_func(); });  // instantiating without argument
  procs.push_back(&first);
  first.start();

  // instantiating process with arguments
  for (const std::string& name : names) {
    Process& proc = make_thread<Process>([name] { print_func(name); });
    procs.push_back(&proc);
    proc.start();
  }

  // complete the processes
  std::string exitcodes;
  for (Process* proc : procs) {
    proc->join();
    exitcodes += (exitcodes.empty() ? "" : " ") + std::to_string(proc->exitcode().value_or(-1));
  }
  outcome("exitcodes", exitcodes);
}

INTERLEAVE_SCENARIO({
    .name = "process_continents",
    .id = "004.b",
    .variant = "seed",
    .seed = "004 \"spawn a process with arguments\"",
    .description = "print_func in one process with its default argument and one per continent",
    .params = {{"names", 2,
                "continents passed as args, at most 3 (seed: America, Europe, "
                "Africa)",
                0, 3}},
    .expected = {Verdict::kPass, {}},
    .body = ProcessContinents,
});

// --- 004.c "Determining the Current Process" --------------------------------------------

void worker_named() {  // The seed's second `worker`, of this section.
  const std::string name = current_process_name();
  log(name + " Starting");
  sleep(3);
  log(name + " Exiting");
}

void my_service() {
  const std::string name = current_process_name();
  log(name + " Starting");
  sleep(2);
  log(name + " Exiting");
}

void ProcessNames(const ScenarioParams&) {
  Process service(my_service, "my_service");
  Process worker_1(worker_named, "worker 1");
  Process worker_2(worker_named);  // default name

  worker_1.start();
  worker_2.start();
  service.start();

  worker_1.join();
  worker_2.join();
  service.join();
  // "Process-1": the model numbers only default-named processes; CPython's counter counts
  // every Process created, so a fresh interpreter would say Process-3 (the seed: Process-59).
  outcome("worker_2.name", worker_2.name());
}

INTERLEAVE_SCENARIO({
    .name = "process_names",
    .id = "004.c",
    .variant = "seed",
    .seed = "004 \"Determining the Current Process\"",
    .description = "processes log their own names, one of them the default Process-N; all joined",
    .params = {},
    .expected = {Verdict::kPass, {}},
    .body = ProcessNames,
});

// --- 004.g "Subclassing Process" --------------------------------------------------------

class Worker : public Process {
 public:
  // Python names a subclass's process after its class: "Worker-N".
  explicit Worker(int n) : Process("Worker-" + std::to_string(n)) {}

 protected:
  void run() override {
    log("In " + name());
    return;
  }
};

void ProcessSubclass(const ScenarioParams& p) {
  const int count = p["jobs"];
  std::vector<Worker*> jobs;
  for (int i = 0; i < count; ++i) {
    Worker& worker = make_thread<Worker>(i + 1);
    jobs.push_back(&worker);
    worker.start();
  }
  std::string exitcodes;
  for (Worker* j : jobs) {
    j->join();
    exitcodes += (exitcodes.empty() ? "" : ", ") + j->name() + ": " +
                 std::to_string(j->exitcode().value_or(-1));
  }
  outcome("exitcodes", exitcodes);
}

INTERLEAVE_SCENARIO({
    .name = "process_subclass",
    .id = "004.g",
    .variant = "seed",
    .seed = "004 \"Subclassing Process\"",
    .description = "Process subclasses whose run() prints their name; all joined",
    .params = {{"jobs", 3, "Worker processes (seed: 5)", 1, 60}},
    .expected = {Verdict::kPass, {}},
    .body = ProcessSubclass,
});

}  // namespace
}  // namespace interleave::scenarios
