// run_native: runs a scenario of the catalogue on real threads (the native backend) N times and
// counts its outcomes, failed expects and errors.
//
//   run_native SCENARIO [--runs N] [--seed S] [--param NAME=VALUE]... [--timeout SECONDS]
//              [--time-scale X] [--log] [--objects] [--machine]
//   run_native --list          the scenarios this binary has
//   run_native --sanitizer     "thread" when built with ThreadSanitizer, else "none"
//
// Each run is a child process (fork, no exec) of this single-threaded parent: the child runs
// the body as main, waits at program exit for the non-daemon threads, sends what it recorded
// (outcome(), failed expect()s, errors) through a pipe and ends with _exit, which abandons the
// daemon threads as Python's interpreter exit does. Every run thus starts from fresh state, a
// crash or a ThreadSanitizer halt ends only its run, and a run that does not end within
// --timeout seconds (a deadlock or a hang on real threads) is killed and counted as such. Run i
// seeds choose() with S + i. A child's stderr is this program's (logs with --log, object
// addresses with --objects, ThreadSanitizer's reports).
//
// Output: a table like the model's "Outcomes over N executions", or with --machine lines of
// tab-separated fields for the interleave CLI: "runs N", "outcome COUNT TEXT",
// "expect COUNT TEXT", "error COUNT TEXT".
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <iostream>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "model/error.h"
#include "model/runtime.h"
#include "scenarios/registry.h"

namespace interleave::native {
namespace {

struct Options {
  std::string scenario;
  long runs = 1000;
  unsigned long long seed = 1;
  std::map<std::string, int> params;
  double timeout = 10;
  double time_scale = 0.01;
  bool log = false;
  bool objects = false;
  bool machine = false;
};

struct Counts {
  long runs = 0;
  std::map<std::string, long> outcomes;
  std::map<std::string, long> expects;  // Runs in which each failed.
  std::map<std::string, long> errors;
};

std::string OneLine(std::string text) {
  for (char& c : text) {
    if (c == '\n' || c == '\t') c = ' ';
  }
  return text;
}

void WriteAll(int fd, const std::string& text) {
  const char* data = text.data();
  size_t left = text.size();
  while (left > 0) {
    const ssize_t n = ::write(fd, data, left);
    if (n <= 0) return;
    data += n;
    left -= static_cast<size_t>(n);
  }
}

// The child: one run of the body, its record written to `fd` as "kind\ttext" lines.
[[noreturn]] void RunChild(const Scenario& scenario, const ScenarioParams& params, int fd) {
  try {
    scenario.Bind(params)();
  } catch (const ModelError& e) {
    RecordError(std::string("model error in MainThread: ") + e.what());
  } catch (const std::exception& e) {
    RecordError(std::string("exception in MainThread: ") + e.what());
  } catch (...) {
    RecordError("exception in MainThread");
  }
  try {
    ProgramExit();
  } catch (const std::exception& e) {
    RecordError(std::string("at program exit: ") + e.what());
  }
  const Record record = TakeRecord();
  std::string text;
  std::string outcome;
  for (const auto& [name, value] : record.outcome) {
    outcome += (outcome.empty() ? "" : ", ") + name + "=" + value;
  }
  if (outcome.empty()) outcome = "(no outcome declared)";
  text += "outcome\t" + OneLine(outcome) + "\n";
  for (const std::string& expect : record.failed_expects)
    text += "expect\t" + OneLine(expect) + "\n";
  for (const std::string& error : record.errors) text += "error\t" + OneLine(error) + "\n";
  WriteAll(fd, text);
  std::fflush(stderr);
  std::fflush(stdout);
  ::_exit(0);
}

// One run in a child process; adds what it recorded to `counts`.
void RunOnce(const Scenario& scenario, const ScenarioParams& params, const Options& options,
             long index, Counts& counts) {
  int pipe_fds[2];
  if (::pipe(pipe_fds) != 0) {
    std::perror("run_native: pipe");
    std::exit(2);
  }
  std::fflush(stdout);
  std::fflush(stderr);
  const pid_t child = ::fork();
  if (child < 0) {
    std::perror("run_native: fork");
    std::exit(2);
  }
  if (child == 0) {
    ::close(pipe_fds[0]);
    Settings& run = settings();
    run.seed = options.seed + static_cast<unsigned long long>(index);
    run.time_scale = options.time_scale;
    run.print_log = options.log;
    run.print_objects = options.objects;
    RunChild(scenario, params, pipe_fds[1]);
  }
  ::close(pipe_fds[1]);

  std::string received;
  bool timed_out = false;
  const auto deadline = std::chrono::steady_clock::now() +
                        std::chrono::milliseconds(static_cast<long>(options.timeout * 1000));
  while (true) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
                          deadline - std::chrono::steady_clock::now())
                          .count();
    if (left <= 0) {
      timed_out = true;
      break;
    }
    pollfd fd = {pipe_fds[0], POLLIN, 0};
    const int ready = ::poll(&fd, 1, static_cast<int>(left));
    if (ready < 0 && errno == EINTR) continue;
    if (ready == 0) continue;  // The deadline check above ends it.
    char buffer[4096];
    const ssize_t n = ::read(pipe_fds[0], buffer, sizeof buffer);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;  // EOF: the child has ended (or closed the pipe).
    received.append(buffer, static_cast<size_t>(n));
  }
  ::close(pipe_fds[0]);
  if (timed_out) ::kill(child, SIGKILL);
  int status = 0;
  while (::waitpid(child, &status, 0) < 0 && errno == EINTR) {
  }

  ++counts.runs;
  std::string outcome;
  std::set<std::string> expects;
  std::vector<std::string> errors;
  size_t start = 0;
  while (start < received.size()) {
    size_t end = received.find('\n', start);
    if (end == std::string::npos) end = received.size();
    const std::string line = received.substr(start, end - start);
    start = end + 1;
    const size_t tab = line.find('\t');
    if (tab == std::string::npos) continue;
    const std::string kind = line.substr(0, tab);
    const std::string text = line.substr(tab + 1);
    if (kind == "outcome") outcome = text;
    if (kind == "expect") expects.insert(text);
    if (kind == "error") errors.push_back(text);
  }
  // The record is complete when the child got to send it: a non-zero exit after that (TSan
  // exits 66 when it reported something) is noted as an error, the outcome stands.
  const bool recorded = !outcome.empty();
  std::string ending;
  if (timed_out) {
    ending = "did not end within " + std::to_string(static_cast<long>(options.timeout)) +
             " s: killed (a deadlock or a hang)";
  } else if (WIFSIGNALED(status)) {
    ending = "crashed with signal " + std::to_string(WTERMSIG(status));
  } else if (WIFEXITED(status) && WEXITSTATUS(status) != 0) {
    ending = "exited with status " + std::to_string(WEXITSTATUS(status));
  }
  if (!recorded) outcome = "(" + (ending.empty() ? std::string("no record") : ending) + ")";
  if (recorded && !ending.empty()) errors.push_back("the run's process " + ending);
  ++counts.outcomes[outcome];
  for (const std::string& expect : expects) ++counts.expects[expect];
  for (const std::string& error : std::set<std::string>(errors.begin(), errors.end())) {
    ++counts.errors[error];
  }
}

void PrintHuman(const Options& options, const Counts& counts, double seconds) {
  const std::string runs = std::to_string(counts.runs) + (counts.runs == 1 ? " run" : " runs");
  const std::string of = " of " + runs;
  std::printf("%s on real threads (native backend): %s, seed %llu, time scale %g, %.2f s\n",
              options.scenario.c_str(), runs.c_str(), options.seed, options.time_scale, seconds);
  size_t width = 0;
  for (const auto& [text, count] : counts.outcomes) width = std::max(width, text.size());
  std::printf("Outcomes over %s:\n", runs.c_str());
  for (const auto& [text, count] : counts.outcomes) {
    std::printf("  %-*s  in %ld%s\n", static_cast<int>(width), text.c_str(), count, of.c_str());
  }
  if (!counts.expects.empty()) {
    std::printf("Failed expects:\n");
    for (const auto& [text, count] : counts.expects) {
      std::printf("  %s  in %ld%s\n", text.c_str(), count, of.c_str());
    }
  }
  if (!counts.errors.empty()) {
    std::printf("Errors:\n");
    for (const auto& [text, count] : counts.errors) {
      std::printf("  %s  in %ld%s\n", text.c_str(), count, of.c_str());
    }
  }
}

void PrintMachine(const Counts& counts) {
  std::printf("runs\t%ld\n", counts.runs);
  for (const auto& [text, count] : counts.outcomes)
    std::printf("outcome\t%ld\t%s\n", count, text.c_str());
  for (const auto& [text, count] : counts.expects)
    std::printf("expect\t%ld\t%s\n", count, text.c_str());
  for (const auto& [text, count] : counts.errors)
    std::printf("error\t%ld\t%s\n", count, text.c_str());
}

int Usage(const std::string& message) {
  std::fprintf(stderr,
               "run_native: %s\nusage: run_native SCENARIO [--runs N] [--seed S] "
               "[--param NAME=VALUE]... [--timeout SECONDS] [--time-scale X] [--log] "
               "[--objects] [--machine]\n       run_native --list | --sanitizer\n",
               message.c_str());
  return 2;
}

// Parses a whole number >= `least` into `out`; false if `text` is not one.
bool ParseNumber(const std::string& text, long least, long& out) {
  char* end = nullptr;
  errno = 0;
  const long value = std::strtol(text.c_str(), &end, 10);
  if (text.empty() || *end != '\0' || errno != 0 || value < least) return false;
  out = value;
  return true;
}

int Main(int argc, char** argv) {
  Options options;
  std::vector<std::string> args(argv + 1, argv + argc);
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    auto value = [&](std::string& out) {
      if (i + 1 >= args.size()) return false;
      out = args[++i];
      return true;
    };
    std::string text;
    long number = 0;
    if (arg == "--list") {
      for (const Scenario& scenario : AllScenarios()) std::printf("%s\n", scenario.name.c_str());
      return 0;
    } else if (arg == "--sanitizer") {
#if defined(__SANITIZE_THREAD__)
      std::printf("thread\n");
#else
      std::printf("none\n");
#endif
      return 0;
    } else if (arg == "--runs") {
      if (!value(text) || !ParseNumber(text, 1, number)) return Usage("--runs wants N >= 1");
      options.runs = number;
    } else if (arg == "--seed") {
      if (!value(text) || !ParseNumber(text, 0, number)) return Usage("--seed wants S >= 0");
      options.seed = static_cast<unsigned long long>(number);
    } else if (arg == "--timeout") {
      if (!value(text) || std::atof(text.c_str()) <= 0) return Usage("--timeout wants seconds > 0");
      options.timeout = std::atof(text.c_str());
    } else if (arg == "--time-scale") {
      if (!value(text) || std::atof(text.c_str()) < 0) return Usage("--time-scale wants X >= 0");
      options.time_scale = std::atof(text.c_str());
    } else if (arg == "--param") {
      const size_t eq = value(text) ? text.find('=') : std::string::npos;
      if (eq == std::string::npos || !ParseNumber(text.substr(eq + 1), 0, number)) {
        return Usage("--param wants NAME=VALUE");
      }
      options.params[text.substr(0, eq)] = static_cast<int>(number);
    } else if (arg == "--log") {
      options.log = true;
    } else if (arg == "--objects") {
      options.objects = true;
    } else if (arg == "--machine") {
      options.machine = true;
    } else if (arg.starts_with("--") || !options.scenario.empty()) {
      return Usage("unexpected argument '" + arg + "'");
    } else {
      options.scenario = arg;
    }
  }
  if (options.scenario.empty()) return Usage("which scenario?");
  const Scenario* scenario = FindScenario(options.scenario);
  if (scenario == nullptr) {
    return Usage("no scenario '" + options.scenario +
                 "' in the native build (run_native --list; native/BUILD lists its scenarios)");
  }
  std::string error;
  const ScenarioParams params = scenario->Params(options.params, &error);
  if (!error.empty()) return Usage(error);

  Counts counts;
  const auto begin = std::chrono::steady_clock::now();
  for (long i = 0; i < options.runs; ++i) RunOnce(*scenario, params, options, i, counts);
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - begin).count();
  if (options.machine) {
    PrintMachine(counts);
  } else {
    PrintHuman(options, counts, seconds);
  }
  return 0;
}

}  // namespace
}  // namespace interleave::native

int main(int argc, char** argv) { return interleave::native::Main(argc, argv); }
