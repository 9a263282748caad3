// DaemonCutOffDetector: a daemon killed at program exit while it still had work to do; not a
// joined daemon, an idle one, or a terminated process.
#include "checker/detectors/daemon_cut_off.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <functional>

#include "checker/dfs.h"
#include "checker/explorer.h"
#include "model/model.h"
#include "model/testing/choosers.h"

namespace interleave {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

Result Dfs(const std::function<void()>& body, TimeMode time = TimeMode::kAny) {
  DfsStrategy dfs;
  return Explore("daemon", body, dfs, {.max_steps = 1'000, .time = time, .stall_seconds = 0});
}

int start_line = 0;

// Seed 002's threading_daemon.py: the daemon logs, sleeps, then logs; main logs and ends.
std::function<void()> Daemon(bool join) {
  return [join] {
    Thread d(
        [] {
          start_line = __LINE__ + 1;
          log("daemon Starting");
          sleep(0.2);
          log("daemon Exiting");
        },
        "daemon", /*daemon=*/true);
    d.start();
    if (join) d.join();
    log("main done");
  };
}

TEST(DaemonCutOffDetectorTest, NamesTheDaemonWhereItStoodAndMainsExit) {
  const Result result = Dfs(Daemon(false), TimeMode::kVirtual);
  EXPECT_EQ(result.verdict, Verdict::kWarning);
  // On the virtual clock main ends at 0 s and the daemon sleeps to 0.2 s: always cut off.
  EXPECT_EQ(result.finding_counts.at(FindingKind::kDaemonCutOff), result.stats.executions);
  ASSERT_EQ(result.findings.size(), 1u);
  const Finding& f = result.findings[0];
  EXPECT_EQ(f.kind, FindingKind::kDaemonCutOff);
  // The simplest counterexample shows the daemon starting, as CPython's start() does (it
  // waits until the new thread has started; model/thread.cc hands it the CPU in virtual
  // time), then cut off in its sleep. Steps: 1 start daemon, 2 the daemon logs "daemon
  // Starting" (then sleeps to 0.2 s), 3 main logs "main done", 4 main waits at exit (for the
  // non-daemon threads: none), 5 kill.
  EXPECT_EQ(result.counterexample->Preemptions(), 0);
  EXPECT_EQ(f.summary,
            "daemon daemon was killed at program exit before it finished (in sleep at "
            "daemon_cut_off_test.cc:" +
                std::to_string(start_line + 1) + ")");
  EXPECT_EQ(f.details[0],
            "MainThread's body returned after step 3; the program waited for its non-daemon "
            "threads, then killed the daemons where they stood.");
  EXPECT_THAT(f.details[1], HasSubstr("daemon was in its sleep at"));
  EXPECT_THAT(f.details[1], HasSubstr("killed at step 5"));
  EXPECT_THAT(f.threads, ElementsAre(1));
  ASSERT_EQ(f.lines.size(), 1u);
  EXPECT_EQ(f.lines[0].line, start_line + 1);
  ASSERT_EQ(f.marks.size(), 3u);
  EXPECT_EQ(f.marks[0].step, 2);
  EXPECT_EQ(f.marks[0].label, "daemon's last step before it was cut off");
  EXPECT_EQ(f.marks[1].step, 3);
  EXPECT_EQ(f.marks[1].label, "main ends");
  EXPECT_EQ(f.marks[2].step, 5);
  EXPECT_EQ(f.marks[2].label, "daemon daemon CUT OFF in sleep");
  EXPECT_EQ(f.certain_at_step, 5);
}

TEST(DaemonCutOffDetectorTest, NamesTheSleepWhenTheDaemonGotThatFar) {
  // The daemon logs first, then main ends while it sleeps (virtual clock): steps 1 start,
  // 2 daemon logs, 3 main logs, 4 exit-wait, 5 kill.
  testing::Scripted chooser({0, 1, 0, 0, 0});
  const Trace trace = Execution::Run(Daemon(false), chooser, {.time = TimeMode::kVirtual});
  std::vector<Finding> findings;
  DaemonCutOffDetector().Inspect(trace, findings);
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].summary,
            "daemon daemon was killed at program exit before it finished (in sleep at "
            "daemon_cut_off_test.cc:" +
                std::to_string(start_line + 1) + ")");
  EXPECT_EQ(findings[0].certain_at_step, 5);
}

TEST(DaemonCutOffDetectorTest, InTimeModeAnySomeInterleavingsLetTheDaemonFinish) {
  const Result result = Dfs(Daemon(false));
  EXPECT_EQ(result.verdict, Verdict::kWarning);
  EXPECT_GT(result.finding_counts.at(FindingKind::kDaemonCutOff), 0);
  EXPECT_LT(result.finding_counts.at(FindingKind::kDaemonCutOff), result.stats.executions);
}

TEST(DaemonCutOffDetectorTest, SilentWhenTheDaemonIsJoined) {
  EXPECT_EQ(Dfs(Daemon(true)).verdict, Verdict::kPass);
  EXPECT_EQ(Dfs(Daemon(true), TimeMode::kVirtual).verdict, Verdict::kPass);
}

TEST(DaemonCutOffDetectorTest, SilentForATerminatedProcess) {
  // terminate() kills deliberately: not a daemon cut off at exit.
  const Result result = Dfs([] {
    Process p([] { sleep(1); }, "worker");
    p.start();
    p.terminate();
    p.join();
  });
  EXPECT_EQ(result.verdict, Verdict::kPass);
}

}  // namespace
}  // namespace interleave
