// Crashes, failures and escapes inside an execution: what ends a thread's fiber for good.
//
// Crash signals (SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT: abort() too) are handled on an
// alternate signal stack (one per OS thread that runs executions). When the signal hit
// scenario code of a fiber of this OS thread's execution (Execution::InScenarioCode), or
// overflowed that fiber's stack into its guard page, the handler records the signal, the
// faulting pc and address and a backtrace here, and leaves the fiber for the scheduler for
// good (Execution::LeaveThread): the crashed fiber is never resumed nor unwound, the execution
// ends with a CRASH finding (EndReason::kFailure) naming the signal, the thread and the line,
// with the interleaving that led there, and the process goes on. Any other signal of these
// kinds (in the checker itself, or on an OS thread that runs no execution) goes to the handler
// that was installed before ours, or to the default action after a line on stderr that says
// interleave crashed and, while a search runs, its scenario.
//
// The same way out, through Execution::Fail, for the other ways a real process dies in
// scenario code: std::terminate (the terminate handler installed here: an exception leaving a
// noexcept function, a joinable std::thread destroyed, an explicit call) is a CRASH, and a
// failed assert() (glibc's __assert_fail and __assert_perror_fail, interposed in
// model/escapes.cc) an ASSERTION FAILED. Outside scenario code all of these behave as usual
// (glibc's assert message and abort, libstdc++'s terminate handler). An exception that leaves
// a thread's function unwinds the thread's fiber normally and is caught at its top: an
// UNCAUGHT EXCEPTION (model/execution.cc), at the line that threw it (the interposed
// __cxa_throw keeps a backtrace of each throw in scenario code).
//
// A blocking call made by scenario code (model/escapes.cc) leaves its fiber the same way, as
// an ERROR (it breaks the model's rules; it is no failure of the program).
//
// The source line of a crash or escape is the first frame of the backtrace in the scenario's
// code (not in a system library, not in the model runtime), symbolized with elfutils' libdw
// from the binary's DWARF line table; without line information it is the thread's last step.
#ifndef INTERLEAVE_MODEL_CRASH_H_
#define INTERLEAVE_MODEL_CRASH_H_

#include <signal.h>

#include <optional>
#include <string>

#include "model/trace.h"

namespace interleave::crash {

// Why the running thread left its fiber, written on this OS thread by the signal handler just
// before it leaves (Execution::LeaveThread) and read by the scheduler side once it is back.
struct Departure {
  int signal = 0;  // 0: an escape, whose error the execution has recorded already.
  int code = 0;    // siginfo's si_code.
  const void* address = nullptr;
  const void* pc = nullptr;
  bool overflow = false;  // The fault was in the guard page of the fiber's stack.
  sigset_t mask{};        // The signal mask when the signal arrived (restored afterwards).
  int frames = 0;
  void* stack[64]{};
};
Departure& ThisThreadDeparture();

// Installs the signal handlers (once per process) and the terminate handler (OnTerminate in
// crash.cc), and gives this OS thread its alternate signal
// stack (once per OS thread). Execution::Run calls it.
void PrepareThisThread();

// The scenario a search is checking, for the messages of a crash that cannot be survived and
// of a model error outside an execution (read on any OS thread, so the name is kept for the
// life of the process). Empty: none.
void SetSearchName(const std::string& name);

// "SIGFPE (integer divide by zero)".
std::string SignalDescription(int signal, int code, const void* address);

// The exception being handled (call it in a catch block), its type demangled: "std::runtime_error:
// boom" with `what`, "int" without.
std::string ExceptionText(const char* what);

// The first of `frames` (return addresses; with `pc`, the exact faulting instruction first)
// that lies in the scenario's code and has a line: "s.cc:42". nullopt when none has one.
// Not the scenario's code: system libraries and headers, the model runtime (model/) and the
// std mirror (std/), their tests excepted.
std::optional<SourceLine> ScenarioLine(const void* pc, void* const* frames, int count);

}  // namespace interleave::crash

#endif  // INTERLEAVE_MODEL_CRASH_H_
