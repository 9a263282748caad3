// Explanations of an execution's atomics under the C++ memory model (RC11; model/weak_memory.h),
// for the reports: which store each atomic load or read-modify-write read, and, for a weak read
// (one that read a store older in modification order than a store that had already run before
// it), why RC11 allowed it and which memory order or fence would forbid it.
//
// Everything is derived from the trace alone: TraceEvent::reads_from and order, the atomics'
// ObjectInfo::modification_order, and the events' vector clocks (happens-before: a store S
// happens before a load L exactly when L's clock has seen S's step of S's thread). The shapes
// recognised for the advice:
// - message passing: the load's thread read, before it, a store that S's thread made after S
//   (S -po-> W' -rf-> L' -po-> L); a release W' (or a release fence between S and W') and an
//   acquire L' (or an acquire fence between L' and L) would make S happen before L, and then
//   coherence forbids the older store. The advice names the half that is missing.
// - store buffering: the load's thread stored to another atomic before it, and S's thread
//   loaded that atomic after S and read an older store too (each thread missed the other's
//   store); seq_cst on the four accesses, or a seq_cst fence between each store and load,
//   forbids it (RC11's psc).
// Otherwise the explanation says what did not order the two, with no advice.
//
// Guarantees: a trace without weak atomic operations (every atomic operation seq_cst, no
// fence) or run under MemoryModel::kSc gets annotate == false, and the reports then print
// exactly what they printed before memory orders existed.
#ifndef INTERLEAVE_REPORTS_WEAK_EXPLAIN_H_
#define INTERLEAVE_REPORTS_WEAK_EXPLAIN_H_

#include <map>
#include <string>
#include <vector>

#include "model/trace.h"

namespace interleave {

// One atomic load or read-modify-write.
struct ReadExplanation {
  int step = 0;
  int reads_from = kInitialValue;  // The store's step (kInitialValue: the initial value).
  std::string source;              // "from the initial value", "from step 7 (B)".
  // Weak: stores newer in modification order than the one read had run before this step.
  bool weak = false;
  std::vector<int> newer;  // Their steps, in modification order.
  // For a weak read: "not from step 7 (B's store x = 1): no happens-before from it to this
  // load (a relaxed store and a relaxed load; no release/acquire pair, no fence)".
  std::string why;
  // For a weak read of a recognised shape: what would forbid it ("make step 4 a release store
  // (or put a release fence between steps 3 and 4) and step 6 an acquire load (...): step 3
  // then happens before step 7"); empty otherwise.
  std::string forbid;
  std::vector<int> involved;  // Every step the explanation names, this one included.
};

struct WeakMemoryNotes {
  // The trace ran under rc11 with a weak atomic operation or a fence: the reports say which
  // store each atomic read read.
  bool annotate = false;
  std::map<int, ReadExplanation> reads;  // By step: every atomic load and read-modify-write.
  // Where it matters (an atomic with two stores or more and a weak read of it, or whose
  // modification order differs from the order its stores ran): "x: the initial value, step 6
  // (B: x = 2), step 3 (A: x = 1) (not the order the stores ran)", by object.
  std::map<ObjectId, std::string> modification_orders;

  bool HasWeakReads() const;
};

WeakMemoryNotes ExplainWeakMemory(const Trace& trace);

// "B's store x = 1", "A's compare_exchange lock = 1": the store at `step` (1-based), or "the
// initial value" for kInitialValue.
std::string StoreText(const Trace& trace, int step);
// The value the store at `step` wrote ("1"), empty when unknown (the initial value).
std::string StoredValue(const Trace& trace, int step);

}  // namespace interleave

#endif  // INTERLEAVE_REPORTS_WEAK_EXPLAIN_H_
