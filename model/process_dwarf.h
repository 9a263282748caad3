// libdw's view of this process: one elfutils Dwfl session over the running executable and the
// shared objects loaded when it is first used, shared by everything that turns addresses into
// names a person can read (model/crash.cc: the line of a crash or an escape;
// instrumented/symbols.cc: globals, heap blocks, lines and functions of unmodified programs).
//
// Thread safety: libdw is not thread-safe; every use of the session holds its lock
// (process_dwarf::Session). The session is built once and never destroyed (interned file names
// and DWARF handles point into it). A shared object loaded after the first use is not in it.
#ifndef INTERLEAVE_MODEL_PROCESS_DWARF_H_
#define INTERLEAVE_MODEL_PROCESS_DWARF_H_

#include <elfutils/libdwfl.h>

#include <mutex>
#include <optional>
#include <string_view>

#include "model/trace.h"

namespace interleave::process_dwarf {

// The session, locked for the lifetime of this object. dwfl() is nullptr when libdw could not
// read this process (then nothing can be named).
class Session {
 public:
  Session();
  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;

  Dwfl* dwfl() const { return dwfl_; }

  // The module (executable or shared object) that maps `address`, or nullptr.
  Dwfl_Module* ModuleOf(Dwarf_Addr address) const;
  // The module's file name ("/usr/lib/x86_64-linux-gnu/libc.so.6"), or "".
  static const char* ModuleName(Dwfl_Module* module);

  // The source line of the instruction at `address` from `module`'s DWARF line table, the file
  // as the compiler saw it, interned (static storage); nullopt without line information.
  std::optional<SourceLine> LineAt(Dwfl_Module* module, Dwarf_Addr address) const;

 private:
  std::unique_lock<std::mutex> lock_;
  Dwfl* dwfl_;
};

// Whether a module's file name is a system library's (/lib, /usr, the vdso): not the program's.
bool IsSystemModule(std::string_view module_name);

// A copy of `text` that lives as long as the process (for SourceLine::file). Thread-safe.
const char* Intern(std::string_view text);

}  // namespace interleave::process_dwarf

#endif  // INTERLEAVE_MODEL_PROCESS_DWARF_H_
