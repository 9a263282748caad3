#include "tools/exec.h"

#include <fcntl.h>
#include <gelf.h>
#include <libelf.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iostream>
#include <optional>
#include <string>
#include <string_view>

#include "tools/cli_text.h"

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

// Whether the ELF file open on `fd` has a dynamic section whose needed entries name
// libinterleave_rt.so, by name or path (libelf: a file that only mentions the name elsewhere is not
// one).
bool NeedsRuntime(int fd) {
  if (elf_version(EV_CURRENT) == EV_NONE) return false;
  Elf* elf = elf_begin(fd, ELF_C_READ, nullptr);
  if (elf == nullptr) return false;
  bool needs = false;
  for (Elf_Scn* section = elf_nextscn(elf, nullptr); section != nullptr && !needs;
       section = elf_nextscn(elf, section)) {
    GElf_Shdr header;
    if (gelf_getshdr(section, &header) == nullptr || header.sh_type != SHT_DYNAMIC) continue;
    Elf_Data* data = elf_getdata(section, nullptr);
    const std::size_t entries = header.sh_entsize == 0 ? 0 : header.sh_size / header.sh_entsize;
    for (std::size_t i = 0; data != nullptr && i < entries; ++i) {
      GElf_Dyn entry;
      if (gelf_getdyn(data, static_cast<int>(i), &entry) == nullptr) break;
      if (entry.d_tag != DT_NEEDED) continue;
      const char* name = elf_strptr(elf, header.sh_link, entry.d_un.d_val);
      // `interleave cc` links the runtime by its path.
      if (name != nullptr && Basename(name) == "libinterleave_rt.so") needs = true;
    }
  }
  elf_end(elf);
  return needs;
}

// Why `path` is not a program built with 'interleave cc', or "" when it is: a regular ELF file
// whose dynamic section needs libinterleave_rt.so. Anything else is never run.
std::string NotBuiltWithCc(const std::string& path) {
  struct stat info {};
  if (stat(path.c_str(), &info) != 0) return std::strerror(errno);
  if (!S_ISREG(info.st_mode)) return "not a regular file";
  const int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return "cannot read it: " + std::string(std::strerror(errno));
  char magic[4] = {};
  const bool elf =
      read(fd, magic, sizeof magic) == sizeof magic && std::string_view(magic, sizeof magic) ==
                                                           "\x7f"
                                                           "ELF";
  const bool needs = elf && NeedsRuntime(fd);
  close(fd);
  if (!elf) return "not an ELF executable";
  if (!needs) return "it does not link libinterleave_rt.so";
  return "";
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

// A run of the program: its pid (-1 when fork failed) and the read end of the pipe on which it
// says that its search ended and its report was written (instrumented/program.cc writes one
// byte to $INTERLEAVE_EXEC_DONE_FD then).
struct Child {
  pid_t pid = -1;
  int done = -1;
};

// `program` with $INTERLEAVE_EXEC_ARGS = `exec_args`, stdout to /dev/null and stderr to
// `log` when `quiet`.
Child Spawn(const ExecArgs& parsed, const std::string& exec_args, bool quiet,
            const std::string& log) {
  int pipe_ends[2] = {-1, -1};
  if (pipe2(pipe_ends, O_CLOEXEC | O_NONBLOCK) != 0) return {};
  const pid_t pid = fork();
  if (pid != 0) {
    close(pipe_ends[1]);
    if (pid < 0) {
      close(pipe_ends[0]);
      return {};
    }
    return {pid, pipe_ends[0]};
  }
  const int done = dup(pipe_ends[1]);  // Without O_CLOEXEC: the program keeps it.
  setenv("INTERLEAVE_EXEC_DONE_FD", std::to_string(done).c_str(), 1);
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

// Waits for `child`: its exit code, or 2 with `why` set when it ended without saying that its
// search had ended (a program that ends its process in a way the runtime does not model, as the
// exit system call made directly, or a file that is no such program at all): whatever it
// printed is no report, and its exit code is not the search's.
int Wait(const Child& child, std::string& why) {
  if (child.pid < 0) {
    why = std::string("cannot start it: ") + std::strerror(errno);
    return 2;
  }
  int status = 0;
  pid_t waited = 0;
  do {
    waited = waitpid(child.pid, &status, 0);
  } while (waited < 0 && errno == EINTR);
  char byte = 0;
  const bool done = read(child.done, &byte, 1) == 1;
  close(child.done);
  if (waited != child.pid) {
    why = std::string("cannot wait for it: ") + std::strerror(errno);
    return 2;
  }
  if (done) return ExitCode(status);
  const int code = ExitCode(status);
  if (code == 128 + SIGINT || code == 128 + SIGTERM) {
    why = "interrupted";
    return code;
  }
  why = WIFSIGNALED(status) ? std::string("it was killed by signal ") + strsignal(WTERMSIG(status))
                            : "it exited with status " + std::to_string(ExitCode(status));
  why +=
      " before the search ended and reported (the process was ended from outside the "
      "runtime's model: a direct exit system call, a signal, or a program that is not the "
      "one built with 'interleave cc')";
  return 2;
}

// --jobs: the parts in parallel processes, then the program's own merge of their reports.
int RunParts(const ExecArgs& parsed, const std::string& exec_args) {
  // The merge writes --out after the whole search: a place it cannot write is refused first.
  for (std::size_t k = 0; k < parsed.report_options.size(); ++k) {
    const std::string& option = parsed.report_options[k];
    if (option != "--out" && !option.starts_with("--out=")) continue;
    const std::string out =
        option == "--out"
            ? (k + 1 < parsed.report_options.size() ? parsed.report_options[k + 1] : std::string())
            : option.substr(std::strlen("--out="));
    struct stat info {};
    const bool existed = stat(out.c_str(), &info) == 0;
    const int fd = existed && S_ISDIR(info.st_mode)
                       ? -1
                       : open(out.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
    if (fd < 0) {
      std::cerr << "interleave: cannot write the report to " << ShellQuote(out) << ": "
                << (existed && S_ISDIR(info.st_mode) ? "a directory" : std::strerror(errno))
                << "\n";
      return 2;
    }
    close(fd);
    if (!existed) unlink(out.c_str());
  }
  char pattern[] = "/tmp/interleave-exec-XXXXXX";
  const char* dir = mkdtemp(pattern);
  if (dir == nullptr) {
    std::cerr << "interleave: cannot make a directory for the parts' reports: "
              << std::strerror(errno) << "\n";
    return 2;
  }
  std::vector<Child> parts;
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
  std::string failed_why;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    std::string why;
    const int code = Wait(parts[i], why);
    // 0 PASS, 1 a finding or an incomplete part: the merge says which. Else the part failed.
    if (code > 1 && code > worst) {
      worst = code;
      failed_log = logs[i];
      failed_why = why.empty() ? "" : "part " + std::to_string(i + 1) + ": " + why;
    }
  }
  int result = worst;
  if (worst > 1) {
    std::ifstream log(failed_log);
    std::cerr << log.rdbuf();
    if (!failed_why.empty()) {
      std::cerr << "interleave: " << ShellQuote(parsed.program) << ", " << failed_why << "\n";
    }
    std::cerr << "interleave: a part of the search failed (exit " << worst << ")\n";
  } else {
    std::string merge_args = "merge";
    for (const std::string& report : reports) merge_args += "\x1f" + report;
    for (const std::string& option : parsed.report_options) merge_args += "\x1f" + option;
    std::string why;
    result = Wait(Spawn(parsed, merge_args, false, ""), why);
    if (!why.empty())
      std::cerr << "interleave: " << ShellQuote(parsed.program) << ": " << why << "\n";
  }
  for (const std::string& file : reports) unlink(file.c_str());
  for (const std::string& file : logs) unlink(file.c_str());
  rmdir(dir);
  return result;
}

}  // namespace

bool ParseExecArgs(const std::vector<std::string>& args, ExecArgs& parsed, std::string& error) {
  parsed = {};
  bool jobs_given = false;
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
      if (!parsed.program.empty()) {
        error = "exec takes the program once: --program is given twice";
        return false;
      }
      parsed.program = arg.substr(std::strlen("--program="));
      // The replay form: `run NAME` follows.
      if (i + 1 < args.size() && args[i + 1] == "run") i += 2;
      continue;
    }
    if (arg == "--jobs" || arg.starts_with("--jobs=")) {
      if (jobs_given) {
        error = "--jobs is given twice";
        return false;
      }
      jobs_given = true;
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
      // As the search's own --jobs: a whole number of processes from 1 to 256.
      const std::optional<uint64_t> jobs = ParseWhole(value, 1, 256, "--jobs", error);
      if (!jobs) return false;
      parsed.jobs = static_cast<int>(*jobs);
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
      std::string value = option.find('=') != std::string::npos
                              ? option.substr(option.find('=') + 1)
                              : (k + 1 < parsed.options.size() ? parsed.options[k + 1] : "");
      if (option.find('=') == std::string::npos && k + 1 < parsed.options.size()) {
        parsed.report_options.push_back(parsed.options[++k]);
      }
      // The merge reads these after the whole search: checked now, not then.
      if (named("--report") && value != "text" && value != "json" && value != "html") {
        error = "--report: '" + value + "' is not one of text, json, html";
        return false;
      }
      if (named("--color") && value != "auto" && value != "always" && value != "never") {
        error = "--color: '" + value + "' is not one of auto, always, never";
        return false;
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
  if (const std::string why = NotBuiltWithCc(parsed.program); !why.empty()) {
    std::cerr << "interleave: " << ShellQuote(parsed.program)
              << " is not a program built with 'interleave cc': " << why << "\n";
    return 2;
  }
  if (access(parsed.program.c_str(), X_OK) != 0) {
    std::cerr << "interleave: cannot execute " << ShellQuote(parsed.program) << ": "
              << std::strerror(errno) << "\n";
    return 2;
  }
  std::string exec_args = "run\x1f" + Basename(parsed.program);
  for (const std::string& option : parsed.options) exec_args += "\x1f" + option;
  const std::string replay_command = command + " exec --program=" + ShellQuote(parsed.program);
  setenv("INTERLEAVE_COMMAND", replay_command.c_str(), 1);
  if (parsed.jobs > 1) return RunParts(parsed, exec_args);
  // A child, not an exec of this process: its end is checked (Wait). Ctrl-C reaches both (one
  // process group); this one waits for the child to report and end.
  const Child child = Spawn(parsed, exec_args, false, "");
  signal(SIGINT, SIG_IGN);
  std::string why;
  const int code = Wait(child, why);
  if (!why.empty()) {
    std::cerr << "interleave: ERROR: " << ShellQuote(parsed.program) << ": " << why << "\n";
  }
  return code;
}

}  // namespace interleave
