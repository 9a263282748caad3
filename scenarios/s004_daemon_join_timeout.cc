// Seed 004, "Daemon vs. Non-Daemon Threads", the join-with-timeout program (004.q);
// SCENARIOS.md, timing and lifetime.
//
// The daemon thread logs 'Starting', sleeps 0.2 s and logs 'Exiting'; the non-daemon thread
// logs both at once. Main starts both, joins the daemon with a 0.1 s timeout, prints
// d.isAlive(), sleeps 0.2 s, prints d.isAlive() again, joins the non-daemon and ends; at exit
// the daemon is cut off if it has not finished.
//
// `virtual` (s004_daemon_join_timeout: PASS): the timed join returns at 0.1 s with the daemon
// still sleeping (is_alive true, as the seed printed), main's sleep ends at 0.3 s, after the
// daemon's 'Exiting' at 0.2 s (is_alive false), so the daemon has always finished at exit.
// `any` (WARNING, DAEMON CUT OFF): sleeps are only yields and the timed join may time out at
// once, so main can reach the end while the daemon has not logged 'Exiting' yet, and the daemon
// is killed; the outcomes show every pair of is_alive() answers.
#include <string>

#include "model/model.h"
#include "scenarios/registry.h"

namespace interleave::scenarios {
namespace {

std::string Bool(bool value) { return value ? "True" : "False"; }

void DaemonJoinTimeout(const ScenarioParams&) {
  auto daemon = [] {
    log("Starting");
    sleep(0.2);
    log("Exiting");
  };

  auto non_daemon = [] {
    log("Starting");
    log("Exiting");
  };

  Thread d(daemon, "daemon", /*daemon=*/true);

  Thread t(non_daemon, "non-daemon");

  d.start();
  t.start();

  d.join(0.1);
  const bool alive_after_join = d.is_alive();
  log("d.isAlive() " + Bool(alive_after_join));
  sleep(0.2);
  const bool alive_after_sleep = d.is_alive();
  log("d.isAlive() " + Bool(alive_after_sleep));
  t.join();

  outcome("d.isAlive() after join(0.1)", alive_after_join);
  outcome("d.isAlive() after sleep(0.2)", alive_after_sleep);
}

INTERLEAVE_SCENARIO({
    .name = "s004_daemon_join_timeout",
    .id = "004.q",
    .variant = "seed",
    .seed = "004 \"Daemon vs. Non-Daemon Threads\" (join with timeout)",
    .description = "d.join(0.1) on a 0.2 s daemon, is_alive(), sleep(0.2), is_alive() again",
    .expected = {Verdict::kWarning, {FindingKind::kDaemonCutOff}},
    .expected_virtual = Expectation{Verdict::kPass, {}},
    .body = DaemonJoinTimeout,
});

}  // namespace
}  // namespace interleave::scenarios
