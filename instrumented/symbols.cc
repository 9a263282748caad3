#include "instrumented/symbols.h"

#include <cxxabi.h>
#include <dwarf.h>
#include <elfutils/libdw.h>
#include <elfutils/libdwfl.h>
#include <gelf.h>

#include <algorithm>
#include <array>
#include <cinttypes>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <mutex>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "model/process_dwarf.h"

namespace interleave::instrumented {
namespace {

using process_dwarf::Session;

// Demangles a C++ symbol ("_ZN2ns7counterE" -> "ns::counter"); other names as they are.
std::string Demangle(const char* name) {
  if (name == nullptr) return "";
  if (name[0] != '_' || name[1] != 'Z') return name;
  int status = 0;
  char* demangled = abi::__cxa_demangle(name, nullptr, nullptr, &status);
  std::string text = status == 0 && demangled != nullptr ? demangled : name;
  std::free(demangled);
  return text;
}

// gcc names a function's static local `counter` as the local symbol "counter.0": drop the
// suffix when what precedes it is an identifier.
std::string WithoutLocalSuffix(std::string name) {
  const std::size_t dot = name.rfind('.');
  if (dot == std::string::npos || dot == 0 || dot + 1 == name.size()) return name;
  for (std::size_t i = dot + 1; i < name.size(); ++i) {
    if (name[i] < '0' || name[i] > '9') return name;
  }
  for (std::size_t i = 0; i < dot; ++i) {
    const char c = name[i];
    if (!(c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))) {
      return name;
    }
  }
  return name.substr(0, dot);
}

std::string Hex(std::uintptr_t value) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "0x%" PRIxPTR, value);
  return buffer;
}

// One global of the ELF symbol tables.
struct Global {
  std::uintptr_t start = 0;
  std::size_t size = 0;
  std::string name;
  Dwfl_Module* module = nullptr;
  int rank = 0;  // Among aliases of one start, the lowest rank names it.
};

// A variable of a module's DWARF with a fixed address (DW_OP_addr), and its type.
struct TypedVariable {
  std::uintptr_t address = 0;
  Dwarf_Die type{};
};

// How good a name is among aliases: global before weak before local, then no leading '_'.
int Rank(const GElf_Sym& symbol, const char* name) {
  const int binding = GELF_ST_BIND(symbol.st_info);
  int rank = binding == STB_GLOBAL ? 0 : binding == STB_WEAK ? 2 : 4;
  if (name[0] == '_') rank += 1;
  return rank;
}

// Follows DW_AT_type of `die` (through DW_AT_abstract_origin and DW_AT_specification).
bool TypeOf(Dwarf_Die* die, Dwarf_Die* type) {
  Dwarf_Attribute attribute;
  if (dwarf_attr_integrate(die, DW_AT_type, &attribute) == nullptr) return false;
  return dwarf_formref_die(&attribute, type) != nullptr;
}

// Strips typedefs and qualifiers; false for a qualifier of nothing (const void).
bool Peel(Dwarf_Die* type) {
  for (int depth = 0; depth < 32; ++depth) {
    switch (dwarf_tag(type)) {
      case DW_TAG_typedef:
      case DW_TAG_const_type:
      case DW_TAG_volatile_type:
      case DW_TAG_restrict_type:
      case DW_TAG_atomic_type: {
        Dwarf_Die next;
        if (!TypeOf(type, &next)) return false;
        *type = next;
        break;
      }
      default:
        return true;
    }
  }
  return false;
}

// Names reserved for the implementation (`_M_i`, `__data`): their insides mean nothing to
// the program's author.
bool Reserved(const char* name) {
  return name != nullptr && name[0] == '_' &&
         (name[1] == '_' || (name[1] >= 'A' && name[1] <= 'Z'));
}

std::optional<Dwarf_Word> Unsigned(Dwarf_Die* die, unsigned int name) {
  Dwarf_Attribute attribute;
  Dwarf_Word value = 0;
  if (dwarf_attr(die, name, &attribute) == nullptr || dwarf_formudata(&attribute, &value) != 0) {
    return std::nullopt;
  }
  return value;
}

// The byte offset of a member (or base class) in its aggregate (a bit-field: the byte of its
// first bit); nullopt without one: a union's members (all at 0), a static member, or a
// location expression (gcc gives members constants).
std::optional<Dwarf_Word> MemberOffset(Dwarf_Die* member) {
  if (auto offset = Unsigned(member, DW_AT_data_member_location)) return offset;
  if (auto bits = Unsigned(member, DW_AT_data_bit_offset)) return *bits / 8;
  return std::nullopt;
}

// Appends to `path` the way from the start of an object of type `type` to `offset` inside it:
// "[3]", ".next", "[1].head", "+2" for a byte inside a scalar.
void AppendPath(Dwarf_Die type, std::size_t offset, std::string* path, int depth) {
  auto rest = [&] {
    if (offset != 0) *path += "+" + std::to_string(offset);
  };
  if (depth > 16 || !Peel(&type)) return rest();
  const int tag = dwarf_tag(&type);
  if (tag == DW_TAG_array_type) {
    Dwarf_Die element;
    if (!TypeOf(&type, &element)) return rest();
    Dwarf_Word element_size = 0;
    if (dwarf_aggregate_size(&element, &element_size) != 0 || element_size == 0) return rest();
    // The dimensions, outermost first (a flexible array member's has no bound).
    std::vector<Dwarf_Word> counts;
    Dwarf_Die child;
    if (dwarf_child(&type, &child) == 0) {
      do {
        if (dwarf_tag(&child) != DW_TAG_subrange_type) continue;
        if (auto count = Unsigned(&child, DW_AT_count)) {
          counts.push_back(*count);
        } else if (auto upper = Unsigned(&child, DW_AT_upper_bound)) {
          counts.push_back(*upper + 1);
        } else {
          counts.push_back(0);  // Unbounded.
        }
      } while (dwarf_siblingof(&child, &child) == 0);
    }
    if (counts.empty()) counts.push_back(0);
    for (std::size_t i = 0; i < counts.size(); ++i) {
      Dwarf_Word stride = element_size;
      for (std::size_t j = i + 1; j < counts.size(); ++j) stride *= counts[j];
      if (stride == 0) return rest();
      const Dwarf_Word index = offset / stride;
      if (counts[i] != 0 && index >= counts[i]) return rest();
      *path += "[" + std::to_string(index) + "]";
      offset -= index * stride;
    }
    return AppendPath(element, offset, path, depth + 1);
  }
  if (tag == DW_TAG_structure_type || tag == DW_TAG_class_type || tag == DW_TAG_union_type) {
    Dwarf_Die member;
    if (dwarf_child(&type, &member) == 0) {
      do {
        const int member_tag = dwarf_tag(&member);
        if (member_tag != DW_TAG_member && member_tag != DW_TAG_inheritance) continue;
        std::optional<Dwarf_Word> at = MemberOffset(&member);
        if (!at) {
          if (tag != DW_TAG_union_type || dwarf_hasattr(&member, DW_AT_external)) continue;
          at = 0;
        }
        Dwarf_Die member_type;
        if (!TypeOf(&member, &member_type)) continue;
        Dwarf_Word size = 0;
        if (dwarf_aggregate_size(&member_type, &size) != 0) continue;
        if (offset < *at || offset >= *at + size) continue;
        const char* name = dwarf_diename(&member);
        if (member_tag == DW_TAG_member && Reserved(name)) return rest();
        if (member_tag == DW_TAG_member && name != nullptr) *path += std::string(".") + name;
        offset -= *at;
        return AppendPath(member_type, offset, path, depth + 1);
      } while (dwarf_siblingof(&member, &member) == 0);
    }
    return rest();  // Padding, or no member information.
  }
  return rest();
}

// The tables, built once under the libdw session's lock.
class Tables {
 public:
  // Builds the globals' table from every module's symbol table.
  explicit Tables(const Session& session) {
    if (session.dwfl() == nullptr) return;
    dwfl_getmodules(session.dwfl(), &Tables::AddModule, this, 0);
    std::sort(globals_.begin(), globals_.end(), [](const Global& a, const Global& b) {
      return a.start != b.start ? a.start < b.start : a.rank < b.rank;
    });
    // One entry per start: the best-ranked alias.
    globals_.erase(std::unique(globals_.begin(), globals_.end(),
                               [](const Global& a, const Global& b) { return a.start == b.start; }),
                   globals_.end());
  }

  // The global that contains `addr`, or nullptr.
  const Global* GlobalAt(std::uintptr_t addr) const {
    auto it = std::upper_bound(globals_.begin(), globals_.end(), addr,
                               [](std::uintptr_t a, const Global& g) { return a < g.start; });
    if (it == globals_.begin()) return nullptr;
    --it;
    return addr < it->start + it->size ? &*it : nullptr;
  }

  // The DWARF type of the variable that starts at `start` in `module`, if it has one.
  std::optional<Dwarf_Die> TypeOfVariable(Dwfl_Module* module, std::uintptr_t start) {
    auto [it, inserted] = variables_.try_emplace(module);
    if (inserted) it->second = IndexVariables(module);
    const std::vector<TypedVariable>& variables = it->second;
    auto found =
        std::lower_bound(variables.begin(), variables.end(), start,
                         [](const TypedVariable& v, std::uintptr_t a) { return v.address < a; });
    if (found == variables.end() || found->address != start) return std::nullopt;
    return found->type;
  }

 private:
  static int AddModule(Dwfl_Module* module, void**, const char*, Dwarf_Addr, void* arg) {
    auto* tables = static_cast<Tables*>(arg);
    const int count = dwfl_module_getsymtab(module);
    for (int i = 1; i < count; ++i) {
      GElf_Sym symbol;
      GElf_Addr address = 0;
      GElf_Word section = 0;
      const char* name =
          dwfl_module_getsym_info(module, i, &symbol, &address, &section, nullptr, nullptr);
      if (name == nullptr || name[0] == '\0' || symbol.st_size == 0 || section == SHN_UNDEF ||
          GELF_ST_TYPE(symbol.st_info) != STT_OBJECT) {
        continue;
      }
      tables->globals_.push_back(Global{.start = static_cast<std::uintptr_t>(address),
                                        .size = static_cast<std::size_t>(symbol.st_size),
                                        .name = WithoutLocalSuffix(Demangle(name)),
                                        .module = module,
                                        .rank = Rank(symbol, name)});
    }
    return DWARF_CB_OK;
  }

  // Every variable of `module`'s DWARF with a fixed address, sorted by address.
  static std::vector<TypedVariable> IndexVariables(Dwfl_Module* module) {
    std::vector<TypedVariable> variables;
    Dwarf_Addr bias = 0;
    Dwarf_Die* cu = nullptr;
    while ((cu = dwfl_module_nextcu(module, cu, &bias)) != nullptr) {
      Collect(cu, bias, &variables, 0);
    }
    std::sort(variables.begin(), variables.end(),
              [](const TypedVariable& a, const TypedVariable& b) { return a.address < b.address; });
    return variables;
  }

  static void Collect(Dwarf_Die* parent, Dwarf_Addr bias, std::vector<TypedVariable>* out,
                      int depth) {
    Dwarf_Die child;
    if (depth > 32 || dwarf_child(parent, &child) != 0) return;
    do {
      switch (dwarf_tag(&child)) {
        case DW_TAG_variable: {
          Dwarf_Attribute location;
          Dwarf_Op* ops = nullptr;
          std::size_t count = 0;
          Dwarf_Die type;
          if (dwarf_attr(&child, DW_AT_location, &location) != nullptr &&
              dwarf_getlocation(&location, &ops, &count) == 0 && count == 1 &&
              ops[0].atom == DW_OP_addr && TypeOf(&child, &type)) {
            out->push_back(TypedVariable{static_cast<std::uintptr_t>(ops[0].number + bias), type});
          }
          break;
        }
        case DW_TAG_namespace:
        case DW_TAG_subprogram:
        case DW_TAG_lexical_block:
        case DW_TAG_inlined_subroutine:
          Collect(&child, bias, out, depth + 1);  // Static locals, namespace members.
          break;
        default:
          break;
      }
    } while (dwarf_siblingof(&child, &child) == 0);
  }

  std::vector<Global> globals_;
  std::unordered_map<Dwfl_Module*, std::vector<TypedVariable>> variables_;
};

// Call with the session held (it guards the tables too).
Tables& TheTables(const Session& session) {
  static auto* const tables = new Tables(session);  // Never destroyed, like the session.
  return *tables;
}

// The locals of one instrumented function, as LocalAt reads them: where its canonical frame
// address is at the entry hook's call, and each variable's offset from it.
struct FrameLayout {
  static constexpr int kStackPointer = 7;  // DWARF register numbers on x86-64.
  static constexpr int kFramePointer = 6;
  int cfa_register = -1;  // -1: unknown (no call frame information): nothing is named.
  int64_t cfa_offset = 0;
  std::string function;  // Its DWARF name ("main", "worker").
  struct Local {
    int64_t offset = 0;  // From the CFA.
    std::size_t size = 0;
    std::string name;
    Dwarf_Die type{};
    Dwarf_Die scope{};  // The subprogram or lexical block that declares it.
    Dwarf_Addr bias = 0;
  };
  std::vector<FrameLayout::Local> locals;
};

// Every local and parameter under `scope` (lexical blocks included) whose location is one
// DW_OP_fbreg.
void CollectLocals(Dwarf_Die* scope, Dwarf_Addr bias, std::vector<FrameLayout::Local>* out,
                   int depth) {
  Dwarf_Die child;
  if (depth > 32 || dwarf_child(scope, &child) != 0) return;
  do {
    const int tag = dwarf_tag(&child);
    if (tag == DW_TAG_lexical_block) {
      CollectLocals(&child, bias, out, depth + 1);
      continue;
    }
    if (tag != DW_TAG_variable && tag != DW_TAG_formal_parameter) continue;
    Dwarf_Attribute location;
    Dwarf_Op* ops = nullptr;
    std::size_t count = 0;
    Dwarf_Die type;
    Dwarf_Word size = 0;
    const char* name = dwarf_diename(&child);
    if (name == nullptr || dwarf_attr(&child, DW_AT_location, &location) == nullptr ||
        dwarf_getlocation(&location, &ops, &count) != 0 || count != 1 ||
        ops[0].atom != DW_OP_fbreg || !TypeOf(&child, &type) ||
        dwarf_aggregate_size(&type, &size) != 0 || size == 0) {
      continue;
    }
    out->push_back(FrameLayout::Local{.offset = static_cast<int64_t>(ops[0].number),
                                      .size = static_cast<std::size_t>(size),
                                      .name = name,
                                      .type = type,
                                      .scope = *scope,
                                      .bias = bias});
  } while (dwarf_siblingof(&child, &child) == 0);
}

std::vector<Dwarf_Die> CodeScopesAt(Dwarf_Die* cu, Dwarf_Addr pc);

// The layout of the function whose entry hook returns to `pc`. Call with the session held.
FrameLayout ReadFrameLayout(const Session& session, std::uintptr_t pc) {
  FrameLayout layout;
  const std::uintptr_t call = pc - 1;  // The hook's call instruction.
  Dwfl_Module* module = session.ModuleOf(call);
  if (module == nullptr) return layout;
  // The CFA rule at the call: a register plus an offset.
  for (const bool eh : {false, true}) {
    Dwarf_Addr bias = 0;
    Dwarf_CFI* cfi = eh ? dwfl_module_eh_cfi(module, &bias) : dwfl_module_dwarf_cfi(module, &bias);
    Dwarf_Frame* frame = nullptr;
    if (cfi == nullptr || dwarf_cfi_addrframe(cfi, call - bias, &frame) != 0) continue;
    Dwarf_Op* ops = nullptr;
    std::size_t count = 0;
    if (dwarf_frame_cfa(frame, &ops, &count) == 0 && count == 1 && ops[0].atom == DW_OP_bregx &&
        (ops[0].number == FrameLayout::kStackPointer ||
         ops[0].number == FrameLayout::kFramePointer)) {
      layout.cfa_register = static_cast<int>(ops[0].number);
      layout.cfa_offset = static_cast<int64_t>(ops[0].number2);
    }
    std::free(frame);
    if (layout.cfa_register >= 0) break;
  }
  if (layout.cfa_register < 0) return layout;
  Dwarf_Addr bias = 0;
  Dwarf_Die* cu = dwfl_module_addrdie(module, call, &bias);
  if (cu == nullptr) return layout;
  // The function that contains the call (a lambda's operator() too: CodeScopesAt).
  std::vector<Dwarf_Die> scopes = CodeScopesAt(cu, call - bias);
  if (scopes.empty()) return layout;
  Dwarf_Die& function = scopes.back();
  // Only a frame base that is the CFA (gcc's DW_OP_call_frame_cfa) is understood.
  Dwarf_Attribute base;
  Dwarf_Op* ops = nullptr;
  std::size_t base_count = 0;
  if (dwarf_attr_integrate(&function, DW_AT_frame_base, &base) != nullptr &&
      dwarf_getlocation(&base, &ops, &base_count) == 0 && base_count == 1 &&
      ops[0].atom == DW_OP_call_frame_cfa) {
    const char* name = dwarf_diename(&function);
    layout.function = name != nullptr ? name : "";
    CollectLocals(&function, bias, &layout.locals, 0);
  }
  return layout;
}

// Heap blocks by start address.
struct HeapBlock {
  std::size_t size = 0;
  // The allocating call's return addresses, innermost first (0: none).
  std::array<std::uintptr_t, kMaxAllocationFrames> frames{};
  bool freed = false;
};

struct Heap {
  std::mutex mutex;
  std::map<std::uintptr_t, HeapBlock> blocks;
};

Heap& TheHeap() {
  static auto* const heap = new Heap;
  return *heap;
}

SourceLine LineOfPcLocked(const Session& session, std::uintptr_t pc) {
  Dwfl_Module* module = session.ModuleOf(pc);
  if (module == nullptr) return {};
  return session.LineAt(module, pc).value_or(SourceLine{});
}

SourceLine ProgramLineOfPcLocked(const Session& session, std::uintptr_t pc);

bool StartsWith(std::string_view text, std::string_view prefix) {
  return text.substr(0, prefix.size()) == prefix;
}

// The headers installed with the system's libraries (libstdc++'s, inlined into the program).
bool IsSystemFile(std::string_view file) { return StartsWith(file, "/usr/"); }

std::string Where(const SourceLine& line) {
  return std::string(line.file) + ":" + std::to_string(line.line);
}

}  // namespace

AddressName DescribeAddress(std::uintptr_t addr) {
  AddressName name;
  {
    const Session session;
    Tables& tables = TheTables(session);
    if (const Global* global = tables.GlobalAt(addr)) {
      name.kind = AddressName::Kind::kGlobal;
      name.symbol = global->name;
      name.base = global->start;
      name.size = global->size;
      name.offset = addr - global->start;
      if (std::optional<Dwarf_Die> type = tables.TypeOfVariable(global->module, global->start)) {
        AppendPath(*type, name.offset, &name.path, 0);
      } else if (name.offset != 0) {
        name.path = "+" + std::to_string(name.offset);
      }
      name.text = name.symbol + name.path;
      return name;
    }
  }
  std::optional<HeapBlock> block;
  {
    Heap& heap = TheHeap();
    std::lock_guard<std::mutex> lock(heap.mutex);
    auto it = heap.blocks.upper_bound(addr);
    if (it != heap.blocks.begin()) {
      --it;
      if (addr < it->first + it->second.size) {
        block = it->second;
        name.base = it->first;
      }
    }
  }
  if (!block) {
    name.text = Hex(addr);
    return name;
  }
  name.kind = AddressName::Kind::kHeap;
  name.size = block->size;
  name.offset = addr - name.base;
  name.freed = block->freed;
  std::string site = "an unknown site";
  if (block->frames[0] != 0) {
    // The first frame in the program's own code: an allocation made for it inside a library
    // (operator new under std::deque, strdup) is named by the program's call.
    const Session session;
    std::optional<SourceLine> first_line;
    for (const std::uintptr_t frame : block->frames) {
      if (frame == 0) break;
      Dwfl_Module* module = session.ModuleOf(frame - 1);
      if (module == nullptr) continue;
      const std::optional<SourceLine> line = session.LineAt(module, frame - 1);
      if (!line) continue;
      if (!process_dwarf::IsSystemModule(Session::ModuleName(module))) {
        if (!IsSystemFile(line->file)) {
          first_line = line;
          break;
        }
        // A library header's code inlined into the program's (std::jthread's constructor in
        // main at -O2): the program's line it was inlined into.
        const SourceLine outside = ProgramLineOfPcLocked(session, frame - 1);
        if (outside.file != nullptr && outside.line > 0) {
          first_line = SourceLine(outside.file, outside.line);
          break;
        }
      }
      if (!first_line) first_line = line;
    }
    if (first_line) {
      name.allocated_at = *first_line;
      site = Where(*first_line);
    } else {
      site = Hex(block->frames[0] - 1);
    }
  }
  name.text = "heap block allocated at " + site + " (offset " + std::to_string(name.offset) + ")";
  return name;
}

std::string NameOfAddress(std::uintptr_t addr) { return DescribeAddress(addr).text; }

std::string LocalAt(std::uintptr_t addr, const EntryFrame& frame, std::uintptr_t pc_now) {
  const Session session;
  static auto* const layouts = new std::unordered_map<std::uintptr_t, FrameLayout>;
  auto [it, inserted] = layouts->try_emplace(frame.pc);
  if (inserted) it->second = ReadFrameLayout(session, frame.pc);
  FrameLayout& layout = it->second;
  if (layout.cfa_register < 0) return "";
  const std::uintptr_t cfa =
      (layout.cfa_register == FrameLayout::kStackPointer ? frame.sp : frame.bp) +
      static_cast<std::uintptr_t>(layout.cfa_offset);
  FrameLayout::Local* found = nullptr;
  for (FrameLayout::Local& local : layout.locals) {
    const std::uintptr_t start = cfa + static_cast<std::uintptr_t>(local.offset);
    if (addr < start || addr - start >= local.size) continue;
    // Blocks that reuse a slot: the one the function is in now, else the first declared.
    if (found == nullptr ||
        (pc_now != 0 && dwarf_haspc(&local.scope, pc_now - 1 - local.bias) == 1)) {
      found = &local;
    }
  }
  if (found == nullptr) return "";
  std::string path;
  AppendPath(found->type, addr - (cfa + static_cast<std::uintptr_t>(found->offset)), &path, 0);
  return found->name + path + " (local of " + layout.function + ")";
}

SourceLine LineOfPc(std::uintptr_t pc) {
  const Session session;
  return LineOfPcLocked(session, pc);
}

SourceLine ProgramLineOfPc(std::uintptr_t pc) {
  const Session session;
  return ProgramLineOfPcLocked(session, pc);
}

namespace {

// The code scopes at `pc` (a CU-relative address), innermost first, up to and including the
// function that contains them: inlined calls, lexical blocks, and that DW_TAG_subprogram. Empty
// when none. dwarf_getscopes finds them where functions are the CU's or a namespace's children;
// a lambda's or a local class's member function is defined inside its class, inside the
// enclosing function's DIE, where it does not look (a thread's lambda at -O0 had no line:
// "(unknown):0"), and there the tree is walked instead.
bool PathToPc(Dwarf_Die* parent, Dwarf_Addr pc, std::vector<Dwarf_Die>& path, int depth) {
  Dwarf_Die child;
  if (depth > 64 || dwarf_child(parent, &child) != 0) return false;
  do {
    const int tag = dwarf_tag(&child);
    const bool code =
        tag == DW_TAG_subprogram || tag == DW_TAG_inlined_subroutine || tag == DW_TAG_lexical_block;
    if (code && dwarf_haspc(&child, pc) == 1) {
      path.push_back(child);
      PathToPc(&child, pc, path, depth + 1);  // A scope inside it, if any.
      return true;
    }
    // Definitions nested in classes, namespaces and other functions' DIEs.
    if (tag == DW_TAG_subprogram || tag == DW_TAG_namespace || tag == DW_TAG_structure_type ||
        tag == DW_TAG_class_type || tag == DW_TAG_union_type) {
      if (PathToPc(&child, pc, path, depth + 1)) return true;
    }
  } while (dwarf_siblingof(&child, &child) == 0);
  return false;
}

std::vector<Dwarf_Die> CodeScopesAt(Dwarf_Die* cu, Dwarf_Addr pc) {
  std::vector<Dwarf_Die> chain;
  auto ends_in_function = [&chain] {
    return !chain.empty() && dwarf_tag(&chain.back()) == DW_TAG_subprogram;
  };
  // The innermost scope at pc, then the scopes around it in the tree (dwarf_getscopes gives an
  // inlined function's abstract scopes after it, not the code it was inlined into).
  Dwarf_Die* innermost = nullptr;
  const int found = dwarf_getscopes(cu, pc, &innermost);
  if (found > 0 && dwarf_tag(&innermost[0]) != DW_TAG_compile_unit) {
    Dwarf_Die* scopes = nullptr;
    const int count = dwarf_getscopes_die(&innermost[0], &scopes);
    for (int i = 0; i < count && !ends_in_function(); ++i) {
      const int tag = dwarf_tag(&scopes[i]);
      if (tag == DW_TAG_subprogram || tag == DW_TAG_inlined_subroutine ||
          tag == DW_TAG_lexical_block) {
        chain.push_back(scopes[i]);
      }
    }
    std::free(scopes);
  }
  std::free(innermost);
  if (ends_in_function()) return chain;
  chain.clear();
  std::vector<Dwarf_Die> path;
  if (!PathToPc(cu, pc, path, 0)) return chain;
  for (auto it = path.rbegin(); it != path.rend() && !ends_in_function(); ++it) {
    chain.push_back(*it);
  }
  return chain;
}

SourceLine ProgramLineOfPcLocked(const Session& session, std::uintptr_t pc) {
  SourceLine line = LineOfPcLocked(session, pc);
  if (line.file == nullptr || !IsSystemFile(line.file)) return line;
  SourceLine outside;
  outside.in_library = true;
  Dwfl_Module* module = session.ModuleOf(pc);
  Dwarf_Addr bias = 0;
  Dwarf_Die* cu = module != nullptr ? dwfl_module_addrdie(module, pc, &bias) : nullptr;
  if (cu == nullptr) return outside;
  Dwarf_Files* files = nullptr;
  std::size_t file_count = 0;
  if (dwarf_getsrcfiles(cu, &files, &file_count) != 0) return outside;
  // Innermost first: each inlined call's site is a line of the code around it.
  for (Dwarf_Die& scope : CodeScopesAt(cu, pc - bias)) {
    if (dwarf_tag(&scope) != DW_TAG_inlined_subroutine) continue;
    Dwarf_Attribute attribute;
    Dwarf_Word file_index = 0;
    Dwarf_Word call_line = 0;
    if (dwarf_formudata(dwarf_attr(&scope, DW_AT_call_file, &attribute), &file_index) != 0 ||
        dwarf_formudata(dwarf_attr(&scope, DW_AT_call_line, &attribute), &call_line) != 0 ||
        file_index >= file_count) {
      continue;
    }
    const char* file = dwarf_filesrc(files, file_index, nullptr, nullptr);
    if (file == nullptr || call_line == 0 || IsSystemFile(file)) continue;
    outside.file = process_dwarf::Intern(file);
    outside.line = static_cast<int>(call_line);
    break;
  }
  return outside;
}

}  // namespace

std::string FunctionOfPc(std::uintptr_t pc) {
  const Session session;
  Dwfl_Module* module = session.ModuleOf(pc);
  if (module == nullptr) return "";
  Dwarf_Addr bias = 0;
  if (Dwarf_Die* cu = dwfl_module_addrdie(module, pc, &bias)) {
    // An inlined function is named by DWARF; a function of its own by its ELF symbol (its
    // full name: namespaces, classes, parameters), which DWARF has only in pieces.
    std::string name;
    for (Dwarf_Die& scope : CodeScopesAt(cu, pc - bias)) {
      if (dwarf_tag(&scope) != DW_TAG_inlined_subroutine) continue;
      Dwarf_Attribute attribute;
      const char* linkage = nullptr;
      if (dwarf_attr_integrate(&scope, DW_AT_linkage_name, &attribute) != nullptr) {
        linkage = dwarf_formstring(&attribute);
      }
      const char* plain = dwarf_diename(&scope);
      name = linkage != nullptr ? Demangle(linkage) : plain != nullptr ? plain : "";
      break;
    }
    if (!name.empty()) return name;
  }
  return Demangle(dwfl_module_addrname(module, pc));
}

std::string OuterFunctionOfPc(std::uintptr_t pc) {
  const Session session;
  Dwfl_Module* module = session.ModuleOf(pc);
  return module == nullptr ? "" : Demangle(dwfl_module_addrname(module, pc));
}

bool PcInFunction(std::uintptr_t pc, std::string_view name) {
  const Session session;
  Dwfl_Module* module = session.ModuleOf(pc);
  if (module == nullptr) return false;
  Dwarf_Addr bias = 0;
  Dwarf_Die* cu = dwfl_module_addrdie(module, pc, &bias);
  if (cu == nullptr) return false;
  // Innermost first, to the function that contains the inlined ones.
  for (Dwarf_Die& scope : CodeScopesAt(cu, pc - bias)) {
    if (dwarf_tag(&scope) == DW_TAG_lexical_block) continue;
    Dwarf_Attribute attribute;
    const char* scope_name = nullptr;
    if (dwarf_attr_integrate(&scope, DW_AT_name, &attribute) != nullptr) {
      scope_name = dwarf_formstring(&attribute);
    }
    if (scope_name == nullptr) continue;
    const std::string_view text(scope_name);
    if (text.starts_with(name) && (text.size() == name.size() || text[name.size()] == '<')) {
      return true;
    }
  }
  return false;
}

namespace {

// FirstInlinedCall's walk of one DIE's children.
std::optional<InlinedCall> FindInlinedCall(Dwarf_Die* parent, std::string_view prefix,
                                           Dwarf_Files* files, std::size_t file_count, int depth) {
  Dwarf_Die child;
  if (depth > 64 || dwarf_child(parent, &child) != 0) return std::nullopt;
  do {
    const int tag = dwarf_tag(&child);
    if (tag == DW_TAG_inlined_subroutine) {
      Dwarf_Attribute attribute;
      const char* name = nullptr;
      if (dwarf_attr_integrate(&child, DW_AT_name, &attribute) != nullptr) {
        name = dwarf_formstring(&attribute);
      }
      if (name != nullptr && std::string_view(name).starts_with(prefix)) {
        InlinedCall call{.function = name, .at = SourceLine("?", 0)};
        Dwarf_Word file_index = 0;
        Dwarf_Word line = 0;
        if (files != nullptr &&
            dwarf_formudata(dwarf_attr(&child, DW_AT_call_file, &attribute), &file_index) == 0 &&
            dwarf_formudata(dwarf_attr(&child, DW_AT_call_line, &attribute), &line) == 0 &&
            file_index < file_count) {
          if (const char* file = dwarf_filesrc(files, file_index, nullptr, nullptr)) {
            call.at = SourceLine(process_dwarf::Intern(file), static_cast<int>(line));
          }
        }
        return call;
      }
    }
    if (tag == DW_TAG_subprogram || tag == DW_TAG_lexical_block ||
        tag == DW_TAG_inlined_subroutine || tag == DW_TAG_namespace) {
      if (auto found = FindInlinedCall(&child, prefix, files, file_count, depth + 1)) return found;
    }
  } while (dwarf_siblingof(&child, &child) == 0);
  return std::nullopt;
}

struct InlinedSearch {
  std::string_view prefix;
  std::optional<InlinedCall> found;
};

int SearchModule(Dwfl_Module* module, void**, const char*, Dwarf_Addr, void* arg) {
  auto* search = static_cast<InlinedSearch*>(arg);
  if (process_dwarf::IsSystemModule(Session::ModuleName(module))) return DWARF_CB_OK;
  Dwarf_Addr bias = 0;
  Dwarf_Die* cu = nullptr;
  while ((cu = dwfl_module_nextcu(module, cu, &bias)) != nullptr) {
    Dwarf_Files* files = nullptr;
    std::size_t file_count = 0;
    if (dwarf_getsrcfiles(cu, &files, &file_count) != 0) files = nullptr;
    search->found = FindInlinedCall(cu, search->prefix, files, file_count, 0);
    if (search->found) return DWARF_CB_ABORT;
  }
  return DWARF_CB_OK;
}

}  // namespace

std::optional<InlinedCall> FirstInlinedCall(std::string_view prefix) {
  const Session session;
  if (session.dwfl() == nullptr) return std::nullopt;
  InlinedSearch search{.prefix = prefix, .found = std::nullopt};
  dwfl_getmodules(session.dwfl(), &SearchModule, &search, 0);
  return search.found;
}

std::string DescribePc(std::uintptr_t pc) {
  const std::string function = FunctionOfPc(pc);
  const SourceLine line = LineOfPc(pc);
  if (line.line <= 0) return function.empty() ? Hex(pc) : function;
  return function.empty() ? Where(line) : function + " (" + Where(line) + ")";
}

void RecordAllocation(std::uintptr_t addr, std::size_t size, std::uintptr_t return_address) {
  RecordAllocation(addr, size, &return_address, return_address != 0 ? 1 : 0);
}

void RecordAllocation(std::uintptr_t addr, std::size_t size, const std::uintptr_t* return_addresses,
                      int count) {
  HeapBlock block{.size = size};
  for (int i = 0; i < count && i < kMaxAllocationFrames; ++i) block.frames[i] = return_addresses[i];
  Heap& heap = TheHeap();
  std::lock_guard<std::mutex> lock(heap.mutex);
  // Older blocks that overlap [addr, addr + size): the allocator reused their memory.
  auto it = heap.blocks.lower_bound(addr);
  if (it != heap.blocks.begin()) {
    auto before = std::prev(it);
    if (before->first + before->second.size > addr) it = before;
  }
  while (it != heap.blocks.end() && (it->first < addr + size || it->first == addr)) {
    it = heap.blocks.erase(it);
  }
  heap.blocks[addr] = block;
}

void RecordFree(std::uintptr_t addr) {
  Heap& heap = TheHeap();
  std::lock_guard<std::mutex> lock(heap.mutex);
  auto it = heap.blocks.find(addr);
  if (it != heap.blocks.end()) it->second.freed = true;
}

void ForgetHeapBlocks() {
  Heap& heap = TheHeap();
  std::lock_guard<std::mutex> lock(heap.mutex);
  heap.blocks.clear();
}

}  // namespace interleave::instrumented
