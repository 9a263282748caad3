#include "instrumented/symbols.h"

#include <dlfcn.h>

#include <atomic>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "gtest/gtest.h"

// The program being named: this test's own globals, compiled with -g (BUILD), so their DWARF
// types are there, as in a program built by `interleave cc`.
struct Node {
  int value;
  Node* next;
};

int counter;
int buf[8];
long grid[2][3];
Node nodes[3];
std::atomic<int> flag;
static int hidden;
union Word {
  int whole;
  unsigned char bytes[4];
} word;
namespace demo {
long total;
}

// A global with an ELF symbol and no DWARF: named by byte offset.
asm(R"(
  .data
  .globl raw_bytes
  .type raw_bytes, @object
  .size raw_bytes, 16
raw_bytes:
  .zero 16
  .type tally.3, @object
  .size tally.3, 4
tally.3:
  .zero 4
  .text
)");
extern "C" char raw_bytes[16];
// tally.3 follows raw_bytes: its address is raw_bytes + 16.

namespace interleave::instrumented {
namespace {

std::uintptr_t Address(const void* p) { return reinterpret_cast<std::uintptr_t>(p); }

int* CallsCounter() {
  static int calls;
  ++calls;
  return &calls;
}

// What the runtime's malloc interposer does: allocate and record with its return address.
__attribute__((noinline)) void* TrackedMalloc(std::size_t size) {
  void* block = std::malloc(size);
  RecordAllocation(Address(block), size, Address(__builtin_return_address(0)));
  return block;
}

__attribute__((noinline)) std::uintptr_t ReturnAddress() {
  return Address(__builtin_return_address(0));
}

bool EndsWith(const std::string& text, const std::string& suffix) {
  return text.size() >= suffix.size() &&
         text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0;
}

TEST(NameOfAddressTest, ScalarGlobals) {
  EXPECT_EQ(NameOfAddress(Address(&counter)), "counter");
  EXPECT_EQ(NameOfAddress(Address(&counter) + 2), "counter+2");
  EXPECT_EQ(NameOfAddress(Address(&hidden)), "hidden");
  EXPECT_EQ(NameOfAddress(Address(&demo::total)), "demo::total");
  const std::string calls = NameOfAddress(Address(CallsCounter()));
  EXPECT_TRUE(EndsWith(calls, "::CallsCounter()::calls")) << calls;
  // gcc's name for a C function's static local `tally`.
  EXPECT_EQ(NameOfAddress(Address(raw_bytes) + 16), "tally");
}

TEST(NameOfAddressTest, ArraysByIndex) {
  EXPECT_EQ(NameOfAddress(Address(&buf[0])), "buf[0]");
  EXPECT_EQ(NameOfAddress(Address(&buf[3])), "buf[3]");
  EXPECT_EQ(NameOfAddress(Address(&buf[3]) + 1), "buf[3]+1");
  EXPECT_EQ(NameOfAddress(Address(&buf[7])), "buf[7]");
  EXPECT_EQ(NameOfAddress(Address(&grid[1][2])), "grid[1][2]");
  EXPECT_EQ(NameOfAddress(Address(&grid[0][1])), "grid[0][1]");
}

TEST(NameOfAddressTest, StructMembers) {
  EXPECT_EQ(NameOfAddress(Address(&nodes[1].next)), "nodes[1].next");
  EXPECT_EQ(NameOfAddress(Address(&nodes[2].value)), "nodes[2].value");
  // The padding between value and next belongs to no member.
  EXPECT_EQ(NameOfAddress(Address(&nodes[0].value) + 4), "nodes[0]+4");
  // A union's bytes are named through its first member.
  EXPECT_EQ(NameOfAddress(Address(&word)), "word.whole");
}

TEST(NameOfAddressTest, LibraryInsidesAreNotShown) {
  // std::atomic<int> is a class whose only member is __atomic_base<int>::_M_i.
  EXPECT_EQ(NameOfAddress(Address(&flag)), "flag");
}

TEST(NameOfAddressTest, WithoutTypeInformationByOffset) {
  EXPECT_EQ(NameOfAddress(Address(&raw_bytes[0])), "raw_bytes");
  EXPECT_EQ(NameOfAddress(Address(&raw_bytes[12])), "raw_bytes+12");
}

TEST(NameOfAddressTest, DescribeGivesTheParts) {
  const AddressName name = DescribeAddress(Address(&nodes[1].next));
  EXPECT_EQ(name.kind, AddressName::Kind::kGlobal);
  EXPECT_EQ(name.symbol, "nodes");
  EXPECT_EQ(name.path, "[1].next");
  EXPECT_EQ(name.base, Address(nodes));
  EXPECT_EQ(name.size, sizeof nodes);
  EXPECT_EQ(name.offset, Address(&nodes[1].next) - Address(nodes));
}

TEST(NameOfAddressTest, UnknownAddressInHex) {
  int local = 0;
  const std::string name = NameOfAddress(Address(&local));
  EXPECT_EQ(name.substr(0, 2), "0x") << name;
  EXPECT_EQ(DescribeAddress(Address(&local)).kind, AddressName::Kind::kUnknown);
}

TEST(HeapBlockTest, NamedByAllocationSiteAndOffset) {
  ForgetHeapBlocks();
  // clang-format off
  char* block = static_cast<char*>(TrackedMalloc(32)); const int line = __LINE__;
  // clang-format on
  const std::string site = "symbols_test.cc:" + std::to_string(line);
  const std::string name = NameOfAddress(Address(block + 8));
  EXPECT_TRUE(EndsWith(name, site + " (offset 8)")) << name;
  EXPECT_EQ(name.substr(0, 24), "heap block allocated at ") << name;
  const AddressName described = DescribeAddress(Address(block));
  EXPECT_EQ(described.kind, AddressName::Kind::kHeap);
  EXPECT_EQ(described.offset, 0u);
  EXPECT_EQ(described.size, 32u);
  EXPECT_EQ(described.allocated_at.line, line);
  EXPECT_FALSE(described.freed);
  // One past the end is not in the block.
  EXPECT_EQ(DescribeAddress(Address(block + 32)).kind, AddressName::Kind::kUnknown);

  // Freed: still named (a report may be written after the program freed it).
  RecordFree(Address(block));
  EXPECT_TRUE(DescribeAddress(Address(block + 8)).freed);
  EXPECT_TRUE(EndsWith(NameOfAddress(Address(block + 8)), site + " (offset 8)"));
  const std::uintptr_t inside = Address(block + 8);
  std::free(block);

  ForgetHeapBlocks();
  EXPECT_EQ(DescribeAddress(inside).kind, AddressName::Kind::kUnknown);
}

TEST(HeapBlockTest, ANewAllocationReplacesTheBlocksItOverlaps) {
  ForgetHeapBlocks();
  RecordAllocation(0x10000, 16, 0);
  RecordAllocation(0x10010, 16, 0);
  RecordAllocation(0x10020, 16, 0);
  EXPECT_EQ(NameOfAddress(0x10004), "heap block allocated at an unknown site (offset 4)");
  // Covers the second block and the start of the third.
  RecordAllocation(0x10008, 0x20, 0);
  const AddressName first = DescribeAddress(0x10004);  // The first overlapped its start.
  EXPECT_EQ(first.kind, AddressName::Kind::kUnknown);
  const AddressName middle = DescribeAddress(0x10018);
  EXPECT_EQ(middle.base, 0x10008u);
  EXPECT_EQ(middle.offset, 0x10u);
  EXPECT_EQ(DescribeAddress(0x10030).kind, AddressName::Kind::kUnknown);
  ForgetHeapBlocks();
}

TEST(HeapBlockTest, NamedByTheFirstFrameInTheProgram) {
  ForgetHeapBlocks();
  // As if malloc had been called inside libc (qsort, no line of the program) on behalf of
  // this line of the program.
  const auto in_libc = Address(dlsym(RTLD_DEFAULT, "qsort")) + 1;
  ASSERT_NE(in_libc, 1u);
  // clang-format off
  const std::uintptr_t frames[] = {in_libc, ReturnAddress()}; const int line = __LINE__;
  // clang-format on
  RecordAllocation(0x20000, 8, frames, 2);
  const std::string name = NameOfAddress(0x20004);
  EXPECT_TRUE(EndsWith(name, "symbols_test.cc:" + std::to_string(line) + " (offset 4)")) << name;
  EXPECT_EQ(DescribeAddress(0x20004).allocated_at.line, line);

  // Only a system library's frame: named by it (its line where the system has its debug
  // information, else its address), never by the program.
  RecordAllocation(0x30000, 8, frames, 1);
  const std::string system = NameOfAddress(0x30000);
  EXPECT_EQ(system.substr(0, 24), "heap block allocated at ") << system;
  EXPECT_EQ(system.find("symbols_test.cc"), std::string::npos) << system;
  ForgetHeapBlocks();
}

TEST(LineOfPcTest, LineAndFunctionOfACall) {
  // clang-format off
  const std::uintptr_t pc = ReturnAddress() - 1; const int line = __LINE__;
  // clang-format on
  const SourceLine where = LineOfPc(pc);
  EXPECT_EQ(where.line, line);
  EXPECT_TRUE(EndsWith(where.file, "symbols_test.cc")) << where.file;
  const std::string function = FunctionOfPc(pc);
  EXPECT_EQ(function,
            "interleave::instrumented::(anonymous namespace)::"
            "LineOfPcTest_LineAndFunctionOfACall_Test::TestBody()");
  EXPECT_TRUE(EndsWith(DescribePc(pc), "symbols_test.cc:" + std::to_string(line) + ")"))
      << DescribePc(pc);
}

TEST(LineOfPcTest, FunctionOfAPcInAFunction) {
  EXPECT_EQ(FunctionOfPc(Address(reinterpret_cast<const void*>(&TrackedMalloc))),
            "interleave::instrumented::(anonymous namespace)::TrackedMalloc(unsigned long)");
}

// PcInFunction's cases: a template function of its own, and a function inlined into another.
template <typename T>
__attribute__((noinline)) std::uintptr_t SpinRounds(T) {
  return ReturnAddress() - 1;
}
__attribute__((always_inline)) inline std::uintptr_t InlinedRounds() { return ReturnAddress() - 1; }
__attribute__((noinline)) std::uintptr_t CallsInlinedRounds() { return InlinedRounds(); }

TEST(PcInFunctionTest, AFunctionOfItsOwnOrInlined) {
  const std::uintptr_t own = SpinRounds(1);
  EXPECT_TRUE(PcInFunction(own, "SpinRounds"));  // SpinRounds<int>.
  EXPECT_FALSE(PcInFunction(own, "SpinRound"));  // Part of a name is not the name.
  EXPECT_FALSE(PcInFunction(own, "InlinedRounds"));
  const std::uintptr_t inlined = CallsInlinedRounds();
  EXPECT_TRUE(PcInFunction(inlined, "InlinedRounds"));
  EXPECT_TRUE(PcInFunction(inlined, "CallsInlinedRounds"));  // The function it was inlined into.
  EXPECT_FALSE(PcInFunction(inlined, "SpinRounds"));
  EXPECT_FALSE(PcInFunction(0x10, "SpinRounds"));
}

TEST(LineOfPcTest, UnknownPc) {
  EXPECT_EQ(LineOfPc(0x10).line, 0);
  EXPECT_EQ(FunctionOfPc(0x10), "");
  EXPECT_EQ(DescribePc(0x10), "0x10");
}

}  // namespace
}  // namespace interleave::instrumented
