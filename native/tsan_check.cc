// tsan_check: the ThreadSanitizer cross-check of one scenario, run as a test under
// `bazel test --config=tsan` (see the tsan_* tests in native/BUILD).
//
//   tsan_check --runner PATH --scenario NAME --runs N --race VARIABLE --source FILE
//     passes when ThreadSanitizer reports a data race on the Shared variable VARIABLE, both
//     accesses from FILE through Shared<T>::read/write, in some of N runs (the model's DATA RACE
//     on the same variable, confirmed on real threads).
//   tsan_check --runner PATH --scenario NAME --runs N --clean
//     passes when ThreadSanitizer reports nothing at all in N runs (a verified fix).
//
// It runs `PATH --sanitizer` first and fails with a clear message unless the runner is built
// with TSan; then `PATH NAME --runs N --objects` as a child process with TSAN_OPTIONS
// halt_on_error=0 (each run is the runner's own child; every run reports), and reads the
// child's stderr with native/tsan_report.h. Both kinds of test use this same code.
#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "native/tsan_report.h"

namespace interleave::native {
namespace {

struct Args {
  std::string runner;
  std::string scenario;
  std::string runs = "5";
  std::string race;  // The variable; empty with --clean.
  std::string source;
  bool clean = false;
};

std::string ReadFile(const std::string& path) {
  std::ifstream file(path);
  std::stringstream text;
  text << file.rdbuf();
  return text.str();
}

// Runs `argv` with stdout and stderr in files; returns the exit status (-1: did not run).
int RunChild(const std::vector<std::string>& argv, const std::string& out, const std::string& err,
             const std::string& tsan_options) {
  const pid_t child = ::fork();
  if (child < 0) return -1;
  if (child == 0) {
    const int out_fd = ::open(out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    const int err_fd = ::open(err.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (out_fd < 0 || err_fd < 0) ::_exit(127);
    ::dup2(out_fd, 1);
    ::dup2(err_fd, 2);
    ::setenv("TSAN_OPTIONS", tsan_options.c_str(), 1);
    std::vector<char*> args;
    for (const std::string& arg : argv) args.push_back(const_cast<char*>(arg.c_str()));
    args.push_back(nullptr);
    ::execv(args[0], args.data());
    ::_exit(127);
  }
  int status = 0;
  if (::waitpid(child, &status, 0) < 0) return -1;
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

int Fail(const std::string& message) {
  std::cerr << "FAIL: " << message << "\n";
  return 1;
}

int Main(int argc, char** argv) {
  Args args;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    auto next = [&]() -> std::string { return i + 1 < argc ? argv[++i] : ""; };
    if (arg == "--runner")
      args.runner = next();
    else if (arg == "--scenario")
      args.scenario = next();
    else if (arg == "--runs")
      args.runs = next();
    else if (arg == "--race")
      args.race = next();
    else if (arg == "--source")
      args.source = next();
    else if (arg == "--clean")
      args.clean = true;
    else
      return Fail("unknown argument '" + arg + "'");
  }
  if (args.runner.empty() || args.scenario.empty() || args.clean == !args.race.empty() ||
      (!args.clean && args.source.empty())) {
    return Fail(
        "usage: tsan_check --runner PATH --scenario NAME [--runs N] "
        "(--race VARIABLE --source FILE | --clean)");
  }
  const char* tmp = std::getenv("TEST_TMPDIR");
  const std::string dir = tmp != nullptr ? tmp : "/tmp";
  const std::string out = dir + "/tsan_check." + args.scenario + ".out";
  const std::string err = dir + "/tsan_check." + args.scenario + ".err";
  const std::string options = "halt_on_error=0:history_size=7";

  if (RunChild({args.runner, "--sanitizer"}, out, err, options) != 0) {
    return Fail("cannot run " + args.runner + ": " + ReadFile(err));
  }
  const std::string sanitizer = ReadFile(out);
  if (sanitizer != "thread\n") {
    return Fail(args.runner + " is not built with ThreadSanitizer (it says '" + sanitizer +
                "'): this test means something only under `bazel test --config=tsan`");
  }

  const int status =
      RunChild({args.runner, args.scenario, "--runs", args.runs, "--objects", "--timeout", "60"},
               out, err, options);
  const std::string log = ReadFile(err);
  std::cout << ReadFile(out);
  if (status != 0)
    return Fail("run_native exited with status " + std::to_string(status) + "\n" + log);
  const std::vector<TsanReport> reports = ParseTsanLog(log);
  std::cout << "ThreadSanitizer: " << reports.size() << " report(s) over " << args.runs
            << " runs of " << args.scenario << "\n";

  if (args.clean) {
    if (reports.empty()) {
      std::cout << "PASS: no ThreadSanitizer report, as the model's PASS says\n";
      return 0;
    }
    std::cerr << log;
    return Fail(std::to_string(reports.size()) +
                " ThreadSanitizer report(s) (the first: " + reports.front().kind +
                (reports.front().object.empty() ? "" : " on '" + reports.front().object + "'") +
                ") where the model verified the fix");
  }
  int matching = 0;
  std::string mismatches;
  for (const TsanReport& report : reports) {
    std::string why;
    if (IsRaceOn(report, args.race, args.source, &why)) {
      ++matching;
    } else {
      mismatches += "  a report that does not match: " + why + "\n";
    }
  }
  std::cout << mismatches;
  if (matching == 0) {
    std::cerr << log;
    return Fail("ThreadSanitizer reported no data race on '" + args.race + "' from " + args.source +
                " in " + args.runs + " runs, where the model reports a DATA RACE");
  }
  std::cout << "PASS: ThreadSanitizer reported a data race on '" << args.race << "' from "
            << args.source << " in " << matching << " report(s), as the model does\n";
  return 0;
}

}  // namespace
}  // namespace interleave::native

int main(int argc, char** argv) { return interleave::native::Main(argc, argv); }
