// The program's main() as a scenario, once per execution from fresh state.
//
// libinterleave_rt.so interposes __libc_start_main: the program's constructors run as usual
// (what they allocate comes from the static heap, heap.cc), then, where main() would be
// called, the runtime takes a snapshot of the executable's writable segments (its globals:
// .data and .bss, outside RELRO) and of the static heap, registers one scenario named
// after the program whose body restores that snapshot, empties the heap (heap.cc) and calls
// main(), and hands the command line to the interleave CLI (tools/cli.h) as `run NAME
// [options]`: the same strategies, bounds, reports and replay tokens as any scenario. The
// runtime is a shared object, so its own globals are not in the restored segments.
//
// The options come from $INTERLEAVE_EXEC_ARGS (unit-separator separated; `interleave exec`
// sets it), else `run NAME`; the replay command the reports print is $INTERLEAVE_COMMAND
// (`interleave exec --program=PROGRAM`) followed by `run NAME ... --replay=TOKEN`.
// An executable that defines (and exports) `interleave_keep_main` keeps its own main().
#include <dlfcn.h>
#include <link.h>
#include <sys/single_threaded.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "instrumented/runtime.h"
#include "model/execution.h"
#include "scenarios/registry.h"
#include "tools/cli.h"

namespace interleave::instrumented {
namespace {

using Main = int (*)(int, char**, char**);
Main g_main = nullptr;
int g_argc = 0;
char** g_argv = nullptr;
char** g_envp = nullptr;

struct Segment {
  char* start;
  std::size_t size;
  std::vector<char> saved;
};
std::vector<Segment>& Segments() {
  static auto* const segments = new std::vector<Segment>;
  return *segments;
}

// The main program's writable PT_LOAD segments, less PT_GNU_RELRO (read-only after start).
int TakeSnapshot(dl_phdr_info* info, size_t, void* done) {
  if (*static_cast<bool*>(done)) return 1;
  *static_cast<bool*>(done) = true;  // The first object is the executable.
  uintptr_t relro_start = 0;
  uintptr_t relro_end = 0;
  for (int i = 0; i < info->dlpi_phnum; ++i) {
    const ElfW(Phdr)& ph = info->dlpi_phdr[i];
    if (ph.p_type == PT_GNU_RELRO) {
      relro_start = info->dlpi_addr + ph.p_vaddr;
      relro_end = relro_start + ph.p_memsz;
    }
  }
  const uintptr_t page = static_cast<uintptr_t>(sysconf(_SC_PAGESIZE));
  relro_end = (relro_end + page - 1) & ~(page - 1);
  for (int i = 0; i < info->dlpi_phnum; ++i) {
    const ElfW(Phdr)& ph = info->dlpi_phdr[i];
    if (ph.p_type != PT_LOAD || (ph.p_flags & PF_W) == 0) continue;
    uintptr_t start = info->dlpi_addr + ph.p_vaddr;
    const uintptr_t end = start + ph.p_memsz;
    if (start >= relro_start && start < relro_end) start = relro_end;
    if (start >= end) continue;
    Segment segment{reinterpret_cast<char*>(start), end - start, {}};
    segment.saved.assign(segment.start, segment.start + segment.size);
    Segments().push_back(std::move(segment));
  }
  return 1;
}

void Restore() {
  for (const Segment& segment : Segments()) {
    std::memcpy(segment.start, segment.saved.data(), segment.size);
  }
}

std::string Basename(const char* path) {
  const char* slash = std::strrchr(path, '/');
  return slash != nullptr ? slash + 1 : path;
}

char g_stdout_buffer[1 << 16];

int Driver(int argc, char** argv, char** envp) {
  EndProgramInit();  // The constructors have run: what is allocated now is not the program's.
  // The program's threads share one OS thread, so glibc would never clear its flag, and
  // libstdc++ skips synchronisation while it is set (a std::stop_callback then never released
  // its waiter). Cleared once, here: every execution sees the same value from main on, and the
  // process may run real threads of its own (the search's watchdog), for which a flag set again
  // would be wrong.
  __libc_single_threaded = 0;
  g_argc = argc;
  g_argv = argv;
  g_envp = envp;
  // stdout's buffer is the runtime's, not a block of some execution's heap.
  std::setvbuf(stdout, g_stdout_buffer, _IOFBF, sizeof g_stdout_buffer);
  Execution::SetDropThreads(true);
  bool done = false;
  dl_iterate_phdr(TakeSnapshot, &done);
  // The blocks the globals point to, as the constructors left them.
  if (const auto [start, size] = StaticHeap(); size != 0) {
    Segments().push_back(Segment{start, size, std::vector<char>(start, start + size)});
  }

  const std::string name = Basename(argv[0]);
  Scenario scenario;
  scenario.name = name;
  scenario.id = "program";
  scenario.variant = "program";
  scenario.description = "the unmodified program " + name;
  scenario.body = [](const ScenarioParams&) {
    // The previous execution may have ended with its threads dropped inside the runtime.
    g_runtime_depth = 0;
    {
      RuntimeScope scope;
      Restore();
      ResetHeap();
    }
    StartExecution();
    RunMain([] { return g_main(g_argc, g_argv, g_envp); });
  };
  RegisterScenario(std::move(scenario));

  std::vector<std::string> args = {argv[0]};
  if (const char* env = std::getenv("INTERLEAVE_EXEC_ARGS"); env != nullptr && *env != '\0') {
    std::string all = env;
    std::size_t from = 0;
    while (from <= all.size()) {
      const std::size_t to = all.find('\x1f', from);
      args.push_back(all.substr(from, to == std::string::npos ? std::string::npos : to - from));
      if (to == std::string::npos) break;
      from = to + 1;
    }
  } else {
    args.push_back("run");
    args.push_back(name);
  }
  std::vector<char*> cargs;
  for (std::string& arg : args) cargs.push_back(arg.data());
  cargs.push_back(nullptr);
  CliOptions options;
  options.capture_output = true;
  if (const char* env = std::getenv("INTERLEAVE_COMMAND"); env == nullptr || *env == '\0') {
    options.command = "interleave exec --program=" + std::string(argv[0]);
  }
  const int code = RunInterleaveCli(static_cast<int>(args.size()), cargs.data(), options);
  std::fflush(nullptr);
  // `interleave exec` waits for this word: without it, the process ended some other way, and
  // its exit status is not the search's (tools/exec.cc Wait).
  if (const char* done = std::getenv("INTERLEAVE_EXEC_DONE_FD"); done != nullptr) {
    const char byte = 1;
    if (write(std::atoi(done), &byte, 1) != 1) {
      // Nobody to tell (the program closed the descriptor): the exit code still says it.
    }
  }
  _exit(code);  // Not exit(): the program's atexit handlers and destructors saw no execution.
}

}  // namespace
}  // namespace interleave::instrumented

extern "C" {

// glibc 2.34's: init and fini are null from new crt1.o.
__attribute__((visibility("default"))) int __libc_start_main(int (*main)(int, char**, char**),
                                                             int argc, char** argv, void (*init)(),
                                                             void (*fini)(), void (*rtld_fini)(),
                                                             void* stack_end) {
  using Real =
      int (*)(int (*)(int, char**, char**), int, char**, void (*)(), void (*)(), void (*)(), void*);
  const auto real = reinterpret_cast<Real>(dlsym(RTLD_NEXT, "__libc_start_main"));
  if (dlsym(RTLD_DEFAULT, "interleave_keep_main") != nullptr) {
    return real(main, argc, argv, init, fini, rtld_fini, stack_end);
  }
  interleave::instrumented::g_main = main;
  interleave::instrumented::BeginProgramInit();  // Ended in Driver, after the constructors.
  return real(interleave::instrumented::Driver, argc, argv, init, fini, rtld_fini, stack_end);
}

// Function-local statics and atexit() in scenario code would register a destructor per
// execution, of an object the next execution's snapshot replaces: not registered.
__attribute__((visibility("default"))) int __cxa_atexit(void (*destructor)(void*), void* object,
                                                        void* dso) {
  if (interleave::instrumented::Active()) return 0;
  using Real = int (*)(void (*)(void*), void*, void*);
  static const auto real = reinterpret_cast<Real>(dlsym(RTLD_NEXT, "__cxa_atexit"));
  return real(destructor, object, dso);
}

}  // extern "C"
