#include "reports/trace_export.h"

#include <map>
#include <nlohmann/json.hpp>
#include <string>

#include "reports/version.h"

namespace interleave {

std::optional<std::string> RenderChromeTrace(const Result& result) {
  if (!result.counterexample) return std::nullopt;
  using json = nlohmann::ordered_json;
  const Trace& trace = *result.counterexample;
  std::map<int, std::string> marks;
  for (const Finding& finding : result.findings) {
    for (const StepMark& mark : finding.marks) {
      std::string& text = marks[mark.step];
      text += (text.empty() ? "" : "; ") + std::string(FindingKindName(finding.kind)) + ": " +
              mark.label;
    }
  }

  constexpr int kPid = 1;
  json events = json::array();
  events.push_back({{"ph", "M"},
                    {"name", "process_name"},
                    {"pid", kPid},
                    {"args", {{"name", result.scenario}}}});
  for (size_t t = 0; t < trace.threads.size(); ++t) {
    events.push_back({{"ph", "M"},
                      {"name", "thread_name"},
                      {"pid", kPid},
                      {"tid", t},
                      {"args", {{"name", trace.threads[t].name}}}});
    events.push_back({{"ph", "M"},
                      {"name", "thread_sort_index"},
                      {"pid", kPid},
                      {"tid", t},
                      {"args", {{"sort_index", t}}}});
  }
  for (const TraceEvent& event : trace.events) {
    json args = {{"step", event.step},
                 {"operation", OpKindName(event.kind)},
                 {"line", event.where.ToString()},
                 {"virtual_time_us", event.time}};
    if (!event.value.empty()) args["value"] = event.value;
    if (event.object != kNoObject) args["object"] = trace.objects[event.object].name;
    if (event.timed_out) args["timed_out"] = true;
    const auto mark = marks.find(event.step);
    if (mark != marks.end()) args["mark"] = mark->second;
    events.push_back({{"ph", "X"},
                      {"name", trace.Describe(event)},
                      {"cat", mark != marks.end() ? "marked" : "step"},
                      {"pid", kPid},
                      {"tid", event.thread},
                      {"ts", event.step},
                      {"dur", 1},
                      {"args", args}});
  }
  // Where each unfinished thread stood when the execution ended.
  const int end = static_cast<int>(trace.events.size()) + 1;
  for (size_t t = 0; t < trace.threads.size(); ++t) {
    const ThreadInfo& info = trace.threads[t];
    if (info.finished) continue;
    std::string what = info.killed ? "killed: " + info.killed_reason
                       : info.blocked
                           ? std::string("blocked in ") + std::string(OpKindName(info.pending))
                           : std::string("about to ") + std::string(OpKindName(info.pending));
    events.push_back({{"ph", "i"},
                      {"name", what},
                      {"s", "t"},
                      {"pid", kPid},
                      {"tid", t},
                      {"ts", end},
                      {"args", {{"line", info.pending_where.ToString()}}}});
  }

  std::string verdict(VerdictName(result.verdict));
  if (!result.findings.empty()) {
    verdict += " (" + std::string(FindingKindName(result.findings.front().kind)) + ")";
  }
  const json document = {{"traceEvents", events},
                         {"displayTimeUnit", "ns"},
                         {"otherData",
                          {{"tool", std::string("interleave ") + kToolVersion},
                           {"scenario", result.scenario},
                           {"verdict", verdict},
                           {"time_axis", "step number (1 us per step)"}}}};
  return document.dump(1) + "\n";
}

}  // namespace interleave
