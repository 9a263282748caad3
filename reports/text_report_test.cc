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

// Whether `line` continues the row above it (its step column is blank).
bool IsContinuation(const std::string& line) {
  return std::regex_match(line, std::regex("^ +\\|.*"));
}

// The lines of the row of `step`: its first and the lines that continue it (wrapped cells,
// notes at the right or under the row).
std::vector<std::string> RowBlock(const std::string& report, int step) {
  const std::regex row("^ +" + std::to_string(step) + " \\|.*");
  std::vector<std::string> block;
  for (const std::string& line : Lines(report)) {
    if (block.empty()) {
      if (std::regex_match(line, row)) block.push_back(line);
    } else if (IsContinuation(line)) {
      block.push_back(line);
    } else {
      break;
    }
  }
  return block;
}

// `text` with every run of spaces, newlines and table bars made one space: what a wrapped
// text reads as, wherever it was cut.
std::string Flat(const std::string& text) {
  return Trim(std::regex_replace(text, std::regex("[ \n|]+"), " "));
}

// The text of the row of `step` and its continuations, flattened (Flat): its cells and notes.
std::string FlatRow(const std::string& report, int step) {
  std::string text;
  for (const std::string& line : RowBlock(report, step)) {
    text += " " + std::regex_replace(line, std::regex("^ *[0-9a-z]* \\|"), "");
  }
  return Flat(text);
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
        EXPECT_THAT(FlatRow(report, event.step), HasSubstr(Flat(text))) << "step " << event.step;
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
    } else if (in_table && !IsContinuation(line)) {
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

// A finding whose evidence is the whole execution (an assertion) still leaves out the plain
// reads and writes that ran inside library code (SourceLine::in_library: libstdc++ moving a
// std::thread's state), and counts them in the line about the steps not shown.
TEST(TextReportTest, WholeExecutionFocusLeavesOutReadsAndWritesInsideLibraryCode) {
  Result result = LostUpdate();
  ASSERT_TRUE(result.counterexample.has_value());
  Trace& trace = *result.counterexample;
  Finding& finding = result.findings.front();
  finding.kind = FindingKind::kAssertionFailed;
  finding.marks.clear();
  int library = 0;
  for (TraceEvent& event : trace.events) {
    if (event.kind == OpKind::kRead || event.kind == OpKind::kWrite) {
      event.where.in_library = true;
      ++library;
    }
  }
  ASSERT_GE(library, 4);
  const std::string report = RenderText(result, kPlain);
  EXPECT_THAT(report, HasSubstr("focused on the ASSERTION FAILED (" +
                                std::to_string(trace.events.size() - library) + " of " +
                                std::to_string(trace.events.size()) + " steps"));
  EXPECT_THAT(report, HasSubstr(std::to_string(library) + " other steps not shown (" +
                                std::to_string(library) + " read/write inside library code)"));
  const std::vector<std::string> lines = Lines(report);
  const auto header = std::find_if(lines.begin(), lines.end(), [](const std::string& line) {
    return line.starts_with(" step |");
  });
  ASSERT_NE(header, lines.end()) << report;
  int rows = 0;
  for (const std::string& row : TableRows(report)) {
    const std::vector<std::string> cells = Cells(row);
    ++rows;
    for (std::size_t c = 1; c < cells.size(); ++c) {
      EXPECT_FALSE(cells[c].starts_with("read ") || cells[c].starts_with("write ")) << row;
    }
  }
  EXPECT_EQ(rows, static_cast<int>(trace.events.size()) - library) << report;
}

// The writes of the temporaries a call builds for a library function's reference parameters
// (`std::thread t(&Db::update, &db, 1)` stores `&db` and `1` on the creating thread's stack,
// and std::thread's constructor, library code, copies them) are left out of the focus too:
// a plain write in the program's code whose every read is by the same thread, at the same line,
// inside library code. A write read at another line, by another thread, or by the program's
// own code, and a write nobody reads, stay; --full shows them all.
TEST(TextReportTest, WholeExecutionFocusLeavesOutWritesOnlyLibraryCodeReadsAtTheirLine) {
  Result result = LostUpdate();
  ASSERT_TRUE(result.counterexample.has_value());
  Trace& trace = *result.counterexample;
  Finding& finding = result.findings.front();
  finding.kind = FindingKind::kAssertionFailed;
  finding.marks.clear();
  const auto object = [&](const std::string& name) {
    trace.objects.push_back({.kind = ObjectKind::kShared, .name = name});
    return static_cast<ObjectId>(trace.objects.size() - 1);
  };
  const ObjectId argument = object("argument");
  const ObjectId other_line = object("read_at_another_line");
  const ObjectId unread = object("never_read");
  const ObjectId program_read = object("read_by_the_program");
  const ObjectId other_thread = object("read_by_another_thread");
  constexpr char kSource[] = "thread_args.cc";
  const auto step = [&](ThreadId thread, OpKind kind, ObjectId on, int line, bool library) {
    TraceEvent event;
    event.thread = thread;
    event.kind = kind;
    event.object = on;
    event.value = "7";
    event.where = SourceLine(kSource, line);
    event.where.in_library = library;
    return event;
  };
  const std::vector<TraceEvent> setup = {
      step(0, OpKind::kWrite, argument, 25, false),      // 1: hidden, an argument.
      step(0, OpKind::kWrite, other_line, 25, false),    // 2
      step(0, OpKind::kWrite, unread, 25, false),        // 3
      step(0, OpKind::kRead, argument, 25, true),        // 4: hidden, library code.
      step(0, OpKind::kRead, other_line, 26, true),      // 5: hidden, library code.
      step(0, OpKind::kWrite, program_read, 25, false),  // 6
      step(0, OpKind::kRead, program_read, 25, true),    // 7: hidden, library code.
      step(0, OpKind::kRead, program_read, 27, false),   // 8
      step(0, OpKind::kWrite, other_thread, 25, false),  // 9
      step(1, OpKind::kRead, other_thread, 25, true),    // 10: hidden, library code.
      step(0, OpKind::kWrite, argument, 28, false),      // 11: the next write, unread.
  };
  const int added = static_cast<int>(setup.size());
  std::vector<TraceEvent> events = setup;
  for (int i = 0; i < added; ++i) events[static_cast<std::size_t>(i)].step = i + 1;
  const int library = 4;
  for (TraceEvent event : trace.events) {
    event.step += added;
    events.push_back(event);
  }
  trace.events = events;
  for (Decision& decision : trace.decisions) decision.step += added;

  const std::string report = RenderText(result, kPlain);
  const int shown = static_cast<int>(trace.events.size()) - library - 1;
  EXPECT_THAT(report, HasSubstr("focused on the ASSERTION FAILED (" + std::to_string(shown) +
                                " of " + std::to_string(trace.events.size()) + " steps"));
  EXPECT_THAT(Flat(report), HasSubstr(Flat(std::to_string(library + 1) +
                                           " other steps not shown (" + std::to_string(library) +
                                           " read/write inside library code, 1 argument passed "
                                           "to library code); --full shows every step.")));
  std::vector<std::string> writes;
  for (const std::string& row : TableRows(report)) {
    for (const std::string& cell : Cells(row)) {
      if (cell.starts_with("write ") && !cell.starts_with("write value")) writes.push_back(cell);
    }
  }
  EXPECT_THAT(writes, ElementsAre(StartsWith("write read_at_another_line := 7"),
                                  StartsWith("write never_read := 7"),
                                  StartsWith("write read_by_the_program := 7"),
                                  StartsWith("write read_by_another_thread := 7"),
                                  StartsWith("write argument := 7")))
      << report;
  EXPECT_THAT(FlatRow(RenderText(result, kFull), 1),
              HasSubstr("write argument := 7 thread_args.cc:25"));
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
      EXPECT_THAT(Flat(report), HasSubstr(Flat("  - " + detail + "\n")));
    }
  }
  const std::string total = std::to_string(result.stats.executions);
  for (const auto& [outcome, count] : result.outcomes) {
    EXPECT_THAT(report, HasSubstr(outcome + "  in " + std::to_string(count) + " of " + total +
                                  " interleavings"));
  }
  EXPECT_THAT(report, HasSubstr("Found: LOST UPDATE in "));
  EXPECT_THAT(Flat(report), HasSubstr("Coverage: exhaustive: every interleaving explored (" +
                                      total + " executions, strategy dfs)."));
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
  // The rate counts every execution run: duplicates of a graph and pruned ones too.
  result.stats.duplicate_graphs = 600;
  result.stats.pruned = 400;
  EXPECT_THAT(RenderText(result, {.show_time = true}), HasSubstr("(2.00 s, 1,000 executions/s)"));
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
  EXPECT_THAT(FlatRow(report, 4), HasSubstr("<- last step before every thread blocked"));
  EXPECT_THAT(FlatRow(report, 4), HasSubstr("(worker A preempted)"));

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

// The replay runs under the options the schedule was recorded with: sc, not the default rc11.
TEST(TextReportTest, TheReplayCommandNamesTheScMemoryModel) {
  Result result = DeadlockResult();
  result.counterexample->memory_model = MemoryModel::kSc;
  EXPECT_THAT(
      RenderText(result, kPlain),
      HasSubstr("Replay: interleave run crossed_locks --memory-model=sc --replay=v2:12-DL0-"));
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
  EXPECT_THAT(FlatRow(report, 7), HasSubstr("(worker A preempted)"));
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
  EXPECT_THAT(Flat(RenderText(result, kPlain)),
              HasSubstr("Counterexample: minimized from 3 preemptions and 9 steps to 1 "
                        "preemption and 4 steps (a bounded search of 12 executions)."));
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
    // A note line ("      |   <- no thread can run") has no third cell.
    const std::vector<std::string> cells = Cells(line);
    if (line.find(" | ") != std::string::npos && cells.size() > 2) {
      EXPECT_LE(cells[2].size(), 40u) << line;
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
  // The bound counts the pruned executions too: the statement's number is the bound's (before:
  // "stopped at the bound of 75 executions" for --max-executions=86 with 11 pruned).
  {
    Result pruned = IncompleteResult();
    pruned.stats.executions = 75;
    pruned.stats.pruned = 11;
    EXPECT_THAT(RenderText(pruned, kPlain),
                HasSubstr("Coverage: incomplete: stopped at the bound of 86 executions run (75 "
                          "executions and 11 pruned executions)."));
  }
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

// Issue 16, defect 5: executions cut off at the step bound while still making progress (no
// LIVELOCK finding) leave the search incomplete, whatever it explored up to the bound.
TEST(TextReportTest, StepBoundHitsWithoutALivelockAreIncomplete) {
  Result result = IncompleteResult();
  result.strategy = "dpor";
  result.settings["max_steps"] = "10000";
  result.stats = {.executions = 1, .step_bound_hits = 1, .search_ended = true, .exhaustive = true};
  const std::string report = Flat(RenderText(result, kPlain));
  EXPECT_THAT(report, HasSubstr("(cut off at the step bound)"));
  EXPECT_THAT(report, HasSubstr("Coverage: incomplete: 1 execution reached the step bound "
                                "(--max-steps=10000) before it ended, so what it would have "
                                "done next was not explored; raise the bound with "
                                "--max-steps=N."));
  EXPECT_THAT(report, Not(HasSubstr("Coverage: exhaustive")));
  EXPECT_THAT(report, Not(HasSubstr("livelock")));
}

// With a LIVELOCK finding the detector has judged the cut-off executions to spin.
TEST(TextReportTest, StepBoundHitsOfALivelockNameTheirLikelyCause) {
  Result result = IncompleteResult();
  result.stats = {.executions = 40, .step_bound_hits = 3, .search_ended = true, .exhaustive = true};
  result.finding_counts[FindingKind::kLivelock] = 3;
  const std::string report = RenderText(result, kPlain);
  EXPECT_THAT(Flat(report), HasSubstr("3 executions hit the step bound (a spin or polling loop, "
                                      "or a livelock?)"));
}

// Issue 16, defect 6: under dpor a count is of classes; the interleavings each outcome's
// classes stand for follow it when the search counted them, as a lower bound when some
// classes were not sized, and not at all when the bound says nothing.
TEST(TextReportTest, OutcomeCountsSayHowManyInterleavingsTheClassesStandFor) {
  Result result;
  result.scenario = "two_increments";
  result.strategy = "dpor";
  result.verdict = Verdict::kPass;
  result.stats = {.executions = 4, .search_ended = true, .exhaustive = true};
  result.outcomes = {{"value=1", 2}, {"value=2", 2}};
  result.outcome_interleavings = {{"value=1", 12}, {"value=2", 7}};
  std::string report = Flat(RenderText(result, kPlain));
  EXPECT_THAT(report, HasSubstr("value=1 in 2 of 4 classes (standing for 12 interleavings)"));
  EXPECT_THAT(report, HasSubstr("value=2 in 2 of 4 classes (standing for 7 interleavings)"));

  result.outcome_unsized_classes = {{"value=1", 1}};
  result.outcome_interleavings = {{"value=2", 7}};
  report = Flat(RenderText(result, kPlain));
  EXPECT_THAT(report, HasSubstr("value=1 in 2 of 4 classes value=2 in"));
  result.outcome_interleavings = {{"value=1", 5}, {"value=2", 7}};
  report = Flat(RenderText(result, kPlain));
  EXPECT_THAT(report,
              HasSubstr("value=1 in 2 of 4 classes (standing for at least 6 interleavings)"));

  result.outcome_interleavings.clear();
  result.outcome_unsized_classes.clear();
  EXPECT_THAT(RenderText(result, kPlain), Not(HasSubstr("standing for")));
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
            "interleaving reached a graph already explored; under RC11 every store an atomic "
            "load may read is a branch: --memory-model=sc (every atomic operation seq_cst, its "
            "weak-memory behaviour unchecked) branches on the schedule only");
  // Weak atomic operations though no graph was reached twice yet: the same advice.
  result.stats.duplicate_graphs = 0;
  result.stats.weak_memory = true;
  result.stats.bound = Bound::kTime;
  EXPECT_EQ(CoverageStatement(result),
            "incomplete: stopped at the time bound, after 4 execution graphs under RC11; under "
            "RC11 every store an atomic load may read is a branch: --memory-model=sc (every "
            "atomic operation seq_cst, its weak-memory behaviour unchecked) branches on the "
            "schedule only");
  // Exhaustive with weak atomics, and no graph reached twice: each execution was a graph, and
  // the statement names the memory model the PASS covers.
  result.stats.exhaustive = true;
  result.stats.bound = Bound::kNone;
  EXPECT_EQ(CoverageStatement(result),
            "exhaustive: every interleaving explored (4 execution graphs under RC11, strategy "
            "dfs)");
  result.stats.exhaustive = false;
  // Without them (sc, or no atomics) the bound says no more.
  result.stats.weak_memory = false;
  result.stats.bound = Bound::kExecutions;
  EXPECT_EQ(CoverageStatement(result), "incomplete: stopped at the bound of 4 executions");
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

// ---- Issue 16: widths, counts, times, seed lines, the log view ---------------------------

// Every line of `text` is at most 120 columns.
void ExpectWithinWidth(const std::string& text) {
  for (const std::string& line : Lines(text)) {
    EXPECT_LE(line.size(), 120u) << "line: " << line << "\nin:\n" << text;
  }
}

// The deadlock with `threads` workers of long names, each blocked in its own get: the table
// cannot show them under their names in 120 columns.
Result ManyThreadsResult(int threads) {
  Result result = DeadlockResult();
  Trace& trace = *result.counterexample;
  trace.threads.resize(1);
  trace.objects.resize(1);
  trace.events.clear();
  trace.decisions.clear();
  trace.objects.push_back({ObjectKind::kQueue, "queue"});
  for (int t = 1; t <= threads; ++t) {
    const std::string name = "ThreadPoolExecutor-0_" + std::to_string(t - 1);
    trace.objects.push_back({ObjectKind::kThread, name, t});
    trace.threads.push_back({name,
                             static_cast<ObjectId>(trace.objects.size() - 1),
                             false,
                             OpKind::kGet,
                             1,
                             {kFile, 40},
                             true});
    trace.events.push_back(
        {t, 0, static_cast<ObjectId>(trace.objects.size() - 1), OpKind::kStart, "", {kFile, 30}});
  }
  const int step = threads + 1;
  trace.events.push_back({step,
                          1,
                          1,
                          OpKind::kLog,
                          "a rather long line that the first worker printed before it blocked",
                          {kFile, 39}});
  result.findings.front().threads.clear();
  for (int t = 0; t <= threads; ++t) result.findings.front().threads.push_back(t);
  result.findings.front().marks = {{step, "last step before every thread blocked, a long mark"}};
  return result;
}

TEST(TextReportTest, WideTablesFit120ColumnsWithAbbreviatedThreadNamesAndALegend) {
  const std::string report = RenderText(ManyThreadsResult(4), kFull);
  ExpectWithinWidth(report);
  const std::vector<std::string> lines = Lines(report);
  const auto header = std::find_if(lines.begin(), lines.end(), [](const std::string& line) {
    return line.starts_with(" step |");
  });
  ASSERT_NE(header, lines.end()) << report;
  EXPECT_THAT(Cells(*header), ElementsAre("step", "T0", "T1", "T2", "T3", "T4")) << report;
  EXPECT_THAT(Flat(report), HasSubstr("Threads: T0 = MainThread, T1 = ThreadPoolExecutor-0_0, "
                                      "T2 = ThreadPoolExecutor-0_1"));
  // Nothing is lost: the long log and the mark read whole across their lines.
  EXPECT_THAT(FlatRow(report, 5), HasSubstr("a rather long line that the first worker printed"));
  EXPECT_THAT(FlatRow(report, 5), HasSubstr("<- last step before every thread blocked, a long"));
}

TEST(TextReportTest, TooManyThreadsForColumnsGetARowPerStepNamingTheThread) {
  const std::string report = RenderText(ManyThreadsResult(9), kFull);
  ExpectWithinWidth(report);
  EXPECT_THAT(report, HasSubstr(" step | thread "));
  EXPECT_THAT(report, ::testing::ContainsRegex(" +10 \\| ThreadPoolExecutor-0_0 +\\| log "));
  // The end row: a line for each blocked thread.
  EXPECT_THAT(report, ::testing::ContainsRegex("\n +\\| ThreadPoolExecutor-0_8 +\\| blocked: get"));
}

TEST(TextReportTest, ProseAndTheReplayCommandWrapWithin120Columns) {
  Result result = DeadlockResult();
  result.findings.front().details.push_back(std::string(60, 'x') + " " + std::string(60, 'y') +
                                            " " + std::string(30, 'z'));
  for (int i = 0; i < 12; ++i) result.parameters["parameter_" + std::to_string(i)] = 1000 + i;
  const std::string report = RenderText(result, kPlain);
  ExpectWithinWidth(report);
  // The replay command reads back whole once the shell joins its continued lines.
  const size_t at = report.find("Replay: ");
  ASSERT_NE(at, std::string::npos);
  std::string command = report.substr(at + 8);
  command = std::regex_replace(command, std::regex(" \\\\\n    "), " ");
  command = std::regex_replace(command, std::regex("\\\\\n"), "");
  EXPECT_EQ(command, "interleave " + ReplayArguments(result) + "\n");
}

TEST(TextReportTest, CountsSayWhatTheyCount) {
  Result result = DeadlockResult();
  result.strategy = "dpor";
  std::string report = RenderText(result, kPlain);
  EXPECT_THAT(report, HasSubstr("Outcomes over 6 classes of equivalent interleavings:\n"));
  EXPECT_THAT(report, HasSubstr("(deadlock before the outcome)  in 2 of 6 classes\n"));
  EXPECT_THAT(Flat(report), HasSubstr("a count is not a frequency"));
  EXPECT_THAT(report, HasSubstr("Found: DEADLOCK in 2 of 6 classes."));
  result.strategy = "dfs";
  report = RenderText(result, kPlain);
  EXPECT_THAT(report, HasSubstr("Outcomes over 6 interleavings:\n"));
  EXPECT_THAT(report, HasSubstr("Found: DEADLOCK in 2 of 6 interleavings."));
  EXPECT_THAT(report, Not(HasSubstr("frequency")));
  result.strategy = "random";
  report = RenderText(result, kPlain);
  EXPECT_THAT(report, HasSubstr("Outcomes over 6 sampled runs:\n"));
  EXPECT_THAT(report, HasSubstr("in 2 of 6 runs"));
  EXPECT_EQ(CountedUnit(result), "random");
  result.stats.duplicate_graphs = 2;
  EXPECT_EQ(CountedUnit(result), "graphs");
}

// A trace in time mode virtual: main logs, a worker sleeps 0.25 s from 0.1 s, then logs.
Result VirtualResult() {
  Result result = DeadlockResult();
  Trace& trace = *result.counterexample;
  trace.time = TimeMode::kVirtual;
  trace.events = {
      {1, 0, 1, OpKind::kStart, "", {kFile, 28}},
      {2, 0, kNoObject, OpKind::kLog, "Main    : started", {kFile, 29}, 100'000},
      {3, 1, kNoObject, OpKind::kSleep, "0.25", {kFile, 11}, 350'000},
      {4, 1, 3, OpKind::kAcquire, "", {kFile, 12}, 350'000},
      {5, 2, 4, OpKind::kAcquire, "", {kFile, 19}, 350'000},
  };
  trace.decisions.clear();
  result.findings.front().marks = {{5, "last step before every thread blocked"}};
  return result;
}

TEST(TextReportTest, VirtualTimeShowsInAColumnAndASleepAtItsStartWithItsWakeUp) {
  const std::string report = RenderText(VirtualResult(), kFull);
  ExpectWithinWidth(report);
  EXPECT_THAT(report, ::testing::ContainsRegex(" step \\| +time \\| MainThread"));
  EXPECT_THAT(RowOf(report, 2), HasSubstr("| 0.100s |"));
  // The sleep ran from 0.1 s (its row) to 0.35 s (its cell).
  EXPECT_THAT(RowOf(report, 3), HasSubstr("| 0.100s |"));
  EXPECT_THAT(FlatRow(report, 3), HasSubstr("sleep 0.25s, wakes at 0.350s"));
  EXPECT_THAT(RowOf(report, 4), HasSubstr("| 0.350s |"));
  EXPECT_THAT(Flat(report), HasSubstr("time: when the step began on the virtual clock"));
  // In time mode any there is no time column.
  EXPECT_THAT(RenderText(DeadlockResult(), kFull), Not(HasSubstr("time |")));
}

TEST(TextReportTest, SeedLinesShowUnderTheirStepsCells) {
  Result result = DeadlockResult();
  // Keyed as the core keys them: SourceLine::ToString(), "deadlock.cc:11".
  result.seed_lines = {{SourceLine(kFile, 11).ToString(), "lock_a.acquire()"},
                       {SourceLine(kFile, 20).ToString(), "with lock_a:  # the second lock"}};
  const std::string report = RenderText(result, kFull);
  ExpectWithinWidth(report);
  const std::vector<std::string> block = RowBlock(report, 3);
  ASSERT_GE(block.size(), 2u) << report;
  EXPECT_THAT(Cells(block[0])[2], "acquire a  :11");
  EXPECT_THAT(Cells(block[1])[2], "seed: lock_a.acquire()");
  // The end row's blocked acquire of worker B is on line 20.
  EXPECT_THAT(Flat(report), HasSubstr("seed: with lock_a: # the second lock"));
  EXPECT_THAT(Flat(report), HasSubstr("seed: the line of the seed tutorial's Python program"));
  // Without seed lines nothing says "seed:".
  EXPECT_THAT(RenderText(DeadlockResult(), kFull), Not(HasSubstr("seed:")));
}

TEST(TextReportTest, ShowLogPrintsTheLogViewInsteadOfTheTable) {
  Result result = VirtualResult();
  OutcomeExample example;
  example.trace = *result.counterexample;
  result.examples["(deadlock before the outcome)"] = example;
  TextReportOptions options = kPlain;
  options.show = TextReportOptions::Show::kLog;
  const std::string report = RenderText(result, options);
  ExpectWithinWidth(report);
  EXPECT_THAT(report, Not(HasSubstr(" step |")));
  EXPECT_THAT(report, HasSubstr("The log of the counterexample (DEADLOCK):\n"));
  EXPECT_THAT(report, HasSubstr("     2  0.100s  MainThread  Main    : started\n"));
  EXPECT_THAT(report, HasSubstr("(deadlock before the outcome), in 2 of 6 interleavings (no "
                                "finding):\n"));
  EXPECT_THAT(report, HasSubstr("Outcomes over 6 interleavings:"));
}

}  // namespace
}  // namespace interleave
