// LitmusProgram: a straight-line program of Atomic<int> operations written in one line, the
// notation of the litmus suite (litmus_test.cc), of rc11_axioms.py and of
// bench/memory_model_bench.cc:
//   threads separated by '|', operations by ';':
//   W loc value order          a store             R loc reg order         a load into reg
//   F order                    a fence             FAA loc delta order reg fetch_add
//   XCHG loc value order reg   exchange (reg gets the old value; '-' for none)
// with orders rlx acq rel acqrel sc, registers r0, r1, ... numbered in order of appearance.
// Its body (LitmusBody) runs it: main makes one Atomic<int> per location (0 at first), starts
// every thread, joins them, and declares the registers then the observed locations' final
// values (relaxed loads after the joins, which read the mo-last store) as the outcome
// ("r0=0, r1=1, x=2").
#ifndef INTERLEAVE_TESTS_LITMUS_LITMUS_PROGRAM_H_
#define INTERLEAVE_TESTS_LITMUS_LITMUS_PROGRAM_H_

#include <atomic>
#include <functional>
#include <set>
#include <string>
#include <vector>

namespace interleave::litmus {

struct Op {
  enum Kind { kStore, kLoad, kFence, kFetchAdd, kExchange };
  Kind kind = kStore;
  int location = -1;  // Index into LitmusProgram::locations; -1 for a fence.
  int value = 0;
  int reg = -1;  // -1: the value read is not kept.
  std::memory_order order = std::memory_order_relaxed;
};

struct LitmusProgram {
  std::vector<std::string> locations;  // In order of appearance.
  std::vector<std::vector<Op>> threads;
  std::vector<int> observed;  // Location indices whose final value is part of the outcome.
  int registers = 0;
  std::string error;  // Non-empty: the text does not parse, and nothing else is set.

  int Operations() const;
  // Whether every operation (and so every execution's every atomic step) is seq_cst: no
  // observed location either, whose final load is relaxed.
  bool AllSeqCst() const;
};

// Parses `text`; `observed` names the locations to observe, separated by spaces.
LitmusProgram ParseLitmus(const std::string& text, const std::string& observed);

// The program as a scenario body. `program` must outlive it.
std::function<void()> LitmusBody(const LitmusProgram& program);

// "01 10" -> {"r0=0, r1=1", "r0=1, r1=0"}: one digit a column, the registers then the observed
// locations. A word of the wrong length gives a text containing "bad table entry".
std::set<std::string> OutcomeTexts(const LitmusProgram& program, const std::string& compact);

}  // namespace interleave::litmus

#endif  // INTERLEAVE_TESTS_LITMUS_LITMUS_PROGRAM_H_
