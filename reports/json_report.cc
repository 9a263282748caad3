#include "reports/json_report.h"

#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "model/execution.h"
#include "reports/format.h"
#include "reports/log_view.h"
#include "reports/replay_token.h"
#include "reports/text_report.h"
#include "reports/version.h"
#include "reports/weak_explain.h"

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

json Line(const SourceLine& where) {
  json line = {{"file", where.file}, {"line", where.line}};
  if (where.in_library) line["in_library"] = true;
  return line;
}

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

// Every step of `trace`, with the seed's Python line of its line when the scenario has one.
json Steps(const Trace& trace, const std::map<std::string, std::string>& seed_lines) {
  json steps = json::array();
  for (const TraceEvent& event : trace.events) {
    json step = {{"step", event.step},
                 {"thread", event.thread},
                 {"operation", OpKindName(event.kind)},
                 {"object", event.object},
                 {"value", event.value},
                 {"description", DescribeStep(trace, event)},
                 {"line", Line(event.where)},
                 {"time_us", event.time}};
    if (event.kind == OpKind::kSleep && trace.time == TimeMode::kVirtual) {
      step["start_time_us"] = StepStartMicros(event);
    }
    if (event.timed_out) step["timed_out"] = true;
    if (event.order != MemoryOrder::kNone) step["order"] = MemoryOrderName(event.order);
    if (event.reads_from >= 0) step["reads_from"] = event.reads_from;
    if (!seed_lines.empty()) {
      if (const auto seed = seed_lines.find(event.where.ToString()); seed != seed_lines.end()) {
        step["seed_line"] = seed->second;
      }
    }
    steps.push_back(std::move(step));
  }
  return steps;
}

// The program's printed lines (reports/log_view.h).
json Log(const Trace& trace) {
  json log = json::array();
  for (const LogLine& line : LogLines(trace)) {
    log.push_back({{"step", line.step},
                   {"thread", line.thread},
                   {"thread_name", line.thread_name},
                   {"time_us", line.time},
                   {"text", line.text}});
  }
  return log;
}

// The findings of one execution, with the names `trace` gives its threads and objects.
json FindingsOf(const std::vector<Finding>& list, const Trace* trace) {
  json findings = json::array();
  for (const Finding& finding : list) {
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

json Findings(const Result& result) {
  return FindingsOf(result.findings, result.counterexample ? &*result.counterexample : nullptr);
}

// The example execution of each outcome (Result::examples): its outcome, how many executions
// reached it, its findings, its end, every step and its log.
json Examples(const Result& result) {
  json examples = json::array();
  for (const auto& [outcome, example] : result.examples) {
    const auto count = result.outcomes.find(outcome);
    examples.push_back({{"outcome", outcome},
                        {"executions", count == result.outcomes.end() ? 0 : count->second},
                        {"findings", FindingsOf(example.findings, &example.trace)},
                        {"end", EndReasonName(example.trace.end)},
                        {"ending", LogEnding(example.trace)},
                        {"steps", Steps(example.trace, result.seed_lines)},
                        {"log", Log(example.trace)}});
  }
  return examples;
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
    if (info.spinning) thread["spinning"] = true;  // In a spin loop no thread can end.
    if (info.killed) {
      thread["killed_at_step"] = info.killed_at_step;
      thread["killed_reason"] = info.killed_reason;
    }
    threads.push_back(std::move(thread));
  }
  json objects = json::array();
  for (size_t o = 0; o < trace.objects.size(); ++o) {
    const ObjectInfo& info = trace.objects[o];
    json object = {{"id", o}, {"kind", ObjectKindName(info.kind)}, {"name", info.name}};
    // An atomic's stores in modification order, as steps (0: the initial value).
    if (!info.modification_order.empty()) object["modification_order"] = info.modification_order;
    objects.push_back(std::move(object));
  }
  json steps = Steps(trace, result.seed_lines);
  // Under rc11 with weak atomics: which store each atomic read read, and for a weak read why
  // RC11 allowed it and what would forbid it (reports/weak_explain.h).
  const WeakMemoryNotes weak = ExplainWeakMemory(trace);
  json reads = json::array();
  for (const auto& [step, read] : weak.reads) {
    if (!weak.annotate) break;
    json entry = {{"step", step},
                  {"reads_from", read.reads_from},
                  {"source", read.source},
                  {"weak", read.weak}};
    if (read.weak) {
      entry["newer_stores"] = read.newer;
      entry["why"] = read.why;
      if (!read.forbid.empty()) entry["forbid"] = read.forbid;
    }
    reads.push_back(std::move(entry));
  }
  json orders = json::array();
  for (const auto& [object, text] : weak.modification_orders) {
    orders.push_back({{"object", object}, {"text", text}});
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
                         {"steps", steps},
                         {"log", Log(trace)}};
  if (!reads.empty()) counterexample["atomic_reads"] = std::move(reads);
  if (!orders.empty()) counterexample["modification_orders"] = std::move(orders);
  if (!minimization.is_null()) counterexample["minimization"] = std::move(minimization);
  if (!trace.output.empty()) {
    // The program's bytes as valid UTF-8 (an invalid byte becomes U+FFFD), as JSON needs.
    counterexample["output"] =
        json::parse(json(trace.output).dump(-1, ' ', false, json::error_handler_t::replace));
  }
  return counterexample;
}

}  // namespace

namespace {

// The memory model the search ran under: its setting, else the counterexample's.
std::string MemoryModelOf(const Result& result) {
  if (const auto it = result.settings.find("memory_model"); it != result.settings.end()) {
    return it->second;
  }
  const MemoryModel model =
      result.counterexample ? result.counterexample->memory_model : MemoryModel::kRc11;
  return std::string(MemoryModelName(model));
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
                     {"duplicate_graphs", s.duplicate_graphs},
                     {"weak_memory", s.weak_memory},
                     {"search_ended", s.search_ended},
                     {"exhaustive", s.exhaustive},
                     {"bound_hit", BoundName(s.bound)}};
  if (options.show_time) statistics["seconds"] = s.seconds;
  if (s.clock_read) statistics["clock_read"] = true;

  json outcomes = json::array();
  for (const auto& [outcome, count] : result.outcomes) {
    json entry = {{"outcome", outcome}, {"executions", count}};
    if (const std::optional<OutcomeInterleavings> n = InterleavingsOf(result, outcome)) {
      entry["interleavings"] = n->interleavings;
      entry["interleavings_exact"] = n->exact;
    }
    outcomes.push_back(std::move(entry));
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
      {"memory_model", MemoryModelOf(result)},
      {"verdict", VerdictName(result.verdict)},
      {"error", result.verdict == Verdict::kError ? json(result.error) : json(nullptr)},
      {"coverage", CoverageStatement(result)},
      {"statistics", statistics},
      {"counted", UnitNoun(CountedUnit(result), 2)},
      {"outcomes", outcomes},
      {"finding_counts", finding_counts},
      {"findings", Findings(result)},
      {"counterexample", Counterexample(result, options)},
      {"examples", Examples(result)},
  };
  return report.dump(options.indent) + "\n";
}

}  // namespace interleave
