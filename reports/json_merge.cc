#include "reports/json_merge.h"

#include <algorithm>
#include <cstdio>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "reports/json_report.h"

namespace interleave {
namespace {

using json = nlohmann::ordered_json;

// FindingKind's order (checker/verdict.h: the most specific first), by name.
const std::vector<std::string>& KindOrder() {
  static const std::vector<std::string> order = {
      "ASSERTION FAILED",    "UNCAUGHT EXCEPTION", "CRASH",
      "LOST UPDATE",         "DATA RACE",          "LOST WAKEUP",
      "HANG AT EXIT",        "DEADLOCK",           "LOST MESSAGE",
      "SWALLOWED EXCEPTION", "UNJOINED THREAD",    "LOCK MISUSE",
      "DAEMON CUT OFF",      "LIVELOCK",           "INVARIANT"};
  return order;
}

int KindRank(const std::string& name) {
  const auto& order = KindOrder();
  const auto it = std::find(order.begin(), order.end(), name);
  return static_cast<int>(it - order.begin());
}

bool IsWarningName(const std::string& name) {
  return name == "DAEMON CUT OFF" || name == "LIVELOCK";
}

// A part's counterexample as explorer.h's order ranks it (smaller is better).
struct Rank {
  bool warnings_only = true;
  int kind = 1 << 20;
  int64_t preemptions = 0;
  int64_t steps = 0;
  bool operator<(const Rank& o) const {
    if (warnings_only != o.warnings_only) return !warnings_only;
    if (kind != o.kind) return kind < o.kind;
    if (preemptions != o.preemptions) return preemptions < o.preemptions;
    return steps < o.steps;
  }
};

Rank RankOf(const json& report) {
  Rank rank;
  for (const json& f : report["findings"]) {
    const std::string kind = f.value("kind", "");
    if (!f.value("warning", IsWarningName(kind))) rank.warnings_only = false;
    rank.kind = std::min(rank.kind, KindRank(kind));
  }
  const json& c = report["counterexample"];
  rank.preemptions = c.value("preemptions", int64_t{0});
  rank.steps = c.contains("steps") ? static_cast<int64_t>(c["steps"].size()) : 0;
  return rank;
}

// The settings that name the search (not how a part of it ran).
json SearchSettings(json settings) {
  settings.erase("part");
  settings.erase("jobs");
  settings.erase("max_seconds");
  settings.erase("minimize");  // The budget of a part that found a counterexample.
  return settings;
}

std::string Join(const std::vector<int>& numbers) {
  std::string text;
  for (int n : numbers) text += (text.empty() ? "" : ", ") + std::to_string(n);
  return text;
}

// `object`'s field `key`, or null when it has none (a const json's operator[] must not be
// asked for a missing key).
const json& Field(const json& object, const std::string& key) {
  static const json kNull;
  if (!object.is_object()) return kNull;
  const auto it = object.find(key);
  return it == object.end() ? kNull : *it;
}

// Why `report` is not a JSON report of this schema that a merge can add up, or "" when it is:
// the fields the merge reads, with their types, non-negative counts, and a verdict that agrees
// with its own coverage (a hand-edited or foreign file is refused by name, not half merged).
std::string ShapeError(const json& report) {
  const json& version = Field(report, "schema_version");
  if (!version.is_number_integer() || version.get<int64_t>() != kJsonSchemaVersion) {
    return "schema_version " + version.dump() + ", not " + std::to_string(kJsonSchemaVersion) +
           " (a report of another version of interleave?)";
  }
  for (const char* key : {"scenario", "settings", "statistics"}) {
    if (!Field(report, key).is_object()) return std::string("\"") + key + "\" is not an object";
  }
  for (const char* key : {"outcomes", "finding_counts", "examples", "findings"}) {
    if (!Field(report, key).is_array()) return std::string("\"") + key + "\" is not an array";
  }
  const json& counterexample = Field(report, "counterexample");
  if (!counterexample.is_null() && !counterexample.is_object()) {
    return "\"counterexample\" is neither null nor an object";
  }
  const json& part = Field(Field(report, "settings"), "part");
  if (!part.is_null() && !part.is_string()) {
    return "\"settings.part\" is " + part.dump() + ", not a string such as \"1/4\"";
  }
  auto count_error = [](const json& object, const std::string& key, const std::string& where) {
    const json& value = Field(object, key);
    if (value.is_null() || (value.is_number_integer() && value.get<int64_t>() >= 0))
      return std::string();
    return "\"" + where + key + "\" is " + value.dump() + ", not a count";
  };
  const json& stats = Field(report, "statistics");
  if (Field(stats, "executions").is_null()) return "\"statistics.executions\" is missing";
  for (const char* key : {"executions", "executions_with_findings", "step_bound_hits", "pruned",
                          "duplicate_graphs"}) {
    if (std::string why = count_error(stats, key, "statistics."); !why.empty()) return why;
  }
  for (const char* key : {"exhaustive", "search_ended"}) {
    if (!Field(stats, key).is_boolean()) {
      return std::string("\"statistics.") + key + "\" is not true or false";
    }
  }
  if (const json& seconds = Field(stats, "seconds"); !seconds.is_null() && !seconds.is_number()) {
    return "\"statistics.seconds\" is not a number";
  }
  for (const std::string list : {"outcomes", "finding_counts", "examples"}) {
    const std::string name = list == "finding_counts" ? "kind" : "outcome";
    for (const json& entry : Field(report, list)) {
      if (!Field(entry, name).is_string()) {
        return "an entry of \"" + list + "\" has no string \"" + name + "\"";
      }
      for (const char* key : {"executions", "interleavings"}) {
        if (std::string why = count_error(entry, key, list + "[]."); !why.empty()) return why;
      }
    }
  }
  const json& verdict_field = Field(report, "verdict");
  const std::string verdict = verdict_field.is_string() ? verdict_field.get<std::string>() : "";
  static const std::set<std::string> kVerdicts = {"PASS", "BUG", "WARNING", "INCOMPLETE", "ERROR"};
  if (!kVerdicts.contains(verdict)) {
    return "verdict " + verdict_field.dump() + " is none of PASS, BUG, WARNING, INCOMPLETE, ERROR";
  }
  const json& bound_hits = Field(stats, "step_bound_hits");
  const bool complete = Field(stats, "exhaustive").get<bool>() &&
                        (bound_hits.is_null() || bound_hits.get<int64_t>() == 0);
  if ((verdict == "PASS" && !complete) || (verdict == "INCOMPLETE" && complete)) {
    return "its verdict " + verdict +
           " contradicts its statistics (exhaustive: " + Field(stats, "exhaustive").dump() + ")";
  }
  return "";
}

}  // namespace

std::optional<std::string> MergeJsonReports(const std::vector<JsonPart>& parts, std::string& error,
                                            int indent) {
  if (parts.empty()) {
    error = "no reports to merge";
    return std::nullopt;
  }
  std::vector<json> reports;
  for (const JsonPart& part : parts) {
    json report = json::parse(part.text, nullptr, /*allow_exceptions=*/false);
    if (report.is_discarded() || !report.is_object() ||
        report.value("schema", "") != "interleave-result") {
      error = part.name + ": not an interleave JSON report (schema \"interleave-result\")";
      return std::nullopt;
    }
    if (const std::string why = ShapeError(report); !why.empty()) {
      error = part.name + ": not a report that can be merged: " + why;
      return std::nullopt;
    }
    reports.push_back(std::move(report));
  }
  const json& first = reports.front();
  int total = 0;
  std::map<int, std::string> seen;  // Part -> the file that holds it.
  for (std::size_t r = 0; r < reports.size(); ++r) {
    const json& report = reports[r];
    if (report["scenario"] != first["scenario"] ||
        SearchSettings(report["settings"]) != SearchSettings(first["settings"])) {
      error = parts[r].name + " is not a part of the search of " + parts[0].name +
              " (its scenario, parameters or settings differ)";
      return std::nullopt;
    }
    int i = 1;
    int n = 1;
    const std::string part = report["settings"].value("part", "1/1");
    if (std::sscanf(part.c_str(), "%d/%d", &i, &n) != 2 || n < 1 || i < 1 || i > n) {
      error = parts[r].name + ": malformed part \"" + part + "\"";
      return std::nullopt;
    }
    if (total != 0 && n != total) {
      error = parts[r].name + " is part " + part + ", but " + parts[0].name +
              " is of a split into " + std::to_string(total) + " parts";
      return std::nullopt;
    }
    total = n;
    if (const auto it = seen.find(i); it != seen.end()) {
      error = "part " + std::to_string(i) + " of " + std::to_string(n) +
              " given twice: " + it->second + " and " + parts[r].name;
      return std::nullopt;
    }
    seen[i] = parts[r].name;
  }
  std::vector<int> missing;
  for (int i = 1; i <= total; ++i) {
    if (!seen.count(i)) missing.push_back(i);
  }

  json merged = first;
  merged["settings"].erase("part");
  merged["settings"]["parts"] = std::to_string(total);
  json& stats = merged["statistics"];
  for (const char* key : {"executions", "executions_with_findings", "step_bound_hits", "pruned",
                          "duplicate_graphs"}) {
    stats[key] = 0;
  }
  stats["seconds"] = 0.0;
  bool exhaustive = missing.empty();
  bool ended = missing.empty();
  bool stopped_at_bug = false;
  bool weak_memory = false;
  bool clock_read = false;
  std::string bound = "none";
  std::map<std::string, json> outcomes;
  std::map<std::string, int64_t> finding_counts;
  std::map<std::string, json> examples;
  const json* error_report = nullptr;
  const json* best = nullptr;
  for (const json& report : reports) {
    const json& s = report["statistics"];
    for (const char* key : {"executions", "executions_with_findings", "step_bound_hits", "pruned",
                            "duplicate_graphs"}) {
      int64_t sum = 0;
      if (__builtin_add_overflow(stats[key].get<int64_t>(), s.value(key, int64_t{0}), &sum)) {
        error = "the parts' \"statistics." + std::string(key) + "\" add up past 2^63";
        return std::nullopt;
      }
      stats[key] = sum;
    }
    // The wall time of the whole when the parts ran at once: the slowest part's.
    stats["seconds"] = std::max(stats["seconds"].get<double>(), s.value("seconds", 0.0));
    exhaustive = exhaustive && s.value("exhaustive", false);
    ended = ended && s.value("search_ended", false);
    if (s.value("bound_hit", "none") != "none") bound = s.value("bound_hit", "none");
    weak_memory = weak_memory || s.value("weak_memory", false);
    clock_read = clock_read || s.value("clock_read", false);
    stopped_at_bug =
        stopped_at_bug || report.value("coverage", "").starts_with("stopped at the first bug");
    for (const json& o : report["outcomes"]) {
      const std::string key = o.value("outcome", "");
      auto [it, fresh] = outcomes.emplace(key, o);
      if (fresh) continue;
      json& kept = it->second;
      kept["executions"] = kept["executions"].get<int64_t>() + o.value("executions", int64_t{0});
      if (kept.contains("interleavings") && o.contains("interleavings")) {
        kept["interleavings"] =
            kept["interleavings"].get<int64_t>() + o["interleavings"].get<int64_t>();
        kept["interleavings_exact"] =
            kept.value("interleavings_exact", false) && o.value("interleavings_exact", false);
      } else {
        kept.erase("interleavings");
        kept.erase("interleavings_exact");
      }
    }
    for (const json& f : report["finding_counts"]) {
      finding_counts[f.value("kind", "")] += f.value("executions", int64_t{0});
    }
    for (const json& e : report["examples"]) {
      const std::string key = e.value("outcome", "");
      auto [it, fresh] = examples.emplace(key, e);
      if (!fresh && e["steps"].size() < it->second["steps"].size()) it->second = e;
    }
    if (report.value("verdict", "") == "ERROR") {
      if (error_report == nullptr) error_report = &report;
      continue;
    }
    if (!report["counterexample"].is_null() &&
        (best == nullptr || RankOf(report) < RankOf(*best))) {
      best = &report;
    }
  }
  stats["exhaustive"] = exhaustive;
  stats["search_ended"] = ended;
  stats["bound_hit"] = bound;
  if (weak_memory) stats["weak_memory"] = true;
  if (clock_read) stats["clock_read"] = true;
  json outcome_list = json::array();
  for (auto& [key, o] : outcomes) outcome_list.push_back(o);
  merged["outcomes"] = outcome_list;
  json count_list = json::array();
  for (const std::string& kind : KindOrder()) {  // In FindingKind's order, as a Result's map.
    if (const auto it = finding_counts.find(kind); it != finding_counts.end()) {
      count_list.push_back({{"kind", kind}, {"executions", it->second}});
    }
  }
  merged["finding_counts"] = count_list;
  json example_list = json::array();
  for (auto& [key, e] : examples) {
    if (const auto it = outcomes.find(key); it != outcomes.end()) {
      e["executions"] = it->second["executions"];
    }
    example_list.push_back(e);
  }
  merged["examples"] = example_list;

  const std::string of = " of " + std::to_string(total);
  const std::string counts = std::to_string(stats["executions"].get<int64_t>()) + " executions, " +
                             std::to_string(stats["pruned"].get<int64_t>()) + " pruned";
  if (error_report != nullptr) {
    merged["verdict"] = "ERROR";
    merged["error"] = (*error_report)["error"];
    merged["findings"] = json::array();
    merged["counterexample"] = (*error_report)["counterexample"];
    merged["coverage"] = "a part ended in an error: " + (*error_report).value("coverage", "");
  } else {
    bool bug = false;
    bool warning = false;
    for (const auto& [kind, count] : finding_counts) {
      if (count == 0) continue;
      (IsWarningName(kind) ? warning : bug) = true;
    }
    const bool complete = exhaustive && stats["step_bound_hits"].get<int64_t>() == 0;
    merged["verdict"] = bug ? "BUG" : !complete ? "INCOMPLETE" : warning ? "WARNING" : "PASS";
    merged["error"] = nullptr;
    if (best != nullptr) {
      merged["findings"] = (*best)["findings"];
      merged["counterexample"] = (*best)["counterexample"];
    } else {
      merged["findings"] = json::array();
      merged["counterexample"] = nullptr;
    }
    if (!missing.empty()) {
      merged["coverage"] = "part " + Join(missing) + of + " missing: not exhaustive (" +
                           std::to_string(reports.size()) + of + " parts merged; " + counts + ")";
    } else if (stopped_at_bug) {
      merged["coverage"] = "stopped at the first bug; not exhaustive (" + counts + ")";
    } else if (exhaustive) {
      // --symmetry: the parts' executions count classes up to a permutation of the group.
      const json& settings = merged["settings"];
      const std::string reduction =
          settings.contains("symmetry") && settings["symmetry"].is_string()
              ? " up to symmetry of " + settings["symmetry"].get<std::string>()
              : "";
      merged["coverage"] = "exhaustive" + reduction + ": all " + std::to_string(total) +
                           " parts merged into the whole search (" + counts + ")";
      if (weak_memory && total > 1) {
        // checker/split.h: the parts cannot tell each other which RC11 graphs they reached.
        merged["coverage"] = merged["coverage"].get<std::string>() +
                             "; under RC11 a graph reached by several parts counts once in "
                             "each, so the executions may exceed one process's";
      }
    } else {
      merged["coverage"] = "incomplete: some part did not finish its search (" + counts + ")";
    }
  }
  return merged.dump(indent) + "\n";
}

std::string MergedTextSummary(const std::string& merged_json) {
  const json report = json::parse(merged_json);
  std::string text;
  const json& scenario = report["scenario"];
  std::string params;
  for (const auto& [name, value] : scenario["parameters"].items()) {
    params += (params.empty() ? "" : ", ") + name + "=" + value.dump();
  }
  text += report.value("verdict", "") + ": " + scenario.value("name", "") +
          (params.empty() ? "" : " (" + params + ")") + ", merged from " +
          report["settings"].value("parts", "1") + " parts\n";
  if (report["error"].is_string()) text += "error: " + report["error"].get<std::string>() + "\n";
  text += "coverage: " + report.value("coverage", "") + "\n";
  const json& s = report["statistics"];
  text += "executions: " + std::to_string(s.value("executions", int64_t{0})) + " (" +
          report.value("counted", "executions") + "), with findings " +
          std::to_string(s.value("executions_with_findings", int64_t{0})) + ", pruned " +
          std::to_string(s.value("pruned", int64_t{0})) + "\n";
  if (!report["outcomes"].empty()) {
    text += "outcomes:\n";
    for (const json& o : report["outcomes"]) {
      text += "  " + std::to_string(o.value("executions", int64_t{0})) + "  " +
              o.value("outcome", "") + "\n";
    }
  }
  if (!report["finding_counts"].empty()) {
    text += "findings (executions):\n";
    for (const json& f : report["finding_counts"]) {
      text += "  " + std::to_string(f.value("executions", int64_t{0})) + "  " +
              f.value("kind", "") + "\n";
    }
  }
  const json& c = report["counterexample"];
  if (!c.is_null()) {
    text += "counterexample (" + std::to_string(c.value("preemptions", 0)) + " preemptions, " +
            std::to_string(c["steps"].size()) + " steps):\n";
    for (const json& f : report["findings"]) {
      text += "  " + f.value("kind", "") + ": " + f.value("summary", "") + "\n";
    }
    text += "replay: " + c.value("replay_command", "") + "\n";
  }
  return text;
}

bool JsonVerdictIsPass(const std::string& json_text) {
  const json report = json::parse(json_text, nullptr, false);
  return !report.is_discarded() && report.value("verdict", "") == "PASS";
}

}  // namespace interleave
