#include "tools/exec.h"

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iostream>
#include <iterator>

namespace interleave {
namespace {

constexpr const char* kUsage =
    "Usage: interleave exec [run options] -- PROGRAM [ARGS...]\n"
    "Explores PROGRAM, an unmodified pthread/std::thread program built with 'interleave cc',\n"
    "with the options of 'interleave run' (--strategy, --time, --max-executions, --report,\n"
    "--out, --replay, --part=I/N, ...). The replay line of its report runs as printed.\n"
    "--jobs=N runs N processes, each a part of a dpor or dfs search (--part=I/N), and merges\n"
    "their reports. What PROGRAM prints is captured one execution at a time; the report shows\n"
    "the counterexample's output (--show-output: it prints in every execution).\n";

std::string Basename(const std::string& path) {
  const std::size_t slash = path.rfind('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

// Whether `path` names libinterleave_rt.so (in its dynamic section's needed entries).
bool LinksRuntime(const std::string& path) {
  std::ifstream file(path, std::ios::binary);
  const std::string bytes((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
  return bytes.find("libinterleave_rt.so") != std::string::npos;
}

std::string ShellQuote(const std::string& text) {
  if (!text.empty() && text.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
                                              "0123456789_-./=:+,@%") == std::string::npos) {
    return text;
  }
  std::string quoted = "'";
  for (const char c : text) quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return quoted + "'";
}

// `program` with $INTERLEAVE_EXEC_ARGS = `exec_args`, stdout to /dev/null and stderr to
// `log` when `quiet`: its pid (-1 when fork failed).
pid_t Spawn(const ExecArgs& parsed, const std::string& exec_args, bool quiet,
            const std::string& log) {
  const pid_t pid = fork();
  if (pid != 0) return pid;
  setenv("INTERLEAVE_EXEC_ARGS", exec_args.c_str(), 1);
  if (quiet) {
    const int null = open("/dev/null", O_WRONLY);
    const int err = open(log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (null >= 0) dup2(null, STDOUT_FILENO);
    if (err >= 0) dup2(err, STDERR_FILENO);
  }
  std::vector<std::string> args = {parsed.program};
  args.insert(args.end(), parsed.program_args.begin(), parsed.program_args.end());
  std::vector<char*> argv;
  for (std::string& arg : args) argv.push_back(arg.data());
  argv.push_back(nullptr);
  const std::string path =
      parsed.program.find('/') == std::string::npos ? "./" + parsed.program : parsed.program;
  execv(path.c_str(), argv.data());
  std::fprintf(stderr, "interleave: cannot execute %s: %s\n", path.c_str(), std::strerror(errno));
  _exit(2);
}

int ExitCode(int status) {
  if (WIFEXITED(status)) return WEXITSTATUS(status);
  return WIFSIGNALED(status) ? 128 + WTERMSIG(status) : 2;
}

// --jobs: the parts in parallel processes, then the program's own merge of their reports.
int RunParts(const ExecArgs& parsed, const std::string& exec_args) {
  char pattern[] = "/tmp/interleave-exec-XXXXXX";
  const char* dir = mkdtemp(pattern);
  if (dir == nullptr) {
    std::cerr << "interleave: cannot make a directory for the parts' reports: "
              << std::strerror(errno) << "\n";
    return 2;
  }
  std::vector<pid_t> parts;
  std::vector<std::string> reports;
  std::vector<std::string> logs;
  for (int part = 1; part <= parsed.jobs; ++part) {
    const std::string stem = std::string(dir) + "/part-" + std::to_string(part);
    reports.push_back(stem + ".json");
    logs.push_back(stem + ".log");
    parts.push_back(Spawn(parsed,
                          exec_args + "\x1f--part=" + std::to_string(part) + "/" +
                              std::to_string(parsed.jobs) +
                              "\x1f--report=json\x1f--out=" + reports.back(),
                          true, logs.back()));
  }
  int worst = 0;
  std::string failed_log;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    int status = 0;
    const int code =
        parts[i] > 0 && waitpid(parts[i], &status, 0) == parts[i] ? ExitCode(status) : 2;
    // 0 PASS, 1 a finding or an incomplete part: the merge says which. Else the part failed.
    if (code > 1 && code > worst) {
      worst = code;
      failed_log = logs[i];
    }
  }
  int result = worst;
  if (worst > 1) {
    std::ifstream log(failed_log);
    std::cerr << log.rdbuf();
    std::cerr << "interleave: a part of the search failed (exit " << worst << ")\n";
  } else {
    std::string merge_args = "merge";
    for (const std::string& report : reports) merge_args += "\x1f" + report;
    for (const std::string& option : parsed.report_options) merge_args += "\x1f" + option;
    int status = 0;
    const pid_t merge = Spawn(parsed, merge_args, false, "");
    result = merge > 0 && waitpid(merge, &status, 0) == merge ? ExitCode(status) : 2;
  }
  for (const std::string& file : reports) unlink(file.c_str());
  for (const std::string& file : logs) unlink(file.c_str());
  rmdir(dir);
  return result;
}

}  // namespace

bool ParseExecArgs(const std::vector<std::string>& args, ExecArgs& parsed, std::string& error) {
  parsed = {};
  std::size_t i = 0;
  for (; i < args.size(); ++i) {
    const std::string& arg = args[i];
    if (arg == "--") {
      if (i + 1 >= args.size()) {
        error = "exec needs a program after '--'";
        return false;
      }
      if (!parsed.program.empty()) {
        error = "exec takes the program once: --program or after '--'";
        return false;
      }
      parsed.program = args[i + 1];
      parsed.program_args.assign(args.begin() + static_cast<std::ptrdiff_t>(i) + 2, args.end());
      break;
    }
    if (arg.starts_with("--program=")) {
      parsed.program = arg.substr(std::strlen("--program="));
      // The replay form: `run NAME` follows.
      if (i + 1 < args.size() && args[i + 1] == "run") i += 2;
      continue;
    }
    if (arg == "--jobs" || arg.starts_with("--jobs=")) {
      std::string value;
      if (arg == "--jobs") {
        if (i + 1 >= args.size()) {
          error = "--jobs needs a number of processes";
          return false;
        }
        value = args[++i];
      } else {
        value = arg.substr(std::strlen("--jobs="));
      }
      if (value.empty() || value.size() > 3 ||
          value.find_first_not_of("0123456789") != std::string::npos || std::stoi(value) < 1 ||
          std::stoi(value) > 256) {
        error = "--jobs: '" + value + "' is not a number of processes from 1 to 256";
        return false;
      }
      parsed.jobs = std::stoi(value);
      continue;
    }
    parsed.options.push_back(arg);
  }
  if (parsed.program.empty()) {
    error = "exec needs a program: interleave exec [run options] -- PROGRAM [ARGS...]";
    return false;
  }
  if (parsed.jobs == 1) return true;
  // The report options go to the merge; what would not split is refused.
  std::vector<std::string> part_options;
  for (std::size_t k = 0; k < parsed.options.size(); ++k) {
    const std::string& option = parsed.options[k];
    const auto named = [&](const char* name) {
      return option == name || option.starts_with(std::string(name) + "=");
    };
    if (named("--report") || named("--out") || named("--color")) {
      parsed.report_options.push_back(option);
      if (option.find('=') == std::string::npos && k + 1 < parsed.options.size()) {
        parsed.report_options.push_back(parsed.options[++k]);
      }
      continue;
    }
    if (named("--part") || named("--replay")) {
      error = "--jobs runs the parts of the search itself: it does not go with " +
              option.substr(0, option.find('='));
      return false;
    }
    if (named("--strategy")) {
      const std::string strategy =
          option.find('=') != std::string::npos
              ? option.substr(option.find('=') + 1)
              : (k + 1 < parsed.options.size() ? parsed.options[k + 1] : std::string());
      if (strategy != "dpor" && strategy != "dfs") {
        error = "--jobs splits a dpor or dfs search into parts, not --strategy=" + strategy;
        return false;
      }
    }
    part_options.push_back(option);
  }
  parsed.options = std::move(part_options);
  return true;
}

int RunExec(const std::vector<std::string>& args, const std::string& command) {
  if (!args.empty() && (args.front() == "--help" || args.front() == "-h")) {
    std::cout << kUsage;
    std::exit(0);
  }
  ExecArgs parsed;
  std::string error;
  if (!ParseExecArgs(args, parsed, error)) {
    std::cerr << "interleave: " << error << "\n" << kUsage;
    return 2;
  }
  if (access(parsed.program.c_str(), X_OK) != 0) {
    std::cerr << "interleave: cannot execute " << ShellQuote(parsed.program) << ": "
              << std::strerror(errno) << "\n";
    return 2;
  }
  if (!LinksRuntime(parsed.program)) {
    std::cerr << "interleave: " << ShellQuote(parsed.program)
              << " was not built with 'interleave cc' (it does not link libinterleave_rt.so)\n";
    return 2;
  }
  std::string exec_args = "run\x1f" + Basename(parsed.program);
  for (const std::string& option : parsed.options) exec_args += "\x1f" + option;
  const std::string replay_command = command + " exec --program=" + ShellQuote(parsed.program);
  setenv("INTERLEAVE_COMMAND", replay_command.c_str(), 1);
  if (parsed.jobs > 1) return RunParts(parsed, exec_args);
  setenv("INTERLEAVE_EXEC_ARGS", exec_args.c_str(), 1);
  std::vector<char*> argv;
  std::string program = parsed.program;
  argv.push_back(program.data());
  for (std::string& arg : parsed.program_args) argv.push_back(arg.data());
  argv.push_back(nullptr);
  // A path without a slash is the program in this directory, as the replay line names it.
  const std::string path = program.find('/') == std::string::npos ? "./" + program : program;
  execv(path.c_str(), argv.data());
  std::cerr << "interleave: cannot execute " << ShellQuote(parsed.program) << ": "
            << std::strerror(errno) << "\n";
  return 2;
}

}  // namespace interleave
