// Names a person can read for the addresses and pcs of an unmodified program (issue 17, part 3):
// the reports of instrumented/ say `counter`, `buf[3]`, `q[1].head` or `heap block allocated at
// list.c:12 (offset 8)` where the runtime only saw an address, and `worker (incr.c:9)` where it
// only saw a pc.
//
// - Globals (and static locals) from the ELF symbol table of the executable and of every shared
//   object loaded when the tables are first built (STT_OBJECT symbols with a size; C++ names
//   demangled). Where the module has DWARF type information (compiled with -g, not -g1), an
//   offset into the symbol is named through its type: array elements `buf[3]`, `m[1][2]`,
//   struct and class members `s.next`, `q[1].head`; members with reserved names (`_M_i` inside
//   std::atomic, `__data` inside pthread_mutex_t) are not descended into. Without type
//   information: `buf+12`. Thread-local variables are not named.
// - Heap blocks by their allocation: the runtime records each allocation (address, size, the
//   pc of the allocating call) and each free; an address inside a block is `heap block
//   allocated at FILE:LINE (offset N)`. A freed block keeps its name until an allocation
//   reuses its memory, so a report written after the program freed the block still names it.
// - Lines and functions of a pc from DWARF (line table; the innermost function or inlined
//   function that contains the pc), else the ELF symbol that contains it.
//
// - Locals and parameters of an instrumented function's frame from its DWARF (LocalAt):
//   `counter (local of main)` for a variable of main that a thread reaches by reference.
//
// Cost: the symbol tables are built once, at the first lookup (model/process_dwarf's libdw
// session), then each lookup is a binary search in a sorted vector; a module's DWARF variables
// are indexed once, at the first lookup that lands in that module. Recording an allocation or
// a free is a std::map update (no symbolization: the allocation pc is named only when a report
// asks for the block's name).
//
// Thread safety: every function may be called from any thread (one lock over the tables).
#ifndef INTERLEAVE_INSTRUMENTED_SYMBOLS_H_
#define INTERLEAVE_INSTRUMENTED_SYMBOLS_H_

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "model/trace.h"

namespace interleave::instrumented {

// What an address is, for reports that want more than the text (JSON, HTML).
struct AddressName {
  enum class Kind { kUnknown, kGlobal, kHeap };
  Kind kind = Kind::kUnknown;
  // kGlobal: the symbol's name ("buf"); kHeap: empty.
  std::string symbol;
  // kGlobal: the path inside the symbol from its DWARF type ("[3]", ".next", "[1].head"), or
  // "+12" without type information, or "" at the symbol's start.
  std::string path;
  std::uintptr_t base = 0;  // The symbol's or block's first byte.
  std::size_t size = 0;     // The symbol's or block's size in bytes.
  std::size_t offset = 0;   // addr - base.
  // kHeap: where the block was allocated (file "" when the pc has no line), whether it has
  // been freed since.
  SourceLine allocated_at;
  bool freed = false;
  // The whole name as reports print it: "buf[3]", "heap block allocated at list.c:12
  // (offset 8)", or "0x7ffd5a3c" for an address that is neither.
  std::string text;
};

// `addr` named: see AddressName::text.
std::string NameOfAddress(std::uintptr_t addr);
AddressName DescribeAddress(std::uintptr_t addr);

// The source line of the instruction at `pc` ({"", 0} when there is none). For a return
// address (what __builtin_return_address gives: the instruction after the call), pass
// return_address - 1 to get the line of the call itself.
SourceLine LineOfPc(std::uintptr_t pc);

// The line of the instruction at `pc` as a program's step shows it. When that line is in an
// installed library's header (/usr/...: libstdc++'s unique_ptr.h inlined into the program),
// the line of the program's own code it was inlined into, marked in_library; {"", 0} with
// in_library set when the library code at `pc` is a function of its own (not inlined: its
// caller has to be found on the stack).
SourceLine ProgramLineOfPc(std::uintptr_t pc);

// The function that contains `pc`: the innermost inlined function or function from DWARF, else
// the ELF symbol (demangled: "Queue::push(int)", "worker"); "" when none.
std::string FunctionOfPc(std::uintptr_t pc);

// Whether the instruction at `pc` is code of a function named `name` (unqualified; a template's
// arguments after it are ignored: "__atomic_spin" matches __atomic_spin<Pred, Spin>): the
// function that contains it, or any function inlined at `pc`. From DWARF: false without it.
bool PcInFunction(std::uintptr_t pc, std::string_view name);

// The function whose machine code holds `pc`, by its ELF symbol (demangled), whatever was inlined
// there: "main" for a libstdc++ header's code that -O2 inlined into main; "" when none.
std::string OuterFunctionOfPc(std::uintptr_t pc);

// A function inlined into the program's own code (DWARF's inlined subroutines): its name and
// the line of the call it replaced.
struct InlinedCall {
  std::string function;
  SourceLine at;  // Its file is interned: it lives as long as the process.
};
// The first inlined call in the program's modules (not the system's) of a function whose name
// starts with `prefix`, in DWARF order; nullopt when there is none or no DWARF.
std::optional<InlinedCall> FirstInlinedCall(std::string_view prefix);

// "worker (incr.c:9)", "worker", "incr.c:9" or "0x401136": a pc for a report.
std::string DescribePc(std::uintptr_t pc);

// A frame of an instrumented function as its entry hook (__tsan_func_entry) saw it: the
// hook's return address (a pc in the function, after its prologue), and the function's stack
// and frame pointers at that call.
struct EntryFrame {
  std::uintptr_t pc = 0;
  std::uintptr_t sp = 0;
  std::uintptr_t bp = 0;
};

// The local variable or parameter of `frame`'s function whose storage holds `addr`, named as
// a global is, with its function: "counter (local of main)", "q.head (local of worker)";
// "" when none does. Its storage is found from DWARF: the function's frame base is its
// canonical frame address (from the call frame information at the entry pc and the frame's
// registers) and the variable's location an offset from it, as gcc gives every local and
// parameter at -O0 (optimised code keeps many in registers or location lists: those are not
// named). Of variables sharing a slot in different blocks, the one whose block contains
// `pc_now` (a return address into the function, 0 when unknown) wins.
std::string LocalAt(std::uintptr_t addr, const EntryFrame& frame, std::uintptr_t pc_now);

// Heap blocks. `return_address` is the return address of the allocating call (the allocator
// interposer's __builtin_return_address(0)); the block is named by the line of the call.
// An allocation replaces every older block it overlaps (the allocator reused that memory).
void RecordAllocation(std::uintptr_t addr, std::size_t size, std::uintptr_t return_address);
// The same with the allocating call's stack, innermost return address first (at most
// kMaxAllocationFrames are kept): the block is named by the first frame in the program's own
// code, not in a system library or an installed header (/usr/...), so that operator new called
// by std::deque names the program's line that pushed.
inline constexpr int kMaxAllocationFrames = 8;
void RecordAllocation(std::uintptr_t addr, std::size_t size, const std::uintptr_t* return_addresses,
                      int count);
// Marks the block that starts at `addr` freed (it keeps its name); unknown addresses are
// ignored (memory allocated before recording started).
void RecordFree(std::uintptr_t addr);
// Forgets every heap block (a fresh execution).
void ForgetHeapBlocks();

}  // namespace interleave::instrumented

#endif  // INTERLEAVE_INSTRUMENTED_SYMBOLS_H_
