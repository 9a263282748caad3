// Weak fallbacks of naming.h, replaced by instrumented/symbols.cc's strong definitions when
// that is linked.
#include <dlfcn.h>
#include <link.h>

#include <cstdio>

#include "instrumented/naming.h"
#include "model/crash.h"

namespace interleave::instrumented {

__attribute__((weak)) std::string NameOf(uintptr_t address) {
  // A global of a program linked with -rdynamic (interleave cc does) is in the dynamic
  // symbol table, with its size.
  Dl_info info{};
  void* symbol_entry = nullptr;
  const ElfW(Sym)* symbol = nullptr;
  if (dladdr1(reinterpret_cast<void*>(address), &info, &symbol_entry, RTLD_DL_SYMENT) != 0 &&
      info.dli_sname != nullptr && (symbol = static_cast<const ElfW(Sym)*>(symbol_entry)) &&
      ELF64_ST_TYPE(symbol->st_info) == STT_OBJECT) {
    const uintptr_t offset = address - reinterpret_cast<uintptr_t>(info.dli_saddr);
    if (offset < symbol->st_size || (offset == 0 && symbol->st_size == 0)) {
      return offset == 0 ? std::string(info.dli_sname)
                         : std::string(info.dli_sname) + "+" + std::to_string(offset);
    }
  }
  char text[32];
  if (dladdr(reinterpret_cast<void*>(address), &info) != 0 && info.dli_fname != nullptr) {
    // A static variable (not in the dynamic symbol table): its file and offset.
    std::snprintf(
        text, sizeof text, "+0x%lx",
        static_cast<unsigned long>(address - reinterpret_cast<uintptr_t>(info.dli_fbase)));
    const std::string file = info.dli_fname;
    return file.substr(file.rfind('/') + 1) + text;
  }
  std::snprintf(text, sizeof text, "0x%lx", static_cast<unsigned long>(address));
  return text;
}

__attribute__((weak)) SourceLine LineOf(uintptr_t pc) {
  void* frame = reinterpret_cast<void*>(pc);
  return crash::ScenarioLine(nullptr, &frame, 1).value_or(SourceLine());
}

__attribute__((weak)) std::string FunctionOf(uintptr_t pc) {
  Dl_info info{};
  if (dladdr(reinterpret_cast<void*>(pc), &info) == 0 || info.dli_sname == nullptr) return "";
  return info.dli_sname;
}

}  // namespace interleave::instrumented
