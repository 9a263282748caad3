// The text report: five layers (headline, interleaving table, explanation, counts and
// coverage, replay command), each rendered by its own function from the Result alone.
//
// The table has one column per thread, sized to its widest cell up to kMaxCellWidth; a longer
// operation wraps onto continuation lines inside its column, so nothing is cut off. Notes at
// the right of a row carry the findings' marks ("<- LOST: ...") and preemptions.
#include "reports/text_report.h"

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "model/trace.h"
#include "reports/format.h"
#include "reports/log_view.h"
#include "reports/replay_token.h"
#include "reports/weak_explain.h"

namespace interleave {
namespace {

constexpr int kMaxCellWidth = 40;
// Before the seed's Python line under a cell.
constexpr char kSeedPrefix[] = "seed: ";
constexpr std::string_view kIndent = "  ";

// ---- Text helpers -----------------------------------------------------------

// ANSI styles, used only when the options ask for colour.
constexpr std::string_view kBold = "1";
constexpr std::string_view kRed = "1;31";
constexpr std::string_view kGreen = "1;32";
constexpr std::string_view kYellow = "1;33";
constexpr std::string_view kMagenta = "1;35";

std::string Paint(const std::string& text, std::string_view style, bool color) {
  if (!color || text.empty()) return text;
  return "\x1b[" + std::string(style) + "m" + text + "\x1b[0m";
}

// "1 interleaving", "2,345 steps".
std::string Count(int64_t n, std::string_view noun) {
  return WithThousands(n) + " " + std::string(noun) + (n == 1 ? "" : "s");
}

// ---- Layer 1: the headline --------------------------------------------------

std::string_view VerdictStyle(Verdict verdict) {
  switch (verdict) {
    case Verdict::kPass:
      return kGreen;
    case Verdict::kBug:
      return kRed;
    case Verdict::kWarning:
    case Verdict::kIncomplete:
      return kYellow;
    case Verdict::kError:
      return kMagenta;
  }
  return kBold;
}

// The coverage of the search in a word or two, for the headline of a result without findings.
std::string ShortCoverage(const Result& result) {
  const Statistics& stats = result.stats;
  const std::string& strategy = result.strategy;
  if (strategy == "replay") return "replay";
  // One part of a split search (ExploreOptions::part): its PASS is not the whole's.
  if (const auto part = result.settings.find("part");
      part != result.settings.end() && stats.exhaustive && stats.step_bound_hits == 0) {
    const std::size_t slash = part->second.find('/');
    return "exhaustive over part " + part->second.substr(0, slash) + " of " +
           part->second.substr(slash + 1) + " only";
  }
  if (stats.exhaustive && stats.step_bound_hits == 0) return "exhaustive";
  if (stats.exhaustive) return "cut off at the step bound";
  if (stats.bound == Bound::kExecutions) return "stopped at the bound of executions";
  if (stats.bound == Bound::kTime) return "stopped at the time bound";
  if (stats.bound == Bound::kMemory) return "stopped at the memory bound of one execution";
  if (stats.bound == Bound::kInterrupted) return "interrupted by a signal";
  // An exhaustive strategy that did not end and hit no bound: the merge of a split search
  // with parts missing or incomplete (reports/json_merge.h), not a sample.
  if (strategy == "dpor" || strategy == "dfs") {
    return result.settings.count("parts") != 0 ? "parts missing or incomplete" : "not exhaustive";
  }
  return "sampled by " + strategy;
}

std::string Headline(const Result& result, const TextReportOptions& options) {
  const std::string verdict =
      Paint(std::string(VerdictName(result.verdict)), VerdictStyle(result.verdict), options.color);
  std::string line = verdict + "  " + result.scenario + ": ";
  if (result.verdict == Verdict::kError) return line + result.error + "\n";
  if (!result.findings.empty()) {
    const Finding& main = result.findings.front();
    return line + std::string(FindingKindName(main.kind)) + ": " + main.summary + "\n";
  }
  return line + "no finding in " + CountNoun(CountedUnit(result), result.stats.executions) + " (" +
         ShortCoverage(result) + ")\n";
}

// ---- Layer 2: the interleaving table ----------------------------------------

// The part of the counterexample the table shows: by default the steps that make the main
// finding (see text_report.h for what that is per kind), with the columns of the threads that
// take them; every step and every thread with --full.
struct Focus {
  bool all = true;
  std::set<int> steps;                // When not all: the steps shown.
  std::vector<ThreadId> columns;      // The threads shown, in id order.
  std::map<ThreadId, int> column_of;  // Thread -> its column.
  std::set<int> arguments;            // When not all: ArgumentWrites (a group of the hidden steps).
};

bool IsThreadObject(const Trace& trace, ObjectId object) {
  return object >= 0 && object < static_cast<ObjectId>(trace.objects.size()) &&
         trace.objects[object].kind == ObjectKind::kThread;
}

// A plain read or write that ran inside an installed library's code (SourceLine::in_library):
// how libstdc++ moves a std::thread's state, not what the program does.
bool IsLibraryAccess(const TraceEvent& event) {
  return event.where.in_library && event.order == MemoryOrder::kNone &&
         (event.kind == OpKind::kRead || event.kind == OpKind::kWrite ||
          event.kind == OpKind::kUpdate);
}

// The plain writes in the program's own code whose value only library code reads: the
// temporaries a call builds for a library function's reference parameters. std::thread's
// constructor takes its arguments by reference, so `std::thread t(&Db::update, &db, 1)` makes
// g++ store `&db` and `1` in stack slots of the creating thread at that line, and the
// constructor (libstdc++'s code, in_library) copies them into the new thread's state. Such a
// write counts when something reads it before the next write to it, and every read of it is
// by the same thread, at the same line of the program, inside library code. Step numbers.
std::set<int> ArgumentWrites(const Trace& trace) {
  struct Pending {
    const TraceEvent* write = nullptr;
    int reads = 0;
    bool library_only = true;
  };
  std::map<ObjectId, Pending> pending;  // By object: its last write in the program's code.
  std::set<int> steps;
  auto close = [&](const Pending& last) {
    if (last.write != nullptr && last.reads > 0 && last.library_only) {
      steps.insert(last.write->step);
    }
  };
  for (const TraceEvent& event : trace.events) {
    if (event.kind != OpKind::kRead && event.kind != OpKind::kWrite &&
        event.kind != OpKind::kUpdate) {
      continue;
    }
    auto it = pending.find(event.object);
    if (it != pending.end() && event.kind == OpKind::kRead) {
      Pending& last = it->second;
      ++last.reads;
      last.library_only = last.library_only && IsLibraryAccess(event) &&
                          event.thread == last.write->thread && event.where == last.write->where;
      continue;
    }
    if (event.kind == OpKind::kRead) continue;
    // A write or a read-modify-write: the end of the last write's reads.
    if (it != pending.end()) {
      close(it->second);
      pending.erase(it);
    }
    if (event.kind == OpKind::kWrite && event.order == MemoryOrder::kNone &&
        !event.where.in_library) {
      pending[event.object] = Pending{.write = &event};
    }
  }
  for (const auto& [object, last] : pending) close(last);
  return steps;
}

// The steps that make `finding`, before its marks are added.
// `arguments`: ArgumentWrites(trace).
std::set<int> FindingSteps(const Trace& trace, const Finding& finding,
                           const std::set<int>& arguments) {
  const std::set<ThreadId> threads(finding.threads.begin(), finding.threads.end());
  const std::set<ObjectId> objects(finding.objects.begin(), finding.objects.end());
  std::set<int> steps;
  auto on_objects = [&](const TraceEvent& event, bool with_threads) {
    return objects.count(event.object) > 0 &&
           (with_threads || !IsThreadObject(trace, event.object));
  };
  auto last_steps = [&] {
    for (ThreadId t : threads) {
      for (auto it = trace.events.rbegin(); it != trace.events.rend(); ++it) {
        if (it->thread == t) {
          steps.insert(it->step);
          break;
        }
      }
    }
  };
  switch (finding.kind) {
    case FindingKind::kLostUpdate:
    case FindingKind::kDataRace:
      // The accesses of the racing threads to the variable.
      for (const TraceEvent& event : trace.events) {
        if (threads.count(event.thread) > 0 && on_objects(event, false)) steps.insert(event.step);
      }
      break;
    case FindingKind::kSwallowedException: {
      // The future's steps, and the submit and the worker's get that carry the future.
      std::set<std::string> futures;
      for (ObjectId o : objects) {
        if (o >= 0 && o < static_cast<ObjectId>(trace.objects.size())) {
          futures.insert(trace.objects[o].name);
        }
      }
      for (const TraceEvent& event : trace.events) {
        if (on_objects(event, false) || futures.count(event.value) > 0) steps.insert(event.step);
      }
      break;
    }
    case FindingKind::kLostWakeup:
    case FindingKind::kLostMessage:
    case FindingKind::kLockMisuse:
      // Every operation on the condition, queue, future or lock (the marks add the waits).
      for (const TraceEvent& event : trace.events) {
        if (on_objects(event, false)) steps.insert(event.step);
      }
      break;
    case FindingKind::kDeadlock:
    case FindingKind::kHangAtExit:
      // Every operation on what the threads are blocked in, and each one's last step.
      for (const TraceEvent& event : trace.events) {
        if (on_objects(event, false)) steps.insert(event.step);
      }
      last_steps();
      break;
    case FindingKind::kUnjoinedThread:
      // The unjoined threads' start and exit-waits, and main's joins.
      for (const TraceEvent& event : trace.events) {
        if (on_objects(event, true) || (event.thread == 0 && event.kind == OpKind::kJoin)) {
          steps.insert(event.step);
        }
      }
      break;
    case FindingKind::kDaemonCutOff: {
      // The daemon's start, the exit-wait and kill on it, and its last step.
      std::set<ObjectId> daemons;
      for (ThreadId t : threads) {
        if (t >= 0 && t < static_cast<ThreadId>(trace.threads.size())) {
          daemons.insert(trace.threads[t].object);
        }
      }
      for (const TraceEvent& event : trace.events) {
        if (on_objects(event, true) || daemons.count(event.object) > 0) steps.insert(event.step);
      }
      last_steps();
      break;
    }
    case FindingKind::kAssertionFailed:
    case FindingKind::kUncaughtException:
    case FindingKind::kCrash:
    case FindingKind::kLivelock:
    case FindingKind::kInvariant: {
      // The whole execution is the evidence: a loop, or whatever led to the failed check; but
      // not the reads and writes inside the C++ library (std::thread's state, unique_ptr),
      // nor the writes of the arguments that only the library reads (ArgumentWrites).
      for (const TraceEvent& event : trace.events) {
        if (!IsLibraryAccess(event) && arguments.count(event.step) == 0) {
          steps.insert(event.step);
        }
      }
      break;
    }
  }
  for (const StepMark& mark : finding.marks) steps.insert(mark.step);
  return steps;
}

// An execution that ended with threads unfinished: the table's last row says where each stood.
bool HasEndRow(const Trace& trace) {
  return trace.end == EndReason::kDeadlock || trace.end == EndReason::kStepBound;
}

// Hiding fewer steps than this would not make the table easier to read.
constexpr int kMinHidden = 3;

Focus FocusOn(const Trace& trace, const std::vector<Finding>& findings, bool full,
              const WeakMemoryNotes& weak) {
  Focus focus;
  if (!full && !findings.empty()) {
    focus.arguments = ArgumentWrites(trace);
    focus.steps = FindingSteps(trace, findings.front(), focus.arguments);
    // The weak reads and every step their explanation names (model/weak_memory.h).
    for (const auto& [step, read] : weak.reads) {
      if (read.weak) focus.steps.insert(read.involved.begin(), read.involved.end());
    }
    const int hidden = static_cast<int>(trace.events.size() - focus.steps.size());
    focus.all = hidden < kMinHidden;
  }
  std::set<ThreadId> shown;
  if (focus.all) {
    for (ThreadId t = 0; t < static_cast<ThreadId>(trace.threads.size()); ++t) shown.insert(t);
  } else {
    for (const TraceEvent& event : trace.events) {
      if (focus.steps.count(event.step) > 0) shown.insert(event.thread);
    }
    if (HasEndRow(trace)) {
      for (ThreadId t : findings.front().threads) {
        if (t >= 0 && t < static_cast<ThreadId>(trace.threads.size()) &&
            !trace.threads[t].finished) {
          shown.insert(t);
        }
      }
    }
  }
  for (ThreadId t : shown) {
    focus.column_of[t] = static_cast<int>(focus.columns.size());
    focus.columns.push_back(t);
  }
  return focus;
}

bool Shown(const Focus& focus, int step) { return focus.all || focus.steps.count(step) > 0; }

// One step (or the state at the end) as the table shows it.
struct Row {
  std::string label;               // The step number, or "end".
  std::string time;                // Time mode virtual: when the step began ("0.100s").
  std::vector<std::string> cells;  // Per column; empty where the thread did nothing.
  std::vector<std::string> seeds;  // Per column: the seed's Python line of the cell's line.
  int actor = -1;                  // The column to highlight; -1: every cell.
  bool marked = false;             // A finding marks this step.
  std::string note;                // At the right: the marks, the preemption.
};

// The seed tutorial's Python lines, by C++ line (Result::seed_lines).
using SeedLines = std::map<std::string, std::string>;

// The seed lines of `result`'s scenario (empty for a scenario outside the catalogue).
const SeedLines& SeedLinesOf(const Result& result) { return result.seed_lines; }

// A thread's column header when the names do not fit: "T0" for MainThread, "T1", ...
std::string ThreadAbbreviation(ThreadId thread) { return "T" + std::to_string(thread); }

std::string SeedOf(const SeedLines& seeds, const SourceLine& where) {
  if (seeds.empty()) return "";
  const auto it = seeds.find(where.ToString());
  return it == seeds.end() ? "" : it->second;
}

// Whether every event is on a line of the same file, so that cells can show the line alone.
bool OneSourceFile(const Trace& trace) {
  std::set<std::string> files;
  for (const TraceEvent& event : trace.events) files.insert(event.where.Basename());
  for (const ThreadInfo& info : trace.threads) {
    if (!info.finished) files.insert(info.pending_where.Basename());
  }
  return files.size() <= 1;
}

std::string LineRef(const SourceLine& where, bool one_file) {
  return one_file ? ":" + std::to_string(where.line) : where.ToString();
}

// The marks of every finding, by step, joined when several findings mark the same step.
std::map<int, std::string> MarksByStep(const std::vector<Finding>& findings) {
  std::map<int, std::string> marks;
  for (const Finding& finding : findings) {
    for (const StepMark& mark : finding.marks) {
      std::string& text = marks[mark.step];
      if (text.find(mark.label) != std::string::npos) continue;
      text += (text.empty() ? "" : "; ") + mark.label;
    }
  }
  return marks;
}

// The threads preempted before each step: they could have gone on, and another ran.
std::map<int, ThreadId> PreemptionsByStep(const Trace& trace) {
  std::map<int, ThreadId> preempted;
  for (const Decision& decision : trace.decisions) {
    if (decision.IsPreemption()) preempted[decision.step] = decision.previous;
  }
  return preempted;
}

std::string Preempted(const Trace& trace, ThreadId thread, int step, bool at_step) {
  return "(" + trace.threads[thread].name + " preempted" +
         (at_step ? " at step " + std::to_string(step) : "") + ")";
}

void AddNote(std::string& note, const std::string& text) {
  note += (note.empty() ? "" : "  ") + text;
}

// A step's operation as its cell shows it: DescribeStep, and in time mode virtual a sleep's
// wake-up (the row's time is when the sleep began).
std::string Operation(const Trace& trace, const TraceEvent& event) {
  std::string text = DescribeStep(trace, event);
  if (trace.time == TimeMode::kVirtual && event.kind == OpKind::kSleep) {
    text += ", wakes at " + VirtualSeconds(event.time);
  }
  return text;
}

// The rows of the shown steps. A preemption before a hidden step is noted on the next shown
// row, with its step; `unplaced` gets those after the last shown row.
std::vector<Row> StepRows(const Trace& trace, const std::vector<Finding>& findings,
                          const Focus& focus, bool one_file, const WeakMemoryNotes& weak,
                          const SeedLines& seeds, std::vector<std::string>& unplaced) {
  const std::map<int, std::string> marks = MarksByStep(findings);
  const std::map<int, ThreadId> preempted = PreemptionsByStep(trace);
  const bool timed = trace.time == TimeMode::kVirtual;
  std::vector<Row> rows;
  std::vector<std::string> pending;  // Notes of hidden preemptions, for the next shown row.
  for (const TraceEvent& event : trace.events) {
    const auto p = preempted.find(event.step);
    if (!Shown(focus, event.step)) {
      if (p != preempted.end()) pending.push_back(Preempted(trace, p->second, event.step, true));
      continue;
    }
    Row row;
    row.label = std::to_string(event.step);
    if (timed) row.time = VirtualSeconds(StepStartMicros(event));
    row.cells.resize(focus.columns.size());
    row.seeds.resize(focus.columns.size());
    row.actor = focus.column_of.at(event.thread);
    std::string operation = Operation(trace, event);
    const auto read = weak.annotate ? weak.reads.find(event.step) : weak.reads.end();
    if (read != weak.reads.end()) operation += " " + read->second.source;
    row.cells[row.actor] = operation + "  " + LineRef(event.where, one_file);
    row.seeds[row.actor] = SeedOf(seeds, event.where);
    if (const auto mark = marks.find(event.step); mark != marks.end()) {
      row.marked = true;
      row.note = "<- " + mark->second;
    }
    if (read != weak.reads.end() && read->second.weak) {
      AddNote(row.note, "(weak read: not the latest store; see below)");
    }
    for (const std::string& note : pending) AddNote(row.note, note);
    pending.clear();
    if (p != preempted.end()) AddNote(row.note, Preempted(trace, p->second, event.step, false));
    rows.push_back(std::move(row));
  }
  unplaced = std::move(pending);
  return rows;
}

// The operation an unfinished thread was about to perform, or blocked in.
std::string PendingText(const Trace& trace, const ThreadInfo& info, bool one_file) {
  TraceEvent pending;
  pending.kind = info.pending;
  pending.object = info.pending_object;
  const std::string state = info.spinning  ? "spins forever: "
                            : info.blocked ? "blocked: "
                                           : "could run: ";
  return state + trace.Describe(pending) + "  " + LineRef(info.pending_where, one_file);
}

// For an execution that did not finish: where each unfinished thread shown stood at the end.
std::optional<Row> EndRow(const Trace& trace, const Focus& focus, bool one_file,
                          const SeedLines& seeds) {
  if (!HasEndRow(trace)) return std::nullopt;
  Row row;
  row.label = "end";
  row.cells.resize(focus.columns.size());
  row.seeds.resize(focus.columns.size());
  for (size_t c = 0; c < focus.columns.size(); ++c) {
    const ThreadInfo& info = trace.threads[focus.columns[c]];
    if (info.finished) continue;
    row.cells[c] = PendingText(trace, info, one_file);
    row.seeds[c] = SeedOf(seeds, info.pending_where);
  }
  row.marked = true;
  row.note = trace.end == EndReason::kDeadlock ? "<- no thread can run"
                                               : "<- the step bound stopped the execution";
  return row;
}

// A cell's lines: the cell itself when it fits, else its operation wrapped to the column with
// the line reference (after the last double space) kept whole on the last line; then the
// seed's line, when there is one, wrapped under it.
std::vector<std::string> CellLines(const std::string& cell, const std::string& seed, int width) {
  std::vector<std::string> lines;
  if (DisplayWidth(cell) <= width) {
    lines.push_back(cell);
  } else if (const size_t ref_at = cell.rfind("  "); ref_at == std::string::npos) {
    lines = Wrap(cell, width);
  } else {
    const std::string ref = cell.substr(ref_at + 2);
    lines = Wrap(std::string_view(cell).substr(0, ref_at), width);
    if (DisplayWidth(lines.back()) + 2 + DisplayWidth(ref) <= width) {
      lines.back() += "  " + ref;
    } else {
      for (std::string& part : Wrap(ref, width)) lines.push_back(std::move(part));
    }
  }
  if (!seed.empty()) {
    for (std::string& part : Wrap(kSeedPrefix + seed, width)) lines.push_back(std::move(part));
  }
  return lines;
}

// How a table is laid out to fit kTextWidth columns (see TableOf).
struct Layout {
  bool abbreviated = false;  // Thread columns headed "T1", with a legend.
  bool narrow = false;       // One row per step, the thread named in a column of its own.
  bool notes_below = false;  // A row's notes on lines under it, not at its right.
  int label_width = 0;
  int time_width = 0;       // 0: no time column.
  std::vector<int> widths;  // Of the columns after the step (and time).
  int note_width = 0;       // The notes' column at the right.
};

// Columns the table takes left of its notes (its separator line's width).
int TableWidth(const Layout& layout) {
  int width = layout.label_width + 3 + (layout.time_width > 0 ? layout.time_width + 3 : 0);
  for (size_t c = 0; c < layout.widths.size(); ++c) {
    width += layout.widths[c] + 2 + (c + 1 < layout.widths.size() ? 1 : 0);
  }
  return width;
}

std::string Separator(const Layout& layout) {
  std::string line = std::string(layout.label_width + 1, '-') + "-+";
  if (layout.time_width > 0) line += std::string(layout.time_width + 2, '-') + "+";
  for (size_t i = 0; i < layout.widths.size(); ++i) {
    line += std::string(layout.widths[i] + 2, '-') + (i + 1 < layout.widths.size() ? "+" : "");
  }
  return line + "\n";
}

// One row, over as many lines as its tallest cell (or its notes at the right) needs; notes
// below the row when the layout puts them there.
std::string RenderRow(const Row& row, const Layout& layout, bool header, bool color) {
  std::vector<std::vector<std::string>> cells;
  size_t height = 1;
  for (size_t t = 0; t < layout.widths.size(); ++t) {
    const std::string seed = t < row.seeds.size() ? row.seeds[t] : "";
    cells.push_back(CellLines(row.cells[t], seed, layout.widths[t]));
    height = std::max(height, cells.back().size());
  }
  std::vector<std::string> notes;
  if (!row.note.empty()) {
    notes = Wrap(row.note,
                 layout.notes_below ? kTextWidth - layout.label_width - 6 : layout.note_width);
  }
  if (!layout.notes_below) height = std::max(height, notes.size());
  std::string out;
  for (size_t line = 0; line < height; ++line) {
    std::string text = " " + PadLeft(line == 0 ? row.label : "", layout.label_width) + " |";
    if (layout.time_width > 0) {
      text += " " + PadLeft(line == 0 ? row.time : "", layout.time_width) + " |";
    }
    for (size_t t = 0; t < layout.widths.size(); ++t) {
      const std::string part = line < cells[t].size() ? cells[t][line] : "";
      const bool highlight = row.marked && (row.actor < 0 || static_cast<int>(t) == row.actor);
      const std::string padding(std::max(0, layout.widths[t] - DisplayWidth(part)), ' ');
      text += " " + (header || highlight ? Paint(part, header ? kBold : kRed, color) : part);
      text += padding;
      text += t + 1 < layout.widths.size() ? " |" : "";
    }
    if (!layout.notes_below && line < notes.size()) {
      text += "  " + Paint(notes[line], row.marked ? kRed : kYellow, color);
    }
    // Trailing spaces would only make the golden files fragile.
    text.erase(text.find_last_not_of(' ') + 1);
    out += text + "\n";
  }
  if (layout.notes_below) {
    for (const std::string& note : notes) {
      out += std::string(layout.label_width + 2, ' ') + "|   " +
             Paint(note, row.marked ? kRed : kYellow, color) + "\n";
    }
  }
  return out;
}

std::string TableTitle(const Trace& trace, const Focus& focus, FindingKind kind) {
  const int preemptions = trace.Preemptions();
  const auto steps = static_cast<int64_t>(trace.events.size());
  if (focus.all) {
    return "The interleaving (" + Count(steps, "step") + ", " + Count(preemptions, "preemption") +
           "):\n";
  }
  return "The interleaving, focused on the " + std::string(FindingKindName(kind)) + " (" +
         WithThousands(static_cast<int64_t>(focus.steps.size())) + " of " + Count(steps, "step") +
         ", " + WithThousands(static_cast<int64_t>(focus.columns.size())) + " of " +
         Count(static_cast<int64_t>(trace.threads.size()), "thread") + ", " +
         Count(preemptions, "preemption") + "):\n";
}

// The group a hidden step is counted in, in the line that summarises them.
std::string_view StepGroup(const Focus& focus, const TraceEvent& event) {
  if (IsLibraryAccess(event)) return "read/write inside library code";
  if (focus.arguments.count(event.step) > 0) return "argument passed to library code";
  switch (event.kind) {
    case OpKind::kStart:
    case OpKind::kJoin:
    case OpKind::kExitWait:
    case OpKind::kKill:
      return "start/join";
    case OpKind::kAcquire:
    case OpKind::kRelease:
      return "lock";
    case OpKind::kRead:
    case OpKind::kWrite:
    case OpKind::kUpdate:
      return "read/write";
    case OpKind::kSleep:
      return "sleep";
    case OpKind::kLog:
      return "log";
    case OpKind::kChoose:
      return "choose";
    case OpKind::kPut:
    case OpKind::kGet:
    case OpKind::kTaskDone:
      return "queue";
    case OpKind::kWait:
    case OpKind::kNotify:
    case OpKind::kSet:
    case OpKind::kClear:
    case OpKind::kCancel:
      return "wait/notify";
    case OpKind::kFence:
      return "fence";
  }
  return "other";
}

// "23 other steps not shown (8 queue, 6 log, ...); --full shows every step."
std::string HiddenSummary(const Trace& trace, const Focus& focus,
                          const std::vector<std::string>& unplaced) {
  if (focus.all) return "";
  std::map<std::string_view, int> groups;
  int hidden = 0;
  for (const TraceEvent& event : trace.events) {
    if (Shown(focus, event.step)) continue;
    ++groups[StepGroup(focus, event)];
    ++hidden;
  }
  std::vector<std::pair<int, std::string_view>> counts;
  for (const auto& [group, count] : groups) counts.emplace_back(-count, group);
  std::sort(counts.begin(), counts.end());
  std::string parts;
  for (const auto& [count, group] : counts) {
    parts += (parts.empty() ? "" : ", ") + std::to_string(-count) + " " + std::string(group);
  }
  std::string out = std::string(kIndent) + Count(hidden, "other step") + " not shown (" + parts +
                    "); --full shows every step.\n";
  for (const std::string& note : unplaced) out += std::string(kIndent) + "Then " + note + ".\n";
  return out;
}

// What the table's shorthand means, when it uses any: the abbreviated thread names, the line
// numbers, the seed's lines, the time column, preemptions.
std::string Legend(const Trace& trace, bool one_file, const Layout& layout,
                   const std::vector<ThreadId>& columns, bool seeds) {
  std::string out;
  if (layout.abbreviated) {
    std::string names;
    for (ThreadId t : columns) {
      names += (names.empty() ? "" : ", ") + ThreadAbbreviation(t) + " = " + trace.threads[t].name;
    }
    out += std::string(kIndent) + "Threads: " + names + ".\n";
  }
  if (one_file && !trace.events.empty()) {
    out +=
        std::string(kIndent) + ":N is line N of " + trace.events.front().where.Basename() + ".\n";
  }
  if (seeds) {
    out += std::string(kIndent) + kSeedPrefix +
           "the line of the seed tutorial's Python program that the step models.\n";
  }
  if (layout.time_width > 0) {
    out += std::string(kIndent) +
           "time: when the step began on the virtual clock (a sleep: when it began; its cell "
           "says when it woke).\n";
  }
  if (trace.Preemptions() > 0) {
    out += std::string(kIndent) +
           "(T preempted): T could have gone on, but the scheduler switched to another thread.\n";
  }
  return out.empty() ? "" : "\n" + WrapLines(out);
}

// The widest each column's cells (and their seed lines) would be, uncapped.
std::vector<int> WidestCells(const std::vector<Row>& rows, size_t columns) {
  std::vector<int> widest(columns, 0);
  for (const Row& row : rows) {
    for (size_t c = 0; c < columns && c < row.cells.size(); ++c) {
      widest[c] = std::max(widest[c], DisplayWidth(row.cells[c]));
      if (c < row.seeds.size() && !row.seeds[c].empty()) {
        widest[c] = std::max(widest[c], DisplayWidth(kSeedPrefix + row.seeds[c]));
      }
    }
  }
  return widest;
}

// Each column as wide as its header and its widest cell, cells capped at `cap`.
std::vector<int> CappedWidths(const Row& header, const std::vector<int>& widest, int cap) {
  std::vector<int> widths;
  for (size_t c = 0; c < widest.size(); ++c) {
    widths.push_back(std::max(DisplayWidth(header.cells[c]), std::min(widest[c], cap)));
  }
  return widths;
}

// Notes narrower than this go under their rows.
constexpr int kMinNoteWidth = 30;
// Thread columns narrower than this make the table one row per step with a thread column.
constexpr int kMinCellWidth = 18;
// Cells are not made narrower than this to keep the notes at the right of their rows.
constexpr int kNarrowestBesideNotes = kMaxCellWidth;

// Whether `layout`'s table, with its notes at the right in at least kMinNoteWidth columns (or
// as wide as the widest note), fits kTextWidth; sets the notes' width.
bool FitsWithNotesRight(Layout& layout, int widest_note) {
  const int table = TableWidth(layout);
  if (widest_note == 0) return table <= kTextWidth;
  layout.note_width = kTextWidth - table - 2;
  return layout.note_width >= std::min(widest_note, kMinNoteWidth);
}

// The layout of a table with `rows` within kTextWidth columns: notes at the right (wrapped in
// at least kMinNoteWidth columns) with cells of kMaxCellWidth down to kNarrowestBesideNotes
// columns, else notes under their rows with cells down to kMinCellWidth (a longer cell wraps
// inside its column); the widest cells that fit, each width tried with the threads' full names
// as headers, then abbreviated ("T1", with a legend). When even kMinCellWidth columns do not fit:
// one row per step with a column naming its thread (NarrowRows).
Layout ChooseLayout(const Row& full_header, const Row& short_header, const std::vector<Row>& rows,
                    int label_width, int time_width) {
  int widest_note = 0;
  for (const Row& row : rows) widest_note = std::max(widest_note, DisplayWidth(row.note));
  const std::vector<int> widest = WidestCells(rows, full_header.cells.size());
  Layout layout;
  layout.label_width = label_width;
  layout.time_width = time_width;
  // At each cap, widest first, the threads' names before their abbreviations.
  auto fits = [&](int cap, bool abbreviated) {
    layout.abbreviated = abbreviated;
    layout.widths = CappedWidths(abbreviated ? short_header : full_header, widest, cap);
    return layout.notes_below ? TableWidth(layout) <= kTextWidth
                              : FitsWithNotesRight(layout, widest_note);
  };
  for (const bool below : {false, true}) {
    layout.notes_below = below;
    // Cells narrower than kNarrowestBesideNotes put the notes under their rows instead.
    for (int cap = kMaxCellWidth; cap >= (below ? kMinCellWidth : kNarrowestBesideNotes); --cap) {
      if (fits(cap, false) || fits(cap, true)) return layout;
    }
  }
  layout.abbreviated = false;
  layout.notes_below = false;
  layout.narrow = true;
  return layout;
}

// The rows of the narrow layout: a column naming the thread that took the step, and one for
// its operation; the end row becomes a row per unfinished thread.
std::vector<Row> NarrowRows(const Trace& trace, const std::vector<ThreadId>& columns,
                            const std::vector<Row>& rows) {
  std::vector<Row> narrow;
  for (const Row& row : rows) {
    bool first = true;
    for (size_t c = 0; c < row.cells.size(); ++c) {
      if (row.cells[c].empty()) continue;
      Row line;
      line.label = first ? row.label : "";
      line.time = first ? row.time : "";
      line.cells = {trace.threads[columns[c]].name, row.cells[c]};
      line.seeds = {"", c < row.seeds.size() ? row.seeds[c] : ""};
      line.actor = row.actor < 0 ? -1 : 1;
      line.marked = row.marked;
      line.note = first ? row.note : "";
      narrow.push_back(std::move(line));
      first = false;
    }
  }
  return narrow;
}

// The table of `focus`'s steps of the counterexample, under `title` (TableTitle's when empty),
// laid out within kTextWidth columns (ChooseLayout).
std::string TableOf(const Result& result, Focus focus, const std::string& title,
                    const TextReportOptions& options, const WeakMemoryNotes& weak) {
  const Trace& trace = *result.counterexample;
  const bool one_file = OneSourceFile(trace);
  const SeedLines& seeds = SeedLinesOf(result);
  std::vector<std::string> unplaced;
  std::vector<Row> rows = StepRows(trace, result.findings, focus, one_file, weak, seeds, unplaced);
  if (std::optional<Row> end = EndRow(trace, focus, one_file, seeds)) {
    for (const std::string& note : unplaced) AddNote(end->note, note);
    unplaced.clear();
    rows.push_back(std::move(*end));
  }
  bool any_seed = false;
  for (const Row& row : rows) {
    for (const std::string& seed : row.seeds) any_seed = any_seed || !seed.empty();
  }

  Row header;
  header.label = "step";
  header.time = "time";
  Row short_header = header;
  for (ThreadId t : focus.columns) {
    header.cells.push_back(trace.threads[t].name);
    short_header.cells.push_back(ThreadAbbreviation(t));
  }
  int label_width = DisplayWidth(header.label);
  int time_width = 0;
  for (const Row& row : rows) {
    label_width = std::max(label_width, DisplayWidth(row.label));
    if (!row.time.empty()) time_width = std::max(time_width, DisplayWidth(row.time));
  }
  if (time_width > 0) time_width = std::max(time_width, DisplayWidth(header.time));
  Layout layout = ChooseLayout(header, short_header, rows, label_width, time_width);
  if (layout.narrow) {
    rows = NarrowRows(trace, focus.columns, rows);
    header.cells = {"thread", "operation"};
    int name_width = DisplayWidth(header.cells[0]);
    for (const Row& row : rows) name_width = std::max(name_width, DisplayWidth(row.cells[0]));
    layout.widths = {name_width, 0};
    const int rest = kTextWidth - TableWidth(layout);
    int widest_op = DisplayWidth(header.cells[1]);
    int widest_note = 0;
    for (const Row& row : rows) {
      widest_op = std::max(widest_op, DisplayWidth(row.cells[1]));
      widest_note = std::max(widest_note, DisplayWidth(row.note));
    }
    layout.widths[1] = std::max(kMinCellWidth, std::min(widest_op, rest));
    layout.notes_below = !FitsWithNotesRight(layout, widest_note);
  } else if (layout.abbreviated) {
    header.cells = short_header.cells;
  }

  std::string out =
      WrapLines(title.empty() ? TableTitle(trace, focus, result.findings.front().kind) : title) +
      "\n";
  out += RenderRow(header, layout, /*header=*/true, options.color);
  out += Separator(layout);
  for (const Row& row : rows) out += RenderRow(row, layout, /*header=*/false, options.color);
  const std::string hidden = HiddenSummary(trace, focus, unplaced);
  if (!hidden.empty()) out += "\n" + WrapLines(hidden);
  return out + Legend(trace, one_file, layout, focus.columns, any_seed);
}

std::string InterleavingTable(const Result& result, const WeakMemoryNotes& weak,
                              const TextReportOptions& options) {
  return TableOf(result, FocusOn(*result.counterexample, result.findings, options.full, weak), "",
                 options, weak);
}

// A bullet of the weak-memory layer, wrapped at the report's width with a hanging indent.
std::string Bullet(const std::string& text) {
  constexpr int kWidth = 116;
  std::string out;
  std::string_view prefix = "  - ";
  for (const std::string& line : Wrap(text, kWidth - 4)) {
    out += std::string(prefix) + line + "\n";
    prefix = "    ";
  }
  return out;
}

// Under RC11: each weak read (a load that did not read the latest store before it) with why it
// was allowed and what would forbid it, and the modification orders that matter.
std::string WeakMemoryLayer(const Trace& trace, const WeakMemoryNotes& weak) {
  if (!weak.HasWeakReads() && weak.modification_orders.empty()) return "";
  std::string out = "Weak memory (RC11): which store each weak read read, and why it could:\n";
  std::set<std::string> advised;
  for (const auto& [step, read] : weak.reads) {
    if (!read.weak) continue;
    const TraceEvent& event = trace.events[static_cast<size_t>(step - 1)];
    out += Bullet("Step " + std::to_string(step) + " (" + trace.threads[event.thread].name +
                  "): " + trace.Describe(event) + " " + read.source + ", " + read.why + ".");
    if (!read.forbid.empty() && advised.insert(read.forbid).second) {
      out += Bullet("To forbid it: " + read.forbid + ".");
    }
  }
  for (const auto& [object, text] : weak.modification_orders) {
    out += Bullet("Modification order of " + text + ".");
  }
  return out;
}

// The steps an ERROR's execution ran before the error: the last kErrorSteps (every one with
// --full), with every thread that took one of them.
constexpr int kErrorSteps = 30;

std::string ErrorTable(const Result& result, const TextReportOptions& options) {
  const Trace& trace = *result.counterexample;
  const auto steps = static_cast<int>(trace.events.size());
  Focus focus;
  focus.all = options.full || steps <= kErrorSteps;
  std::set<ThreadId> shown;
  for (const TraceEvent& event : trace.events) {
    if (focus.all || event.step > steps - kErrorSteps) {
      if (!focus.all) focus.steps.insert(event.step);
      shown.insert(event.thread);
    }
  }
  if (focus.all) {
    for (ThreadId t = 0; t < static_cast<ThreadId>(trace.threads.size()); ++t) shown.insert(t);
  }
  for (ThreadId t : shown) {
    focus.column_of[t] = static_cast<int>(focus.columns.size());
    focus.columns.push_back(t);
  }
  const std::string title =
      focus.all ? "The execution up to the error (" + Count(steps, "step") + "):\n"
                : "The execution up to the error (its last " + std::to_string(kErrorSteps) +
                      " of " + Count(steps, "step") + "; --full shows every step):\n";
  return TableOf(result, std::move(focus), title, options, ExplainWeakMemory(trace));
}

// ---- Layer 3: the explanation -----------------------------------------------

// The finding's explanation, a line each; its summary when it has none.
std::string Details(const Finding& finding) {
  if (finding.details.empty()) return std::string(kIndent) + "- " + finding.summary + ".\n";
  std::string out;
  for (const std::string& detail : finding.details) {
    out += std::string(kIndent) + "- " + detail + "\n";
  }
  return out;
}

// The main finding's explanation, then every other finding of the same execution.
std::string Explanation(const std::vector<Finding>& findings) {
  std::string out = "Why:\n" + Details(findings.front());
  if (findings.size() > 1) {
    out += "\nAlso in this interleaving:\n";
    for (size_t i = 1; i < findings.size(); ++i) {
      out += std::string(kIndent) + std::string(FindingKindName(findings[i].kind)) + ": " +
             findings[i].summary + "\n" + Details(findings[i]);
    }
  }
  return out;
}

// ---- Layer 2 with --show=log: the log view -----------------------------------

std::string LogLayer(const Result& result, const TextReportOptions& options) {
  return RenderLogView(result, options.typical_run);
}

// ---- Layer 4: counts and coverage -------------------------------------------

// How many interleavings the classes of dpor that ended in `outcome` stand for, when the search
// counted them (ExploreOptions::count_interleavings): " (standing for 1,234 interleavings)", or
// " (standing for at least 1,234 interleavings)" when some classes were not sized (each stands
// for at least one); empty when the search did not count them.
std::string StandsFor(const Result& result, const std::string& outcome) {
  const std::optional<OutcomeInterleavings> n = InterleavingsOf(result, outcome);
  if (!n) return "";
  // A lower bound no larger than the classes themselves says nothing (each stands for one).
  const auto classes = result.outcomes.find(outcome);
  if (!n->exact && classes != result.outcomes.end() && n->interleavings <= classes->second) {
    return "";
  }
  return std::string(" (standing for ") + (n->exact ? "" : "at least ") +
         CountNoun("dfs", n->interleavings) + ")";
}

// What a count of `unit` is not, when it could be taken for a frequency.
std::string CountsCaveat(const std::string& unit) {
  if (unit == "dpor") {
    return "(dpor runs one interleaving of each class, and a class may stand for many "
           "interleavings: a count is not a frequency.)";
  }
  if (unit == "dpor-symmetry") {
    return "(dpor runs one interleaving of each class up to a permutation of the symmetric "
           "threads, and one may stand for many interleavings: a count is not a frequency.)";
  }
  if (unit == "random" || unit == "pct") {
    return "(a sampled run may repeat an interleaving of another.)";
  }
  return "";
}

std::string OutcomeCounts(const Result& result) {
  if (result.outcomes.empty()) return "";
  const int64_t total = result.stats.executions;
  const std::string unit = CountedUnit(result);
  int name_width = 0;
  for (const auto& [outcome, count] : result.outcomes) {
    name_width = std::max(name_width, DisplayWidth(outcome));
  }
  const int count_width = DisplayWidth(WithThousands(total));
  std::string out = "Outcomes over " + CountNoun(unit, total) + ":\n";
  for (const auto& [outcome, count] : result.outcomes) {
    out += std::string(kIndent) + PadRight(outcome, name_width) + "  in " +
           PadLeft(WithThousands(count), count_width) + " of " + ShortCount(unit, total) +
           StandsFor(result, outcome) + "\n";
  }
  if (const std::string caveat = CountsCaveat(unit); !caveat.empty()) {
    out += std::string(kIndent) + caveat + "\n";
  }
  return out;
}

// "Found: LOST UPDATE in 2 of 6 classes; INVARIANT in 2 of 6 classes."
std::string FindingCounts(const Result& result) {
  if (result.finding_counts.empty()) return "";
  std::string out;
  for (const auto& [kind, count] : result.finding_counts) {
    out += (out.empty() ? "Found: " : "; ") + std::string(FindingKindName(kind)) + " in " +
           WithThousands(count) + " of " + ShortCount(CountedUnit(result), result.stats.executions);
  }
  return out + ".\n";
}

}  // namespace

std::string CountedUnit(const Result& result) {
  // --symmetry: classes up to a permutation of the symmetric threads (checker/symmetry.h).
  if (result.strategy == "dpor" && result.stats.duplicate_graphs == 0 &&
      !result.stats.weak_memory && result.settings.count("symmetry") != 0) {
    return "dpor-symmetry";
  }
  return CountUnitOf(result.strategy, result.stats.duplicate_graphs, result.stats.weak_memory);
}

std::string ReplayArguments(const Result& result) {
  const Trace& trace = *result.counterexample;
  const std::string token = ReplayTokenText(result);
  // The schedule only fits the run options it was recorded with.
  const std::string time = trace.time == TimeMode::kAny ? "" : " --time=virtual";
  const std::string spurious = trace.spurious_wakeups ? " --spurious-wakeups" : "";
  // rc11 is the default: an sc schedule names its model (a load's choice means another store).
  const std::string model = trace.memory_model == MemoryModel::kSc ? " --memory-model=sc" : "";
  std::string params;
  for (const auto& [name, value] : result.parameters) {
    params += " --param " + name + "=" + std::to_string(value);
  }
  return "run " + result.scenario + params + time + spurious + model + " --replay=" + token;
}

std::string MinimizationStatement(const Result& result) {
  if (!result.minimization || !result.counterexample) return "";
  const Minimization& m = *result.minimization;
  std::string cost = "a bounded search of " + Count(m.executions, "execution");
  if (m.budget_hit) cost += ", stopped at its budget";
  if (!m.changed) return m.note + " (" + cost + ")";
  return "minimized from " + Count(m.preemptions_before, "preemption") + " and " +
         Count(m.steps_before, "step") + " to " + Count(m.preemptions_after, "preemption") +
         " and " + Count(m.steps_after, "step") + " (" + cost + ")";
}

std::string CoverageStatement(const Result& result) {
  const Statistics& stats = result.stats;
  // Under rc11 the explorer counts execution graphs: other interleavings that reached one again
  // are not executions (Statistics::duplicate_graphs), and the statement says how many. With
  // weak atomics and no such interleaving, each execution is a graph of its own: the statement
  // still names the memory model a PASS covers.
  const bool graphs = stats.duplicate_graphs > 0;
  const std::string executions = graphs || stats.weak_memory
                                     ? Count(stats.executions, "execution graph") + " under RC11"
                                     : Count(stats.executions, "execution");
  const std::string duplicates =
      graphs ? Count(stats.duplicate_graphs, "more interleaving") + " reached " +
                   (stats.duplicate_graphs == 1 ? "a graph" : "graphs") + " already explored"
             : "";
  // "strategy dpor", and the OS threads of a search spread over several (ExploreOptions::jobs).
  std::string strategy = "strategy " + result.strategy;
  if (const auto jobs = result.settings.find("jobs"); jobs != result.settings.end()) {
    strategy += " on " + jobs->second + " OS threads";
  }
  std::string text;
  bool placed = false;  // Whether `duplicates` is in the text already.
  if (result.strategy == "replay") {
    text = "replay of one recorded schedule";
    placed = true;
  } else if (!result.coverage.empty()) {
    text = result.coverage + " (" + executions + ")";
  } else if (const auto symmetry = result.settings.find("symmetry");
             stats.exhaustive && result.strategy == "dpor" && symmetry != result.settings.end()) {
    // --symmetry: the executions and outcome counts count classes up to symmetry.
    text = "exhaustive up to symmetry of " + symmetry->second +
           ": every class of equivalent interleavings explored once up to a permutation of "
           "those threads (" +
           executions + ", " + strategy;
    if (graphs) text += "; " + duplicates;
    placed = true;
    if (stats.pruned > 0) text += "; " + Count(stats.pruned, "redundant execution") + " pruned";
    text += ")";
  } else if (stats.exhaustive && result.strategy == "dpor") {
    text = "exhaustive: every class of equivalent interleavings explored, one execution each (" +
           executions + ", " + strategy;
    if (graphs) text += "; " + duplicates;
    placed = true;
    if (stats.pruned > 0) text += "; " + Count(stats.pruned, "redundant execution") + " pruned";
    text += ")";
  } else if (stats.exhaustive) {
    text = "exhaustive: every interleaving explored (" + executions + ", " + strategy +
           (graphs ? "; " + duplicates : "") + ")";
    placed = true;
  } else if (stats.bound == Bound::kExecutions) {
    // The bound counts every execution run, the pruned ones too (redundant under dpor, another
    // part's under --part): the statement names both, so its number is the bound's.
    text =
        "incomplete: stopped at the bound of " +
        (stats.pruned > 0
             ? Count(stats.executions + stats.pruned + stats.duplicate_graphs, "execution") +
                   " run (" + executions + " and " + Count(stats.pruned, "pruned execution") + ")"
             : executions);
  } else if (stats.bound == Bound::kTime) {
    text = "incomplete: stopped at the time bound, after " + executions;
  } else if (stats.bound == Bound::kMemory) {
    text = "incomplete: an execution's trace grew past the memory bound, after " + executions +
           " (a loop that never ends?)";
  } else if (stats.bound == Bound::kInterrupted) {
    text = "incomplete: interrupted by a signal, after " + executions;
  } else {
    text = "sampled: " + executions + " chosen by strategy " + result.strategy +
           "; other interleavings were not tried";
  }
  if (graphs && !placed) text += "; " + duplicates;
  // An RC11 search with weak atomic operations, stopped by a bound: besides the schedule, it
  // branches on the store each atomic load reads. Under sc a load reads the latest store, so
  // the search is smaller, at the price of the weak-memory behaviour: the user's choice.
  if ((graphs || stats.weak_memory) && !stats.exhaustive &&
      (stats.bound == Bound::kExecutions || stats.bound == Bound::kTime ||
       stats.bound == Bound::kInterrupted)) {
    text +=
        "; under RC11 every store an atomic load may read is a branch: --memory-model=sc "
        "(every atomic operation seq_cst, its weak-memory behaviour unchecked) branches on "
        "the schedule only";
  }
  // The race-free reduction (checker/explorer.h PlainAccesses) held to the end of a search.
  if (const auto plain = result.settings.find("plain_accesses");
      plain != result.settings.end() && plain->second == "race-free reduction" &&
      stats.plain_accesses_inline && stats.search_ended && result.strategy == "dpor" &&
      !result.Found(FindingKind::kDataRace)) {
    text += "; no execution has a data race, so threads switched only at synchronisation";
    // The release reduction (ExploreOptions::releases_inline) held too.
    if (const auto releases = result.settings.find("releases");
        releases != result.settings.end() && releases->second == "release reduction" &&
        stats.releases_inline) {
      text += ", never at a lock's release by its holder";
    }
  }
  if (stats.step_bound_hits > 0) {
    const auto bound = result.settings.find("max_steps");
    const std::string max_steps =
        bound == result.settings.end() ? "" : " (--max-steps=" + bound->second + ")";
    if (result.Found(FindingKind::kLivelock)) {
      // The detector judged the cut-off executions to be spinning: the LIVELOCK finding says
      // why, and the coverage what the search reached.
      text += "; " + Count(stats.step_bound_hits, "execution") + " hit the step bound" + max_steps +
              " (a spin or polling loop, or a livelock?)";
    } else {
      // Executions still making progress were cut off: what they would have done after the
      // bound is unexplored, whatever the search did before it.
      const bool one = stats.step_bound_hits == 1;
      text = "incomplete: " + Count(stats.step_bound_hits, "execution") +
             " reached the step bound" + max_steps + " before " + (one ? "it" : "they") +
             " ended, so what " + (one ? "it" : "they") +
             " would have done next was not explored; raise the bound with --max-steps=N. "
             "Up to the bound: " +
             text;
    }
  }
  // The clock is data the schedule does not choose: the search covers one value per read.
  if (stats.clock_read) {
    text +=
        "; the program read the clock: every read gave the virtual time (a fixed start plus "
        "the virtual microseconds, which stand still in time mode any), so other times a real "
        "clock could give were not explored";
  }
  return text;
}

namespace {

std::string Timing(const Statistics& stats) {
  char seconds[32];
  std::snprintf(seconds, sizeof(seconds), "%.2f s", stats.seconds);
  std::string text = std::string("(") + seconds;
  if (stats.seconds > 0) {
    // Every execution the search ran: those that reached a graph already explored and those
    // a reduction gave up are work too (an RC11 search may run ten times its graphs).
    const int64_t run = stats.executions + stats.duplicate_graphs + stats.pruned;
    const auto rate = static_cast<int64_t>(static_cast<double>(run) / stats.seconds + 0.5);
    text += ", " + WithThousands(rate) + " executions/s";
  }
  return text + ")";
}

std::string Coverage(const Result& result, const TextReportOptions& options) {
  std::string line = "Coverage: " + CoverageStatement(result) + ".";
  if (!result.parameters.empty()) {
    std::string params;
    for (const auto& [name, value] : result.parameters) {
      params += (params.empty() ? "" : ", ") + name + "=" + std::to_string(value);
    }
    line += " Parameters: " + params + ".";
  }
  if (options.show_time) line += " " + Timing(result.stats);
  return line + "\n";
}

// "Counterexample: minimized from ...", a line of layer 4.
std::string MinimizationLine(const Result& result) {
  const std::string statement = MinimizationStatement(result);
  return statement.empty() ? "" : "Counterexample: " + statement + ".\n";
}

// ---- The program's output ------------------------------------------------------

// What the counterexample's execution wrote to stdout and stderr, when it was captured
// (model/output_capture.h: `interleave exec`), each line behind "  | ". Empty: none.
std::string OutputLayer(const Result& result) {
  if (!result.counterexample || result.counterexample->output.empty()) return "";
  const std::string& output = result.counterexample->output;
  std::string lines;
  int64_t count = 0;
  std::size_t from = 0;
  while (from < output.size()) {
    std::size_t to = output.find('\n', from);
    if (to == std::string::npos) to = output.size();
    lines += "  | " + output.substr(from, to - from) + "\n";
    ++count;
    from = to + 1;
  }
  return "The program's output in this execution (stdout and stderr, " + Count(count, "line") +
         "):\n" + lines;
}

// ---- Layer 5: the replay command --------------------------------------------

std::string ReplayCommand(const Result& result, const TextReportOptions& options) {
  if (!options.replay_command.empty()) return WrapCommand("Replay: ", options.replay_command);
  return WrapCommand("Replay: ", options.command + " " + ReplayArguments(result));
}

// ---- The report ----------------------------------------------------------------

// An ERROR (a rule of the model broken, nondeterminism, a crash, a stale replay token): what
// went wrong and where the search stopped, and the execution that met it as far as it ran,
// with the command that runs that schedule again.
std::string RenderError(const Result& result, const TextReportOptions& options) {
  std::string out = WrapLines(Headline(result, options)) + "\nThe search stopped at execution " +
                    WithThousands(result.stats.executions) + " (strategy " + result.strategy +
                    ").\n";
  if (result.counterexample && !result.counterexample->events.empty() &&
      result.strategy != "replay") {
    out += "\n" + ErrorTable(result, options);
    if (const std::string output = OutputLayer(result); !output.empty()) out += "\n" + output;
    out += "\n" + ReplayCommand(result, options);
  } else if (const std::string output = OutputLayer(result); !output.empty()) {
    out += "\n" + output;
  }
  return out;
}

}  // namespace

std::string RenderText(const Result& result, const TextReportOptions& options) {
  if (result.verdict == Verdict::kError) return RenderError(result, options);

  std::vector<std::string> layers = {WrapLines(Headline(result, options))};
  const bool shows_counterexample = result.counterexample && !result.findings.empty();
  if (options.show == TextReportOptions::Show::kLog) {
    layers.push_back(LogLayer(result, options));
  } else if (shows_counterexample) {
    const WeakMemoryNotes weak = ExplainWeakMemory(*result.counterexample);
    layers.push_back(InterleavingTable(result, weak, options));
    if (std::string notes = WeakMemoryLayer(*result.counterexample, weak); !notes.empty()) {
      layers.push_back(std::move(notes));
    }
    layers.push_back(WrapLines(Explanation(result.findings)));
    if (std::string output = OutputLayer(result); !output.empty()) {
      layers.push_back(std::move(output));
    }
  }
  layers.push_back(WrapLines(OutcomeCounts(result) + FindingCounts(result) +
                             Coverage(result, options) +
                             (shows_counterexample ? MinimizationLine(result) : "")));
  if (shows_counterexample && result.verdict == Verdict::kBug) {
    layers.push_back(ReplayCommand(result, options));
  }

  std::string out;
  for (const std::string& layer : layers) {
    out += (out.empty() ? "" : "\n") + layer;
  }
  return out;
}

}  // namespace interleave
