// The program's heap, fresh in every execution: scenario code's malloc (and operator new,
// strdup, ..., which call it) allocates from an arena that the next execution starts empty,
// so an execution sees the same addresses (deterministic object names and schedules) and no
// block survives into another execution. A free gives back only the last block (enough for
// the push/pop patterns of small programs); the rest is reclaimed at the next execution.
//
// What the executable's constructors allocate before main (a global std::vector's elements,
// a condition_variable_any's mutex, a std::string global's text) is part of the program's
// initial state, as its globals are: those blocks come from a second arena, the static heap,
// that program.cc snapshots with the globals and restores before every execution. Its blocks
// are never given back (a free of one in an execution would hand the next execution's restored
// globals a block glibc reuses). Every other allocation (the checker, the runtime, shared
// libraries' own constructors) goes to glibc's malloc (__libc_malloc).
#include <dlfcn.h>
#include <sys/mman.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <new>
#include <utility>
#include <vector>

#include "instrumented/runtime.h"

extern "C" {
void* __libc_malloc(size_t size);
void __libc_free(void* block);
void* __libc_calloc(size_t count, size_t size);
void* __libc_realloc(void* block, size_t size);
void* __libc_memalign(size_t alignment, size_t size);
}

namespace interleave::instrumented {
namespace {

// A bump allocator in reserved address space: the same sequence of allocations gets the same
// offsets in every execution.
struct Arena {
  std::size_t capacity;
  char* base = nullptr;
  char* next = nullptr;
  char* last = nullptr;  // The last block's header: a free of it rolls back.

  bool Contains(const void* block) const {
    return base != nullptr && block >= base && block < base + capacity;
  }
  void* Allocate(std::size_t size, std::size_t alignment);
};

Arena g_heap{std::size_t{1} << 32};         // Reserved, not committed.
Arena g_static_heap{std::size_t{1} << 30};  // The blocks allocated before main.
bool g_program_init = false;                // BeginProgramInit .. EndProgramInit.

struct Header {
  std::size_t size;
  std::size_t offset;  // From the start of the header to the block (alignment).
};

Header* HeaderOf(void* block) { return static_cast<Header*>(block) - 1; }

void* Arena::Allocate(std::size_t size, std::size_t alignment) {
  if (base == nullptr) {
    void* map = mmap(nullptr, capacity, PROT_READ | PROT_WRITE,
                     MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (map == MAP_FAILED) return nullptr;
    base = next = static_cast<char*>(map);
  }
  if (alignment < 16) alignment = 16;
  const auto start = reinterpret_cast<uintptr_t>(next);
  const uintptr_t block = (start + sizeof(Header) + alignment - 1) & ~(alignment - 1);
  const uintptr_t end = block + ((size + 15) & ~std::size_t{15});
  if (end > reinterpret_cast<uintptr_t>(base) + capacity) return nullptr;
  last = next;
  next = reinterpret_cast<char*>(end);
  Header* header = reinterpret_cast<Header*>(block) - 1;
  header->size = size;
  header->offset = block - start;
  return reinterpret_cast<void*>(block);
}

bool InArena(const void* block) { return g_heap.Contains(block); }
bool InStaticHeap(const void* block) { return g_static_heap.Contains(block); }
bool InEitherArena(const void* block) { return InArena(block) || InStaticHeap(block); }

bool UseArena() { return Active(); }

// The execution's blocks in allocation (= address) order, for names: where each was allocated.
struct Block {
  uintptr_t address;
  std::size_t size;
  uintptr_t frames[kAllocationFrames];
};
std::vector<Block>& Blocks() {
  static auto* const blocks = new std::vector<Block>;
  return *blocks;
}

void* Recorded(void* block, std::size_t size, const void* return_address) {
  if (block == nullptr) return nullptr;
  ++g_runtime_depth;  // The vector's own allocation is the runtime's.
  Block record{reinterpret_cast<uintptr_t>(block), size, {}};
  AllocationStack(reinterpret_cast<uintptr_t>(return_address), record.frames);
  std::vector<Block>& blocks = Blocks();
  // A rolled-back block (freed last) is followed by one at the same or a lower address.
  while (!blocks.empty() && blocks.back().address >= record.address) blocks.pop_back();
  blocks.push_back(record);
  --g_runtime_depth;
  return block;
}

}  // namespace

int64_t HeapOffset(uintptr_t address) {
  if (!InArena(reinterpret_cast<const void*>(address))) return -1;
  return static_cast<int64_t>(address - reinterpret_cast<uintptr_t>(g_heap.base));
}

int64_t StaticHeapOffset(uintptr_t address) {
  if (!InStaticHeap(reinterpret_cast<const void*>(address))) return -1;
  return static_cast<int64_t>(address - reinterpret_cast<uintptr_t>(g_static_heap.base));
}

bool HeapBlockOf(uintptr_t address, uintptr_t* base, std::size_t* size, uintptr_t* frames) {
  const std::vector<Block>& blocks = Blocks();
  auto it = std::upper_bound(blocks.begin(), blocks.end(), address,
                             [](uintptr_t a, const Block& b) { return a < b.address; });
  if (it == blocks.begin()) return false;
  --it;
  if (address >= it->address + (it->size == 0 ? 1 : it->size)) return false;
  *base = it->address;
  *size = it->size;
  std::copy(std::begin(it->frames), std::end(it->frames), frames);
  return true;
}

void ResetHeap() {
  g_heap.next = g_heap.base;
  g_heap.last = nullptr;
  Blocks().clear();
}

void BeginProgramInit() { g_program_init = true; }

void EndProgramInit() {
  g_program_init = false;
  g_static_heap.last = nullptr;  // No free rolls the static heap back.
}

std::pair<char*, std::size_t> StaticHeap() {
  return {g_static_heap.base, static_cast<std::size_t>(g_static_heap.next - g_static_heap.base)};
}

}  // namespace interleave::instrumented

namespace ri = ::interleave::instrumented;

namespace {

// The arena an allocation comes from now: the execution's heap in scenario code, the static
// heap while the executable's constructors run, else none (glibc's malloc).
ri::Arena* ArenaNow() {
  if (ri::UseArena()) return &ri::g_heap;
  if (ri::g_program_init) return &ri::g_static_heap;
  return nullptr;
}

// A block of `arena`, recorded for names when it is the execution's.
void* AllocateIn(ri::Arena* arena, std::size_t size, std::size_t alignment,
                 const void* return_address) {
  void* block = arena->Allocate(size, alignment);
  if (arena != &ri::g_heap) return block;
  return ri::Recorded(block, size, return_address);
}

// malloc's, memalign's and operator new's block: from the arena of the moment (named after
// `return_address`, the allocating call), else glibc's.
void* Allocate(std::size_t size, std::size_t alignment, const void* return_address) {
  if (ri::Arena* arena = ArenaNow()) return AllocateIn(arena, size, alignment, return_address);
  return alignment <= 16 ? __libc_malloc(size) : __libc_memalign(alignment, size);
}

}  // namespace

extern "C" {

__attribute__((visibility("default"))) void* malloc(size_t size) {
  return Allocate(size, 16, __builtin_return_address(0));
}

__attribute__((visibility("default"))) void free(void* block) {
  if (block == nullptr || ri::InStaticHeap(block)) return;  // Static blocks stay.
  if (ri::InArena(block)) {
    char* start = static_cast<char*>(block) - ri::HeaderOf(block)->offset;
    if (start == ri::g_heap.last) {
      ri::ForgetMemory(reinterpret_cast<uintptr_t>(start),
                       reinterpret_cast<uintptr_t>(ri::g_heap.next));
      ri::g_heap.next = start;
      ri::g_heap.last = nullptr;
    }
    return;
  }
  __libc_free(block);
}

__attribute__((visibility("default"))) void* calloc(size_t count, size_t size) {
  if (ri::Arena* arena = ArenaNow()) {
    if (size != 0 && count > SIZE_MAX / size) return nullptr;
    void* block = arena->Allocate(count * size, 16);
    if (block != nullptr) std::memset(block, 0, count * size);
    if (arena != &ri::g_heap) return block;
    return ri::Recorded(block, count * size, __builtin_return_address(0));
  }
  return __libc_calloc(count, size);
}

__attribute__((visibility("default"))) void* realloc(void* block, size_t size) {
  if (block == nullptr) return malloc(size);
  if (!ri::InEitherArena(block)) return __libc_realloc(block, size);
  // A new block (the old one is reclaimed with its arena, or stays, a static block).
  const std::size_t old = ri::HeaderOf(block)->size;
  void* moved = malloc(size);
  if (moved != nullptr) std::memcpy(moved, block, old < size ? old : size);
  return moved;
}

__attribute__((visibility("default"))) void* memalign(size_t alignment, size_t size) {
  return Allocate(size, alignment, __builtin_return_address(0));
}

__attribute__((visibility("default"))) void* aligned_alloc(size_t alignment, size_t size) {
  return memalign(alignment, size);
}

__attribute__((visibility("default"))) int posix_memalign(void** out, size_t alignment,
                                                          size_t size) {
  void* block = memalign(alignment, size);
  if (block == nullptr) return 12;  // ENOMEM
  *out = block;
  return 0;
}

__attribute__((visibility("default"))) void* valloc(size_t size) { return memalign(4096, size); }

__attribute__((visibility("default"))) size_t malloc_usable_size(void* block) {
  if (block == nullptr) return 0;
  if (ri::InEitherArena(block)) return ri::HeaderOf(block)->size;
  using Real = size_t (*)(void*);
  static const auto real = reinterpret_cast<Real>(dlsym(RTLD_NEXT, "malloc_usable_size"));
  return real != nullptr ? real(block) : 0;
}

}  // extern "C"

// ---- operator new -------------------------------------------------------------------------------
// The program's `new` (and libstdc++'s own, for its containers and threads) allocates as malloc
// does, but the block is named after the caller of operator new: libstdc++'s operator new calls
// malloc from inside libstdc++, where no line of the program is, and every block a program
// allocated with `new` was named after the next frame the runtime knew, the runtime's own call
// of main ("heap block allocated at std_function.h:591 (std::function<int ()>::operator()()
// const)"). libstdc++'s operator delete frees with free(), which these blocks take.
namespace {

void* NewBlock(std::size_t size, std::size_t alignment, const void* return_address) {
  return Allocate(size == 0 ? 1 : size, alignment, return_address);
}

void* NewOrThrow(std::size_t size, std::size_t alignment, const void* return_address) {
  for (;;) {
    if (void* block = NewBlock(size, alignment, return_address)) return block;
    const std::new_handler handler = std::get_new_handler();
    if (handler == nullptr) throw std::bad_alloc();
    handler();
  }
}

std::size_t AlignmentOf(std::align_val_t alignment) {
  return std::max<std::size_t>(16, static_cast<std::size_t>(alignment));
}

}  // namespace

__attribute__((visibility("default"))) void* operator new(std::size_t size) {
  return NewOrThrow(size, 16, __builtin_return_address(0));
}
__attribute__((visibility("default"))) void* operator new[](std::size_t size) {
  return NewOrThrow(size, 16, __builtin_return_address(0));
}
__attribute__((visibility("default"))) void* operator new(std::size_t size,
                                                          const std::nothrow_t&) noexcept {
  return NewBlock(size, 16, __builtin_return_address(0));
}
__attribute__((visibility("default"))) void* operator new[](std::size_t size,
                                                            const std::nothrow_t&) noexcept {
  return NewBlock(size, 16, __builtin_return_address(0));
}
__attribute__((visibility("default"))) void* operator new(std::size_t size,
                                                          std::align_val_t alignment) {
  return NewOrThrow(size, AlignmentOf(alignment), __builtin_return_address(0));
}
__attribute__((visibility("default"))) void* operator new[](std::size_t size,
                                                            std::align_val_t alignment) {
  return NewOrThrow(size, AlignmentOf(alignment), __builtin_return_address(0));
}
__attribute__((visibility("default"))) void* operator new(std::size_t size,
                                                          std::align_val_t alignment,
                                                          const std::nothrow_t&) noexcept {
  return NewBlock(size, AlignmentOf(alignment), __builtin_return_address(0));
}
__attribute__((visibility("default"))) void* operator new[](std::size_t size,
                                                            std::align_val_t alignment,
                                                            const std::nothrow_t&) noexcept {
  return NewBlock(size, AlignmentOf(alignment), __builtin_return_address(0));
}
