// Golden-file tests of the text report (STYLE.md, principle 13), one for the core defect of each
// family of SCENARIOS.md (and the lost update's fix): each scenario is explored exhaustively with
// DporStrategy (the CLI's default; dfs's every-interleaving search does not end in test time once
// a scenario runs on a ThreadPoolExecutor), its counterexample minimized as `interleave run` does
// (checker/minimize.h), rendered as `run` prints it (the table focused on the finding; one file
// also pins `run --full`) without the search time (the one varying part), and compared byte for
// byte with tests/testdata/<scenario>.golden. The goldens pin the minimal counterexamples: the
// lost update of 000.e in 4 steps of 2 threads with 1 preemption, and so on.
//
// Fixtures registered in this test binary only stand for what the catalogue lacks: a data race
// alone (its races come with a lost update, the more specific finding), a lock misuse, and the
// weak-memory shapes (relaxed store buffering and message passing, a CAS spinlock deadlock).
// To regenerate the golden files after an intended change of the report, set UPDATE_GOLDEN to
// the testdata directory; the test then writes the actual reports there instead of comparing
// (and reports each test as skipped):
//
//   UPDATE_GOLDEN=$PWD/tests/testdata bazel run //tests:golden_report_test
//
// (`bazel run` passes the shell's environment on and does not sandbox the test.) Review the
// change with `git diff tests/testdata` before committing.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <map>
#include <ostream>
#include <sstream>
#include <string>

#include "checker/dpor.h"
#include "checker/explorer.h"
#include "checker/minimize.h"
#include "model/model.h"
#include "model/testing/weak_programs.h"
#include "reports/text_report.h"
#include "scenarios/registry.h"

namespace interleave {
namespace {

// Main reads `data` while the thread it started writes it, before joining: the two accesses are
// unordered (DATA RACE) and nothing checks the value, so no other finding explains them. (The
// bodies are functions of their own: inside the registration macro every line would be its.)
void UnjoinedRead(const ScenarioParams&) {
  Shared<int> data("data", 0);
  Thread writer([&data] { data.write(42); }, "writer");
  writer.start();
  const int seen = data.read();
  writer.join();
  outcome("seen", seen);
}

// Worker B unlocks the Mutex it forgot to lock: unheld, or held by A (LOCK MISUSE either way).
void UnlockWithoutLock(const ScenarioParams&) {
  Mutex mutex("mutex");
  Thread a(
      [&mutex] {
        mutex.lock();
        log("A: in the critical section");
        mutex.unlock();
      },
      "A");
  Thread b(
      [&mutex] {
        log("B: in the critical section (forgot to lock)");
        mutex.unlock();
      },
      "B");
  a.start();
  b.start();
  a.join();
  b.join();
}

INTERLEAVE_SCENARIO({
    .name = "golden_data_race",
    .id = "golden.a",
    .variant = "bug",
    .seed = "(golden-file fixture, not in the seeds)",
    .description = "main reads data while the thread it started writes it",
    .params = {},
    .expected = {Verdict::kBug, {FindingKind::kDataRace}},
    .body = UnjoinedRead,
});

INTERLEAVE_SCENARIO({
    .name = "golden_lock_misuse",
    .id = "golden.b",
    .variant = "bug",
    .seed = "(golden-file fixture, not in the seeds)",
    .description = "a worker unlocks a Mutex it never locked",
    .params = {},
    .expected = {Verdict::kBug, {FindingKind::kLockMisuse}},
    .body = UnlockWithoutLock,
});

// The weak-memory shapes (model/testing/weak_programs.h), under rc11: the report says which
// store each atomic load read, why a stale read was allowed and what would forbid it; the
// spinlock deadlock names the spinning threads.
INTERLEAVE_SCENARIO({
    .name = "golden_store_buffering_relaxed",
    .id = "golden.c",
    .variant = "bug",
    .seed = "(golden-file fixture, not in the seeds)",
    .description = "store buffering with relaxed atomics: both loads read 0",
    .params = {},
    .expected = {Verdict::kBug, {FindingKind::kInvariant}},
    .body = [](const ScenarioParams&) { testing::StoreBufferingRelaxed(); },
});

INTERLEAVE_SCENARIO({
    .name = "golden_message_passing_relaxed",
    .id = "golden.d",
    .variant = "bug",
    .seed = "(golden-file fixture, not in the seeds)",
    .description = "message passing with a relaxed flag: the flag is seen, the data is not",
    .params = {},
    .expected = {Verdict::kBug, {FindingKind::kInvariant}},
    .body = [](const ScenarioParams&) { testing::MessagePassingRelaxed(); },
});

INTERLEAVE_SCENARIO({
    .name = "golden_cas_spinlock_deadlock",
    .id = "golden.e",
    .variant = "bug",
    .seed = "(golden-file fixture, not in the seeds)",
    .description = "two CAS spinlocks taken in opposite orders",
    .params = {},
    .expected = {Verdict::kBug, {FindingKind::kDeadlock}},
    .body = [](const ScenarioParams&) { testing::CasSpinlockDeadlock(); },
});

// Under `bazel test` the working directory is the runfiles root of the workspace, where the
// test's `data` sit at their workspace paths.
constexpr char kTestdata[] = "tests/testdata/";

struct Golden {
  std::string scenario;
  bool full = false;               // `run --full`: every step.
  TimeMode time = TimeMode::kAny;  // `run --time=virtual` when kVirtual.

  std::string Name() const {
    return scenario + (time == TimeMode::kVirtual ? "_virtual" : "") + (full ? "_full" : "");
  }
  std::string File() const { return Name() + ".golden"; }
};

void PrintTo(const Golden& golden, std::ostream* out) { *out << golden.File(); }

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string Render(const Golden& golden) {
  const Scenario* scenario = FindScenario(golden.scenario);
  if (scenario == nullptr) return "no scenario " + golden.scenario;
  DporStrategy dpor;
  const std::function<void()> body = scenario->Bind();
  const ExploreOptions options{.time = golden.time};
  Result result = Explore(golden.scenario, body, dpor, options);
  MinimizeCounterexample(body, options, result);
  result.parameters = scenario->Params().values();
  return RenderText(
      result, {.command = "interleave", .show_time = false, .color = false, .full = golden.full});
}

// Each report once for both tests (the searches take most of the test's time).
const std::string& RenderScenario(const Golden& golden) {
  static auto* rendered = new std::map<std::string, std::string>;
  const auto it = rendered->find(golden.File());
  if (it != rendered->end()) return it->second;
  return rendered->emplace(golden.File(), Render(golden)).first->second;
}

class GoldenReportTest : public ::testing::TestWithParam<Golden> {};

TEST_P(GoldenReportTest, MatchesGoldenFile) {
  const Golden& golden = GetParam();
  const std::string actual = RenderScenario(golden);
  const std::string file = golden.File();

  if (const char* update = std::getenv("UPDATE_GOLDEN"); update != nullptr && *update) {
    const std::string path = std::string(update) + "/" + file;
    std::ofstream out(path, std::ios::binary);
    out << actual;
    ASSERT_TRUE(out.good()) << "cannot write " << path;
    GTEST_SKIP() << "wrote " << path;
  }

  const std::string golden_path = std::string(kTestdata) + file;
  std::ifstream probe(golden_path);
  ASSERT_TRUE(probe.good()) << "missing golden file " << golden_path
                            << " (run with UPDATE_GOLDEN; see the comment at the top)";
  EXPECT_EQ(actual, ReadFile(golden_path))
      << "The report of " << golden.scenario << " differs from " << golden_path
      << "; if the change is intended, regenerate it with UPDATE_GOLDEN.";
}

// The golden files must not depend on where the workspace is checked out.
TEST_P(GoldenReportTest, HasNoAbsolutePaths) {
  const std::string actual = RenderScenario(GetParam());
  EXPECT_THAT(actual, ::testing::Not(::testing::ContainsRegex("/[A-Za-z0-9_]+\\.cc")));
}

INSTANTIATE_TEST_SUITE_P(
    Scenarios, GoldenReportTest,
    ::testing::Values(Golden{"lost_update"},                             // 000.e LOST UPDATE
                      Golden{"lost_update", /*full=*/true},              // 000.e, run --full
                      Golden{"lost_update_locked"},                      // 000.f PASS
                      Golden{"queue_many_consumers_one_zero"},           // 001.p DEADLOCK
                      Golden{"pipeline_swapped_args"},                   // 000.g DEADLOCK
                      Golden{"s004_website_checker"},                    // 004.a HANG AT EXIT
                      Golden{"s004_sync_threads"},                       // 004.t LOST WAKEUP
                      Golden{"queue_event"},                             // 000.h DEADLOCK
                      Golden{"queue_event", false, TimeMode::kVirtual},  // 000.h, virtual
                      Golden{"queue_event_timeout_naive"},               // 000.h LOST MESSAGE
                      Golden{"executor_swallowed_exception"},  // 003.n SWALLOWED EXCEPTION
                      Golden{"threaded_counting_unjoined"},    // 001.e UNJOINED THREAD
                      Golden{"threading_daemon"},              // 002.d DAEMON CUT OFF
                      Golden{"daemon_thread", true, TimeMode::kVirtual},  // 000.b, virtual
                      Golden{"golden_data_race"},                         // DATA RACE (fixture)
                      Golden{"golden_lock_misuse"},                       // LOCK MISUSE (fixture)
                      Golden{"golden_store_buffering_relaxed"},           // SB, relaxed (RC11)
                      Golden{"golden_message_passing_relaxed"},           // MP, relaxed (RC11)
                      Golden{"golden_cas_spinlock_deadlock"}),            // spinning DEADLOCK
    [](const ::testing::TestParamInfo<Golden>& info) { return info.param.Name(); });

}  // namespace
}  // namespace interleave
