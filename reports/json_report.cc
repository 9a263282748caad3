#include "reports/json_report.h"

#include <nlohmann/json.hpp>
#include <string>

#include "model/execution.h"
#include "reports/replay_token.h"
#include "reports/text_report.h"
#include "reports/version.h"

namespace interleave {
namespace {

using json = nlohmann::ordered_json;

std::string_view BoundName(Bound bound) {
  switch (bound) {
    case Bound::kNone:
      return "none";
    case Bound::kExecutions:
      return "executions";
    case Bound::kTime:
      return "time";
    case Bound::kMemory:
      return "memory";
    case Bound::kInterrupted:
      return "interrupted";
  }
  return "none";
}

json Line(const SourceLine& where) { return {{"file", where.file}, {"line", where.line}}; }

json ThreadName(const Trace* trace, ThreadId thread) {
  if (trace == nullptr || thread < 0 || thread >= static_cast<int>(trace->threads.size())) {
    return nullptr;
  }
  return trace->threads[thread].name;
}

json ObjectName(const Trace* trace, ObjectId object) {
  if (trace == nullptr || object < 0 || object >= static_cast<int>(trace->objects.size())) {
    return nullptr;
  }
  return trace->objects[object].name;
}

json Findings(const Result& result) {
  const Trace* trace = result.counterexample ? &*result.counterexample : nullptr;
  json findings = json::array();
  for (const Finding& finding : result.findings) {
    json threads = json::array();
    for (ThreadId t : finding.threads)
      threads.push_back({{"id", t}, {"name", ThreadName(trace, t)}});
    json objects = json::array();
    for (ObjectId o : finding.objects)
      objects.push_back({{"id", o}, {"name", ObjectName(trace, o)}});
    json lines = json::array();
    for (const SourceLine& where : finding.lines) lines.push_back(Line(where));
    json marks = json::array();
    for (const StepMark& mark : finding.marks) {
      marks.push_back({{"step", mark.step}, {"label", mark.label}});
    }
    findings.push_back({{"kind", FindingKindName(finding.kind)},
                        {"warning", IsWarning(finding.kind)},
                        {"summary", finding.summary},
                        {"details", finding.details},
                        {"threads", threads},
                        {"objects", objects},
                        {"lines", lines},
                        {"marks", marks},
                        {"certain_at_step", finding.certain_at_step}});
  }
  return findings;
}

json Counterexample(const Result& result, const JsonReportOptions& options) {
  if (!result.counterexample) return nullptr;
  const Trace& trace = *result.counterexample;
  json threads = json::array();
  for (size_t t = 0; t < trace.threads.size(); ++t) {
    const ThreadInfo& info = trace.threads[t];
    json thread = {{"id", t},
                   {"name", info.name},
                   {"daemon", info.daemon},
                   {"finished", info.finished},
                   {"killed", info.killed},
                   {"blocked", info.blocked}};
    if (!info.finished) {
      thread["pending"] = {{"operation", OpKindName(info.pending)},
                           {"object", info.pending_object},
                           {"line", Line(info.pending_where)}};
    }
    if (info.killed) {
      thread["killed_at_step"] = info.killed_at_step;
      thread["killed_reason"] = info.killed_reason;
    }
    threads.push_back(std::move(thread));
  }
  json objects = json::array();
  for (size_t o = 0; o < trace.objects.size(); ++o) {
    const ObjectInfo& info = trace.objects[o];
    objects.push_back({{"id", o}, {"kind", ObjectKindName(info.kind)}, {"name", info.name}});
  }
  json steps = json::array();
  for (const TraceEvent& event : trace.events) {
    json step = {{"step", event.step},
                 {"thread", event.thread},
                 {"operation", OpKindName(event.kind)},
                 {"object", event.object},
                 {"value", event.value},
                 {"description", trace.Describe(event)},
                 {"line", Line(event.where)},
                 {"time_us", event.time}};
    if (event.timed_out) step["timed_out"] = true;
    steps.push_back(std::move(step));
  }
  const std::string token = ReplayTokenText(result);
  json minimization = nullptr;
  if (result.minimization) {
    const Minimization& m = *result.minimization;
    minimization = {{"minimized", m.changed},
                    {"preemptions_before", m.preemptions_before},
                    {"steps_before", m.steps_before},
                    {"preemptions_after", m.preemptions_after},
                    {"steps_after", m.steps_after},
                    {"executions", m.executions},
                    {"budget", m.budget},
                    {"budget_hit", m.budget_hit},
                    {"note", m.note}};
  }
  json counterexample = {{"end", EndReasonName(trace.end)},
                         {"time_mode", TimeModeName(trace.time)},
                         {"preemptions", trace.Preemptions()},
                         {"outcome", trace.OutcomeText()},
                         {"replay_token", token},
                         {"replay_command", options.command + " " + ReplayArguments(result)},
                         {"threads", threads},
                         {"objects", objects},
                         {"steps", steps}};
  if (!minimization.is_null()) counterexample["minimization"] = std::move(minimization);
  return counterexample;
}

}  // namespace

std::string RenderJson(const Result& result, const JsonReportOptions& options) {
  json settings = json::object();
  for (const auto& [name, value] : result.settings) settings[name] = value;
  settings["strategy"] = result.strategy;

  const Statistics& s = result.stats;
  json statistics = {{"executions", s.executions},
                     {"executions_with_findings", s.executions_with_findings},
                     {"step_bound_hits", s.step_bound_hits},
                     {"pruned", s.pruned},
                     {"search_ended", s.search_ended},
                     {"exhaustive", s.exhaustive},
                     {"bound_hit", BoundName(s.bound)}};
  if (options.show_time) statistics["seconds"] = s.seconds;

  json outcomes = json::array();
  for (const auto& [outcome, count] : result.outcomes) {
    outcomes.push_back({{"outcome", outcome}, {"executions", count}});
  }
  json finding_counts = json::array();
  for (const auto& [kind, count] : result.finding_counts) {
    finding_counts.push_back({{"kind", FindingKindName(kind)}, {"executions", count}});
  }

  json report = {
      {"schema", "interleave-result"},
      {"schema_version", kJsonSchemaVersion},
      {"tool", {{"name", "interleave"}, {"version", kToolVersion}}},
      {"scenario", {{"name", result.scenario}, {"parameters", result.parameters}}},
      {"settings", settings},
      {"verdict", VerdictName(result.verdict)},
      {"error", result.verdict == Verdict::kError ? json(result.error) : json(nullptr)},
      {"coverage", CoverageStatement(result)},
      {"statistics", statistics},
      {"outcomes", outcomes},
      {"finding_counts", finding_counts},
      {"findings", Findings(result)},
      {"counterexample", Counterexample(result, options)},
  };
  return report.dump(options.indent) + "\n";
}

}  // namespace interleave
