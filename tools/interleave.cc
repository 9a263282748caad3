// The `interleave` command: lists the scenario catalogue, runs one scenario (every
// interleaving, or one execution from a replay token) and prints its text report, or checks
// the catalogue against the verdicts its scenarios declare.
//
// `run` minimizes the counterexample it reports (checker/minimize.h: fewest preemptions, then
// fewest steps, same finding; --minimize-budget bounds it) and its text table shows the steps
// that make the finding (--full: every step). A replay of a v2 token confirms the token's
// finding ("replayed: LOST UPDATE confirmed at step 20") or fails naming the first step that
// differs; `check` neither minimizes nor renders.
//
//   interleave list
//   interleave run SCENARIO [--param NAME=VALUE] [--replay=TOKEN] [--strategy=...]
//                           [--max-executions=N] [--max-steps=N] [--max-seconds=S]
//                           [--time=any|virtual] [--jobs=N]
//                           [--report=text|json|html|trace] [--out=FILE]
//                           [--color=auto|always|never] [--full] [--minimize-budget=N]
//   interleave check --all | check SCENARIO...
//
// Exit codes (kExitHelp below is the text --help shows):
//   0  run: PASS.              check: every verdict is the one its scenario declares.
//   1  run: BUG, WARNING, INCOMPLETE, or ERROR (the scenario broke a rule of the model).
//      check: some verdict differs from the declared one.
//   2  bad usage: an unknown scenario, subcommand or option, a malformed or stale replay
//      token (or one whose finding the replay does not confirm), an invalid bound.
//
// The replay command in a report starts with $INTERLEAVE_COMMAND ("interleave" when unset);
// the ./interleave wrapper sets it to "./interleave" so that the command runs as printed.
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <fstream>
#include <functional>
#include <iostream>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "checker/bounded.h"
#include "checker/dfs.h"
#include "checker/dpor.h"
#include "checker/explorer.h"
#include "checker/minimize.h"
#include "checker/pct.h"
#include "checker/random.h"
#include "checker/replay.h"
#include "checker/result.h"
#include "checker/verdict.h"
#include "reports/format.h"
#include "reports/html_report.h"
#include "reports/json_report.h"
#include "reports/replay_token.h"
#include "reports/text_report.h"
#include "reports/trace_export.h"
#include "scenarios/registry.h"
#include "tools/native_compare.h"

namespace interleave {
namespace {

constexpr int kExitOk = 0;
constexpr int kExitFound = 1;
constexpr int kExitUsage = 2;

constexpr const char* kExitHelp =
    "Exit codes:\n"
    "  0  run: the verdict is PASS; check: every verdict is the one its scenario declares\n"
    "  1  run: BUG, WARNING, INCOMPLETE (a bound stopped the search) or ERROR (the scenario\n"
    "     broke a rule of the model); check: some verdict differs from the declared one\n"
    "  2  bad usage: unknown scenario, subcommand or option; malformed or stale replay\n"
    "     token, or one whose finding the replay does not confirm; invalid bound\n";

// Bad usage found after parsing: reported as "interleave: MESSAGE", exit 2.
struct UsageError {
  std::string message;
};

// Search bounds shared by `run` and `check`.
struct Bounds {
  int64_t max_executions = ExploreOptions{}.max_executions;
  int64_t max_steps = ExploreOptions{}.max_steps;
  std::optional<double> max_seconds;
  std::optional<std::string> time;  // run: any when unset; check: both modes when unset.
  std::string strategy = "dpor";
  uint64_t seed = 1;
  int64_t runs = 1000;
  int64_t depth = 3;
  int64_t preemptions = 2;
  bool spurious_wakeups = false;
  int64_t jobs = 1;

  ExploreOptions Options(TimeMode mode) const {
    return {.max_executions = max_executions,
            .max_steps = max_steps,
            .max_seconds = max_seconds.value_or(0),
            .time = mode,
            .spurious_wakeups = spurious_wakeups,
            .jobs = static_cast<int>(jobs)};
  }
  // --jobs spreads the exhaustive searches only; asked of another, it would be ignored.
  void CheckJobs(bool replay) const {
    if (jobs == 1) return;
    if (replay) throw UsageError{"--jobs does not apply to --replay (a replay runs one schedule)"};
    if (strategy != "dpor" && strategy != "dfs") {
      throw UsageError{"--jobs spreads dpor's and dfs's searches over OS threads; --strategy=" +
                       strategy + " runs on one (drop --jobs)"};
    }
  }
  // The modes to explore: the one --time names, else `unset`.
  std::vector<TimeMode> Modes(std::vector<TimeMode> unset) const {
    if (time) return {*ParseTimeMode(*time)};
    return unset;
  }
};

// The strategy a search uses (--strategy and its settings).
std::unique_ptr<Strategy> MakeStrategy(const Bounds& bounds) {
  const std::string& name = bounds.strategy;
  if (name == "dfs") return std::make_unique<DfsStrategy>();
  if (name == "bounded") return std::make_unique<BoundedStrategy>(bounds.preemptions);
  if (name == "random") return std::make_unique<RandomStrategy>(bounds.seed, bounds.runs);
  if (name == "pct") {
    return std::make_unique<PctStrategy>(bounds.seed, bounds.runs, static_cast<int>(bounds.depth));
  }
  return std::make_unique<DporStrategy>();
}

// A bound must be a positive number: a whole one for counts, any for seconds.
CLI::Validator PositiveBound(bool whole) {
  return CLI::Validator(
      [whole](std::string& text) -> std::string {
        const std::string why = whole ? "must be a whole number of at least 1, not '" + text + "'"
                                      : "must be a number of seconds above 0, not '" + text + "'";
        if (text.empty()) return why;
        std::size_t used = 0;
        try {
          if (whole) {
            if (std::stoll(text, &used) < 1) return why;
          } else {
            const double value = std::stod(text, &used);
            if (!(value > 0) || value == HUGE_VAL) return why;
          }
        } catch (const std::exception&) {
          return why;
        }
        return used == text.size() ? "" : why;
      },
      "");
}

void AddBounds(CLI::App& command, Bounds& bounds) {
  command
      .add_option("--max-executions", bounds.max_executions,
                  "Stop the search after N executions (interleavings)")
      ->type_name("N")
      ->check(PositiveBound(true))
      ->capture_default_str();
  command
      .add_option("--max-steps", bounds.max_steps,
                  "Cut an execution off after N steps (a spin or polling loop ends here)")
      ->type_name("N")
      ->check(PositiveBound(true))
      ->capture_default_str();
  command
      .add_option("--strategy", bounds.strategy,
                  "dpor (exhaustive, one execution per class of equivalent interleavings), dfs "
                  "(exhaustive, every interleaving), bounded (every schedule with at most "
                  "--preemptions preemptions), random or pct (--runs seeded samples)")
      ->check(CLI::IsMember({"dpor", "dfs", "bounded", "random", "pct"}))
      ->capture_default_str();
  command.add_option("--seed", bounds.seed, "Seed of random and pct")->capture_default_str();
  command.add_option("--runs", bounds.runs, "Executions of random and pct")
      ->type_name("N")
      ->check(PositiveBound(true))
      ->capture_default_str();
  command.add_option("--depth", bounds.depth, "Bug depth d that pct aims at")
      ->type_name("D")
      ->check(PositiveBound(true))
      ->capture_default_str();
  command
      .add_option("--preemptions", bounds.preemptions,
                  "Largest number of preemptions bounded tries")
      ->type_name("K")
      ->check(CLI::Range(int64_t{0}, int64_t{1000}))
      ->capture_default_str();
  command
      .add_option("--time", bounds.time,
                  "Time mode: any (every timing is possible; sleep is a yield) or virtual "
                  "(ideal timing on a virtual clock); run: any when not given, check: both")
      ->check(CLI::IsMember({"any", "virtual"}));
  command.add_flag("--spurious-wakeups", bounds.spurious_wakeups,
                   "Let Condition.wait return without a notify (time mode any)");
  command
      .add_option("--jobs", bounds.jobs,
                  "Spread a dpor or dfs search over N OS threads (the same verdict, executions "
                  "and counterexample as on one; only the pruned executions and the time "
                  "differ)")
      ->type_name("N")
      ->check(CLI::Range(int64_t{1}, int64_t{256}))
      ->capture_default_str();
  command
      .add_option("--max-seconds", bounds.max_seconds,
                  "Stop the search after S seconds of wall time (default: no limit)")
      ->type_name("S")
      ->check(PositiveBound(false));
}

std::string Seconds(double seconds) {
  char text[32];
  std::snprintf(text, sizeof text, "%.3f s", seconds);
  return text;
}

// The verdict with every kind of finding the search met, or what stopped the search.
std::string FoundText(const Result& result) {
  std::string text(VerdictName(result.verdict));
  std::vector<std::string> details;
  if (result.verdict != Verdict::kError) {
    for (const auto& [kind, count] : result.finding_counts) {
      if (count > 0) details.emplace_back(FindingKindName(kind));
    }
  }
  if (result.verdict == Verdict::kIncomplete) {
    if (result.stats.bound == Bound::kExecutions) details.emplace_back("--max-executions hit");
    if (result.stats.bound == Bound::kTime) details.emplace_back("--max-seconds hit");
    if (result.stats.bound == Bound::kMemory) details.emplace_back("trace memory bound hit");
    if (result.stats.step_bound_hits > 0) details.emplace_back("--max-steps hit");
  }
  if (details.empty()) return text;
  text += " (";
  for (std::size_t i = 0; i < details.size(); ++i) {
    if (i > 0) text += ", ";
    text += details[i];
  }
  return text + ")";
}

// Rows of cells, the first the header, columns separated by two spaces; the columns in
// `right` are right-aligned. The last column is not padded, so it may carry colour codes.
std::string Table(const std::vector<std::vector<std::string>>& rows,
                  const std::set<std::size_t>& right = {}) {
  std::vector<std::size_t> widths;
  for (const auto& row : rows) {
    if (widths.size() < row.size()) widths.resize(row.size(), 0);
    for (std::size_t c = 0; c + 1 < row.size(); ++c) {
      widths[c] = std::max(widths[c], row[c].size());
    }
  }
  std::string text;
  for (const auto& row : rows) {
    std::string line;
    for (std::size_t c = 0; c < row.size(); ++c) {
      if (c > 0) line += "  ";
      const bool last = c + 1 == row.size();
      const std::string pad(last ? 0 : widths[c] - row[c].size(), ' ');
      line += right.count(c) ? pad + row[c] : row[c] + pad;
    }
    while (!line.empty() && line.back() == ' ') line.pop_back();
    text += line + '\n';
  }
  return text;
}

bool UseColor(const std::string& mode) {
  if (mode == "always") return true;
  if (mode == "never") return false;
  return isatty(STDOUT_FILENO) != 0;
}

std::string Paint(const std::string& text, const char* code, bool color) {
  return color ? std::string("\033[") + code + "m" + text + "\033[0m" : text;
}

const Scenario& FindOrFail(const std::string& name) {
  const Scenario* scenario = FindScenario(name);
  if (scenario == nullptr) {
    throw UsageError{"unknown scenario '" + name + "' (see 'interleave list')"};
  }
  return *scenario;
}

// ---- list -------------------------------------------------------------------------------

std::string ExpectedText(const Scenario& scenario) {
  const std::string any = ExpectationName(scenario.ExpectedIn(TimeMode::kAny));
  const std::string virt = ExpectationName(scenario.ExpectedIn(TimeMode::kVirtual));
  return any == virt ? any : "any: " + any + "; virtual: " + virt;
}

int List() {
  std::vector<std::vector<std::string>> rows = {
      {"scenario", "id", "variant", "seed and section", "parameters", "expected"}};
  for (const Scenario& s : AllScenarios()) {
    rows.push_back({s.name, s.id, s.variant, s.seed, s.Params().ToString(), ExpectedText(s)});
  }
  std::cout << Table(rows);
  std::cout << "\n"
            << AllScenarios().size() << " scenarios. 'interleave run SCENARIO' explores one;"
            << " --param NAME=VALUE changes a parameter.\n";
  return kExitOk;
}

// --param NAME=VALUE, each checked against the scenario's parameters.
ScenarioParams ParseParams(const Scenario& scenario, const std::vector<std::string>& texts) {
  std::map<std::string, int> overrides;
  for (const std::string& text : texts) {
    const std::size_t eq = text.find('=');
    std::size_t used = 0;
    int value = -1;
    if (eq != std::string::npos && eq > 0) {
      try {
        value = std::stoi(text.substr(eq + 1), &used);
      } catch (const std::exception&) {
        used = 0;
      }
    }
    if (eq == std::string::npos || eq == 0 || used == 0 || used != text.size() - eq - 1) {
      throw UsageError{"--param wants NAME=VALUE with a whole number, not '" + text + "'"};
    }
    overrides[text.substr(0, eq)] = value;
  }
  std::string error;
  ScenarioParams params = scenario.Params(overrides, &error);
  if (!error.empty()) throw UsageError{error};
  return params;
}

// ---- run --------------------------------------------------------------------------------

// The settings of the chosen strategy, for the reports.
void AddStrategySettings(const Bounds& bounds, std::map<std::string, std::string>& settings) {
  if (bounds.strategy == "random" || bounds.strategy == "pct") {
    settings["seed"] = std::to_string(bounds.seed);
    settings["runs"] = std::to_string(bounds.runs);
  }
  if (bounds.strategy == "pct") settings["depth"] = std::to_string(bounds.depth);
  if (bounds.strategy == "bounded") settings["preemptions"] = std::to_string(bounds.preemptions);
}

struct RunArgs {
  std::string scenario;
  std::vector<std::string> params;
  std::optional<std::string> replay;
  std::string report = "text";
  std::optional<std::string> out;
  Bounds bounds;
  std::string color = "auto";
  bool native = false;  // --native: also run it on real threads (tools/native_compare.h).
  bool full = false;    // --full: the text report's table shows every step.
  int64_t minimize_budget = MinimizeOptions{}.max_executions;
};

int Run(const RunArgs& args) {
  args.bounds.CheckJobs(args.replay.has_value());
  const Scenario& scenario = FindOrFail(args.scenario);
  const ScenarioParams params = ParseParams(scenario, args.params);
  const std::function<void()> body = scenario.Bind(params);
  const ExploreOptions explore = args.bounds.Options(args.bounds.Modes({TimeMode::kAny}).front());
  Result result;
  std::optional<ReplayConfirmation> confirmation;  // Of a v2 token's finding.
  if (args.replay) {
    std::string error;
    std::optional<ReplayToken> token = ParseReplayToken(*args.replay, &error);
    if (!token) throw UsageError{error};
    ReplayStrategy strategy(token->schedule, token->steps);
    result = Explore(scenario.name, body, strategy, explore);
    if (result.verdict == Verdict::kError && result.error.starts_with("stale replay token")) {
      throw UsageError{result.error + " (the token does not fit scenario '" + scenario.name +
                       "'; run it without --replay for a fresh one)"};
    }
    if (token->kind) {
      confirmation = ConfirmFinding(result, *token->kind, token->certain_at_step);
      if (!confirmation->confirmed) throw UsageError{confirmation->message};
    }
  } else {
    const std::unique_ptr<Strategy> strategy = MakeStrategy(args.bounds);
    result = Explore(scenario.name, body, *strategy, explore);
    if (!args.native) {
      MinimizeCounterexample(body, explore, result, {.max_executions = args.minimize_budget});
    }
  }
  result.parameters = params.values();
  if (args.native) {  // The model's outcome counts beside --runs real-thread runs' (from --seed).
    std::string error;
    const int code = RunNativeComparison(scenario.name, params.values(), result, args.bounds.runs,
                                         args.bounds.seed, std::cout, error);
    if (code == kExitUsage) throw UsageError{error};
    return code;
  }

  result.settings["strategy"] = args.replay ? "replay" : args.bounds.strategy;
  if (!args.replay) AddStrategySettings(args.bounds, result.settings);

  std::string command = "interleave";
  if (const char* env = std::getenv("INTERLEAVE_COMMAND"); env && *env) command = env;
  std::string report;
  if (args.report == "html") {
    report = RenderHtml(result, {.command = command});
  } else if (args.report == "json") {
    report = RenderJson(result, {.command = command});
  } else if (args.report == "trace") {
    std::optional<std::string> trace = RenderChromeTrace(result);
    if (!trace) {
      throw UsageError{"--report=trace needs a counterexample, and the search found none (" +
                       std::string(VerdictName(result.verdict)) + ")"};
    }
    report = std::move(*trace);
  } else {
    TextReportOptions options;
    options.command = command;
    options.color = !args.out && UseColor(args.color);
    options.full = args.full;
    report = RenderText(result, options);
  }
  if (args.out) {
    std::ofstream file(*args.out, std::ios::binary);
    file << report;
    file.close();
    if (!file) throw UsageError{"cannot write the report to '" + *args.out + "'"};
    std::cout << VerdictName(result.verdict) << "  " << scenario.name << ": " << args.report
              << " report written to " << *args.out << "\n";
  } else {
    std::cout << report << std::flush;
  }
  if (confirmation) {
    // With the text report on stdout; elsewhere on stderr, so that stdout stays the report.
    (args.out || args.report == "text" ? std::cout : std::cerr) << confirmation->message << "\n";
  }

  if (result.verdict == Verdict::kError) {
    std::cerr << "interleave: scenario '" << scenario.name
              << "' broke a rule of the model: " << result.error << "\n";
  }
  return result.verdict == Verdict::kPass ? kExitOk : kExitFound;
}

// ---- check ------------------------------------------------------------------------------

struct CheckArgs {
  bool all = false;
  std::vector<std::string> names;
  Bounds bounds;
  std::string color = "auto";
};

int Check(const CheckArgs& args) {
  if (!args.all && args.names.empty()) {
    throw UsageError{"check needs --all or scenario names (see 'interleave check --help')"};
  }
  args.bounds.CheckJobs(false);
  std::vector<const Scenario*> scenarios;
  if (args.all) {
    for (const Scenario& s : AllScenarios()) scenarios.push_back(&s);
  } else {
    for (const std::string& name : args.names) scenarios.push_back(&FindOrFail(name));
  }
  const bool color = UseColor(args.color);

  const std::vector<TimeMode> modes = args.bounds.Modes({TimeMode::kAny, TimeMode::kVirtual});
  std::vector<std::vector<std::string>> rows = {
      {"scenario", "seed", "variant", "mode", "expected", "found", "interleavings", "time", ""}};
  std::vector<std::string> errors;
  int64_t checks = 0;
  int64_t matched = 0;
  int64_t executions = 0;
  double seconds = 0;
  for (const Scenario* scenario : scenarios) {
    for (TimeMode mode : modes) {
      const std::unique_ptr<Strategy> strategy = MakeStrategy(args.bounds);
      const Result result =
          Explore(scenario->name, scenario->Bind(), *strategy, args.bounds.Options(mode));
      const Expectation& expected = scenario->ExpectedIn(mode);
      const bool ok = result.Matches(expected);
      ++checks;
      matched += ok ? 1 : 0;
      executions += result.stats.executions;
      seconds += result.stats.seconds;
      rows.push_back({scenario->name, scenario->id, scenario->variant,
                      std::string(TimeModeName(mode)), ExpectationName(expected), FoundText(result),
                      WithThousands(result.stats.executions), Seconds(result.stats.seconds),
                      ok ? Paint("ok", "32", color) : Paint("MISMATCH", "1;31", color)});
      if (result.verdict == Verdict::kError) {
        errors.push_back(scenario->name + " (" + std::string(TimeModeName(mode)) +
                         "): " + result.error);
      }
    }
  }
  std::cout << Table(rows, {6, 7});
  for (const std::string& error : errors) std::cout << "error: " << error << "\n";

  const int64_t total = static_cast<int64_t>(scenarios.size());
  std::cout << "\n"
            << total << (total == 1 ? " scenario, " : " scenarios, ") << checks
            << (checks == 1 ? " check, " : " checks, ") << matched << " as expected, "
            << checks - matched << " mismatched, " << WithThousands(executions)
            << (executions == 1 ? " interleaving" : " interleavings") << " in " << Seconds(seconds)
            << "\n";
  return matched == checks ? kExitOk : kExitFound;
}

int Main(int argc, char** argv) {
  CLI::App app{
      "interleave: a deterministic concurrency model checker for C++. It runs a scenario under "
      "a controlled scheduler, explores its interleavings and reports each bug with a "
      "replayable counterexample.",
      "interleave"};
  app.footer(kExitHelp);

  CLI::App* list = app.add_subcommand("list", "List the scenario catalogue");

  RunArgs run_args;
  CLI::App* run = app.add_subcommand(
      "run",
      "Explore a scenario (by default exhaustively with dpor; see --strategy), or replay one "
      "execution, and print the report");
  run->add_option("scenario", run_args.scenario, "Scenario name (see 'interleave list')")
      ->type_name("SCENARIO")
      ->required();
  run->add_option("--param", run_args.params,
                  "Set a scenario parameter (a count; see 'interleave list'), repeatable")
      ->type_name("NAME=VALUE");
  run->add_option("--report", run_args.report,
                  "Report format: text (layered, for people), html (one self-contained page: "
                  "swimlanes, outcome chart), json (schema "
                  "reports/schema/result.v1.schema.json), trace (Chrome trace events of the "
                  "counterexample, for Perfetto or chrome://tracing)")
      ->check(CLI::IsMember({"text", "json", "html", "trace"}))
      ->capture_default_str();
  run->add_option("--out", run_args.out, "Write the report to FILE instead of stdout")
      ->type_name("FILE");
  run->add_option("--replay", run_args.replay,
                  "Re-run exactly the execution of TOKEN (printed in a BUG report) and confirm "
                  "its finding (\"replayed: LOST UPDATE confirmed at step N\"), or exit 2 "
                  "naming the first step that differs")
      ->type_name("TOKEN");
  AddBounds(*run, run_args.bounds);
  run->add_flag("--native", run_args.native,
                "Also run the scenario --runs times (default 1000) on real threads (the native "
                "backend, from --seed) and print its outcome counts beside the model's");
  run->add_flag("--full", run_args.full,
                "Show every step of the counterexample in the text report's table (by default it "
                "shows the steps that make the finding; JSON and HTML always carry every step)");
  run->add_option("--minimize-budget", run_args.minimize_budget,
                  "Executions the search for a simpler counterexample (fewest preemptions, then "
                  "fewest steps, same finding) may run; 0 turns it off")
      ->type_name("N")
      ->check(CLI::Range(int64_t{0}, int64_t{100'000'000}))
      ->capture_default_str();
  run->add_option("--color", run_args.color, "Colour the report (auto: when stdout is a tty)")
      ->check(CLI::IsMember({"auto", "always", "never"}))
      ->capture_default_str();
  run->footer(kExitHelp);

  CheckArgs check_args;
  CLI::App* check = app.add_subcommand(
      "check",
      "Explore every interleaving of each scenario and compare the verdict with the one it "
      "declares; print a summary table");
  CLI::Option* all =
      check->add_flag("--all", check_args.all, "Check every scenario of the catalogue");
  check->add_option("scenarios", check_args.names, "Scenario names (instead of --all)")
      ->type_name("SCENARIO")
      ->excludes(all);
  AddBounds(*check, check_args.bounds);
  check->add_option("--color", check_args.color, "Colour the table (auto: when stdout is a tty)")
      ->check(CLI::IsMember({"auto", "always", "never"}))
      ->capture_default_str();
  check->footer(kExitHelp);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    // --help: the help text on stdout, exit 0.
    if (e.get_exit_code() == static_cast<int>(CLI::ExitCodes::Success)) return app.exit(e);
    std::string command = "interleave";
    for (const CLI::App* sub : app.get_subcommands()) command += " " + sub->get_name();
    std::cerr << "interleave: " << e.what() << "\n"
              << "Run '" << command << " --help' for usage.\n";
    return kExitUsage;
  }

  try {
    if (list->parsed()) return List();
    if (run->parsed()) return Run(run_args);
    if (check->parsed()) return Check(check_args);
  } catch (const UsageError& e) {
    std::cerr << "interleave: " << e.message << "\n";
    return kExitUsage;
  }
  std::cerr << app.help();
  return kExitUsage;
}

}  // namespace
}  // namespace interleave

int main(int argc, char** argv) {
  try {
    return interleave::Main(argc, argv);
  } catch (const std::exception& e) {
    std::cerr << "interleave: internal error: " << e.what() << "\n";
    return 1;
  }
}
