#include "model/process_dwarf.h"

#include <unistd.h>

#include <set>
#include <string>

namespace interleave::process_dwarf {
namespace {

struct State {
  std::mutex mutex;
  Dwfl* dwfl = nullptr;

  State() {
    static const Dwfl_Callbacks callbacks = {
        .find_elf = dwfl_linux_proc_find_elf,
        .find_debuginfo = dwfl_standard_find_debuginfo,
        .section_address = nullptr,
        .debuginfo_path = nullptr,
    };
    dwfl = dwfl_begin(&callbacks);
    if (dwfl == nullptr) return;
    if (dwfl_linux_proc_report(dwfl, getpid()) != 0 ||
        dwfl_report_end(dwfl, nullptr, nullptr) != 0) {
      dwfl_end(dwfl);
      dwfl = nullptr;
    }
  }
};

State& TheState() {
  static auto* const state = new State;  // Never destroyed: DWARF handles point in.
  return *state;
}

}  // namespace

Session::Session() : lock_(TheState().mutex), dwfl_(TheState().dwfl) {}

Dwfl_Module* Session::ModuleOf(Dwarf_Addr address) const {
  return dwfl_ == nullptr ? nullptr : dwfl_addrmodule(dwfl_, address);
}

const char* Session::ModuleName(Dwfl_Module* module) {
  const char* name =
      dwfl_module_info(module, nullptr, nullptr, nullptr, nullptr, nullptr, nullptr, nullptr);
  return name != nullptr ? name : "";
}

std::optional<SourceLine> Session::LineAt(Dwfl_Module* module, Dwarf_Addr address) const {
  Dwfl_Line* line = dwfl_module_getsrc(module, address);
  if (line == nullptr) return std::nullopt;
  int number = 0;
  const char* file = dwfl_lineinfo(line, nullptr, &number, nullptr, nullptr, nullptr);
  if (file == nullptr || number <= 0) return std::nullopt;
  return SourceLine{Intern(file), number};
}

bool IsSystemModule(std::string_view name) {
  auto starts = [&](std::string_view prefix) { return name.substr(0, prefix.size()) == prefix; };
  return starts("/lib/") || starts("/lib64/") || starts("/usr/") || starts("[vdso") ||
         name.find("linux-vdso") != std::string_view::npos;
}

const char* Intern(std::string_view text) {
  static std::mutex mutex;
  static auto* const texts = new std::set<std::string, std::less<>>;
  std::lock_guard<std::mutex> lock(mutex);
  auto it = texts->find(text);
  if (it == texts->end()) it = texts->emplace(text).first;
  return it->c_str();
}

}  // namespace interleave::process_dwarf
