// Seed 002 "Threading", "Daemon vs. Non-Daemon Threads": threading_daemon.py (002.d),
// threading_daemon_join.py (002.e), threading_daemon_join_timeout.py (002.f); and "Enumerating
// All Threads": threading_enumerate.py (002.g). SCENARIOS.md, timing and lifetime.
//
// 002.d (bug): a daemon thread logs "Starting", sleeps 2 s, logs "Exiting"; a non-daemon thread
// logs both at once; main starts them and ends. At exit the program waits for the non-daemon
// only and kills the daemon where it stands. DAEMON CUT OFF (a warning) in both time modes:
// `virtual`: in every interleaving (main ends at 0 s, the daemon would wake at 2 s); `any`: in
// some (the sleep is only a yield, so the daemon may also finish first).
// 002.e (fix, the seed's own repair): main joins both threads. PASS in both modes; the daemon
// always logs "Exiting".
// 002.f (bug): main joins the 0.2 s daemon with a 0.1 s timeout, prints is_alive(), joins the
// non-daemon and ends. DAEMON CUT OFF: `virtual`: always (main ends at 0.1 s, before the daemon's
// "Exiting" at 0.2 s), and is_alive() is True; `any`: some, and is_alive() may be either.
// 002.g (seed): three daemon workers sleep a random 0.1-0.5 s; main joins every thread that
// enumerate() lists, skipping itself. PASS in both modes: a worker enumerate() no longer lists
// has already finished, and every other one is joined, so no daemon is cut off. (The seed's run
// ended in KeyboardInterrupt: in the notebook, enumerate() also listed the kernel's own threads,
// which never end. The model lists only the program's threads.)
#include <cstdio>
#include <string>
#include <vector>

#include "model/model.h"
#include "scenarios/registry.h"

namespace interleave::scenarios {
namespace {

// ---- 002.d, 002.e, 002.f: the same two functions; the daemon sleeps 2 s in
// threading_daemon.py, 0.2 s in the other two.

// daemon(), parameterised by its sleep. Declares the outcome "daemon Exiting": whether the
// daemon got to log "Exiting" before the program ended (main declares it false first).
void daemon(double seconds) {
  log("Starting");
  sleep(seconds);
  log("Exiting");
  outcome("daemon Exiting", true);
}

void non_daemon() {
  log("Starting");
  log("Exiting");
}

// 002.d: start both, no join.
void ThreadingDaemon(const ScenarioParams&) {
  outcome("daemon Exiting", false);
  Thread d([] { daemon(2); }, "daemon", /*daemon=*/true);

  Thread t(non_daemon, "non-daemon");

  d.start();
  t.start();
  // Program exit: wait for t (going out of scope first), then kill d if it still runs.
}

INTERLEAVE_SCENARIO({
    .name = "threading_daemon",
    .id = "002.d",
    .variant = "bug",
    .seed = "002 \"Daemon vs. Non-Daemon Threads\" (threading_daemon.py)",
    .description = "a daemon sleeping 2 s is killed at exit before it logs Exiting",
    .expected = {Verdict::kWarning, {FindingKind::kDaemonCutOff}},
    .body = ThreadingDaemon,
});

// 002.e: the same (with the 0.2 s daemon), joining both.
void ThreadingDaemonJoin(const ScenarioParams&) {
  bool exited = false;  // Bookkeeping for the check, set in the daemon's last step.
  outcome("daemon Exiting", false);
  Thread d(
      [&exited] {
        daemon(0.2);
        exited = true;
      },
      "daemon", /*daemon=*/true);

  Thread t(non_daemon, "non-daemon");

  d.start();
  t.start();

  d.join();
  t.join();
  expect(exited, "the daemon logged Exiting before the program ended");
}

INTERLEAVE_SCENARIO({
    .name = "threading_daemon_join",
    .id = "002.e",
    .variant = "fix",
    .seed = "002 \"Daemon vs. Non-Daemon Threads\" (threading_daemon_join.py)",
    .description = "main joins the daemon, so it always finishes",
    .expected = {Verdict::kPass, {}},
    .body = ThreadingDaemonJoin,
});

// 002.f: join the daemon with a timeout shorter than its sleep.
void ThreadingDaemonJoinTimeout(const ScenarioParams&) {
  outcome("daemon Exiting", false);
  Thread d([] { daemon(0.2); }, "daemon", /*daemon=*/true);

  Thread t(non_daemon, "non-daemon");

  d.start();
  t.start();

  d.join(0.1);
  const bool alive = d.is_alive();
  log(std::string("d.isAlive() ") + (alive ? "True" : "False"));
  outcome("d.is_alive() after join(0.1)", alive);
  t.join();
}

INTERLEAVE_SCENARIO({
    .name = "threading_daemon_join_timeout",
    .id = "002.f",
    .variant = "bug",
    .seed = "002 \"Daemon vs. Non-Daemon Threads\" (threading_daemon_join_timeout.py)",
    .description = "join(0.1) on a 0.2 s daemon returns with it alive; main ends and kills it",
    .expected = {Verdict::kWarning, {FindingKind::kDaemonCutOff}},
    .body = ThreadingDaemonJoinTimeout,
});

// ---- 002.g threading_enumerate.py

std::string Seconds2(double seconds) {  // '%0.2f'
  char text[32];
  std::snprintf(text, sizeof text, "%0.2f", seconds);
  return text;
}

void worker() {
  // """thread worker function"""
  const double pause = choose(1, 5) / 10.0;  // random.randint(1, 5) / 10
  log("sleeping " + Seconds2(pause));
  sleep(pause);
  log("ending");
}

void ThreadingEnumerate(const ScenarioParams& p) {
  // Python keeps the started threads in its table of threads; the model needs the objects to
  // live somewhere: `started` stands for that table, and main finds them there by name.
  std::vector<Thread> started;
  started.reserve(p["workers"]);
  for (int i = 0; i < p["workers"]; ++i) {
    Thread t(worker, "", /*daemon=*/true);
    started.push_back(std::move(t));
    started.back().start();
  }

  const std::string main_thread = main_thread_name();
  std::string joined;
  for (const std::string& t : enumerate_threads()) {
    if (t == main_thread) continue;
    log("joining " + t);
    for (Thread& thread : started) {
      if (thread.name() == t) thread.join();
    }
    joined += (joined.empty() ? "" : " ") + t;
  }
  outcome("joined", joined);
  // What the pattern is for: no daemon is left running when main ends.
  expect(active_count() == 1, "every worker has ended when main ends");
  // Program exit (nothing is left to cut off here), done explicitly rather than by ~Thread
  // inside ~vector: an exception cannot leave std::vector's noexcept destructor.
  for (Thread& t : started) t.wait_at_exit();
}

INTERLEAVE_SCENARIO({
    .name = "threading_enumerate",
    .id = "002.g",
    .variant = "seed",
    .seed = "002 \"Enumerating All Threads\" (threading_enumerate.py)",
    .description = "daemon workers with random sleeps, joined through enumerate()",
    .params = {{"workers", 3, "daemon worker threads (seed: 3)", 1, 60}},
    .expected = {Verdict::kPass, {}},
    .body = ThreadingEnumerate,
});

}  // namespace
}  // namespace interleave::scenarios
