// Names a person can read for what the runtime of unmodified programs sees: a variable by its
// address, a source line by a program counter, over instrumented/symbols.h (ELF symbols and
// DWARF types, DWARF lines). The runtime caches both per address.
#ifndef INTERLEAVE_INSTRUMENTED_NAMING_H_
#define INTERLEAVE_INSTRUMENTED_NAMING_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "model/trace.h"

namespace interleave::instrumented {

// "counter", "counter[2]", "heap block of 16 bytes from main (t.c:12) + 8"; the fallback:
// "0x5555555580a0". Called outside any execution's scenario code.
std::string NameOf(uintptr_t address);

// The source line of the instruction before `pc` (a return address into instrumented code) as
// a step shows it: in an installed library's header, the program's line it was inlined into
// (in_library; line 0 when the library code is a function of its own); an empty file when
// unknown. SourceLine::file must live as long as the process.
SourceLine LineOf(uintptr_t pc);

// The name of the function containing `pc` ("" when unknown), for the SV-COMP convention that
// a function called __VERIFIER_atomic_* runs as one atomic step.
std::string FunctionOf(uintptr_t pc);

// Whether the instruction before `pc` (a return address into instrumented code) is code of the
// function `name` or inlined from it (symbols.h PcInFunction).
bool InFunction(uintptr_t pc, std::string_view name);

}  // namespace interleave::instrumented

#endif  // INTERLEAVE_INSTRUMENTED_NAMING_H_
