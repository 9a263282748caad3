// Tests of the text report: on real results (seed 000's lost update, on two threads, explored
// with DfsStrategy) for the layers and the replay round trip, and on hand-built results for the
// verdicts and endings the scenarios do not reach (deadlock, ERROR, INCOMPLETE).
#include "reports/text_report.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <functional>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "checker/dfs.h"
#include "checker/dpor.h"
#include "checker/explorer.h"
#include "checker/replay.h"
#include "model/testing/programs.h"
#include "model/testing/weak_programs.h"
#include "reports/replay_token.h"

namespace interleave {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::StartsWith;

const TextReportOptions kPlain = {.show_time = false};
const TextReportOptions kFull = {.show_time = false, .full = true};

// The lost_update scenarios as they were on two plain threads (model/testing/programs.h), under
// the scenarios' names: the scenarios now run on a ThreadPoolExecutor, whose steps make dfs's
// search too long for these tests.
Result ExploreProgram(const std::string& name, const std::function<void()>& body) {
  DfsStrategy dfs;
  return Explore(name, body, dfs);
}

// Each program explored once for all the tests: dfs takes about a second on the locked one.
const Result& LostUpdate() {
  static const Result* result =
      new Result(ExploreProgram("lost_update", testing::LostUpdateOnThreads));
  return *result;
}

const Result& LostUpdateLocked() {
  static const Result* result =
      new Result(ExploreProgram("lost_update_locked", testing::LostUpdateOnThreadsLocked));
  return *result;
}

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

std::string Trim(const std::string& text) {
  const auto first = text.find_first_not_of(' ');
  if (first == std::string::npos) return "";
  return text.substr(first, text.find_last_not_of(' ') - first + 1);
}

// The cells of a table line, split at '|' and trimmed; the first is the step column. The
// notes at the right of the row ("<- ...", "(... preempted)") are left out.
std::vector<std::string> Cells(const std::string& line) {
  std::vector<std::string> cells;
  size_t start = 0;
  for (size_t bar = line.find('|'); bar != std::string::npos; bar = line.find('|', start)) {
    cells.push_back(Trim(line.substr(start, bar - start)));
    start = bar + 1;
  }
  const std::regex notes("  +(<- |\\().*$");
  cells.push_back(Trim(std::regex_replace(line.substr(start), notes, "")));
  return cells;
}

// The table line of `step` (its first line, where the step number and the notes are).
std::string RowOf(const std::string& report, int step) {
  const std::regex row("^ +" + std::to_string(step) + " \\|.*");
  for (const std::string& line : Lines(report)) {
    if (std::regex_match(line, row)) return line;
  }
  return "";
}

std::string StripAnsi(const std::string& text) {
  return std::regex_replace(text, std::regex("\x1b\\[[0-9;]*m"), "");
}

// ---- Real results --------------------------------------------------------------

TEST(TextReportTest, BugHeadlineNamesVerdictScenarioAndFinding) {
  const Result& result = LostUpdate();
  ASSERT_EQ(result.verdict, Verdict::kBug);
  const std::string report = RenderText(result, kPlain);
  EXPECT_THAT(
      report,
      StartsWith("BUG  lost_update: LOST UPDATE: " + result.findings.front().summary + "\n"));
}

TEST(TextReportTest, FullTableHasOneColumnHeaderPerThread) {
  const std::string report = RenderText(LostUpdate(), kFull);
  const std::vector<std::string> lines = Lines(report);
  const auto header = std::find_if(lines.begin(), lines.end(), [](const std::string& line) {
    return line.starts_with(" step |");
  });
  ASSERT_NE(header, lines.end()) << report;
  EXPECT_THAT(Cells(*header), ElementsAre("step", "MainThread", "Thread 0", "Thread 1"));
}

TEST(TextReportTest, FullTableHasEveryStepInItsThreadsColumn) {
  const Result& result = LostUpdate();
  const Trace& trace = *result.counterexample;
  const std::string report = RenderText(result, kFull);
  EXPECT_THAT(report, Not(HasSubstr("not shown")));
  EXPECT_THAT(report, HasSubstr("(" + std::to_string(trace.events.size()) + " steps, " +
                                std::to_string(trace.Preemptions()) + " preemption"));
  for (const TraceEvent& event : trace.events) {
    const std::vector<std::string> cells = Cells(RowOf(report, event.step));
    ASSERT_GT(cells.size(), trace.threads.size()) << "no row for step " << event.step;
    for (size_t t = 0; t < trace.threads.size(); ++t) {
      const std::string& cell = cells[t + 1];
      if (static_cast<ThreadId>(t) != event.thread) {
        EXPECT_EQ(cell, "") << "step " << event.step;
      } else {
        const std::string text = trace.Describe(event) + "  :" + std::to_string(event.where.line);
        // A cell wider than its column wraps: its first line is a prefix of the text.
        EXPECT_THAT(text, StartsWith(cell)) << "step " << event.step;
        if (text.size() <= 40) {
          EXPECT_EQ(cell, text);
        }
      }
    }
  }
}

// The table rows (after the header's separator, up to the first blank line).
std::vector<std::string> TableRows(const std::string& report) {
  std::vector<std::string> rows;
  bool in_table = false;
  for (const std::string& line : Lines(report)) {
    if (line.starts_with("------+")) {
      in_table = true;
    } else if (in_table && line.empty()) {
      break;
    } else if (in_table) {
      rows.push_back(line);
    }
  }
  return rows;
}

TEST(TextReportTest, FocusShowsTheLostUpdateInFourStepsOfTwoThreads) {
  const Result& result = LostUpdate();
  const Trace& trace = *result.counterexample;
  ASSERT_EQ(trace.Preemptions(), 1);
  const std::string report = RenderText(result, kPlain);
  EXPECT_THAT(report, HasSubstr("The interleaving, focused on the LOST UPDATE (4 of " +
                                std::to_string(trace.events.size()) +
                                " steps, 2 of 3 threads, 1 preemption):"));
  const std::vector<std::string> lines = Lines(report);
  const auto header = std::find_if(lines.begin(), lines.end(), [](const std::string& line) {
    return line.starts_with(" step |");
  });
  ASSERT_NE(header, lines.end()) << report;
  EXPECT_THAT(Cells(*header), ElementsAre("step", "Thread 0", "Thread 1"));

  // The two reads and the two writes of value, in their order, and nothing else.
  std::vector<std::string> operations;
  for (const std::string& row : TableRows(report)) {
    const std::vector<std::string> cells = Cells(row);
    ASSERT_EQ(cells.size(), 3u) << row;
    operations.push_back(cells[1].empty() ? "1: " + cells[2] : "0: " + cells[1]);
  }
  EXPECT_THAT(operations,
              ElementsAre(StartsWith("0: read value = 0"), StartsWith("1: read value = 0"),
                          StartsWith("1: write value := 1"), StartsWith("0: write value := 1")));
  // The preemption happened at a step not shown: the next row shown says so, with its step.
  int preempted_at = 0;
  for (const Decision& decision : trace.decisions) {
    if (decision.IsPreemption()) preempted_at = decision.step;
  }
  EXPECT_THAT(report,
              HasSubstr("(Thread 0 preempted at step " + std::to_string(preempted_at) + ")"));
  EXPECT_THAT(report, HasSubstr("  " + std::to_string(trace.events.size() - 4) +
                                " other steps not shown ("));
  EXPECT_THAT(report, HasSubstr("); --full shows every step.\n"));
}

TEST(TextReportTest, MarksAppearOnTheirStepsRows) {
  const Result& result = LostUpdate();
  const std::string report = RenderText(result, kPlain);
  const Finding& lost = result.findings.front();
  ASSERT_EQ(lost.kind, FindingKind::kLostUpdate);
  ASSERT_EQ(lost.marks.size(), 3u);
  for (const StepMark& mark : lost.marks) {
    EXPECT_THAT(RowOf(report, mark.step), HasSubstr("<- " + mark.label)) << report;
  }
  // Exactly the marked rows carry a mark.
  int marked_rows = 0;
  for (const std::string& line : Lines(report))
    marked_rows += line.find("<- ") != std::string::npos;
  EXPECT_EQ(marked_rows, 3);
}

TEST(TextReportTest, ExplainsEveryFindingAndCountsOutcomes) {
  const Result& result = LostUpdate();
  const std::string report = RenderText(result, kPlain);
  for (const Finding& finding : result.findings) {
    for (const std::string& detail : finding.details) {
      EXPECT_THAT(report, HasSubstr("  - " + detail + "\n"));
    }
  }
  const std::string total = std::to_string(result.stats.executions);
  for (const auto& [outcome, count] : result.outcomes) {
    EXPECT_THAT(report, HasSubstr(outcome + "  in " + std::to_string(count) + " of " + total +
                                  " interleavings"));
  }
  EXPECT_THAT(report, HasSubstr("Found: LOST UPDATE in "));
  EXPECT_THAT(report, HasSubstr("Coverage: exhaustive: every interleaving explored (" + total +
                                " executions, strategy dfs)."));
}

// A dpor search spread over OS threads says so; one on a single thread says nothing of it.
TEST(TextReportTest, CoverageNamesTheOsThreadsOfASpreadSearch) {
  Result result;
  result.strategy = "dpor";
  result.stats.executions = 90;
  result.stats.search_ended = true;
  result.stats.exhaustive = true;
  EXPECT_EQ(CoverageStatement(result),
            "exhaustive: every class of equivalent interleavings explored, one execution each "
            "(90 executions, strategy dpor)");
  result.settings["jobs"] = "2";
  result.stats.pruned = 3;
  EXPECT_EQ(CoverageStatement(result),
            "exhaustive: every class of equivalent interleavings explored, one execution each "
            "(90 executions, strategy dpor on 2 OS threads; 3 redundant executions pruned)");
}

TEST(TextReportTest, ReplayTokenDecodesAndReproducesTheLostUpdate) {
  const Result& result = LostUpdate();
  const std::string report = RenderText(result, kPlain);
  std::smatch match;
  ASSERT_TRUE(std::regex_search(report, match,
                                std::regex("Replay: interleave run lost_update --replay=(\\S+)")))
      << report;

  std::string error;
  const auto schedule = DecodeReplayToken(match[1].str(), &error);
  ASSERT_TRUE(schedule.has_value()) << error;
  EXPECT_EQ(*schedule, result.counterexample->Schedule());

  ReplayStrategy replay(*schedule);
  const Result replayed = Explore("lost_update", testing::LostUpdateOnThreads, replay);
  ASSERT_EQ(replayed.verdict, Verdict::kBug) << replayed.error;
  EXPECT_TRUE(replayed.HasFinding(FindingKind::kLostUpdate));
  EXPECT_EQ(replayed.findings.front().summary, result.findings.front().summary);

  const std::string replay_report = RenderText(replayed, kPlain);
  EXPECT_THAT(replay_report, HasSubstr("Coverage: replay of one recorded schedule."));
  EXPECT_THAT(replay_report, HasSubstr("--replay=" + match[1].str()));
}

TEST(TextReportTest, ReplayCommandUsesTheGivenCommand) {
  TextReportOptions options = kPlain;
  options.command = "./interleave";
  EXPECT_THAT(RenderText(LostUpdate(), options), HasSubstr("Replay: ./interleave run lost_update"));
}

TEST(TextReportTest, PassHasHeadlineCountsAndCoverageButNoTable) {
  const Result& result = LostUpdateLocked();
  ASSERT_EQ(result.verdict, Verdict::kPass);
  const std::string report = RenderText(result, kPlain);
  EXPECT_THAT(report, StartsWith("PASS  lost_update_locked: no finding in "));
  EXPECT_THAT(Lines(report).front(), HasSubstr(" interleavings (exhaustive)"));
  EXPECT_THAT(report, HasSubstr("value=2  in "));
  EXPECT_THAT(report, HasSubstr("Coverage: exhaustive: every interleaving explored"));
  EXPECT_THAT(report, Not(HasSubstr(" step |")));
  EXPECT_THAT(report, Not(HasSubstr("Replay:")));
}

TEST(TextReportTest, NoAnsiEscapesUnlessColor) {
  for (const Result* result : {&LostUpdate(), &LostUpdateLocked()}) {
    const std::string plain = RenderText(*result, kPlain);
    EXPECT_EQ(plain.find('\x1b'), std::string::npos);

    TextReportOptions color = kPlain;
    color.color = true;
    const std::string colored = RenderText(*result, color);
    EXPECT_NE(colored.find('\x1b'), std::string::npos);
    // Colour changes nothing else: the layout is computed before painting.
    EXPECT_EQ(StripAnsi(colored), plain);
  }
}

TEST(TextReportTest, ColorPaintsTheVerdictAndTheMarkedCells) {
  TextReportOptions color = kPlain;
  color.color = true;
  const std::string report = RenderText(LostUpdate(), color);
  EXPECT_THAT(report, StartsWith("\x1b[1;31mBUG\x1b[0m  lost_update:"));
  const int lost_step = LostUpdate().findings.front().marks[1].step;
  EXPECT_THAT(RowOf(StripAnsi(report), lost_step), HasSubstr("<- LOST"));
  // The lost write's row has a red cell.
  const std::string needle = "\x1b[1;31mwrite value := 1";
  EXPECT_THAT(report, HasSubstr(needle));
}

TEST(TextReportTest, ShowTimeAddsSecondsAndRate) {
  Result result = LostUpdateLocked();
  result.stats.executions = 1000;
  result.stats.seconds = 2.0;
  EXPECT_THAT(RenderText(result, {.show_time = true}), HasSubstr("(2.00 s, 500 executions/s)"));
  EXPECT_THAT(RenderText(result, kPlain), Not(HasSubstr("executions/s")));
}

// ---- Hand-built results --------------------------------------------------------

constexpr char kFile[] = "scenarios/deadlock.cc";

// Two workers that take locks a and b in opposite orders and block each other.
Trace DeadlockTrace() {
  Trace trace;
  trace.objects = {{ObjectKind::kThread, "MainThread", 0},
                   {ObjectKind::kThread, "worker A", 1},
                   {ObjectKind::kThread, "worker B", 2},
                   {ObjectKind::kLock, "a", 1},
                   {ObjectKind::kLock, "b", 2}};
  trace.threads = {
      {"MainThread", 0, false, OpKind::kJoin, 1, {kFile, 30}, true},
      {"worker A", 1, false, OpKind::kAcquire, 4, {kFile, 12}, true},
      {"worker B", 2, false, OpKind::kAcquire, 3, {kFile, 20}, true},
  };
  trace.events = {
      {1, 0, 1, OpKind::kStart, "", {kFile, 28}},
      {2, 0, 2, OpKind::kStart, "", {kFile, 29}},
      {3, 1, 3, OpKind::kAcquire, "", {kFile, 11}},
      {4, 2, 4, OpKind::kAcquire, "", {kFile, 19}},
  };
  // Main runs on to its join, which blocks; then worker A is preempted by worker B.
  trace.decisions = {
      {1, 1, 0, 0, true}, {2, 1, 0, 0, true}, {3, 2, 1, 0, false}, {4, 2, 2, 1, true}};
  trace.end = EndReason::kDeadlock;
  return trace;
}

Result DeadlockResult() {
  Result result;
  result.scenario = "crossed_locks";
  result.strategy = "dfs";
  result.verdict = Verdict::kBug;
  Finding finding;
  finding.kind = FindingKind::kDeadlock;
  finding.summary = "no thread can run: 3 of 3 threads blocked forever in a cycle";
  finding.details = {"worker A waits to acquire b at deadlock.cc:12, held by worker B.",
                     "worker B waits to acquire a at deadlock.cc:20, held by worker A.",
                     "Cycle: worker A -> worker B -> worker A."};
  finding.threads = {0, 1, 2};
  finding.marks = {{4, "last step before every thread blocked"}};
  result.findings = {finding};
  result.counterexample = DeadlockTrace();
  result.stats = {
      .executions = 6, .executions_with_findings = 2, .search_ended = true, .exhaustive = true};
  result.outcomes = {{"(deadlock before the outcome)", 2}, {"(no outcome declared)", 4}};
  result.finding_counts = {{FindingKind::kDeadlock, 2}};
  return result;
}

TEST(TextReportTest, DeadlockShowsWhereEachThreadIsBlocked) {
  const std::string report = RenderText(DeadlockResult(), kPlain);
  EXPECT_THAT(report, StartsWith("BUG  crossed_locks: DEADLOCK: no thread can run"));
  EXPECT_THAT(report, HasSubstr("(4 steps, 1 preemption)"));
  EXPECT_THAT(RowOf(report, 4), HasSubstr("<- last step before every thread blocked"));
  EXPECT_THAT(RowOf(report, 4), HasSubstr("(worker A preempted)"));

  const std::vector<std::string> lines = Lines(report);
  const auto end = std::find_if(lines.begin(), lines.end(), [](const std::string& line) {
    return line.starts_with("  end |");
  });
  ASSERT_NE(end, lines.end()) << report;
  EXPECT_THAT(Cells(*end), ElementsAre("end", "blocked: join worker A  :30",
                                       "blocked: acquire b  :12", "blocked: acquire a  :20"));
  EXPECT_THAT(*end, HasSubstr("<- no thread can run"));
  EXPECT_THAT(report, HasSubstr("  - Cycle: worker A -> worker B -> worker A.\n"));
  EXPECT_THAT(report, HasSubstr(":N is line N of deadlock.cc."));
  // The token: the schedule, the finding (certain at step 0 in this hand-built one), the steps.
  EXPECT_THAT(report, HasSubstr("Replay: interleave run crossed_locks --replay=v2:12-DL0-"));
}

// The same deadlock after three logs by main, the finding naming the two locks: the focus
// shows the acquisitions and each thread's last step, then where each thread is blocked.
TEST(TextReportTest, DeadlockFocusShowsTheAcquisitionsAndWhereEachThreadIsBlocked) {
  Result result = DeadlockResult();
  Trace& trace = *result.counterexample;
  std::vector<TraceEvent> events;
  for (int i = 1; i <= 3; ++i) {
    events.push_back({i, 0, kNoObject, OpKind::kLog, "\"setting up\"", {kFile, 20 + i}});
  }
  for (TraceEvent event : trace.events) {
    event.step += 3;
    events.push_back(event);
  }
  trace.events = events;
  for (Decision& decision : trace.decisions) decision.step += 3;
  result.findings.front().objects = {3, 4};
  result.findings.front().marks = {{7, "last step before every thread blocked"}};

  const std::string report = RenderText(result, kPlain);
  EXPECT_THAT(report, HasSubstr("focused on the DEADLOCK (3 of 7 steps, 3 of 3 threads, 1 "
                                "preemption)"));
  const std::vector<std::string> rows = TableRows(report);
  ASSERT_EQ(rows.size(), 4u) << report;
  EXPECT_THAT(Cells(rows[0]), ElementsAre("5", "start worker B  :29", "", ""));
  EXPECT_THAT(Cells(rows[1]), ElementsAre("6", "", "acquire a  :11", ""));
  EXPECT_THAT(Cells(rows[2]), ElementsAre("7", "", "", "acquire b  :19"));
  EXPECT_THAT(rows[2], HasSubstr("(worker A preempted)"));
  EXPECT_THAT(Cells(rows[3]), ElementsAre("end", "blocked: join worker A  :30",
                                          "blocked: acquire b  :12", "blocked: acquire a  :20"));
  EXPECT_THAT(report, HasSubstr("  4 other steps not shown (3 log, 1 start/join); --full shows "
                                "every step.\n"));
  EXPECT_THAT(RenderText(result, kFull), HasSubstr("The interleaving (7 steps, 1 preemption):"));
}

TEST(TextReportTest, SaysHowTheCounterexampleWasMinimized) {
  Result result = DeadlockResult();
  result.minimization = Minimization{.preemptions_before = 3,
                                     .steps_before = 9,
                                     .preemptions_after = 1,
                                     .steps_after = 4,
                                     .changed = true,
                                     .executions = 12,
                                     .budget = 20000};
  EXPECT_THAT(RenderText(result, kPlain),
              HasSubstr("Counterexample: minimized from 3 preemptions and 9 steps to 1 "
                        "preemption and 4 steps (a bounded search of 12 executions).\n"));
  result.minimization->changed = false;
  result.minimization->budget_hit = true;
  result.minimization->note = "already minimal: nothing simpler";
  EXPECT_THAT(RenderText(result, kPlain),
              HasSubstr("Counterexample: already minimal: nothing simpler (a bounded search of 12 "
                        "executions, stopped at its budget).\n"));
}

TEST(TextReportTest, CellsNameTheFileWhenStepsSpanSeveralFiles) {
  Result result = DeadlockResult();
  result.counterexample->events[2].where = {"model/helper.h", 7};
  const std::string report = RenderText(result, kPlain);
  EXPECT_THAT(RowOf(report, 3), HasSubstr("acquire a  helper.h:7"));
  EXPECT_THAT(RowOf(report, 4), HasSubstr("acquire b  deadlock.cc:19"));
  EXPECT_THAT(report, Not(HasSubstr(":N is line N")));
  EXPECT_THAT(report, Not(HasSubstr("model/")));
}

TEST(TextReportTest, LongOperationsWrapInsideTheirColumnWithNothingLost) {
  Result result = DeadlockResult();
  const std::string message =
      "a rather long message that cannot fit in one column of the table at all";
  result.counterexample->events[2] = {3, 1, kNoObject, OpKind::kLog, message, {kFile, 11}};
  const std::string report = RenderText(result, kPlain);
  std::string column;  // worker A's column, its lines joined by spaces.
  for (const std::string& line : Lines(report)) {
    const std::vector<std::string> cells = Cells(line);
    if (cells.size() == 4 && line.find("---") == std::string::npos && cells[2] != "worker A") {
      if (!cells[2].empty()) column += (column.empty() ? "" : " ") + cells[2];
    }
  }
  EXPECT_THAT(column, HasSubstr("log \"" + message + "\""));
  EXPECT_THAT(column, HasSubstr(":11"));
  for (const std::string& line : Lines(report)) {
    if (line.find(" | ") != std::string::npos) {
      EXPECT_LE(Cells(line)[2].size(), 40u) << line;
    }
  }
  EXPECT_THAT(report, Not(HasSubstr("…")));
}

// An ERROR shows the execution that met it, as far as it ran, and how to run it again.
TEST(TextReportTest, ErrorHasHeadlineTheExecutionUpToItAndReplay) {
  Result result = DeadlockResult();
  result.verdict = Verdict::kError;
  result.error = "uncaught exception in thread 'worker A': boom";
  result.findings.clear();
  result.counterexample->end = EndReason::kError;
  const std::string report = RenderText(result, kPlain);
  EXPECT_THAT(report,
              StartsWith("ERROR  crossed_locks: uncaught exception in thread 'worker A': boom\n"));
  EXPECT_THAT(report, HasSubstr("The execution up to the error ("));
  EXPECT_THAT(report, HasSubstr(" step |"));
  EXPECT_THAT(report, HasSubstr("Replay: interleave run crossed_locks --replay=v2:"));
}

// A stale replay token's ERROR is the replay's own: no table, no replay of the replay.
TEST(TextReportTest, ReplayErrorHasNoTable) {
  Result result = DeadlockResult();
  result.strategy = "replay";
  result.verdict = Verdict::kError;
  result.error = "stale replay token: step 3 differs";
  result.findings.clear();
  const std::string report = RenderText(result, kPlain);
  EXPECT_THAT(report, Not(HasSubstr(" step |")));
  EXPECT_THAT(report, Not(HasSubstr("Replay:")));
}

Result IncompleteResult() {
  Result result;
  result.scenario = "spin";
  result.strategy = "dfs";
  result.verdict = Verdict::kIncomplete;
  result.stats = {.executions = 1000, .bound = Bound::kExecutions};
  result.outcomes = {{"value=2", 1000}};
  return result;
}

TEST(TextReportTest, IncompleteNamesTheBoundThatStoppedTheSearch) {
  Result result = IncompleteResult();
  std::string report = RenderText(result, kPlain);
  EXPECT_THAT(report, StartsWith("INCOMPLETE  spin: no finding in 1,000 interleavings ("));
  EXPECT_THAT(report, HasSubstr("Coverage: incomplete: stopped at the bound of 1,000 executions."));
  EXPECT_THAT(report, Not(HasSubstr(" step |")));

  result.stats.bound = Bound::kTime;
  EXPECT_THAT(RenderText(result, kPlain),
              HasSubstr("Coverage: incomplete: stopped at the time bound"));

  result.stats.bound = Bound::kInterrupted;
  report = RenderText(result, kPlain);
  EXPECT_THAT(report, StartsWith("INCOMPLETE  spin: no finding in 1,000 interleavings "
                                 "(interrupted by a signal)"));
  EXPECT_THAT(report, HasSubstr("Coverage: incomplete: interrupted by a signal, after 1,000 "
                                "executions."));
}

TEST(TextReportTest, StepBoundHitsNameTheirLikelyCause) {
  Result result = IncompleteResult();
  result.stats = {.executions = 40, .step_bound_hits = 3, .search_ended = true, .exhaustive = true};
  const std::string report = RenderText(result, kPlain);
  EXPECT_THAT(report, HasSubstr("3 executions hit the step bound (a spin or polling loop, or a "
                                "livelock?)"));
}

// Under rc11 the executions count execution graphs; the interleavings that reached one again
// are counted apart, in every kind of coverage statement.
TEST(TextReportTest, CoverageCountsInterleavingsThatReachedAGraphAgain) {
  Result result;
  result.strategy = "dpor";
  result.stats = {.executions = 4, .duplicate_graphs = 3, .search_ended = true, .exhaustive = true};
  EXPECT_EQ(CoverageStatement(result),
            "exhaustive: every class of equivalent interleavings explored, one execution each "
            "(4 execution graphs under RC11, strategy dpor; 3 more interleavings reached graphs "
            "already explored)");
  result.strategy = "dfs";
  result.stats.duplicate_graphs = 1;
  EXPECT_EQ(CoverageStatement(result),
            "exhaustive: every interleaving explored (4 execution graphs under RC11, strategy dfs; "
            "1 more interleaving reached a graph already explored)");
  result.stats.exhaustive = false;
  result.stats.bound = Bound::kExecutions;
  EXPECT_EQ(CoverageStatement(result),
            "incomplete: stopped at the bound of 4 execution graphs under RC11; 1 more "
            "interleaving reached a graph already explored");
}

Result SearchWeak(const std::function<void()>& body, MemoryModel model = MemoryModel::kRc11) {
  DporStrategy dpor;
  return Explore("weak", body, dpor, {.memory_model = model});
}

// Relaxed message passing: each atomic load's cell says which store it read; the stale read is
// noted, and a layer explains it and says what would forbid it.
TEST(TextReportTest, WeakReadsSayWhichStoreTheyReadAndWhy) {
  const Result result = SearchWeak(testing::MessagePassingRelaxed);
  ASSERT_EQ(result.verdict, Verdict::kBug);
  const std::string report = RenderText(result, kPlain);
  EXPECT_THAT(report,
              ::testing::ContainsRegex("read flag = 1 \\(relaxed\\) from step [0-9]+ \\(A\\)"));
  EXPECT_THAT(report, HasSubstr("read data = 0 (relaxed) from the initial"));
  EXPECT_THAT(report, HasSubstr("(weak read: not the latest store; see below)"));
  EXPECT_THAT(
      report,
      HasSubstr("\nWeak memory (RC11): which store each weak read read, and why it could:\n"));
  std::string joined = report;  // The layer wraps its lines.
  joined = std::regex_replace(joined, std::regex("\n    "), " ");
  EXPECT_THAT(joined, ::testing::ContainsRegex(
                          "Step [0-9]+ \\(B\\): read data = 0 \\(relaxed\\) from the initial "
                          "value, not from step [0-9]+ \\(A's store data = 1\\): no "
                          "happens-before from step [0-9]+ to this load"));
  EXPECT_THAT(joined, HasSubstr("To forbid it: make step "));
  // The layer comes between the table and the explanation of the finding.
  EXPECT_LT(report.find("Weak memory (RC11)"), report.find("Why:"));
  for (const std::string& line : Lines(report)) {
    if (line.rfind("  - ", 0) == 0 || line.rfind("    ", 0) == 0) {
      if (report.find(line) > report.find("Weak memory") &&
          report.find(line) < report.find("Why:")) {
        EXPECT_LE(line.size(), 120u) << line;
      }
    }
  }
}

// With seq_cst atomics only (or under sc) nothing changes: no reads-from notes, no layer.
TEST(TextReportTest, SeqCstAtomicsKeepThePlainTable) {
  auto body = [] {
    testing::MessagePassingWith(std::memory_order_seq_cst, std::memory_order_seq_cst);
  };
  Result result = SearchWeak(body);
  EXPECT_EQ(result.verdict, Verdict::kPass);
  result = SearchWeak(testing::MessagePassingRelaxed, MemoryModel::kSc);
  EXPECT_EQ(result.verdict, Verdict::kPass);
  EXPECT_THAT(RenderText(result, kPlain), Not(HasSubstr("Weak memory")));
}

// A thread that spins forever on a CAS is shown so in the end row, not as blocked.
TEST(TextReportTest, SpinningThreadsSpinForeverInTheEndRow) {
  const Result result = SearchWeak(testing::CasSpinlockDeadlock);
  ASSERT_TRUE(result.HasFinding(FindingKind::kDeadlock));
  const std::string report = RenderText(result, kPlain);
  EXPECT_THAT(report, HasSubstr("spins forever: update lock_b"));
  EXPECT_THAT(report, HasSubstr("spins forever: update lock_a"));
  EXPECT_THAT(report, HasSubstr("T1 spins forever at "));
  EXPECT_THAT(report, Not(HasSubstr("blocked: update")));
}

}  // namespace
}  // namespace interleave
