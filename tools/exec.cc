#include "tools/exec.h"

#include <unistd.h>

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
    "--out, --replay, --part=I/N, ...; not --jobs). The replay line of its report runs as\n"
    "printed.\n";

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
      error = "exec runs on one OS thread: --jobs does not apply to unmodified programs";
      return false;
    }
    parsed.options.push_back(arg);
  }
  if (parsed.program.empty()) {
    error = "exec needs a program: interleave exec [run options] -- PROGRAM [ARGS...]";
    return false;
  }
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
  setenv("INTERLEAVE_EXEC_ARGS", exec_args.c_str(), 1);
  setenv("INTERLEAVE_COMMAND", replay_command.c_str(), 1);
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
