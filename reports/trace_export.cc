#include "reports/trace_export.h"

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "model/execution.h"
#include "reports/version.h"

namespace interleave {
namespace {

// The execution to export and its findings: the counterexample, else the example of the
// outcome most executions reached (first in outcome order on ties).
struct Shown {
  const Trace* trace = nullptr;
  const std::vector<Finding>* findings = nullptr;
  std::string what;
};

Shown ShownExecution(const Result& result) {
  if (result.counterexample) return {&*result.counterexample, &result.findings, "counterexample"};
  const std::string* best = nullptr;
  int64_t most = -1;
  for (const auto& [outcome, count] : result.outcomes) {
    if (count > most && result.examples.contains(outcome)) {
      best = &outcome;
      most = count;
    }
  }
  if (best == nullptr && !result.examples.empty()) best = &result.examples.begin()->first;
  if (best == nullptr) return {};
  const OutcomeExample& example = result.examples.at(*best);
  return {&example.trace, &example.findings,
          "the shortest execution that ends in " + *best + " (no counterexample)"};
}

}  // namespace

std::optional<std::string> RenderChromeTrace(const Result& result) {
  const Shown shown = ShownExecution(result);
  if (shown.trace == nullptr) return std::nullopt;
  using json = nlohmann::ordered_json;
  const Trace& trace = *shown.trace;
  std::map<int, std::string> marks;
  for (const Finding& finding : *shown.findings) {
    for (const StepMark& mark : finding.marks) {
      std::string& text = marks[mark.step];
      text += (text.empty() ? "" : "; ") + std::string(FindingKindName(finding.kind)) + ": " +
              mark.label;
    }
  }

  // Where each step goes on the time axis (see the header).
  const bool virtual_time = trace.time == TimeMode::kVirtual;
  std::vector<int64_t> ts(trace.events.size());
  for (size_t i = 0; i < trace.events.size(); ++i) {
    const TraceEvent& event = trace.events[i];
    ts[i] = virtual_time ? std::max(event.time, i == 0 ? event.time : ts[i - 1] + 1) : event.step;
  }
  // Virtual time: each sleep began right after its thread's previous step (or the step that
  // started the thread); its slice spans from there to its wake-up.
  std::map<size_t, int64_t> sleep_start;  // Event index -> ts where the sleep began.
  if (virtual_time) {
    std::map<ObjectId, ThreadId> thread_of;
    for (size_t t = 0; t < trace.threads.size(); ++t) {
      thread_of[trace.threads[t].object] = static_cast<ThreadId>(t);
    }
    std::map<ThreadId, size_t> previous;
    for (size_t i = 0; i < trace.events.size(); ++i) {
      const TraceEvent& event = trace.events[i];
      if (event.kind == OpKind::kSleep) {
        const auto it = previous.find(event.thread);
        const int64_t start = it == previous.end() ? 0 : ts[it->second] + 1;
        if (start < ts[i]) sleep_start[i] = start;
      }
      previous[event.thread] = i;
      if (event.kind == OpKind::kStart) {
        const auto started = thread_of.find(event.object);
        if (started != thread_of.end() && started->second != event.thread) {
          previous[started->second] = i;
        }
      }
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
  for (size_t i = 0; i < trace.events.size(); ++i) {
    const TraceEvent& event = trace.events[i];
    json args = {{"step", event.step},
                 {"operation", OpKindName(event.kind)},
                 {"line", event.where.ToString()},
                 {"virtual_time_us", event.time}};
    if (!event.value.empty()) args["value"] = event.value;
    if (event.object != kNoObject) args["object"] = trace.objects[event.object].name;
    if (event.timed_out) args["timed_out"] = true;
    const auto mark = marks.find(event.step);
    if (mark != marks.end()) args["mark"] = mark->second;
    int64_t start = ts[i];
    if (const auto sleep = sleep_start.find(i); sleep != sleep_start.end()) {
      start = sleep->second;
      args["sleep_began_us"] = start;
    }
    events.push_back({{"ph", "X"},
                      {"name", trace.Describe(event)},
                      {"cat", mark != marks.end() ? "marked" : "step"},
                      {"pid", kPid},
                      {"tid", event.thread},
                      {"ts", start},
                      {"dur", ts[i] + 1 - start},
                      {"args", args}});
  }
  // Where each unfinished thread stood when the execution ended.
  const int64_t end = ts.empty() ? 1 : ts.back() + 1;
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
  const std::string axis =
      virtual_time ? "virtual time in microseconds (steps at the same instant 1 us apart)"
                   : "step number (1 us per step)";
  const json document = {{"traceEvents", events},
                         {"displayTimeUnit", "ns"},
                         {"otherData",
                          {{"tool", std::string("interleave ") + kToolVersion},
                           {"scenario", result.scenario},
                           {"verdict", verdict},
                           {"execution", shown.what},
                           {"time_axis", axis}}}};
  return document.dump(1) + "\n";
}

}  // namespace interleave
