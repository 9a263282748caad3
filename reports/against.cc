#include "reports/against.h"

#include <algorithm>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

#include "checker/verdict.h"

namespace interleave {
namespace {

constexpr std::size_t kCell = 52;  // Two cells, their step numbers and the bar: 120 columns.

std::string Fit(const std::string& text, std::size_t width) {
  if (text.size() <= width) return text + std::string(width - text.size(), ' ');
  return text.substr(0, width - 3) + "...";
}

std::string StepText(const Trace& trace, const TraceEvent& event) {
  const std::string& thread = trace.threads[event.thread].name;
  return thread + ": " + trace.Describe(event) + " :" + std::to_string(event.where.line);
}

std::string Number(int n) {
  char text[16];
  std::snprintf(text, sizeof text, "%4d", n);
  return text;
}

std::string JsonString(const std::string& text) {
  return nlohmann::json(text).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

// One row of the side-by-side table: a bug step, a fix step, or both (index -1: none).
struct Row {
  int bug = -1;                          // Index into the bug's events.
  int fix = -1;                          // Index into the fix's events.
  const Deviation* deviation = nullptr;  // Shown before the row.
};

std::vector<Row> Rows(const AgainstReport& report) {
  const Trace& bug = *report.bug_result.counterexample;
  const FollowResult& followed = report.followed;
  std::vector<Row> rows;
  std::vector<bool> shown(bug.events.size(), false);
  std::size_t next_bug = 0;  // Bug steps before it are shown (or matched later).
  std::size_t deviation = 0;
  for (std::size_t i = 0; i < followed.trace.events.size(); ++i) {
    Row row{.fix = static_cast<int>(i)};
    while (deviation < followed.deviations.size() &&
           followed.deviations[deviation].step <= static_cast<int>(i) + 1) {
      rows.push_back({.deviation = &followed.deviations[deviation++]});
    }
    const int matched = i < followed.matched.size() ? followed.matched[i] : -1;
    if (matched >= 0) {
      // The bug's earlier steps that the fix skipped (threads that finished early, steps the
      // fix does not have) come first, alone.
      for (; next_bug < static_cast<std::size_t>(matched); ++next_bug) {
        if (!shown[next_bug] && std::find(followed.matched.begin(), followed.matched.end(),
                                          static_cast<int>(next_bug)) == followed.matched.end()) {
          rows.push_back({.bug = static_cast<int>(next_bug)});
          shown[next_bug] = true;
        }
      }
      row.bug = matched;
      shown[matched] = true;
    }
    rows.push_back(row);
  }
  for (; deviation < followed.deviations.size(); ++deviation) {
    rows.push_back({.deviation = &followed.deviations[deviation]});
  }
  for (std::size_t b = 0; b < bug.events.size(); ++b) {
    if (!shown[b]) rows.push_back({.bug = static_cast<int>(b)});
  }
  return rows;
}

std::string Headline(const Result& result) {
  if (!result.findings.empty()) {
    return std::string(VerdictName(result.verdict)) + ": " +
           std::string(FindingKindName(result.findings.front().kind)) + ": " +
           result.findings.front().summary;
  }
  return std::string(VerdictName(result.verdict));
}

std::string OutcomeOf(const Trace& trace) {
  const std::string outcome = trace.OutcomeText();
  return outcome.empty() ? std::string(EndReasonName(trace.end)) : outcome;
}

std::string DeviationText(const AgainstReport& report, const Deviation& d) {
  const Trace& bug = *report.bug_result.counterexample;
  const Trace& fix = report.followed.trace;
  const TraceEvent& wanted = bug.events[d.wanted];
  return "the bug's step " + std::to_string(wanted.step) + " (" + StepText(bug, wanted) +
         ") cannot run at the fix's step " + std::to_string(d.step) + ": " +
         fix.threads[d.thread].name + " is " + d.why + "; " + fix.threads[d.ran].name +
         " runs instead";
}

// The deviation that says most about the fix: the first where the wanted thread waits for a
// lock, else for an object the bug does not have (the fix's own), else the first.
const Deviation& Decisive(const AgainstReport& report) {
  const std::vector<Deviation>& deviations = report.followed.deviations;
  for (const Deviation& d : deviations) {
    if (d.op == OpKind::kAcquire) return d;
  }
  const Trace& bug = *report.bug_result.counterexample;
  for (const Deviation& d : deviations) {
    const bool in_bug = std::any_of(bug.objects.begin(), bug.objects.end(),
                                    [&](const ObjectInfo& o) { return o.name == d.object; });
    if (!d.object.empty() && !in_bug) return d;
  }
  return deviations.front();
}

// The operations the fix adds on this schedule (its own steps, logs and exit waits aside):
// " The fix's own steps: write available (p), read available (c1, c2)."; empty when none.
std::string OwnSteps(const AgainstReport& report) {
  const Trace& fix = report.followed.trace;
  std::vector<std::pair<std::string, std::vector<std::string>>> ops;  // In order met.
  for (std::size_t i = 0; i < fix.events.size() && i < report.followed.matched.size(); ++i) {
    const TraceEvent& event = fix.events[i];
    if (report.followed.matched[i] >= 0 || event.kind == OpKind::kLog ||
        event.kind == OpKind::kExitWait) {
      continue;
    }
    std::string op(OpKindName(event.kind));
    if (event.object != kNoObject) op += " " + fix.objects[event.object].name;
    const std::string& thread = fix.threads[event.thread].name;
    auto it = std::find_if(ops.begin(), ops.end(), [&](const auto& o) { return o.first == op; });
    if (it == ops.end()) {
      ops.push_back({op, {thread}});
    } else if (std::find(it->second.begin(), it->second.end(), thread) == it->second.end()) {
      it->second.push_back(thread);
    }
  }
  if (ops.empty()) return "";
  std::string text = " The fix's own steps on it:";
  for (std::size_t i = 0; i < ops.size(); ++i) {
    text += (i == 0 ? " " : ", ") + ops[i].first + " (";
    for (std::size_t t = 0; t < ops[i].second.size(); ++t) {
      text += (t == 0 ? "" : ", ") + ops[i].second[t];
    }
    text += ")";
  }
  return text + ".";
}

std::string ConclusionText(const AgainstReport& report) {
  const Result& bug = report.bug_result;
  const std::string kind = std::string(FindingKindName(bug.findings.front().kind));
  switch (ConclusionOf(report)) {
    case AgainstConclusion::kImpossible: {
      const Deviation& d = Decisive(report);
      return "IMPOSSIBLE: the fix makes the bug's schedule impossible: " +
             report.followed.trace.threads[d.thread].name + " is " + d.why + ". " +
             "The fix's run ends " + OutcomeOf(report.followed.trace) + " with " +
             (report.fix_result.findings.empty() ? "no finding"
                                                 : report.fix_result.findings.front().summary) +
             ".";
    }
    case AgainstConclusion::kHarmless:
      return "HARMLESS: the fix runs the bug's whole schedule, but the " + kind +
             " is gone: the fix's run ends " + OutcomeOf(report.followed.trace) +
             " (the bug's: " + OutcomeOf(*bug.counterexample) + ")." + OwnSteps(report);
    case AgainstConclusion::kNotFixed:
      return "NOT FIXED: on the bug's schedule the fix reaches " + kind +
             " too: " + report.fix_result.findings.front().summary;
  }
  return "";
}

}  // namespace

std::string Wrap(const std::string& text, const std::string& first, const std::string& indent) {
  constexpr std::size_t kWidth = 120;
  std::string out;
  std::string prefix = first;
  std::string rest = text;
  // Breaks at the last space that fits; the text's own runs of spaces stay as they are.
  while (prefix.size() + rest.size() > kWidth) {
    const std::size_t room = kWidth > prefix.size() ? kWidth - prefix.size() : 0;
    std::size_t space = rest.rfind(' ', room);
    if (space == std::string::npos || space == 0) space = rest.find(' ', room);
    if (space == std::string::npos) break;  // One long word: left as it is.
    std::size_t end = space;
    while (end > 0 && rest[end - 1] == ' ') --end;
    out += prefix + rest.substr(0, end) + "\n";
    const std::size_t next = rest.find_first_not_of(' ', space);
    rest = next == std::string::npos ? "" : rest.substr(next);
    prefix = indent;
    if (rest.empty()) return out;
  }
  return out + prefix + rest + "\n";
}

AgainstConclusion ConclusionOf(const AgainstReport& report) {
  const FindingKind kind = report.bug_result.findings.front().kind;
  for (const Finding& finding : report.fix_result.findings) {
    if (finding.kind == kind) return AgainstConclusion::kNotFixed;
  }
  return report.followed.deviations.empty() ? AgainstConclusion::kHarmless
                                            : AgainstConclusion::kImpossible;
}

std::string_view ConclusionName(AgainstConclusion conclusion) {
  switch (conclusion) {
    case AgainstConclusion::kImpossible:
      return "impossible";
    case AgainstConclusion::kHarmless:
      return "harmless";
    case AgainstConclusion::kNotFixed:
      return "not fixed";
  }
  return "";
}

std::string RenderAgainstText(const AgainstReport& report) {
  const Trace& bug = *report.bug_result.counterexample;
  const Trace& fix = report.followed.trace;
  std::string text;
  text += Wrap(report.bug + ": " + Headline(report.bug_result), "The bug  ", "  ");
  text += "  its counterexample: " + std::to_string(bug.events.size()) + " steps, " +
          std::to_string(bug.Preemptions()) +
          (bug.Preemptions() == 1 ? " preemption" : " preemptions") + ", ends " + OutcomeOf(bug) +
          "\n";
  text += Wrap(
      report.fix + ", following the bug's schedule by thread names: " + Headline(report.fix_result),
      "The fix  ", "  ");
  text += "  " + std::to_string(fix.events.size()) + " steps, ends " + OutcomeOf(fix) + "; " +
          std::to_string(report.followed.deviations.size()) +
          (report.followed.deviations.size() == 1 ? " place" : " places") +
          " where the bug's schedule cannot be taken\n\n";
  text += "step  " + Fit("bug: " + report.bug, kCell) + " | step  fix: " + report.fix + "\n";
  text += std::string(6 + kCell, '-') + "-+-" + std::string(6 + kCell, '-') + "\n";
  for (const Row& row : Rows(report)) {
    if (row.deviation != nullptr) {
      text += Wrap(DeviationText(report, *row.deviation), "  >> ", "     ");
      continue;
    }
    std::string line;
    if (row.bug >= 0) {
      line +=
          Number(bug.events[row.bug].step) + "  " + Fit(StepText(bug, bug.events[row.bug]), kCell);
    } else {
      line += std::string(6 + kCell, ' ');
    }
    line += " | ";
    if (row.fix >= 0) {
      line += Number(fix.events[row.fix].step) + (row.bug < 0 ? "+ " : "  ") +
              StepText(fix, fix.events[row.fix]);
    } else {
      line += "   -  (not in the fix's run)";
    }
    if (line.size() > 120) line = line.substr(0, 117) + "...";
    while (!line.empty() && line.back() == ' ') line.pop_back();
    text += line + "\n";
  }
  text += "\n" + Wrap(ConclusionText(report), "", "  ");
  text +=
      "  :N is a line of the scenario's source file; N+ a step of the fix's own, which the bug's "
      "run does "
      "not\n  have (a lock, a sentinel, a predicate); -: a step of the bug's that the fix does not "
      "take.\n";
  return text;
}

std::string RenderAgainstJson(const AgainstReport& report) {
  const Trace& bug = *report.bug_result.counterexample;
  const Trace& fix = report.followed.trace;
  auto steps = [](const Trace& trace) {
    std::string out = "[";
    for (const TraceEvent& event : trace.events) {
      if (out.size() > 1) out += ",";
      out += "{\"step\":" + std::to_string(event.step) +
             ",\"thread\":" + JsonString(trace.threads[event.thread].name) +
             ",\"operation\":" + JsonString(trace.Describe(event)) +
             ",\"line\":" + JsonString(event.where.ToString()) + "}";
    }
    return out + "]";
  };
  auto findings = [](const Result& result) {
    std::string out = "[";
    for (const Finding& finding : result.findings) {
      if (out.size() > 1) out += ",";
      out += "{\"kind\":" + JsonString(std::string(FindingKindName(finding.kind))) +
             ",\"summary\":" + JsonString(finding.summary) + "}";
    }
    return out + "]";
  };
  std::string rows = "[";
  for (const Row& row : Rows(report)) {
    if (row.deviation != nullptr) continue;
    if (rows.size() > 1) rows += ",";
    rows += "{\"bug_step\":" +
            (row.bug >= 0 ? std::to_string(bug.events[row.bug].step) : std::string("null")) +
            ",\"fix_step\":" +
            (row.fix >= 0 ? std::to_string(fix.events[row.fix].step) : std::string("null")) + "}";
  }
  rows += "]";
  std::string deviations = "[";
  for (const Deviation& d : report.followed.deviations) {
    if (deviations.size() > 1) deviations += ",";
    deviations += "{\"fix_step\":" + std::to_string(d.step) +
                  ",\"bug_step\":" + std::to_string(bug.events[d.wanted].step) +
                  ",\"thread\":" + JsonString(fix.threads[d.thread].name) +
                  ",\"why\":" + JsonString(d.why) +
                  ",\"ran_instead\":" + JsonString(fix.threads[d.ran].name) +
                  ",\"text\":" + JsonString(DeviationText(report, d)) + "}";
  }
  deviations += "]";
  std::string out = "{\"against\":1";
  out += ",\"bug\":{\"scenario\":" + JsonString(report.bug) +
         ",\"verdict\":" + JsonString(std::string(VerdictName(report.bug_result.verdict))) +
         ",\"findings\":" + findings(report.bug_result) +
         ",\"outcome\":" + JsonString(OutcomeOf(bug)) +
         ",\"preemptions\":" + std::to_string(bug.Preemptions()) + ",\"steps\":" + steps(bug) + "}";
  out += ",\"fix\":{\"scenario\":" + JsonString(report.fix) +
         ",\"verdict\":" + JsonString(std::string(VerdictName(report.fix_result.verdict))) +
         ",\"findings\":" + findings(report.fix_result) +
         ",\"outcome\":" + JsonString(OutcomeOf(fix)) + ",\"steps\":" + steps(fix) + "}";
  out += ",\"rows\":" + rows + ",\"deviations\":" + deviations;
  out += ",\"conclusion\":" + JsonString(std::string(ConclusionName(ConclusionOf(report))));
  out += ",\"message\":" + JsonString(ConclusionText(report)) + "}\n";
  return out;
}

}  // namespace interleave
