// naming.h over instrumented/symbols.h: globals by symbol and DWARF type, lines and functions
// from DWARF; what symbols.h cannot name (a static of a module without symbols) by its module
// and offset, never by an address that ASLR moves.
#include "instrumented/naming.h"

#include <dlfcn.h>
#include <link.h>

#include <cstdio>

#include "instrumented/symbols.h"

namespace interleave::instrumented {

std::string NameOf(uintptr_t address) {
  const AddressName name = DescribeAddress(address);
  if (name.kind == AddressName::Kind::kGlobal) return name.text;
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

SourceLine LineOf(uintptr_t pc) { return pc == 0 ? SourceLine() : ProgramLineOfPc(pc - 1); }

std::string FunctionOf(uintptr_t pc) { return pc == 0 ? "" : FunctionOfPc(pc - 1); }

bool InFunction(uintptr_t pc, std::string_view name) {
  return pc != 0 && PcInFunction(pc - 1, name);
}

}  // namespace interleave::instrumented
