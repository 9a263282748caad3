// WeakMemory: the atomics of one execution under the C++ memory model, RC11 (Lahav, Vafeiadis,
// Kang, Hur, Dreyer, "Repairing sequential consistency in C/C++11", PLDI 2017), or under
// sequential consistency (MemoryModel::kSc, the model's semantics before memory orders).
//
// The execution runs its events in an interleaving; this class keeps its execution graph's
// atomic part: per location the stores (messages) in modification order (mo), every read with
// the store it read from (rf), and each store's synchronisation clock. An operation is offered
// every choice RC11 allows given the graph so far, and the chooser picks one (a branch of the
// search, Execution::ChooseInStep):
// - a load (and a read-modify-write's read) reads any store not hidden from its thread by
//   coherence: not mo-before a store that happens before it, nor mo-before a store that a read
//   happening before it read (CoWR, CoRR; CoWW and CoRW hold by the placement of stores);
// - a store goes anywhere in mo after every store its thread has seen that way, but never
//   between a read-modify-write and the store it read (atomicity); a read-modify-write goes
//   right after the store it read, which no other read-modify-write may have read;
// - with seq_cst accesses or fences in a graph that also has weaker ones, a choice is offered
//   only if RC11's psc (partial SC order) stays acyclic: psc_base ∪ psc_F over the SC events,
//   computed from hb, sb, mo, fr and eco as the paper defines them (bit matrices; the graph
//   is small).
// - a system call's full barrier (the instrumented runtime's futex wait and wake) is an SC
//   fence, and a futex wait's read of its word a relaxed read of the latest store, with no
//   choice (KernelFence, ReadLatest).
// Load buffering (po ∪ rf cycles, out-of-thin-air values) cannot happen: a load reads only
// stores that ran before it. Every prefix of an RC11-consistent graph is consistent and is
// some interleaving's prefix, so the exhaustive strategies (which try every interleaving class
// of dependent operations and every choice) reach every consistent graph.
//
// Happens-before (the threads' vector clocks, which the data-race detector reads): a release
// store (or a store after a release fence, or a later store of the same thread to the same
// location: RC11's release sequence, and read-modify-writes continuing it) carries a clock;
// an acquire load that reads it joins it, a relaxed load keeps it for its thread's next
// acquire fence. Nothing else synchronizes, so plain data published by a relaxed flag races.
//
// While every atomic operation of the execution so far is seq_cst (and every fence seq_cst or
// none), RC11 allows exactly the sequentially consistent behaviours of that prefix, which the
// other interleavings cover: a load reads the latest store and a store goes last, with no
// choice. The first weaker operation turns choices on.
//
// Invariants: messages are numbered in creation order (0: the initial value), as Atomic<T>
// keeps their values; mo is a permutation of them starting with 0; every offered choice keeps
// the graph coherent, atomic and psc-acyclic; the same choices give the same graph.
#ifndef INTERLEAVE_MODEL_WEAK_MEMORY_H_
#define INTERLEAVE_MODEL_WEAK_MEMORY_H_

#include <cstdint>
#include <functional>
#include <vector>

#include "model/function_ref.h"
#include "model/trace.h"
#include "model/vector_clock.h"

namespace interleave {

// What a read-modify-write does if it reads a given store (Atomic<T> decides by the value).
enum class RmwOutcome {
  kFails,              // A compare-exchange whose expected value differs: only a read.
  kSucceeds,           // It writes.
  kMayFailSpuriously,  // compare_exchange_weak on the expected value: either.
};
struct RmwResult {
  int read = 0;  // The message read.
  bool wrote = false;
};

// The thread performing an atomic operation, at its step.
struct AtomicAccess {
  ThreadId thread = kNoThread;
  VectorClock& clock;  // The thread's clock, already ticked for this step.
  TraceEvent& event;
  std::function<int(int)> choose;  // A choice in [0, count): a branch of the search.
};

class WeakMemory {
 public:
  void Reset(MemoryModel model);

  void AddLocation(ObjectId object);
  // How many stores `object` has had (the initial value included).
  int MessageCount(ObjectId object) const;

  // Whether a store of `object` follows `message` in modification order.
  bool HasNewer(ObjectId object, int message) const;
  // The last store of `object` in modification order (what memory holds once all are done).
  int Latest(ObjectId object) const;
  // Each returns the message read or written (-1: no consistent choice); the event gets its
  // order and reads_from. `after` (a spin loop's repeated read): read only a store that
  // follows that message in modification order.
  int Load(const AtomicAccess& access, ObjectId object, MemoryOrder order, int after = -1);
  // The new message's value is already Atomic<T>'s last.
  int Store(const AtomicAccess& access, ObjectId object, MemoryOrder order);
  // `outcome` says what reading a message does; `write(read)` appends the new value when the
  // operation writes, before the new message is placed. A spurious failure is offered when
  // `allow_spurious`, except on message `no_spurious_on`.
  RmwResult Update(const AtomicAccess& access, ObjectId object, MemoryOrder success,
                   MemoryOrder failure, FunctionRef<RmwOutcome(int)> outcome,
                   FunctionRef<void(int)> write, bool allow_spurious, int no_spurious_on,
                   int after = -1);
  void Fence(const AtomicAccess& access, MemoryOrder order);
  // A read of the latest store in mo that offers no choice and synchronises with nothing (the
  // kernel's read of a futex word): a relaxed load's node in the graph, which bounds the later
  // reads of the thread, and of whatever happens after it, by coherence (CoRR). Nothing for an
  // object that is not a location, or under sc (a load there reads the latest store anyway).
  void ReadLatest(const AtomicAccess& access, ObjectId object);
  // A full barrier outside the program (a system call's, the kernel's smp_mb around a futex
  // operation): an SC fence that leaves the event's own order as it is.
  void KernelFence(const AtomicAccess& access);

  // The trace's modification orders (ObjectInfo::modification_order) and graph print.
  void Finish(Trace& trace) const;

 private:
  struct Message {
    ThreadId thread = kNoThread;  // kNoThread: the initial value.
    int step = kInitialValue;
    uint32_t tick = 0;  // Its thread's clock entry at the store.
    VectorClock sync;   // What an acquire that reads it synchronizes with.
    int rmw_source = -1;
  };
  struct Read {
    ThreadId thread = kNoThread;
    uint32_t tick = 0;
    int message = 0;
  };
  struct Location {
    ObjectId object = kNoObject;
    std::vector<Message> messages;
    std::vector<int> mo;        // Messages in modification order.
    std::vector<int> position;  // Message -> index in mo.
    std::vector<Read> reads;
    // Per thread: its clock at its last release store here (RC11's release sequence goes on
    // through that thread's later stores to the location).
    std::vector<std::pair<ThreadId, VectorClock>> release_heads;
  };
  // An atomic event of the graph, for psc.
  struct Node {
    ThreadId thread = kNoThread;
    uint32_t tick = 0;
    int location = -1;  // -1: a fence.
    int read = -1;      // The message read, if it reads.
    int wrote = -1;     // The message written, if it writes.
    bool sc = false;
    VectorClock clock;
  };
  struct ThreadState {
    VectorClock release_fence;
    bool has_release_fence = false;
    VectorClock acquire_pending;
  };

  Location& LocationOf(ObjectId object) { return locations_[location_of_[object]]; }
  ThreadState& StateOf(ThreadId thread);
  // The mo index below which `clock`'s thread may not read at `location` (coherence).
  int VisibleFrom(const Location& location, const VectorClock& clock) const;
  bool Taken(const Location& location, int index) const;  // mo[index] read by an RMW.
  void Insert(Location& location, int message, int index);
  void Erase(Location& location, int index);
  // The synchronisation clock a new store of `access.thread` carries.
  VectorClock StoreSync(const AtomicAccess& access, Location& location, MemoryOrder order);
  void Acquire(const AtomicAccess& access, const Message& message, MemoryOrder order);
  // Whether psc must be checked for a choice (SC events next to weak ones). A choice for a
  // non-SC event needs no check while the graph has no SC fence: psc relates SC events only,
  // and the new event (the latest of the graph: nothing happens after it, nothing follows it
  // in its thread) can neither be an end of a psc edge nor lie on the sb;hb;sb path of one
  // between earlier events; only an SC fence's edges (hb;scb, hb;eco;hb) can pass through
  // it. The graph before it was psc-acyclic, so it still is.
  bool CheckPsc(bool sc) const {
    return weak_ && sc_nodes_ + (sc ? 1 : 0) >= 2 && (sc || sc_fences_ > 0);
  }
  bool PscAcyclic() const;
  void AddNode(const AtomicAccess& access, int location, int read, int wrote, bool sc);

  MemoryModel model_ = MemoryModel::kRc11;
  bool weak_ = false;
  std::vector<Location> locations_;
  std::vector<int> location_of_;  // By object id; -1: not an atomic.
  std::vector<ThreadState> threads_;
  std::vector<Node> nodes_;
  int sc_nodes_ = 0;
  int sc_fences_ = 0;            // The SC fences among nodes_.
  std::vector<int> candidates_;  // Working storage.
  std::vector<int> kinds_;
};

}  // namespace interleave

#endif  // INTERLEAVE_MODEL_WEAK_MEMORY_H_
