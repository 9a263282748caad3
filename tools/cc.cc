#include "tools/cc.h"

#include <limits.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <iostream>

namespace interleave {
namespace {

bool EndsWith(const std::string& text, const std::string& suffix) {
  return text.size() >= suffix.size() &&
         text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// .i and .ii: preprocessed C and C++ (SV-COMP's tasks come as .i files).
bool IsC(const std::string& arg) { return EndsWith(arg, ".c") || EndsWith(arg, ".i"); }
bool IsCxx(const std::string& arg) {
  return EndsWith(arg, ".cc") || EndsWith(arg, ".cpp") || EndsWith(arg, ".cxx") ||
         EndsWith(arg, ".C") || EndsWith(arg, ".c++") || EndsWith(arg, ".ii");
}
bool IsObject(const std::string& arg) {
  return !arg.starts_with("-") && (EndsWith(arg, ".o") || EndsWith(arg, ".a"));
}

std::string Directory(const std::string& path) {
  const std::size_t slash = path.rfind('/');
  return slash == std::string::npos ? "." : path.substr(0, slash);
}

std::string RealPath(const std::string& path) {
  char resolved[PATH_MAX];
  return realpath(path.c_str(), resolved) != nullptr ? resolved : "";
}

// Whether `a` and `b` name one existing file (by device and inode: another spelling of the
// path, a link), or are the same path.
bool SameFile(const std::string& a, const std::string& b) {
  if (a == b) return true;
  struct stat sa {};
  struct stat sb {};
  return stat(a.c_str(), &sa) == 0 && stat(b.c_str(), &sb) == 0 && sa.st_dev == sb.st_dev &&
         sa.st_ino == sb.st_ino;
}

int Spawn(const std::vector<std::string>& command) {
  std::vector<char*> argv;
  std::vector<std::string> copy = command;
  for (std::string& arg : copy) argv.push_back(arg.data());
  argv.push_back(nullptr);
  const pid_t pid = fork();
  if (pid == 0) {
    execvp(argv[0], argv.data());
    std::perror(argv[0]);
    _exit(127);
  }
  int status = 0;
  if (pid < 0 || waitpid(pid, &status, 0) < 0) return 1;
  return WIFEXITED(status) ? WEXITSTATUS(status) : 1;
}

}  // namespace

std::string FindRuntime() {
  if (const char* env = std::getenv("INTERLEAVE_RUNTIME"); env != nullptr && *env != '\0') {
    return RealPath(env);
  }
  const std::string self = RealPath("/proc/self/exe");
  for (const std::string& candidate :
       {self + ".runfiles/interleave/instrumented/libinterleave_rt.so",
        Directory(self) + "/../instrumented/libinterleave_rt.so"}) {
    if (access(candidate.c_str(), R_OK) == 0) return RealPath(candidate);
  }
  return "";
}

bool PlanCc(const std::vector<std::string>& args, const std::string& runtime, CcPlan& plan,
            std::string& error) {
  plan = {};
  std::string out;
  std::vector<std::string> sources;
  std::vector<std::string> objects;
  std::vector<std::string> flags;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    if (arg == "-o" || (arg.starts_with("-o") && arg.size() > 2)) {
      if (arg == "-o" && i + 1 >= args.size()) {
        error = "cc: -o needs a file name";
        return false;
      }
      const std::string file = arg == "-o" ? args[++i] : arg.substr(2);
      if (!out.empty() && file != out) {  // gcc keeps the last; a silent choice, refused here.
        error = "cc: two outputs, -o " + out + " and -o " + file + ": give one";
        return false;
      }
      out = file;
    } else if (arg == "-c" || arg == "-S" || arg == "-E") {
      error = "cc: " + arg + " is not supported (cc compiles and links a program)";
      return false;
    } else if (!arg.starts_with("-") && (IsC(arg) || IsCxx(arg))) {
      sources.push_back(arg);
    } else if (IsObject(arg)) {
      objects.push_back(arg);
    } else {
      flags.push_back(arg);
    }
  }
  if (out.empty()) {
    error = "cc: no output: interleave cc -o OUT SRC... [flags]";
    return false;
  }
  if (sources.empty() && objects.empty()) {
    error = "cc: no source file (.c, .i, .cc, .cpp, .cxx, .ii)";
    return false;
  }
  // gcc refuses an output that is one of its inputs; the compile to a temporary object first
  // would hide that from it, and the link would overwrite the source.
  for (const std::vector<std::string>* inputs : {&sources, &objects}) {
    for (const std::string& input : *inputs) {
      if (SameFile(input, out)) {
        error = "cc: the output -o " + out + " is the input " + input + ": it would be overwritten";
        return false;
      }
    }
  }
  bool cxx = false;
  for (std::size_t i = 0; i < sources.size(); ++i) {
    const std::string& source = sources[i];
    const std::string object = out + ".interleave" + std::to_string(i) + ".o";
    // -Wno-tsan: g++ warns that atomic_thread_fence is "not supported with -fsanitize=thread",
    // libtsan's limit; the instrumentation calls __tsan_atomic_thread_fence, which the runtime
    // models, so the warning would mislead.
    std::vector<std::string> compile = {IsC(source) ? "gcc" : "g++", "-fsanitize=thread",
                                        "-Wno-tsan", "-g"};
    // "interleave/outcome.h", copied beside the runtime (//instrumented:outcome_header).
    if (const std::string include = Directory(runtime) + "/include";
        access((include + "/interleave/outcome.h").c_str(), R_OK) == 0) {
      compile.insert(compile.end(), {"-isystem", include});
    }
    cxx |= !IsC(source);
    // C++20 unless the flags name a standard: the std mirror's language, and what jthread,
    // latch, barrier and atomic wait need (g++ 12 defaults to gnu++17). GNU's dialect, as
    // g++'s default is.
    const bool names_standard = std::any_of(flags.begin(), flags.end(), [](const std::string& f) {
      return f.starts_with("-std=") || f == "-ansi";
    });
    if (!IsC(source) && !names_standard) compile.push_back("-std=gnu++20");
    compile.insert(compile.end(), flags.begin(), flags.end());
    compile.insert(compile.end(), {"-c", source, "-o", object});
    plan.compiles.push_back(std::move(compile));
    plan.temporaries.push_back(object);
    objects.push_back(object);
  }
  // Linked with g++ (libstdc++ for the runtime's C++), without -fsanitize: no libtsan.
  plan.link = {"g++", "-o", out};
  plan.link.insert(plan.link.end(), objects.begin(), objects.end());
  for (const std::string& flag : flags) {
    if (flag != "-fsanitize=thread") plan.link.push_back(flag);
  }
  (void)cxx;
  plan.link.insert(plan.link.end(), {runtime, "-Wl,-rpath," + Directory(runtime), "-rdynamic"});
  return true;
}

int RunCc(const std::vector<std::string>& args) {
  if (!args.empty() && (args.front() == "--help" || args.front() == "-h")) {
    std::cout << "Usage: interleave cc -o OUT SRC... [compiler and linker flags]\n"
                 "Builds an unmodified pthread/std::thread program for 'interleave exec'.\n";
    return 0;
  }
  const std::string runtime = FindRuntime();
  if (runtime.empty()) {
    std::cerr << "interleave: cc: cannot find libinterleave_rt.so (set $INTERLEAVE_RUNTIME, or "
                 "build //instrumented:libinterleave_rt.so)\n";
    return 2;
  }
  CcPlan plan;
  std::string error;
  if (!PlanCc(args, runtime, plan, error)) {
    std::cerr << "interleave: " << error << "\n";
    return 2;
  }
  int code = 0;
  for (const auto& compile : plan.compiles) {
    if (Spawn(compile) != 0) {
      std::cerr << "interleave: cc: compiling failed: " << compile[compile.size() - 3] << "\n";
      code = 2;
      break;
    }
  }
  if (code == 0 && Spawn(plan.link) != 0) {
    std::cerr << "interleave: cc: linking failed\n";
    code = 2;
  }
  for (const std::string& temporary : plan.temporaries) unlink(temporary.c_str());
  return code;
}

}  // namespace interleave
