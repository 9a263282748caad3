#include "reports/format.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace interleave {

std::string WithThousands(int64_t n) {
  std::string digits = std::to_string(n < 0 ? -n : n);
  for (int i = static_cast<int>(digits.size()) - 3; i > 0; i -= 3) digits.insert(i, ",");
  return n < 0 ? "-" + digits : digits;
}

// ---- What a count counts ------------------------------------------------------------------

std::string CountUnitOf(std::string_view strategy, int64_t duplicate_graphs, bool weak_memory) {
  return duplicate_graphs > 0 || weak_memory ? "graphs" : std::string(strategy);
}

std::string UnitNoun(std::string_view strategy, int64_t n) {
  const bool one = n == 1;
  if (strategy == "dpor") {
    return one ? "class of equivalent interleavings" : "classes of equivalent interleavings";
  }
  if (strategy == "dpor-symmetry") {  // --symmetry (checker/symmetry.h).
    return one ? "class of equivalent interleavings up to symmetry"
               : "classes of equivalent interleavings up to symmetry";
  }
  if (strategy == "dfs" || strategy == "bounded") return one ? "interleaving" : "interleavings";
  if (strategy == "random" || strategy == "pct") return one ? "sampled run" : "sampled runs";
  if (strategy == "native") return one ? "run" : "runs";
  if (strategy == "replay") return one ? "replayed schedule" : "replayed schedules";
  if (strategy == "graphs") return one ? "execution graph" : "execution graphs";
  return one ? "execution" : "executions";
}

std::string CountNoun(std::string_view strategy, int64_t n) {
  return WithThousands(n) + " " + UnitNoun(strategy, n);
}

std::string ShortUnitNoun(std::string_view strategy) {
  if (strategy == "dpor" || strategy == "dpor-symmetry") return "classes";
  if (strategy == "dfs" || strategy == "bounded") return "interleavings";
  if (strategy == "random" || strategy == "pct" || strategy == "native") return "runs";
  if (strategy == "graphs") return "graphs";
  return "executions";
}

std::string ShortCount(std::string_view strategy, int64_t n) {
  std::string noun = ShortUnitNoun(strategy);
  if (n == 1) noun = noun == "classes" ? "class" : noun.substr(0, noun.size() - 1);
  return WithThousands(n) + " " + noun;
}

// ---- Virtual time ---------------------------------------------------------------------------

std::string VirtualSeconds(int64_t microseconds) {
  const bool negative = microseconds < 0;
  const int64_t us = negative ? -microseconds : microseconds;
  char text[48];
  if (us % 1000 == 0) {
    std::snprintf(text, sizeof text, "%s%lld.%03llds", negative ? "-" : "",
                  static_cast<long long>(us / 1'000'000),
                  static_cast<long long>(us % 1'000'000 / 1000));
  } else {
    std::snprintf(text, sizeof text, "%s%lld.%06llds", negative ? "-" : "",
                  static_cast<long long>(us / 1'000'000), static_cast<long long>(us % 1'000'000));
  }
  return text;
}

int64_t StepStartMicros(const TraceEvent& event) {
  if (event.kind != OpKind::kSleep || event.value.empty()) return event.time;
  char* end = nullptr;
  const double seconds = std::strtod(event.value.c_str(), &end);
  if (end == event.value.c_str() || !std::isfinite(seconds) || seconds <= 0) return event.time;
  const auto duration = static_cast<int64_t>(std::llround(seconds * 1e6));
  return std::max<int64_t>(0, event.time - duration);
}

// ---- Text width ---------------------------------------------------------------------------

namespace {

bool IsUtf8Continuation(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

// The byte offset where the first `width` code points of `text` end.
size_t PrefixBytes(std::string_view text, int width) {
  size_t i = 0;
  for (int taken = 0; i < text.size(); ++i) {
    if (!IsUtf8Continuation(text[i]) && taken++ == width) break;
  }
  return i;
}

}  // namespace

int DisplayWidth(std::string_view text) {
  return static_cast<int>(
      std::count_if(text.begin(), text.end(), [](char c) { return !IsUtf8Continuation(c); }));
}

std::string PadRight(const std::string& text, int width) {
  return text + std::string(std::max(0, width - DisplayWidth(text)), ' ');
}

std::string PadLeft(const std::string& text, int width) {
  return std::string(std::max(0, width - DisplayWidth(text)), ' ') + text;
}

std::vector<std::string> Wrap(std::string_view text, int width) {
  width = std::max(width, 1);
  std::vector<std::string> lines;
  while (DisplayWidth(text) > width) {
    const size_t limit = PrefixBytes(text, width);
    // The last space at or before the limit: the line ends before it, the next begins after.
    size_t cut = text.rfind(' ', limit);
    size_t resume = cut + 1;
    if (cut == std::string_view::npos || cut == 0) cut = resume = limit;
    lines.emplace_back(text.substr(0, cut));
    text.remove_prefix(resume);
  }
  lines.emplace_back(text);
  return lines;
}

std::string WrapLines(const std::string& text, int width) {
  std::string out;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    const bool newline = end != std::string::npos;
    if (!newline) end = text.size();
    const std::string_view line(text.data() + start, end - start);
    if (DisplayWidth(line) <= width) {
      out += line;
    } else {
      // A continuation goes two columns right of the line's own indent (under a bullet's text).
      size_t indent = line.find_first_not_of(' ');
      if (indent == std::string_view::npos) indent = 0;
      indent = std::min<size_t>(indent + 2, static_cast<size_t>(width) / 2);
      const std::string pad(indent, ' ');
      std::vector<std::string> parts = Wrap(line, width);
      // Re-wrap the rest under the indent.
      out += parts.front();
      std::string rest;
      for (size_t i = 1; i < parts.size(); ++i) rest += (i > 1 ? " " : "") + parts[i];
      for (const std::string& part : Wrap(rest, width - static_cast<int>(indent))) {
        out += "\n" + pad + part;
      }
    }
    if (newline) out += "\n";
    start = end + 1;
  }
  return out;
}

std::string WrapCommand(const std::string& prefix, const std::string& command, int width) {
  if (DisplayWidth(prefix) + DisplayWidth(command) <= width) return prefix + command + "\n";
  width = std::max(width, 16);
  std::vector<std::string> lines;
  std::string line = prefix;
  bool empty = true;  // No word on `line` yet.
  size_t start = 0;
  while (start <= command.size()) {
    size_t end = command.find(' ', start);
    if (end == std::string::npos) end = command.size();
    const std::string word = command.substr(start, end - start);
    start = end + 1;
    if (word.empty()) continue;
    if (empty || DisplayWidth(line) + 1 + DisplayWidth(word) + 2 <= width) {
      line += (empty ? "" : " ") + word;
      empty = false;
    } else {
      lines.push_back(line);
      line = "    " + word;
    }
  }
  lines.push_back(line);
  std::string out;
  for (size_t i = 0; i < lines.size(); ++i) {
    std::string_view rest = lines[i];
    // A word too long for a line: cut inside it, the rest at column 0 of the next.
    while (DisplayWidth(rest) > width - (i + 1 < lines.size() ? 2 : 0)) {
      const size_t cut = PrefixBytes(rest, width - 1);
      out += std::string(rest.substr(0, cut)) + "\\\n";
      rest.remove_prefix(cut);
    }
    out += std::string(rest) + (i + 1 < lines.size() ? " \\\n" : "\n");
  }
  return out;
}

// ---- Steps ----------------------------------------------------------------------------------

namespace {

bool IsKind(const Trace& trace, ObjectId object, ObjectKind kind) {
  return object >= 0 && object < static_cast<ObjectId>(trace.objects.size()) &&
         trace.objects[object].kind == kind;
}

bool SameLine(const SourceLine& a, const SourceLine& b) {
  return a.line == b.line && std::strcmp(a.file, b.file) == 0;
}

}  // namespace

bool BeginsConditionWait(const Trace& trace, const TraceEvent& event) {
  if (event.kind != OpKind::kRelease || event.thread < 0 ||
      event.thread >= static_cast<ThreadId>(trace.threads.size())) {
    return false;
  }
  // The thread's next step, or the operation it was left in.
  for (size_t i = static_cast<size_t>(std::max(event.step, 0)); i < trace.events.size(); ++i) {
    const TraceEvent& next = trace.events[i];
    if (next.thread != event.thread) continue;
    return next.kind == OpKind::kWait && IsKind(trace, next.object, ObjectKind::kCondition) &&
           SameLine(next.where, event.where);
  }
  const ThreadInfo& info = trace.threads[event.thread];
  return !info.finished && info.pending == OpKind::kWait &&
         IsKind(trace, info.pending_object, ObjectKind::kCondition) &&
         SameLine(info.pending_where, event.where);
}

namespace {

// The condition whose wait `release` begins (BeginsConditionWait is true).
ObjectId WaitedCondition(const Trace& trace, const TraceEvent& release) {
  for (size_t i = static_cast<size_t>(std::max(release.step, 0)); i < trace.events.size(); ++i) {
    if (trace.events[i].thread == release.thread) return trace.events[i].object;
  }
  return trace.threads[release.thread].pending_object;
}

}  // namespace

std::string HtmlEscape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string ScriptSafe(std::string_view json) {
  std::string out;
  out.reserve(json.size());
  for (char c : json) {
    if (c == '<') {
      out += "\\u003c";
    } else {
      out += c;
    }
  }
  return out;
}

std::string DescribeStep(const Trace& trace, const TraceEvent& event) {
  if (BeginsConditionWait(trace, event)) {
    const ObjectId condition = WaitedCondition(trace, event);
    return "wait " + trace.objects[condition].name + " (releases " +
           trace.objects[event.object].name + ")";
  }
  if (event.kind == OpKind::kWait && IsKind(trace, event.object, ObjectKind::kCondition)) {
    const std::string& name = trace.objects[event.object].name;
    if (event.value == "waiting") return "wait " + name + " (joins its waiters)";
    if (event.value == "mutex not held") return "wait " + name + " (mutex not held)";
    return event.timed_out ? "wait " + name + " timed out" : "woken from wait " + name;
  }
  return trace.Describe(event);
}

}  // namespace interleave
