#include "reports/log_view.h"

#include <algorithm>
#include <string>
#include <vector>

#include "reports/format.h"

namespace interleave {
namespace {

constexpr std::string_view kIndent = "  ";

std::string ThreadName(const Trace& trace, ThreadId thread) {
  if (thread < 0 || thread >= static_cast<ThreadId>(trace.threads.size())) return "?";
  return trace.threads[thread].name;
}

// `text` cut into pieces of at most `width` columns, no character dropped (a printed line is
// shown verbatim).
std::vector<std::string> Cut(const std::string& text, int width) {
  std::vector<std::string> pieces;
  std::string piece;
  int columns = 0;
  for (char c : text) {
    const bool starts_code_point = (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    if (starts_code_point && columns == width) {
      pieces.push_back(std::move(piece));
      piece.clear();
      columns = 0;
    }
    piece += c;
    columns += starts_code_point ? 1 : 0;
  }
  pieces.push_back(std::move(piece));
  return pieces;
}

}  // namespace

std::vector<LogLine> LogLines(const Trace& trace) {
  std::vector<LogLine> lines;
  for (const TraceEvent& event : trace.events) {
    if (event.kind != OpKind::kLog) continue;
    lines.push_back({.step = event.step,
                     .thread = event.thread,
                     .thread_name = ThreadName(trace, event.thread),
                     .time = event.time,
                     .text = event.value});
  }
  return lines;
}

std::string LogEnding(const Trace& trace) {
  std::vector<std::string> parts;
  for (const ThreadInfo& info : trace.threads) {
    if (!info.killed) continue;
    parts.push_back(info.name + " was killed at step " + std::to_string(info.killed_at_step) +
                    (info.killed_reason.empty() ? "" : " (" + info.killed_reason + ")"));
  }
  switch (trace.end) {
    case EndReason::kDeadlock: {
      std::string blocked;
      for (const ThreadInfo& info : trace.threads) {
        if (info.finished) continue;
        TraceEvent pending;
        pending.kind = info.pending;
        pending.object = info.pending_object;
        blocked += (blocked.empty() ? "" : "; ") + info.name + " in " + trace.Describe(pending);
      }
      parts.push_back("then no thread can run: the program hangs (" + blocked + ")");
      break;
    }
    case EndReason::kStepBound:
      parts.push_back("then the step bound cut the execution off (a loop that does not end?)");
      break;
    case EndReason::kFailure:
      parts.push_back("then " + ThreadName(trace, trace.failure.thread) +
                      " failed: " + trace.failure.message);
      break;
    case EndReason::kMisuse:
    case EndReason::kError:
      parts.push_back("then the execution stopped: " + trace.error);
      break;
    case EndReason::kFinished:
    case EndReason::kPruned:
    case EndReason::kTimeBound:
    case EndReason::kMemoryBound:
      break;
  }
  std::string text;
  for (const std::string& part : parts) text += (text.empty() ? "" : "; ") + part;
  return text;
}

std::string RenderLog(const Trace& trace) {
  const std::vector<LogLine> lines = LogLines(trace);
  const bool timed = trace.time == TimeMode::kVirtual;
  std::string out;
  if (lines.empty()) {
    out += std::string(kIndent) + "(the program printed nothing)\n";
  } else {
    int step_width = DisplayWidth("step");
    int time_width = DisplayWidth("time");
    int name_width = DisplayWidth("thread");
    for (const LogLine& line : lines) {
      step_width = std::max(step_width, DisplayWidth(std::to_string(line.step)));
      time_width = std::max(time_width, DisplayWidth(VirtualSeconds(line.time)));
      name_width = std::max(name_width, DisplayWidth(line.thread_name));
    }
    // The text column starts after the step, the time and the thread, two spaces apart.
    const int text_at = static_cast<int>(kIndent.size()) + step_width + 2 +
                        (timed ? time_width + 2 : 0) + name_width + 2;
    const int text_width = std::max(20, kTextWidth - text_at);
    auto row = [&](const std::string& step, const std::string& time, const std::string& name,
                   const std::string& text) {
      std::string left = std::string(kIndent) + PadLeft(step, step_width) + "  ";
      if (timed) left += PadRight(time, time_width) + "  ";
      left += PadRight(name, name_width) + "  ";
      std::string rows;
      const std::vector<std::string> pieces = Cut(text, text_width);
      for (size_t i = 0; i < pieces.size(); ++i) {
        std::string line = (i == 0 ? left : std::string(DisplayWidth(left), ' ')) + pieces[i];
        line.erase(line.find_last_not_of(' ') + 1);
        rows += line + "\n";
      }
      return rows;
    };
    out += row("step", "time", "thread", "printed");
    for (const LogLine& line : lines) {
      out += row(std::to_string(line.step), VirtualSeconds(line.time), line.thread_name, line.text);
    }
  }
  if (const std::string ending = LogEnding(trace); !ending.empty()) {
    out += WrapLines(std::string(kIndent) + "- " + ending + "\n");
  }
  if (const std::string outcome = trace.OutcomeText(); !outcome.empty()) {
    out += WrapLines(std::string(kIndent) + "- outcome: " + outcome + "\n");
  }
  return out;
}

namespace {

// "LOST UPDATE, DATA RACE", or "no finding".
std::string FindingKinds(const std::vector<Finding>& findings) {
  std::string text;
  for (const Finding& finding : findings) {
    const std::string kind(FindingKindName(finding.kind));
    if (text.find(kind) != std::string::npos) continue;
    text += (text.empty() ? "" : ", ") + kind;
  }
  return text.empty() ? "no finding" : text;
}

// The logs of the example execution of each outcome (Result::examples).
std::string ExamplesLog(const Result& result) {
  std::string out;
  if (!result.examples.empty()) {
    const std::string unit =
        CountUnitOf(result.strategy, result.stats.duplicate_graphs, result.stats.weak_memory);
    out += WrapLines("The log of one execution of each outcome (the shortest that reached it):\n");
    for (const auto& [outcome, example] : result.examples) {
      const auto count = result.outcomes.find(outcome);
      std::string title = "\n" + std::string(outcome.empty() ? "(no outcome declared)" : outcome);
      if (count != result.outcomes.end()) {
        title += ", in " + WithThousands(count->second) + " of " +
                 ShortCount(unit, result.stats.executions);
      }
      title += " (" + FindingKinds(example.findings) + "):\n";
      out += WrapLines(title) + RenderLog(example.trace);
    }
  }
  return out;
}

}  // namespace

std::string RenderLogView(const Result& result, const Trace* typical) {
  std::vector<std::string> sections;
  if (typical != nullptr) {
    std::string title =
        "The log of a typical run (each thread runs until it blocks or sleeps, a thread just "
        "started runs first, threads woken together run in the order they went to sleep)";
    if (const std::string outcome = typical->OutcomeText(); !outcome.empty()) {
      title += "; outcome " + outcome;
    }
    sections.push_back(WrapLines(title + ":\n") + RenderLog(*typical));
  }
  if (result.counterexample && !result.findings.empty()) {
    const Trace& trace = *result.counterexample;
    std::string title = "The log of the counterexample (" + FindingKinds(result.findings);
    if (const std::string outcome = trace.OutcomeText(); !outcome.empty()) {
      title += "; outcome " + outcome;
    }
    sections.push_back(WrapLines(title + "):\n") + RenderLog(trace));
  }
  if (std::string examples = ExamplesLog(result); !examples.empty()) {
    sections.push_back(std::move(examples));
  }
  if (sections.empty()) return "No execution to show (the search ran none to its end).\n";
  std::string out;
  for (const std::string& section : sections) out += (out.empty() ? "" : "\n") + section;
  return out;
}

}  // namespace interleave
