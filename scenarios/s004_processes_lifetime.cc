// Seed 004 (Multiprocessing_and_Multithreading), the lifetime of processes:
//   "Daemon Processes"        (004.d) a daemon that sleeps 2 s, a non-daemon that sleeps 3 s,
//                                     main prints 0..4 and ends without joining;
//   "Waiting for Processes"   (004.e) the same pair, both joined;
//   "Terminating Processes"   (004.f) terminate() right after start().
// SCENARIOS.md: 004.d in "Timing and lifetime" (with 000.b, 002.d), 004.e in "Programs
// without a defect", 004.f in "Timing and lifetime".
//
// 004.d, process_daemon (bug; WARNING: DAEMON CUT OFF in both modes): at program exit main
// waits for the non-daemon process, then kills the daemon where it stands (CPython's atexit
// terminates daemonic children). In `any` the daemon may or may not have printed "Exiting"
// by then. In `virtual` the daemon starts at 1 s and wakes at 3 s, the very time at which the
// non-daemon ends and main goes on to kill it: the tie goes both ways, so "Exiting : daemon" is
// cut off in some executions and printed in others. process_daemon_joined (fix; PASS): main
// joins both processes at the end, so the daemon always prints "Exiting" (main joins both: a
// join of the daemon alone would leave the non-daemon unjoined while main logs its last line).
//
// 004.e, process_join_daemon (seed; PASS): main joins the non-daemon and the daemon, so the
// daemon always finishes; its exit code after the join is 0 in every execution.
//
// 004.f, process_terminate (seed; PASS in both modes). The model's terminate() kills the
// process synchronously (model/process.h): is_alive() is false right after it (the seed prints
// True, because its SIGTERM lands a little later) and the exit code is -15. The seed's worker
// sleeps 0.1 s between "Starting worker" and "Finished worker", and main's terminate() follows
// start() with no sleep. In `virtual` main's steps take no time, so terminate() always comes
// before the worker's wake-up at 0.1 s: "Finished worker" is never printed, "Starting worker"
// sometimes (main and the new process both run at time 0, in either order), which is what
// SCENARIOS.md states. In `any`, where a sleep is only a yield and any timing is possible, the
// worker can print both lines and end before main calls terminate() (then terminate does
// nothing and the exit code is 0), so "Finished worker" is reachable there: the catalogue's
// "never" is a timing assumption (0.1 s is long beside a few bytecodes), true in `virtual`
// only. The scenario is written as the seed is and declares what was printed, and the exit
// code, as outcomes so that both modes' sets show; neither mode has a finding.
#include <optional>
#include <string>

#include "model/model.h"
#include "scenarios/registry.h"

namespace interleave::scenarios {
namespace {

// multiprocessing.current_process().name: a model Process is a thread that knows its name.
std::string current_process_name() { return current_thread_name(); }

// --- 004.d "Daemon Processes" -----------------------------------------------------------
// The seed prints p.pid too; a model process has no pid.

void daemon() {
  const std::string name = current_process_name();
  log("Starting: " + name);
  outcome("daemon printed", std::string("Starting"));
  sleep(2);
  log("Exiting : " + name);
  outcome("daemon printed", std::string("Starting, Exiting"));
}

void non_daemon_sleeping() {
  const std::string name = current_process_name();
  log("Starting: " + name);
  sleep(3);
  log("Exiting : " + name);
}

void DaemonProcesses(const ScenarioParams& p, bool join) {
  const int prints = p["prints"];
  Process d(daemon, "daemon");
  d.set_daemon(true);

  Process n(non_daemon_sleeping, "non-daemon");
  n.set_daemon(false);
  outcome("daemon printed", std::string("nothing"));
  n.start();
  sleep(1);
  d.start();
  for (int i = 0; i < prints; ++i) {
    log(std::to_string(i));
  }
  if (join) {  // The fix.
    n.join();
    d.join();
  }
  // Program exit: main waits for `n`, then kills `d` if it is still running.
}

INTERLEAVE_SCENARIO({
    .name = "process_daemon",
    .id = "004.d",
    .variant = "bug",
    .seed = "004 \"Daemon Processes\"",
    .description = "a daemon process still sleeping when main ends is killed at program exit",
    .params = {{"prints", 2, "numbers main prints before it ends (seed: 5)", 0, 1'000'000}},
    .expected = {Verdict::kWarning, {FindingKind::kDaemonCutOff}},
    .body = [](const ScenarioParams& p) { DaemonProcesses(p, /*join=*/false); },
});

INTERLEAVE_SCENARIO({
    .name = "process_daemon_joined",
    .id = "004.d",
    .variant = "fix",
    .seed = "004 \"Daemon Processes\"",
    .description = "the same, main joins both processes before it ends",
    .params = {{"prints", 2, "numbers main prints before it ends (seed: 5)", 0, 1'000'000}},
    .expected = {Verdict::kPass, {}},
    .body = [](const ScenarioParams& p) { DaemonProcesses(p, /*join=*/true); },
});

// --- 004.e "Waiting for Processes" ------------------------------------------------------

void non_daemon() {
  const std::string name = current_process_name();
  log("Starting: " + name);
  log("Exiting : " + name);
}

void WaitingForProcesses(const ScenarioParams&) {
  Process d(daemon, "daemon");
  d.set_daemon(true);

  Process n(non_daemon, "non-daemon");
  n.set_daemon(false);
  outcome("daemon printed", std::string("nothing"));

  d.start();
  sleep(1);
  n.start();

  n.join();
  d.join();
  outcome("daemon exitcode", d.exitcode().value_or(-1));
}

INTERLEAVE_SCENARIO({
    .name = "process_join_daemon",
    .id = "004.e",
    .variant = "seed",
    .seed = "004 \"Waiting for Processes\"",
    .description = "main joins a daemon and a non-daemon process; the daemon always finishes",
    .params = {},
    .expected = {Verdict::kPass, {}},
    .body = WaitingForProcesses,
});

// --- 004.f "Terminating Processes" ------------------------------------------------------

void slow_worker() {
  log("Starting worker");
  outcome("printed", std::string("Starting worker"));
  sleep(0.1);
  log("Finished worker");
  outcome("printed", std::string("Starting worker, Finished worker"));
}

// The seed's `p` in a print: "<Process(Process-55, initial)>", from its state (a visible read
// of the exit code once started, as Python's repr polls it).
std::string Repr(const Process& p, bool started) {
  std::string state = "initial";
  if (started) {
    const std::optional<int> exitcode = p.exitcode();
    state = !exitcode ? "started" : *exitcode == -15 ? "stopped[SIGTERM]" : "stopped";
  }
  return "<Process(" + p.name() + ", " + state + ")>";
}

std::string PyBool(bool b) { return b ? "True" : "False"; }

void TerminatingProcesses(const ScenarioParams&) {
  Process p(slow_worker);
  outcome("printed", std::string("nothing"));
  log("BEFORE: " + Repr(p, false) + " " + PyBool(p.is_alive()));

  p.start();
  const bool during = p.is_alive();
  log("DURING: " + Repr(p, true) + " " + PyBool(during));

  p.terminate();
  const bool terminated = p.is_alive();
  log("TERMINATED: " + Repr(p, true) + " " + PyBool(terminated));

  p.join();
  const bool joined = p.is_alive();
  log("JOINED: " + Repr(p, true) + " " + PyBool(joined));

  outcome("DURING is_alive", during);
  outcome("TERMINATED is_alive", terminated);
  outcome("exitcode", p.exitcode().value_or(-1));
  expect(!terminated && !joined, "the process is not alive after terminate() and join()");
}

INTERLEAVE_SCENARIO({
    .name = "process_terminate",
    .id = "004.f",
    .variant = "seed",
    .seed = "004 \"Terminating Processes\"",
    .description = "terminate() right after start() kills a worker that sleeps before finishing",
    .params = {},
    .expected = {Verdict::kPass, {}},
    .body = TerminatingProcesses,
});

}  // namespace
}  // namespace interleave::scenarios
