#include "model/crash.h"

#include <cxxabi.h>
#include <execinfo.h>
#include <sys/mman.h>
#include <ucontext.h>
#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <mutex>
#include <set>
#include <string_view>

#include "model/error.h"
#include "model/escapes.h"
#include "model/execution.h"
#include "model/output_capture.h"
#include "model/process_dwarf.h"

namespace interleave::crash {

// This OS thread's departure (ThisThreadDeparture). Initial-exec TLS (the signal handler reads
// it: no allocation, no lock), with external linkage: in a shared libmodel.so (a test linked
// dynamically) GNU ld resolved the initial-exec relocation of a TLS variable of internal
// linkage to another variable of the library's TLS block.
__attribute__((tls_model("initial-exec"))) constinit thread_local Departure g_departure;

namespace {

constexpr int kSignals[] = {SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT};
constexpr int kSignalCount = sizeof kSignals / sizeof kSignals[0];
// The handlers installed before ours, by index in kSignals: signals that are not ours go there.
struct sigaction g_previous[kSignalCount];

std::atomic<const char*> g_search_name{nullptr};
std::terminate_handler g_previous_terminate = nullptr;

const char* SignalName(int signal) {
  switch (signal) {
    case SIGSEGV:
      return "SIGSEGV";
    case SIGBUS:
      return "SIGBUS";
    case SIGFPE:
      return "SIGFPE";
    case SIGILL:
      return "SIGILL";
    case SIGABRT:
      return "SIGABRT";
  }
  return "signal";
}

// Async-signal-safe output: write(2) of pieces, no allocation.
void WriteErr(const char* text) {
  std::size_t left = std::strlen(text);
  while (left > 0) {
    const ssize_t n = write(STDERR_FILENO, text, left);
    if (n <= 0) return;
    text += n;
    left -= static_cast<std::size_t>(n);
  }
}

// A signal that is not a scenario's crash: say so, then let whoever handled it before (a
// sanitizer, the user's handler) or the default action (a core dump) have it.
void NotOurs(int signal, siginfo_t* info, void* context, int index) {
  output_capture::RestoreFds();  // The message, and what follows, for the terminal.
  WriteErr("interleave: crashed: ");
  WriteErr(SignalName(signal));
  WriteErr(" outside the scenario's code (in the checker or the model runtime)");
  if (const char* name = g_search_name.load(std::memory_order_relaxed); name != nullptr) {
    WriteErr(" while checking scenario '");
    WriteErr(name);
    WriteErr("'");
  }
  WriteErr("\n");
  const struct sigaction& previous = g_previous[index];
  if ((previous.sa_flags & SA_SIGINFO) != 0 && previous.sa_sigaction != nullptr) {
    previous.sa_sigaction(signal, info, context);
    return;
  }
  if (previous.sa_handler != SIG_DFL && previous.sa_handler != SIG_IGN &&
      previous.sa_handler != nullptr) {
    previous.sa_handler(signal);
    return;
  }
  // The default action. Raised again at once (unblocked): a fault would only recur, and an
  // abort() must not return.
  struct sigaction fallback {};
  fallback.sa_handler = SIG_DFL;
  sigemptyset(&fallback.sa_mask);
  sigaction(signal, &fallback, nullptr);
  sigset_t unblock;
  sigemptyset(&unblock);
  sigaddset(&unblock, signal);
  pthread_sigmask(SIG_UNBLOCK, &unblock, nullptr);
  raise(signal);
}

void OnSignal(int signal, siginfo_t* info, void* context) {
  int index = 0;
  while (index < kSignalCount && kSignals[index] != signal) ++index;
  auto* const uc = static_cast<ucontext_t*>(context);
  const void* const pc = reinterpret_cast<const void*>(uc->uc_mcontext.gregs[REG_RIP]);
  const void* const sp = reinterpret_cast<const void*>(uc->uc_mcontext.gregs[REG_RSP]);
  Execution* const execution = Execution::Running();
  // A departure not yet taken up: this signal hit the handler itself (say backtrace() faulted),
  // which must not start over.
  const bool nested = g_departure.signal != 0;
  if (execution != nullptr && execution->current_thread() != kNoThread && !nested) {
    // An overflow of a fiber's stack counts wherever it happened on that stack (in the
    // runtime's Step() at the deepest level of a recursion too): the stack is the thread's.
    const bool overflow =
        (signal == SIGSEGV || signal == SIGBUS) && execution->InStackGuard(info->si_addr, sp);
    if (overflow || Execution::InScenarioCode()) {
      // Before anything is called here: what the handler calls (backtrace()'s unwinder calls
      // pthread_once) must run as the runtime's own code, never as a step of the scenario's
      // thread (before, the interposed pthread_once suspended the crashed thread inside this
      // handler, its departure was never taken up, and the next crash looked nested: "crashed
      // outside the scenario's code").
      Execution::LeaveScenarioCode();
      Departure& departure = g_departure;
      departure.signal = signal;
      departure.code = info->si_code;
      departure.address = info->si_addr;
      departure.pc = pc;
      departure.overflow = overflow;
      departure.mask = uc->uc_sigmask;
      // backtrace() was called once when the handlers were installed, so that it does not load
      // libgcc_s (and allocate) here.
      departure.frames = backtrace(departure.stack, 64);
      execution->LeaveThread();  // Never returns.
    }
  }
  NotOurs(signal, info, context, index);
}

// The exception being handled, "std::logic_error: x"; empty when none.
std::string CurrentExceptionText() {
  if (!std::current_exception()) return "";
  try {
    throw;
  } catch (const std::exception& e) {
    return ExceptionText(e.what());
  } catch (...) {
    return ExceptionText(nullptr);
  }
}

// std::terminate. In scenario code of an execution: the thread crashed (a CRASH finding with
// the interleaving and the line), and the thread leaves its fiber; a ModelError that got there
// (through a noexcept function) stays the ERROR it is. Outside scenario code, a ModelError is
// a model object used from a real std::thread (or after the search): an ERROR with exit code
// 2 and the message, not an abort. Anything else goes to the previous handler (libstdc++'s
// prints the exception and aborts).
[[noreturn]] void OnTerminate() {
  if (Execution* const execution = Execution::Running();
      execution != nullptr && Execution::InScenarioCode()) {
    std::string model_error;
    if (const std::exception_ptr error = std::current_exception()) {
      try {
        std::rethrow_exception(error);
      } catch (const ModelError& e) {
        model_error = e.what();
      } catch (...) {
      }
    }
    if (!model_error.empty()) {
      execution->RecordError(model_error);
      ThisThreadDeparture().signal = 0;
      execution->LeaveThread();
    }
    const std::string exception = CurrentExceptionText();
    execution->Fail(FailureKind::kCrash,
                    exception.empty() ? "std::terminate called"
                                      : "std::terminate called after throwing " + exception,
                    std::nullopt);
  }
  {
    if (const std::exception_ptr error = std::current_exception()) {
      try {
        std::rethrow_exception(error);
      } catch (const ModelError& e) {
        output_capture::RestoreFds();
        std::fflush(stdout);
        std::fprintf(stderr, "interleave: ERROR: %s", e.what());
        if (const char* name = g_search_name.load(); name != nullptr) {
          std::fprintf(stderr, " (while checking scenario '%s')", name);
        }
        std::fprintf(stderr, "\n");
        std::fflush(stderr);
        _exit(2);  // Other OS threads still run: no static destructors.
      } catch (...) {
      }
    }
  }
  output_capture::RestoreFds();  // libstdc++'s handler prints the exception.
  if (g_previous_terminate != nullptr) g_previous_terminate();
  std::abort();
}

void InstallHandlers() {
  void* warm[4];
  backtrace(warm, 4);  // Loads the unwinder now, not in a signal handler.
  escapes::ResolveRealCalls();
  for (int i = 0; i < kSignalCount; ++i) {
    struct sigaction action {};
    action.sa_sigaction = OnSignal;
    // On the alternate stack (a stack overflow leaves none on the fiber's), and not blocked
    // while handled: the handler leaves through a fiber switch, never through sigreturn.
    action.sa_flags = SA_SIGINFO | SA_ONSTACK | SA_NODEFER;
    sigemptyset(&action.sa_mask);
    sigaction(kSignals[i], &action, &g_previous[i]);
  }
  g_previous_terminate = std::set_terminate(OnTerminate);
}

// This OS thread's alternate signal stack, while it runs executions; the one it had before
// is restored when the thread ends.
class AltStack {
 public:
  static constexpr std::size_t kSize = 64 * 1024;  // backtrace() runs on it.

  AltStack() {
    memory_ = mmap(nullptr, kSize, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (memory_ == MAP_FAILED) {
      memory_ = nullptr;
      return;
    }
    stack_t stack{};
    stack.ss_sp = memory_;
    stack.ss_size = kSize;
    if (sigaltstack(&stack, &previous_) != 0) {
      munmap(memory_, kSize);
      memory_ = nullptr;
    }
  }
  ~AltStack() {
    if (memory_ == nullptr) return;
    sigaltstack(&previous_, nullptr);
    munmap(memory_, kSize);
  }

 private:
  void* memory_ = nullptr;
  stack_t previous_{};
};

bool StartsWith(std::string_view text, std::string_view prefix) {
  return text.substr(0, prefix.size()) == prefix;
}

// Whether `file` is in the directory `dir` ("model/") of the runtime, not one of its tests.
bool InRuntimeDirectory(std::string_view file, std::string_view dir) {
  const std::size_t at = file.rfind(dir);
  if (at == std::string_view::npos || (at > 0 && file[at - 1] != '/')) return false;
  const std::string_view rest = file.substr(at + dir.size());
  if (StartsWith(rest, "testing/") || rest.find('/') != std::string_view::npos) return false;
  return !(rest.size() > 8 && rest.substr(rest.size() - 8) == "_test.cc");
}

// The model runtime's own files (model/*.cc, *.h), the std mirror's (std/*.h) and the
// instrumented runtime's (instrumented/*.cc), not the scenarios among their tests.
bool IsRuntimeFile(std::string_view file) {
  if (StartsWith(file, "/usr/")) return true;  // libstdc++'s headers, inlined.
  return InRuntimeDirectory(file, "model/") || InRuntimeDirectory(file, "std/") ||
         InRuntimeDirectory(file, "instrumented/");
}

}  // namespace

Departure& ThisThreadDeparture() { return g_departure; }

void PrepareThisThread() {
  static std::once_flag once;
  std::call_once(once, InstallHandlers);
  thread_local AltStack alt_stack;
}

void SetSearchName(const std::string& name) {
  if (name.empty()) {
    g_search_name.store(nullptr);
    return;
  }
  // Interned and never freed: a real thread may read it while the search ends.
  static std::mutex mutex;
  static auto* const names = new std::set<std::string>;
  std::lock_guard<std::mutex> lock(mutex);
  g_search_name.store(names->insert(name).first->c_str());
}

std::string ExceptionText(const char* what) {
  std::string type = "an exception of unknown type";
  if (const std::type_info* info = abi::__cxa_current_exception_type()) {
    int status = 0;
    char* demangled = abi::__cxa_demangle(info->name(), nullptr, nullptr, &status);
    type = status == 0 && demangled != nullptr ? demangled : info->name();
    std::free(demangled);
  }
  return what != nullptr ? type + ": " + what : type;
}

std::string SignalDescription(int signal, int code, const void* address) {
  std::string text = SignalName(signal);
  const char* what = nullptr;
  switch (signal) {
    case SIGSEGV:
      what = code == SEGV_ACCERR ? "invalid permissions for the address" : "invalid address";
      break;
    case SIGBUS:
      what = "bus error";
      break;
    case SIGFPE:
      what = code == FPE_INTDIV   ? "integer divide by zero"
             : code == FPE_INTOVF ? "integer overflow"
             : code == FPE_FLTDIV ? "floating-point divide by zero"
                                  : "arithmetic exception";
      break;
    case SIGILL:
      what = "illegal instruction";
      break;
    case SIGABRT:
      what = "abort() called";
      break;
  }
  if (what != nullptr) {
    text += " (";
    text += what;
    if (signal == SIGSEGV || signal == SIGBUS) {
      char buffer[32];
      std::snprintf(buffer, sizeof buffer, " %p", address);
      text += buffer;
    }
    text += ")";
  }
  return text;
}

std::optional<SourceLine> ScenarioLine(const void* pc, void* const* frames, int count) {
  const process_dwarf::Session session;
  if (session.dwfl() == nullptr) return std::nullopt;
  // With a pc, the frames above it are the signal handler's: skip to the pc's frame.
  int first = 0;
  if (pc != nullptr) {
    first = count;
    for (int i = 0; i < count; ++i) {
      if (frames[i] == pc) {
        first = i + 1;
        break;
      }
    }
  }
  const int total = (pc != nullptr ? 1 : 0) + (count - first);
  for (int i = 0; i < total; ++i) {
    // A return address points after its call: look up the call itself.
    const auto address =
        pc != nullptr && i == 0
            ? reinterpret_cast<Dwarf_Addr>(pc)
            : reinterpret_cast<Dwarf_Addr>(frames[first + i - (pc != nullptr ? 1 : 0)]) - 1;
    Dwfl_Module* module = session.ModuleOf(address);
    if (module == nullptr ||
        process_dwarf::IsSystemModule(process_dwarf::Session::ModuleName(module)))
      continue;
    const std::optional<SourceLine> line = session.LineAt(module, address);
    if (!line || IsRuntimeFile(line->file)) continue;
    return line;
  }
  return std::nullopt;
}

}  // namespace interleave::crash
