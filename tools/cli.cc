// The command line of `interleave` and of a user's binary linked with //tools:interleave_main
// (tools/cli.h): lists the registered scenarios (the catalogue, or the user's own), runs one
// (every interleaving, or one execution from a replay token) and prints its report, or checks
// them against the verdicts they declare.
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
//                           [--stall-seconds=S]
//                           [--time=any|virtual] [--jobs=N] [--stack-size=KIB]
//                           [--report=text|json|html|trace] [--out=FILE]
//                           [--color=auto|always|never] [--full] [--minimize-budget=N]
//                           [--show=table|log]
//   interleave check --all | check SCENARIO...
//   (both take --stop-on-first-bug, --symmetry, and --progress/--no-progress)
//
// `run --show=log` prints, instead of the table, the log view (reports/log_view.h): the printed
// lines of a typical run (tools/cli_typical_run.h), of the counterexample and of an execution of
// each outcome. Every text the command prints is at most 120 columns (`list` puts each
// scenario's seed section and parameters on a line under it; `check` wraps its "found" column).
// Counts name what they count (reports/format.h): classes of equivalent interleavings under
// dpor, interleavings under dfs, runs under random and pct.
//
// An unknown scenario or subcommand gets up to three close names ("did you mean"). On a
// terminal (stderr a tty), a search that runs longer than a second shows a progress line on
// stderr (tools/progress.h), erased at its end; --progress forces it, --no-progress turns it
// off.
//
// Exit codes (kExitHelp below is the text --help shows):
//   0  run: PASS.              check: every verdict is the one its scenario declares.
//   1  run: BUG, WARNING, INCOMPLETE, or ERROR (the scenario broke a rule of the model).
//      check: some verdict differs from the declared one.
//   2  bad usage: an unknown scenario, subcommand or option, a malformed or stale replay
//      token (or one whose finding the replay does not confirm), an invalid bound or
//      parameter; or the report could not be written (a full disk, a closed pipe).
//   130, 143: a second SIGINT or SIGTERM; the first stops the search after the current
//      execution and prints its partial report (exit 1), see "Signals" below.
//
// Numbers on the command line are parsed strictly (tools/cli_text.h): decimal digits only,
// within the option's range, never clamped. Flags take no value (--full=3 is an error).
//
// The replay command in a report, and the commands its messages suggest, start with
// $INTERLEAVE_COMMAND when set (the ./interleave wrapper sets it to "./interleave" so that the
// command runs as printed), else with CliOptions::command: "interleave" for the catalogue's
// command, argv[0] as typed for a user's binary (bazel-bin/pkg/mytool).
#include "tools/cli.h"

#include <signal.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <cmath>
#include <csignal>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <fstream>
#include <functional>
#include <iostream>
#include <iterator>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
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
#include "model/output_capture.h"
#include "reports/format.h"
#include "reports/html_report.h"
#include "reports/json_merge.h"
#include "reports/json_report.h"
#include "reports/replay_token.h"
#include "reports/text_report.h"
#include "reports/trace_export.h"
#include "scenarios/registry.h"
#include "scenarios/seed_lines.h"
#include "tools/cli_text.h"
#include "tools/cli_typical_run.h"
#include "tools/native_compare.h"
#include "tools/play.h"
#include "tools/progress.h"

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
    "     token, or one whose finding the replay does not confirm; invalid bound or\n"
    "     parameter; the report could not be written (full disk, closed pipe)\n"
    "  130/143  a second SIGINT/SIGTERM (the first stops the search after the current\n"
    "     execution and prints the partial report, exit 1)\n";

// The largest --max-steps: a trace of 10^8 steps already takes gigabytes.
constexpr int64_t kMaxSteps = 100'000'000;
// The largest --max-seconds (about 31 years).
constexpr double kMaxSeconds = 1e9;
// Executions between two calls of the progress callback (which shows at most two lines a
// second): often enough for slow executions, cheap for fast ones.
constexpr int64_t kProgressEvery = 16;

// How the command calls itself: `command` starts the commands it prints (replay lines, "see
// 'interleave list'"), `program` its messages ("interleave: unknown scenario ...").
std::string g_command = "interleave";
std::string g_program = "interleave";
bool g_capture_output = false;  // CliOptions::capture_output.

// Bad usage found after parsing: reported as "PROGRAM: MESSAGE", exit 2.
struct UsageError {
  std::string message;
};

// ---- Signals ----------------------------------------------------------------------------
// The first SIGINT or SIGTERM during `run` or `check` sets g_stop: the search stops after the
// execution it is running (ExploreOptions::stop), and the command prints (and writes to
// --out) the partial report, exit 1. A second one exits at once, 128 + the signal's number,
// as a shell reports a process killed by it. The handler only stores and writes.
std::atomic<bool> g_stop{false};
std::atomic<int> g_signals{0};
static_assert(std::atomic<bool>::is_always_lock_free && std::atomic<int>::is_always_lock_free);

// Written by the handler: made before the handlers are installed (with the program's name).
char g_stop_message[256];
std::size_t g_stop_message_size = 0;

extern "C" void OnStopSignal(int signo) {
  // The second signal ends the process at once. By the system call: under exec, _exit is the
  // runtime's (a program's _exit ends an execution, not the process), and this handler may
  // interrupt the program's code.
  if (g_signals.fetch_add(1) > 0) syscall(SYS_exit_group, 128 + signo);
  g_stop.store(true);
  [[maybe_unused]] const ssize_t written =
      write(STDERR_FILENO, g_stop_message, g_stop_message_size);
}

void InstallStopHandlers() {
  const std::string message = "\n" + g_program.substr(0, 100) +
                              ": interrupted: stopping after the current execution (again to "
                              "quit at once)\n";
  g_stop_message_size = std::min(message.size(), sizeof g_stop_message);
  std::memcpy(g_stop_message, message.data(), g_stop_message_size);
  struct sigaction action {};
  action.sa_handler = OnStopSignal;
  sigemptyset(&action.sa_mask);
  action.sa_flags = SA_RESTART;
  sigaction(SIGINT, &action, nullptr);
  sigaction(SIGTERM, &action, nullptr);
}

// Flushes std::cout and throws a UsageError (exit 2) when a write or the flush failed: a full
// disk, a closed pipe (SIGPIPE is ignored, so a write to it fails with EPIPE instead of killing
// the process). errno is not cleared first: a write that failed earlier (a report larger than
// stdio's buffer) left its cause there.
void FlushStdout() {
  std::cout.flush();
  const bool failed = !std::cout || std::fflush(stdout) != 0 || std::ferror(stdout);
  if (failed) {
    const int error = errno;
    throw UsageError{std::string("cannot write to standard output") +
                     (error != 0 ? std::string(": ") + std::strerror(error) : std::string())};
  }
}

// A whole-number option: CLI11 keeps its text (`text`, the default until given), and Parse
// checks it strictly against [min, max] after parsing.
struct WholeOption {
  std::string name;  // "--seed".
  std::string text;
  uint64_t min = 0;
  uint64_t max = INT64_MAX;

  uint64_t Parse() const {
    std::string error;
    const std::optional<uint64_t> value = ParseWhole(text, min, max, name, error);
    if (!value) throw UsageError{error};
    return *value;
  }
};

// Search bounds shared by `run` and `check`.
struct Bounds {
  int64_t max_executions = ExploreOptions{}.max_executions;
  int64_t max_steps = ExploreOptions{}.max_steps;
  std::optional<double> max_seconds;
  double stall_seconds = ExploreOptions{}.stall_seconds;
  std::optional<std::string> time;  // run: any when unset; check: both modes when unset.
  std::string strategy = "dpor";
  uint64_t seed = 1;
  int64_t runs = 1000;
  int64_t depth = 3;
  int64_t preemptions = 2;
  bool spurious_wakeups = false;
  std::string memory_model = "rc11";
  int64_t jobs = 1;
  int64_t stack_kib = ExecutionLimits::kDefaultStackSize / 1024;
  bool stop_on_first_bug = false;
  bool symmetry = false;                 // --symmetry (dpor only).
  bool schedule_plain_accesses = false;  // --schedule-plain-accesses: no race-free reduction.
  bool schedule_releases = false;        // --schedule-releases: no release reduction.
  bool progress = false;     // --progress: the progress line even when stderr is no terminal.
  bool no_progress = false;  // --no-progress: never.
  // The options only some strategies (or only a search, not a replay) read, as AddBounds made
  // them: whether each was given (CheckStrategyOptions).
  struct StrategyOption {
    std::string name;
    const CLI::Option* option = nullptr;
    // The strategies that read it (empty: every search; a replay reads none).
    std::vector<std::string> readers;
  };
  std::vector<StrategyOption> strategy_options;

  // The numbers as typed; ParseNumbers sets the fields above from them.
  WholeOption max_executions_text{"--max-executions", std::to_string(max_executions), 1};
  WholeOption max_steps_text{"--max-steps", std::to_string(max_steps), 1, kMaxSteps};
  std::optional<std::string> max_seconds_text;
  std::optional<std::string> stall_seconds_text;
  WholeOption seed_text{"--seed", std::to_string(seed), 0, UINT64_MAX};
  WholeOption runs_text{"--runs", std::to_string(runs), 1};
  WholeOption depth_text{"--depth", std::to_string(depth), 1, 10'000};
  WholeOption preemptions_text{"--preemptions", std::to_string(preemptions), 0, 1000};
  WholeOption jobs_text{"--jobs", std::to_string(jobs), 1, 256};
  std::optional<std::string> part_text;  // --part=I/N.
  int part = 0;                          // 0-based.
  int parts = 1;
  WholeOption stack_text{"--stack-size", std::to_string(stack_kib),
                         ExecutionLimits::kMinStackSize / 1024,
                         ExecutionLimits::kMaxStackSize / 1024};

  void ParseNumbers() {
    max_executions = static_cast<int64_t>(max_executions_text.Parse());
    max_steps = static_cast<int64_t>(max_steps_text.Parse());
    if (max_seconds_text) {
      std::string error;
      max_seconds = ParseSeconds(*max_seconds_text, kMaxSeconds, "--max-seconds", error);
      if (!max_seconds) throw UsageError{error};
    }
    if (stall_seconds_text) {
      std::string error;
      const std::optional<double> stall =
          ParseSeconds(*stall_seconds_text, kMaxSeconds, "--stall-seconds", error);
      if (!stall) throw UsageError{error};
      stall_seconds = *stall;
    }
    seed = seed_text.Parse();
    runs = static_cast<int64_t>(runs_text.Parse());
    depth = static_cast<int64_t>(depth_text.Parse());
    preemptions = static_cast<int64_t>(preemptions_text.Parse());
    jobs = static_cast<int64_t>(jobs_text.Parse());
    if (part_text) ParsePart(*part_text);
    stack_kib = static_cast<int64_t>(stack_text.Parse());
  }

  // --part=I/N: 1 <= I <= N <= 1000000, decimal digits only.
  void ParsePart(const std::string& text) {
    const std::size_t slash = text.find('/');
    std::string error;
    if (slash == std::string::npos) {
      throw UsageError{"--part: " + Quote(text) + " is not I/N (part I of N, e.g. 2/4)"};
    }
    const std::optional<uint64_t> n =
        ParseWhole(text.substr(slash + 1), 1, 1'000'000, "--part's N", error);
    if (!n) throw UsageError{"--part: " + Quote(text) + " is not I/N: " + error};
    const std::optional<uint64_t> i = ParseWhole(text.substr(0, slash), 1, *n, "--part's I", error);
    if (!i) throw UsageError{"--part: " + Quote(text) + " is not I/N: " + error};
    part = static_cast<int>(*i - 1);
    parts = static_cast<int>(*n);
  }
  ExploreOptions Options(TimeMode mode) const {
    return {.max_executions = max_executions,
            .max_steps = max_steps,
            .max_seconds = max_seconds.value_or(0),
            .time = mode,
            .stall_seconds = stall_seconds,
            .spurious_wakeups = spurious_wakeups,
            .memory_model = memory_model == "sc" ? MemoryModel::kSc : MemoryModel::kRc11,
            .jobs = static_cast<int>(jobs),
            .part = part,
            .parts = parts,
            .stop = &g_stop,
            .stack_size = static_cast<std::size_t>(stack_kib) * 1024,
            .stop_on_first_bug = stop_on_first_bug,
            .symmetry = symmetry,
            .plain_accesses =
                schedule_plain_accesses ? PlainAccesses::kScheduled : PlainAccesses::kRaceFree,
            .releases_inline = !schedule_releases};
  }
  // The progress line: on a terminal unless --no-progress, anywhere with --progress.
  bool ShowProgress() const {
    if (no_progress) return false;
    return progress || isatty(STDERR_FILENO) != 0;
  }
  // --jobs spreads the exhaustive searches only; asked of another, it would be ignored.
  void CheckJobs(bool replay) const {
    if (symmetry && (replay || strategy != "dpor")) {
      throw UsageError{"--symmetry reduces dpor's search (--strategy=dpor, not --replay)"};
    }
    if (jobs == 1) return;
    if (replay) throw UsageError{"--jobs does not apply to --replay (a replay runs one schedule)"};
    if (strategy != "dpor" && strategy != "dfs") {
      throw UsageError{"--jobs spreads dpor's and dfs's searches over OS threads; --strategy=" +
                       strategy + " runs on one (drop --jobs)"};
    }
  }
  // An option that the strategy asked for (or a replay) does not read would be ignored: refused,
  // naming what reads it. The seed, runs and depth of random and pct, the preemption bound of
  // bounded, dpor's reductions; a replay runs the token's schedule, so no search option at all.
  void CheckStrategyOptions(bool replay, bool native = false) const {
    // A spurious wake-up is a timing no virtual clock has: in time mode virtual it is never
    // explored (a check of both modes explores it in mode any only).
    if (spurious_wakeups && time == "virtual") {
      throw UsageError{
          "--spurious-wakeups applies in time mode any only; --time=virtual would ignore it"};
    }
    for (const auto& [name, option, readers] : strategy_options) {
      if (option == nullptr || option->count() == 0) continue;
      // --native's real-thread runs: --runs of them, seeded by --seed.
      if (native && !replay && (name == "--seed" || name == "--runs")) continue;
      if (replay) {
        throw UsageError{name +
                         " does not apply to --replay (a replay runs the token's one "
                         "schedule; drop " +
                         name + ")"};
      }
      if (readers.empty() || std::find(readers.begin(), readers.end(), strategy) != readers.end()) {
        continue;
      }
      std::string list;
      for (const std::string& reader : readers) {
        list += (list.empty() ? "--strategy=" : " or --strategy=") + reader;
      }
      const bool native_reads = name == "--seed" || name == "--runs";
      throw UsageError{name + " is read by " + list + (native_reads ? " (and by --native)" : "") +
                       " only; --strategy=" + strategy + " would ignore it"};
    }
  }
  // --part splits the exhaustive searches only.
  void CheckPart(bool replay) const {
    if (parts == 1) return;
    if (replay) throw UsageError{"--part does not apply to --replay (a replay runs one schedule)"};
    if (strategy != "dpor" && strategy != "dfs") {
      throw UsageError{"--part splits dpor's and dfs's searches; --strategy=" + strategy +
                       " cannot be split (drop --part)"};
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

// A whole-number option, taken as text (see WholeOption).
CLI::Option* AddWhole(CLI::App& command, WholeOption& option, const std::string& help,
                      const std::string& type) {
  return command.add_option(option.name, option.text, help)->type_name(type)->capture_default_str();
}

void AddBounds(CLI::App& command, Bounds& bounds) {
  AddWhole(command, bounds.max_executions_text,
           "Stop the search after N executions (dpor: classes of equivalent interleavings, one "
           "execution each; dfs, bounded: interleavings; random, pct: sampled runs)",
           "N");
  AddWhole(command, bounds.max_steps_text,
           "Cut an execution off after N steps (a spin or polling loop ends here); at most "
           "100000000",
           "N");
  command
      .add_option("--strategy", bounds.strategy,
                  "dpor (exhaustive, one execution per class of equivalent interleavings), dfs "
                  "(exhaustive, every interleaving), bounded (every schedule with at most "
                  "--preemptions preemptions), random or pct (--runs seeded samples)")
      ->check(CLI::IsMember({"dpor", "dfs", "bounded", "random", "pct"}))
      ->capture_default_str();
  bounds.strategy_options = {
      {"--seed",
       AddWhole(command, bounds.seed_text, "Seed of random and pct (0 to 2^64-1)", "S"),
       {"random", "pct"}},
      {"--runs",
       AddWhole(command, bounds.runs_text, "Executions of random and pct", "N"),
       {"random", "pct"}},
      {"--depth",
       AddWhole(command, bounds.depth_text, "Bug depth d that pct aims at (1 to 10000)", "D"),
       {"pct"}},
      {"--preemptions",
       AddWhole(command, bounds.preemptions_text,
                "Largest number of preemptions bounded tries (0 to 1000)", "K"),
       {"bounded"}}};
  command
      .add_option("--time", bounds.time,
                  "Time mode: any (every timing is possible; sleep is a yield) or virtual "
                  "(ideal timing on a virtual clock); run: any when not given, check: both")
      ->check(CLI::IsMember({"any", "virtual"}));
  command.add_flag("--spurious-wakeups", bounds.spurious_wakeups,
                   "Let Condition.wait return without a notify (time mode any)");
  command
      .add_option("--memory-model", bounds.memory_model,
                  "What an atomic load may read: rc11 (the C++ memory model: any store that "
                  "coherence and happens-before allow, each a branch) or sc (the latest store; "
                  "every order treated as seq_cst)")
      ->check(CLI::IsMember({"rc11", "sc"}))
      ->capture_default_str();
  AddWhole(command, bounds.jobs_text,
           "Spread a dpor or dfs search over N OS threads, 1 to 256 (the same verdict, "
           "executions and counterexample as on one; only the pruned executions and the time "
           "differ)",
           "N");
  command
      .add_option("--part", bounds.part_text,
                  "Explore part I of N disjoint parts of a dpor or dfs search, with no "
                  "communication between the parts (another process, machine or Bazel shard "
                  "runs each other part); '" +
                      g_command +
                      " merge' combines the parts' JSON reports into the whole search's")
      ->type_name("I/N");
  AddWhole(command, bounds.stack_text,
           "Stack of each model thread in KiB, 16 to 1048576 (a thread that overflows it is an "
           "CRASH finding naming the thread and its line)",
           "KIB");
  command.add_flag("--symmetry", bounds.symmetry,
                   "dpor: explore interchangeable threads once per permutation class: those a "
                   "scenario declared symmetric (Thread::set_symmetric), and in a program that "
                   "declares nothing (exec, the std mirror) the threads started alike (the same "
                   "function and equal arguments); every outcome is kept, counts are of classes "
                   "up to symmetry");
  bounds.strategy_options.push_back(
      {"--max-executions", command.get_option(bounds.max_executions_text.name)});
  bounds.strategy_options.push_back({"--strategy", command.get_option("--strategy")});
  bounds.strategy_options.push_back(
      {"--schedule-plain-accesses",
       command.add_flag("--schedule-plain-accesses", bounds.schedule_plain_accesses,
                        "dpor: make every plain access a scheduling point from the start (without "
                        "it, threads switch only at synchronisation while no execution has a data "
                        "race, and the search starts over with every access scheduled at the first "
                        "race; reports that count interleavings, all but --report=trace, schedule "
                        "every access anyway)"),
       {"dpor"}});
  bounds.strategy_options.push_back(
      {"--schedule-releases",
       command.add_flag("--schedule-releases", bounds.schedule_releases,
                        "dpor: make every lock release a scheduling point from the start (without "
                        "it, with the race-free reduction, a release by the lock's holder follows "
                        "the holder's previous step at once, and the search starts over with every "
                        "release scheduled at the first try-acquire, timed acquire or foreign "
                        "release; reports that count interleavings, all but --report=trace, "
                        "schedule every release anyway)"),
       {"dpor"}});
  bounds.strategy_options.push_back(
      {"--stop-on-first-bug",
       command.add_flag("--stop-on-first-bug", bounds.stop_on_first_bug,
                        "End the search after the first execution with a bug (not a warning): "
                        "the verdict is BUG and the coverage says the search was not "
                        "exhaustive")});
  CLI::Option* progress =
      command.add_flag("--progress", bounds.progress,
                       "Show the progress line (executions, rate, elapsed, findings) on stderr "
                       "even when it is not a terminal");
  command
      .add_flag("--no-progress", bounds.no_progress,
                "Never show the progress line (by default it shows on a terminal, for a search "
                "that runs longer than a second)")
      ->excludes(progress);
  command
      .add_option("--max-seconds", bounds.max_seconds_text,
                  "Stop the search after S seconds of wall time, the minimization of its "
                  "counterexample included (a decimal above 0; default: no limit)")
      ->type_name("S");
  command
      .add_option("--stall-seconds", bounds.stall_seconds_text,
                  "Give the search up with an ERROR when an execution takes no step for S "
                  "seconds: code that never ends or waits outside the model (a decimal above 0; "
                  "default: 30; raise it for a program whose start-up is that slow, as under "
                  "valgrind)")
      ->type_name("S");
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
    if (result.stats.bound == Bound::kInterrupted) {
      details.emplace_back("interrupted by a signal");
    }
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
// `right` are right-aligned. The last column is not padded, so it may carry colour codes (its
// width counts its text without them: `last_width`). When the table is wider than kTextWidth,
// column `wrap` gets what the others leave (at least 16 columns) and its cells wrap onto
// more lines.
std::string Table(const std::vector<std::vector<std::string>>& rows,
                  const std::set<std::size_t>& right = {}, std::optional<std::size_t> wrap = {},
                  int last_width = 0) {
  std::vector<int> widths;
  for (const auto& row : rows) {
    if (widths.size() < row.size()) widths.resize(row.size(), 0);
    for (std::size_t c = 0; c + 1 < row.size(); ++c) {
      widths[c] = std::max(widths[c], DisplayWidth(row[c]));
    }
  }
  if (wrap && *wrap + 1 < widths.size()) {
    int others = last_width;
    for (std::size_t c = 0; c + 1 < widths.size(); ++c) others += c == *wrap ? 0 : widths[c];
    others += 2 * static_cast<int>(widths.size() - 1);
    widths[*wrap] = std::min(widths[*wrap], std::max(16, kTextWidth - others));
  }
  std::string text;
  for (const auto& row : rows) {
    std::vector<std::vector<std::string>> cells;
    std::size_t height = 1;
    for (std::size_t c = 0; c < row.size(); ++c) {
      const bool wrapped = wrap && c == *wrap && c + 1 < row.size();
      cells.push_back(wrapped ? Wrap(row[c], widths[c]) : std::vector<std::string>{row[c]});
      height = std::max(height, cells.back().size());
    }
    for (std::size_t l = 0; l < height; ++l) {
      std::string line;
      for (std::size_t c = 0; c < row.size(); ++c) {
        const std::string cell = l < cells[c].size() ? cells[c][l] : "";
        if (c > 0) line += "  ";
        const bool last = c + 1 == row.size();
        if (last) {
          line += cell;
        } else {
          line += right.count(c) ? PadLeft(cell, widths[c]) : PadRight(cell, widths[c]);
        }
      }
      while (!line.empty() && line.back() == ' ') line.pop_back();
      text += line + '\n';
    }
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
    std::vector<std::string> names;
    for (const Scenario& s : AllScenarios()) names.push_back(s.name);
    const std::string suggestion = DidYouMean(ClosestNames(name, names));
    throw UsageError{"unknown scenario " + Quote(name) +
                     (suggestion.empty() ? " (see '" + g_command + " list')" : suggestion)};
  }
  return *scenario;
}

// ---- list -------------------------------------------------------------------------------

std::string ExpectedText(const Scenario& scenario) {
  const std::string any = ExpectationName(scenario.ExpectedIn(TimeMode::kAny));
  const std::string virt = ExpectationName(scenario.ExpectedIn(TimeMode::kVirtual));
  return any == virt ? any : "any: " + any + "; virtual: " + virt;
}

// "count_to=2 [0..10000000], threads=4 [1..60]": each parameter's default and range.
std::string ParamsText(const Scenario& scenario) {
  const ScenarioParams defaults = scenario.Params();
  std::string text;
  for (const auto& [name, value] : defaults.values()) {
    if (!text.empty()) text += ", ";
    text += name + "=" + std::to_string(value);
    if (const ScenarioParam* param = scenario.Param(name)) text += " [" + param->RangeText() + "]";
  }
  return text;
}

// Each scenario on a line (name, id, variant, expected verdict), and under it, indented, the
// seed's section and the parameters: within kTextWidth columns.
int List() {
  std::vector<std::vector<std::string>> rows = {{"scenario", "id", "variant", "expected"}};
  std::vector<std::string> details = {"seed and section; parameters [range]"};
  for (const Scenario& s : AllScenarios()) {
    rows.push_back({s.name, s.id, s.variant, ExpectedText(s)});
    const std::string params = ParamsText(s);
    details.push_back(s.seed + (params.empty() ? "" : "; parameters: " + params));
  }
  const std::string table = Table(rows, {}, 3, 0);
  // Each row's lines, then its details.
  std::string text;
  std::size_t row = 0;
  std::size_t start = 0;
  while (start < table.size() && row < rows.size()) {
    std::size_t end = table.find('\n', start);
    text += table.substr(start, end - start + 1);
    start = end + 1;
    // A wrapped expected verdict goes on lines that start with spaces.
    if (start < table.size() && table[start] == ' ') continue;
    text += WrapLines("    " + details[row] + "\n");
    ++row;
  }
  std::cout << text;
  std::cout << "\n"
            << AllScenarios().size()
            << (AllScenarios().size() == 1 ? " scenario. '" : " scenarios. '") << g_command
            << " run SCENARIO' explores one;"
            << " --param NAME=VALUE changes a parameter within its range.\n";
  FlushStdout();
  return kExitOk;
}

// --param NAME=VALUE, each checked against the scenario's parameters and their ranges.
ScenarioParams ParseParams(const Scenario& scenario, const std::vector<std::string>& texts) {
  std::map<std::string, int64_t> overrides;
  for (const std::string& text : texts) {
    const std::size_t eq = text.find('=');
    if (eq == std::string::npos || eq == 0) {
      throw UsageError{"--param wants NAME=VALUE with a whole number, not " + Quote(text)};
    }
    const std::string name = text.substr(0, eq);
    if (overrides.contains(name)) {  // Never the last one silently.
      throw UsageError{"--param " + name + " given twice"};
    }
    const ScenarioParam* param = scenario.Param(name);
    if (param == nullptr) {
      overrides[name] = 0;  // Params names the unknown parameter and the known ones.
      continue;
    }
    std::string error;
    const std::optional<uint64_t> value =
        ParseWhole(std::string_view(text).substr(eq + 1), static_cast<uint64_t>(param->min),
                   static_cast<uint64_t>(param->max),
                   "parameter " + name + " of scenario " + scenario.name, error);
    if (!value) throw UsageError{error};
    overrides[name] = static_cast<int64_t>(*value);
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
  bool native = false;         // --native: also run it on real threads (tools/native_compare.h).
  bool full = false;           // --full: the text report's table shows every step.
  bool show_output = false;    // --show-output: no capture (CliOptions::capture_output).
  std::string show = "table";  // --show: the text report's table, or the log view.
  std::optional<std::string> against;  // --against=BUG (tools/play.h, RunAgainst).
  int64_t minimize_budget = MinimizeOptions{}.max_executions;
  WholeOption minimize_budget_text{"--minimize-budget", std::to_string(minimize_budget), 0,
                                   100'000'000};
};

int Run(RunArgs args) {
  using Clock = std::chrono::steady_clock;
  const auto start = Clock::now();
  args.bounds.ParseNumbers();
  args.minimize_budget = static_cast<int64_t>(args.minimize_budget_text.Parse());
  args.bounds.CheckJobs(args.replay.has_value());
  args.bounds.CheckPart(args.replay.has_value());
  args.bounds.CheckStrategyOptions(args.replay.has_value(), args.native);
  if (args.show != "table" && args.report != "text") {
    throw UsageError{"--show=" + args.show + " is for the text report (the " + args.report +
                     " report always carries the logs of the examples)"};
  }
  const Scenario& scenario = FindOrFail(args.scenario);
  const ScenarioParams params = ParseParams(scenario, args.params);
  const std::function<void()> body = scenario.Bind(params);
  const ExploreOptions explore = args.bounds.Options(args.bounds.Modes({TimeMode::kAny}).front());
  if (args.against) {  // The bug's counterexample replayed on this fix (tools/play.h).
    if (args.replay || args.out || args.native) {
      throw UsageError{"--against prints to stdout; it takes no --replay, --out or --native"};
    }
    // It replays one schedule on the fix and reports that run only: what shapes a search, or a
    // search's report, would be ignored.
    if (args.bounds.jobs > 1 || args.bounds.parts > 1 || args.bounds.symmetry ||
        args.bounds.stop_on_first_bug || args.full || args.show != "table" ||
        args.minimize_budget != MinimizeOptions{}.max_executions) {
      throw UsageError{
          "--against replays the bug's counterexample on the fix; it takes no --jobs, --part, "
          "--symmetry, --stop-on-first-bug, --full, --show or --minimize-budget"};
    }
    if (args.bounds.strategy != "dpor") {
      throw UsageError{
          "--against replays the bug's simplest counterexample, which dpor finds; "
          "--strategy=" +
          args.bounds.strategy + " does not apply"};
    }
    return RunAgainst(scenario, FindOrFail(*args.against), params, explore, args.report, g_command,
                      std::cout, std::cerr);
  }
  // Opened before the search, so that a FILE that cannot be written is said at once.
  std::ofstream out_file;
  if (args.out) {
    errno = 0;
    out_file.open(*args.out, std::ios::binary | std::ios::trunc);
    if (!out_file) {
      throw UsageError{"cannot open " + Quote(*args.out) + " to write the report" +
                       (errno != 0 ? std::string(": ") + std::strerror(errno) : "")};
    }
  }
  // A program's output, one execution at a time (model/output_capture.h).
  std::optional<output_capture::Session> capture;
  if (g_capture_output && !args.show_output) {
    capture.emplace();
    if (!capture->on()) {
      std::cerr << g_program << ": warning: the program's output is not captured ("
                << capture->error() << "): it prints in every execution\n";
    }
  }
  FILE* const tool_stderr = capture ? capture->tool_stderr() : stderr;
  Result result;
  std::optional<ReplayConfirmation> confirmation;  // Of a v2 token's finding.
  if (args.replay) {
    std::string error;
    std::optional<ReplayToken> token = ParseReplayToken(*args.replay, &error);
    if (!token) throw UsageError{error};
    ReplayStrategy strategy(token->schedule, token->steps, token->plain_accesses_inline,
                            token->releases_inline);
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
    ProgressDisplay progress(args.bounds.ShowProgress(), tool_stderr);
    ExploreOptions searched = explore;
    searched.progress = progress.Callback(scenario.name, args.bounds.strategy);
    searched.progress_every = kProgressEvery;
    // The reports say how many interleavings dpor's classes stand for
    // (Result::outcome_interleavings); the Chrome trace does not, and counting costs time.
    searched.count_interleavings = args.report != "trace";
    result = Explore(scenario.name, body, *strategy, searched);
    progress.Clear();
    if (!args.native) {
      // --max-seconds bounds the whole run: the minimization gets what the search left. It
      // looks for the simplest schedule to its budget, whether or not the search stopped at
      // the first bug.
      MinimizeOptions minimize{.max_executions = args.minimize_budget};
      if (args.bounds.max_seconds) {
        minimize.max_seconds =
            *args.bounds.max_seconds - std::chrono::duration<double>(Clock::now() - start).count();
      }
      ExploreOptions minimizing = explore;
      minimizing.stop_on_first_bug = false;
      minimizing.part = 0;  // The minimizing search is a search of its own, never split.
      minimizing.parts = 1;
      MinimizeCounterexample(body, minimizing, result, minimize);
    }
  }
  result.parameters = params.values();
  result.seed_lines = SeedLinesFor(scenario);  // The seed beside the model (catalogue only).
  if (args.native) {  // The model's outcome counts beside --runs real-thread runs' (from --seed).
    output_capture::Unpark();
    std::string error;
    const int code = RunNativeComparison(scenario.name, params.values(), result, args.bounds.runs,
                                         args.bounds.seed, std::cout, error);
    if (code == kExitUsage) throw UsageError{error};
    return code;
  }

  result.settings["strategy"] = args.replay ? "replay" : args.bounds.strategy;
  if (!args.replay) AddStrategySettings(args.bounds, result.settings);

  const std::string& command = g_command;
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
    std::optional<Trace> typical;
    if (args.show == "log") {
      options.show = TextReportOptions::Show::kLog;
      // A typical run beside the search's executions (not for a replay: it shows one schedule).
      if (!args.replay) typical = TypicalRun(scenario.name, body, explore);
      options.typical_run = typical ? &*typical : nullptr;
    }
    report = RenderText(result, options);
  }
  output_capture::Unpark();  // The fds stayed on the capture since the last execution.
  if (args.out) {
    errno = 0;
    out_file << report;
    out_file.close();
    if (!out_file) {
      throw UsageError{"cannot write the report to " + Quote(*args.out) +
                       (errno != 0 ? std::string(": ") + std::strerror(errno) : "")};
    }
    std::cout << VerdictName(result.verdict) << "  " << scenario.name << ": " << args.report
              << " report written to " << *args.out << "\n";
  } else {
    std::cout << report;
  }
  FlushStdout();
  if (confirmation) {
    // With the text report on stdout; elsewhere on stderr, so that stdout stays the report.
    (args.out || args.report == "text" ? std::cout : std::cerr) << confirmation->message << "\n";
  }

  if (result.verdict == Verdict::kError) {
    std::cerr << g_program << ": scenario '" << scenario.name
              << "' broke a rule of the model: " << result.error << "\n";
  }
  if (result.stats.bound == Bound::kInterrupted) {
    std::cerr << g_program << ": interrupted by a signal: the report is partial\n";
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

// --part: a part of a search that declares a bug or warning may hold none of its executions
// (another part does), or only some kinds: it fits when it found nothing it should not (the
// whole is the parts merged: interleave merge).
bool PartFits(const Result& result, const Expectation& expected) {
  if (expected.verdict != Verdict::kBug && expected.verdict != Verdict::kWarning) return false;
  if (result.verdict != Verdict::kPass && result.verdict != expected.verdict &&
      !(expected.verdict == Verdict::kBug && result.verdict == Verdict::kWarning)) {
    return false;
  }
  for (const auto& [kind, count] : result.finding_counts) {
    if (count > 0 &&
        std::find(expected.kinds.begin(), expected.kinds.end(), kind) == expected.kinds.end()) {
      return false;
    }
  }
  return true;
}

int Check(CheckArgs args) {
  if (!args.all && args.names.empty()) {
    throw UsageError{"check needs --all or scenario names (see '" + g_command + " check --help')"};
  }
  // Never "all as expected" when nothing was checked.
  if (args.all && AllScenarios().empty()) {
    throw UsageError{
        "check --all: no scenarios are registered in this binary (INTERLEAVE_SCENARIO)"};
  }
  args.bounds.ParseNumbers();
  args.bounds.CheckJobs(false);
  args.bounds.CheckPart(false);
  args.bounds.CheckStrategyOptions(false);
  std::vector<const Scenario*> scenarios;
  if (args.all) {
    for (const Scenario& s : AllScenarios()) scenarios.push_back(&s);
  } else {
    for (const std::string& name : args.names) {
      const Scenario* scenario = &FindOrFail(name);
      if (std::find(scenarios.begin(), scenarios.end(), scenario) != scenarios.end()) {
        throw UsageError{"check: scenario " + Quote(name) + " is named twice"};
      }
      scenarios.push_back(scenario);
    }
  }
  const bool color = UseColor(args.color);

  const std::vector<TimeMode> modes = args.bounds.Modes({TimeMode::kAny, TimeMode::kVirtual});
  std::vector<std::vector<std::string>> rows = {{"scenario", "id", "variant", "mode", "found",
                                                 ShortUnitNoun(args.bounds.strategy), "time", ""}};
  std::vector<std::string> errors;
  int64_t checks = 0;
  int64_t matched = 0;
  int64_t executions = 0;
  double seconds = 0;
  const int64_t planned = static_cast<int64_t>(scenarios.size() * modes.size());
  ProgressDisplay progress(args.bounds.ShowProgress(), stderr);
  for (const Scenario* scenario : scenarios) {
    for (TimeMode mode : modes) {
      if (g_stop) break;  // A signal: the checks not started are not run.
      const std::unique_ptr<Strategy> strategy = MakeStrategy(args.bounds);
      ExploreOptions options = args.bounds.Options(mode);
      options.progress =
          progress.Callback("check " + std::to_string(checks + 1) + "/" + std::to_string(planned) +
                                " " + scenario->name + " (" + std::string(TimeModeName(mode)) + ")",
                            args.bounds.strategy);
      options.progress_every = kProgressEvery;
      const Result result = Explore(scenario->name, scenario->Bind(), *strategy, options);
      const Expectation& expected = scenario->ExpectedIn(mode);
      // --stop-on-first-bug: the search ends at its first bug, before it could meet every kind
      // the scenario declares; a BUG then matches a declared BUG.
      const bool ok = result.Matches(expected) ||
                      (result.coverage == kStoppedAtFirstBug && result.verdict == Verdict::kBug &&
                       expected.verdict == Verdict::kBug) ||
                      (args.bounds.parts > 1 && PartFits(result, expected));
      ++checks;
      matched += ok ? 1 : 0;
      executions += result.stats.executions;
      seconds += result.stats.seconds;
      const std::string found = FoundText(result);
      const std::string declared = ExpectationName(expected);
      rows.push_back({scenario->name, scenario->id, scenario->variant,
                      std::string(TimeModeName(mode)),
                      ok ? found : found + "; expected: " + declared,
                      WithThousands(result.stats.executions), Seconds(result.stats.seconds),
                      ok ? Paint("ok", "32", color) : Paint("MISMATCH", "1;31", color)});
      if (result.verdict == Verdict::kError) {
        errors.push_back(scenario->name + " (" + std::string(TimeModeName(mode)) +
                         "): " + result.error);
      }
    }
  }
  progress.Clear();
  std::cout << Table(rows, {5, 6}, 4, /*last_width=*/8);
  for (const std::string& error : errors) std::cout << "error: " << error << "\n";

  const int64_t total = static_cast<int64_t>(scenarios.size());
  std::cout << "\n"
            << total << (total == 1 ? " scenario, " : " scenarios, ") << checks
            << (checks == 1 ? " check, " : " checks, ") << matched << " as expected, "
            << checks - matched << " mismatched, " << CountNoun(args.bounds.strategy, executions)
            << " in " << Seconds(seconds) << "\n";
  if (args.bounds.parts > 1) {
    std::cout << "--part=" << args.bounds.part + 1 << "/" << args.bounds.parts
              << ": each search explored one part only; a part that found none or only some of "
                 "the declared kinds is as expected (merge the parts' reports for the whole)\n";
  }
  if (args.bounds.stop_on_first_bug) {
    std::cout << "--stop-on-first-bug: each search ended at its first bug, so a BUG matches a "
                 "declared BUG whatever kinds it declares\n";
  }
  if (g_stop) {
    std::cout << "interrupted by a signal: " << checks << " of " << planned
              << " checks run; the table above is partial\n";
  }
  FlushStdout();
  return matched == checks && !g_stop ? kExitOk : kExitFound;
}

// ---- merge ------------------------------------------------------------------------------

struct MergeArgs {
  std::vector<std::string> files;
  std::string report = "text";
  std::optional<std::string> out;
  std::string color = "auto";
};

// The merged report as a Result, for the text and HTML reports: its counts from the JSON, its
// counterexample re-run from its replay token. Only for a scenario this binary registers.
std::optional<Result> ResultOfMerged(const std::string& merged_text) {
  using json = nlohmann::ordered_json;
  const json merged = json::parse(merged_text);
  const Scenario* scenario = FindScenario(merged["scenario"].value("name", ""));
  if (scenario == nullptr) return std::nullopt;
  std::vector<std::string> param_texts;
  for (const auto& [name, value] : merged["scenario"]["parameters"].items()) {
    param_texts.push_back(name + "=" + value.dump());
  }
  const ScenarioParams params = ParseParams(*scenario, param_texts);
  const json& settings = merged["settings"];
  Bounds bounds;
  bounds.time = settings.value("time", "any");
  bounds.memory_model = settings.value("memory_model", "rc11");
  bounds.spurious_wakeups = settings.value("spurious_wakeups", "false") == "true";
  const ExploreOptions options = bounds.Options(*ParseTimeMode(*bounds.time));
  Result result;
  const json& counterexample = merged["counterexample"];
  if (!counterexample.is_null()) {
    std::string error;
    const std::optional<ReplayToken> token =
        ParseReplayToken(counterexample.value("replay_token", ""), &error);
    if (!token) throw UsageError{"the merged counterexample's replay token: " + error};
    ReplayStrategy replay(token->schedule, token->steps, token->plain_accesses_inline,
                          token->releases_inline);
    result = Explore(scenario->name, scenario->Bind(params), replay, options);
    if (result.verdict == Verdict::kError) {
      throw UsageError{"the merged counterexample does not replay on '" + scenario->name +
                       "': " + result.error};
    }
  }
  result.scenario = scenario->name;
  result.parameters = params.values();
  result.seed_lines = SeedLinesFor(*scenario);
  result.settings.clear();
  for (const auto& [name, value] : settings.items()) {
    if (name != "strategy") result.settings[name] = value.get<std::string>();
  }
  result.strategy = settings.value("strategy", "dpor");
  auto kind_of = [](const std::string& name) -> std::optional<FindingKind> {
    for (int k = 0; k <= static_cast<int>(FindingKind::kInvariant); ++k) {
      if (FindingKindName(static_cast<FindingKind>(k)) == name) return static_cast<FindingKind>(k);
    }
    return std::nullopt;
  };
  const std::string verdict = merged.value("verdict", "");
  for (Verdict v :
       {Verdict::kPass, Verdict::kIncomplete, Verdict::kWarning, Verdict::kBug, Verdict::kError}) {
    if (VerdictName(v) == verdict) result.verdict = v;
  }
  if (merged["error"].is_string()) result.error = merged["error"].get<std::string>();
  const json& s = merged["statistics"];
  result.stats.executions = s.value("executions", int64_t{0});
  result.stats.executions_with_findings = s.value("executions_with_findings", int64_t{0});
  result.stats.step_bound_hits = s.value("step_bound_hits", int64_t{0});
  result.stats.pruned = s.value("pruned", int64_t{0});
  result.stats.duplicate_graphs = s.value("duplicate_graphs", int64_t{0});
  result.stats.weak_memory = s.value("weak_memory", false);
  result.stats.clock_read = s.value("clock_read", false);
  result.stats.seconds = s.value("seconds", 0.0);
  result.stats.search_ended = s.value("search_ended", false);
  result.stats.exhaustive = s.value("exhaustive", false);
  // The JSON coverage carries its counts already: keep the statement, not the counts twice.
  std::string coverage = merged.value("coverage", "");
  if (const std::size_t paren = coverage.rfind(" ("); paren != std::string::npos) {
    coverage.resize(paren);
  }
  result.coverage = coverage;
  result.outcomes.clear();
  for (const json& o : merged["outcomes"]) {
    result.outcomes[o.value("outcome", "")] = o.value("executions", int64_t{0});
  }
  result.finding_counts.clear();
  for (const json& f : merged["finding_counts"]) {
    if (const auto kind = kind_of(f.value("kind", ""))) {
      result.finding_counts[*kind] = f.value("executions", int64_t{0});
    }
  }
  // Only the counterexample's execution was re-run: it is the one example kept.
  result.examples.clear();
  if (result.counterexample && result.outcomes.count(result.counterexample->OutcomeText())) {
    result.examples[result.counterexample->OutcomeText()] =
        OutcomeExample{*result.counterexample, result.findings};
  }
  result.outcome_interleavings.clear();
  result.outcome_unsized_classes.clear();
  return result;
}

int Merge(const MergeArgs& args) {
  std::vector<JsonPart> parts;
  for (const std::string& file : args.files) {
    struct stat info {};
    if (stat(file.c_str(), &info) != 0) {
      throw UsageError{"cannot read " + Quote(file) + ": " + std::strerror(errno)};
    }
    if (S_ISDIR(info.st_mode)) throw UsageError{"cannot read " + Quote(file) + ": a directory"};
    // --out names where the merged report goes: never over one of the parts it is made of.
    if (struct stat out{}; args.out && stat(args.out->c_str(), &out) == 0 &&
                           out.st_dev == info.st_dev && out.st_ino == info.st_ino) {
      throw UsageError{"--out " + Quote(*args.out) + " is the part " + Quote(file) +
                       ": the merge would overwrite it"};
    }
    std::ifstream in(file, std::ios::binary);
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (!in && !in.eof()) throw UsageError{"cannot read " + Quote(file)};
    parts.push_back({file, std::move(text)});
  }
  std::string error;
  const std::optional<std::string> merged = MergeJsonReports(parts, error);
  if (!merged) throw UsageError{error};
  std::string report;
  if (args.report == "json") {
    report = *merged;
  } else {
    // A program's counterexample, re-run here: its output for the report, not the terminal.
    std::optional<output_capture::Session> capture;
    if (g_capture_output) capture.emplace();
    const std::optional<Result> result = ResultOfMerged(*merged);
    if (args.report == "html") {
      if (!result) {
        throw UsageError{"--report=html re-runs the merged counterexample, and scenario " +
                         Quote(nlohmann::json::parse(*merged)["scenario"].value("name", "")) +
                         " is not registered in this binary (use --report=json or text)"};
      }
      report = RenderHtml(*result, {.command = g_command});
    } else if (result) {
      TextReportOptions options;
      options.command = g_command;
      options.color = !args.out && UseColor(args.color);
      report = RenderText(*result, options);
    } else {
      report = MergedTextSummary(*merged);
    }
  }
  if (args.out) {
    std::ofstream out(*args.out, std::ios::binary | std::ios::trunc);
    out << report;
    out.close();
    if (!out) throw UsageError{"cannot write the report to " + Quote(*args.out)};
  } else {
    std::cout << report;
  }
  FlushStdout();
  return JsonVerdictIsPass(*merged) ? kExitOk : kExitFound;
}

// A flag takes no value: CLI11 would read "--full=3" as --full (any number is true), so each
// "--NAME=VALUE" whose NAME is a flag of the command is refused before parsing.
void RejectFlagValues(const CLI::App& app, const std::vector<std::string>& args) {
  std::set<std::string> flags;
  std::vector<const CLI::App*> commands = {&app};
  for (const CLI::App* sub : app.get_subcommands({})) commands.push_back(sub);
  for (const CLI::App* command : commands) {
    for (const CLI::Option* option : command->get_options()) {
      if (option->get_positional() || option->get_items_expected_max() != 0) continue;
      for (const std::string& name : option->get_lnames()) flags.insert("--" + name);
    }
  }
  for (const std::string& arg : args) {
    if (arg == "--") break;
    const std::size_t eq = arg.find('=');
    if (!arg.starts_with("--") || eq == std::string::npos) continue;
    if (flags.contains(arg.substr(0, eq))) {
      throw UsageError{arg.substr(0, eq) + " is a flag and takes no value, not " +
                       Quote(arg.substr(eq + 1))};
    }
  }
}

int Main(int argc, char** argv) {
  CLI::App app{
      g_program +
          ": scenarios checked by interleave, a deterministic concurrency model checker for "
          "C++. It runs a scenario under a controlled scheduler, explores its interleavings "
          "and reports each bug with a replayable counterexample.",
      g_command};
  app.footer(kExitHelp);

  CLI::App* list = app.add_subcommand("list", "List the registered scenarios");

  RunArgs run_args;
  CLI::App* run = app.add_subcommand(
      "run",
      "Explore a scenario (by default exhaustively with dpor; see --strategy), or replay one "
      "execution, and print the report");
  run->add_option("scenario", run_args.scenario, "Scenario name (see '" + g_command + " list')")
      ->type_name("SCENARIO")
      ->required();
  run->add_option("--param", run_args.params,
                  "Set a scenario parameter (a count within its range; see '" + g_command +
                      " list'), repeatable")
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
  run->add_option("--show", run_args.show,
                  "What the text report shows of the executions: table (the counterexample as a "
                  "table, one column per thread, and why) or log (the program's printed lines, "
                  "with threads and virtual times, of the counterexample and of one execution of "
                  "each outcome, PASS runs included)")
      ->check(CLI::IsMember({"table", "log"}))
      ->capture_default_str();
  run->add_option("--against", run_args.against,
                  "Replay the counterexample of BUG (a bug variant) on this scenario (its fix) "
                  "by thread names and show both side by side: where the fix makes the "
                  "schedule impossible or harmless (text or json)")
      ->type_name("BUG");
  run->add_flag(
      "--show-output", run_args.show_output,
      "A program run by `interleave exec`: let it print in every execution of the search, "
      "as it writes (by default its output is captured, and the report shows the "
      "counterexample execution's)");
  run->add_flag("--full", run_args.full,
                "Show every step of the counterexample in the text report's table (by default it "
                "shows the steps that make the finding; JSON and HTML always carry every step)");
  AddWhole(*run, run_args.minimize_budget_text,
           "Executions the search for a simpler counterexample (fewest preemptions, then "
           "fewest steps, same finding) may run, 0 to 100000000; 0 turns it off",
           "N");
  run->add_option("--color", run_args.color, "Colour the report (auto: when stdout is a tty)")
      ->check(CLI::IsMember({"auto", "always", "never"}))
      ->capture_default_str();
  run->footer(kExitHelp);

  CheckArgs check_args;
  CLI::App* check = app.add_subcommand(
      "check",
      "Explore every interleaving of each scenario and compare the verdict with the one it "
      "declares; print a summary table");
  CLI::Option* all = check->add_flag("--all", check_args.all, "Check every registered scenario");
  check->add_option("scenarios", check_args.names, "Scenario names (instead of --all)")
      ->type_name("SCENARIO")
      ->excludes(all);
  AddBounds(*check, check_args.bounds);
  check->add_option("--color", check_args.color, "Colour the table (auto: when stdout is a tty)")
      ->check(CLI::IsMember({"auto", "always", "never"}))
      ->capture_default_str();
  check->footer(kExitHelp);

  MergeArgs merge_args;
  CLI::App* merge = app.add_subcommand(
      "merge",
      "Combine the JSON reports of the parts of one split search (run --part=I/N "
      "--report=json, or Bazel test shards) into the report of the whole search");
  merge->add_option("reports", merge_args.files, "The parts' JSON reports")
      ->type_name("FILE")
      ->required();
  merge
      ->add_option("--report", merge_args.report,
                   "Report format: text, json (the schema of run's), html (text and html re-run "
                   "the kept counterexample: the scenario must be registered in this binary; "
                   "text falls back to a summary)")
      ->check(CLI::IsMember({"text", "json", "html"}))
      ->capture_default_str();
  merge->add_option("--out", merge_args.out, "Write the report to FILE instead of stdout")
      ->type_name("FILE");
  merge->add_option("--color", merge_args.color, "Colour the report (auto: when stdout is a tty)")
      ->check(CLI::IsMember({"auto", "always", "never"}))
      ->capture_default_str();
  merge->footer(
      "Exit codes: 0 the merged verdict is PASS (every part given, each exhaustive), 1 any other "
      "verdict (a missing part makes it INCOMPLETE), 2 bad usage (a file that is no report, a "
      "part given twice, parts of different searches)");

  PlayArgs play_args;
  CLI::App* play = app.add_subcommand(
      "play",
      "You are the scheduler: choose which thread runs next, step by step, and try to "
      "reach the bug (in the terminal, or as an HTML page with --html)");
  play->add_option("scenario", play_args.scenario, "Scenario name")
      ->type_name("SCENARIO")
      ->required();
  play->add_option("--param", play_args.params, "Set a scenario parameter, repeatable")
      ->type_name("NAME=VALUE");
  play->add_option("--time", play_args.time, "Time mode: any (default) or virtual")
      ->check(CLI::IsMember({"any", "virtual"}));
  CLI::Option* play_html =
      play->add_option("--html", play_args.html,
                       "Write the game as one self-contained page to FILE (the schedule tree, "
                       "explored up to --max-nodes branch points, is embedded)")
          ->type_name("FILE");
  play->add_option("--max-nodes", play_args.max_nodes_text,
                   "Largest schedule tree --html embeds (1 to 1000000)")
      ->type_name("N")
      ->needs(play_html)
      ->capture_default_str();
  play->footer(
      "Exit codes: 0 the program ran to its end (the text says whether you reached a bug), 1 the "
      "game was not finished (q, or the input ended first), 2 bad usage (or a tree larger than "
      "--max-nodes for --html)");

  // Messages quote what was typed, shortened and on one line (tools/cli_text.h).
  const std::vector<std::string> args(argv + 1, argv + argc);
  // An unknown subcommand: CLI11 would say only that the argument was not expected.
  if (!args.empty() && !args.front().starts_with("-")) {
    std::vector<std::string> names;
    for (const CLI::App* sub : app.get_subcommands({})) names.push_back(sub->get_name());
    if (std::find(names.begin(), names.end(), args.front()) == names.end()) {
      const std::string suggestion = DidYouMean(ClosestNames(args.front(), names));
      std::string known;
      for (const std::string& name : names) known += (known.empty() ? "" : ", ") + name;
      const std::string message =
          "unknown subcommand " + Quote(args.front()) +
          (suggestion.empty() ? " (the subcommands are " + known + ")" : suggestion);
      std::cerr << g_program << ": " << SafeMessage(message, args) << "\n"
                << "Run '" << g_command << " --help' for usage.\n";
      return kExitUsage;
    }
  }
  try {
    RejectFlagValues(app, args);
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    // --help: the help text on stdout, exit 0.
    if (e.get_exit_code() == static_cast<int>(CLI::ExitCodes::Success)) return app.exit(e);
    std::string command = g_command;
    for (const CLI::App* sub : app.get_subcommands()) command += " " + sub->get_name();
    std::cerr << g_program << ": " << SafeMessage(e.what(), args) << "\n"
              << "Run '" << command << " --help' for usage.\n";
    return kExitUsage;
  } catch (const UsageError& e) {
    std::cerr << g_program << ": " << SafeMessage(e.message, args) << "\n";
    return kExitUsage;
  }

  // A closed pipe on stdout is a write error (FlushStdout), not a silent death.
  std::signal(SIGPIPE, SIG_IGN);
  try {
    if (list->parsed()) return List();
    if (run->parsed() || check->parsed()) InstallStopHandlers();
    if (run->parsed()) return Run(run_args);
    if (check->parsed()) return Check(check_args);
    if (merge->parsed()) return Merge(merge_args);
    if (play->parsed()) {  // tools/play.h.
      const Scenario& scenario = FindOrFail(play_args.scenario);
      const ScenarioParams params = ParseParams(scenario, play_args.params);
      Bounds bounds;
      bounds.time = play_args.time;
      const ExploreOptions options = bounds.Options(bounds.Modes({TimeMode::kAny}).front());
      play_args.echo = isatty(STDIN_FILENO) == 0;
      play_args.command = g_command;
      if (play_args.html) {
        return PlayInHtml(scenario, params, options, play_args, std::cout, std::cerr);
      }
      return PlayInTerminal(scenario, params, options, play_args, std::cin, std::cout, std::cerr);
    }
  } catch (const UsageError& e) {
    std::cerr << g_program << ": " << SafeMessage(e.message, args) << "\n";
    return kExitUsage;
  }
  std::cerr << app.help();
  return kExitUsage;
}

}  // namespace

int RunInterleaveCli(int argc, char** argv, const CliOptions& options) {
  const std::string argv0 = argc > 0 && argv[0] != nullptr ? argv[0] : "interleave";
  g_command = options.command.empty() ? argv0 : options.command;
  if (const char* env = std::getenv("INTERLEAVE_COMMAND"); env && *env) g_command = env;
  g_program = options.command.empty() ? argv0.substr(argv0.rfind('/') + 1) : options.command;
  g_capture_output = options.capture_output;
  if (g_program.empty()) g_program = "interleave";
  try {
    return Main(argc, argv);
  } catch (const std::exception& e) {
    std::cerr << g_program << ": internal error: " << e.what() << "\n";
    return 1;
  }
}

int RunInterleaveCli(int argc, char** argv) { return RunInterleaveCli(argc, argv, CliOptions{}); }

}  // namespace interleave
