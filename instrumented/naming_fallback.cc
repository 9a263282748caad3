// Weak fallbacks of naming.h, replaced by instrumented/symbols.cc's strong definitions when
// that is linked.
#include <dlfcn.h>

#include <cstdio>

#include "instrumented/naming.h"
#include "model/crash.h"

namespace interleave::instrumented {

__attribute__((weak)) std::string NameOf(uintptr_t address) {
  char text[32];
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
