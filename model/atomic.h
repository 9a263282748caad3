// Atomic<T>: an atomic variable, like std::atomic<T>, with memory orders (seq_cst by default).
// Each operation is one indivisible visible step: load is a read, store a write, and exchange,
// compare_exchange, fetch_add, ... are read-modify-writes (an update), so two threads'
// fetch_add never lose one another's increment as two Shared<T> read-then-write sequences can.
//
// What a load may read is the memory model's (model/weak_memory.h): under rc11 (the default)
// any store that coherence and happens-before allow, each a branch of the search; under sc the
// latest store. Only a release (or stronger) store read by an acquire (or stronger) load, or
// fences around relaxed ones, make happens-before (under sc every store to load pair does).
// std::memory_order_consume is treated as acquire.
//
// Every store is kept (values_, by message: 0 is the initial value), since a weak load may read
// an older one.
//
// compare_exchange_strong(expected, desired): when the value read equals `expected` it becomes
// `desired` and the call returns true; otherwise `expected` is set to the value read and the
// call returns false (a read with the failure order). compare_exchange_weak may also fail
// when the value equals `expected` (a spurious failure, explored as a choice), though not twice
// in a row on the same store. fetch_add / fetch_sub / ... (integral T) return the value before.
#ifndef INTERLEAVE_MODEL_ATOMIC_H_
#define INTERLEAVE_MODEL_ATOMIC_H_

#include <atomic>
#include <concepts>
#include <cstddef>
#include <source_location>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "model/execution.h"
#include "model/spin_frame.h"
#include "model/text.h"
#include "model/trace.h"

namespace interleave {

// std::memory_order as the trace records it (consume as acquire).
constexpr MemoryOrder ToMemoryOrder(std::memory_order order) {
  switch (order) {
    case std::memory_order_relaxed:
      return MemoryOrder::kRelaxed;
    case std::memory_order_consume:
    case std::memory_order_acquire:
      return MemoryOrder::kAcquire;
    case std::memory_order_release:
      return MemoryOrder::kRelease;
    case std::memory_order_acq_rel:
      return MemoryOrder::kAcqRel;
    case std::memory_order_seq_cst:
      return MemoryOrder::kSeqCst;
  }
  return MemoryOrder::kSeqCst;
}

// The failure order std derives from a compare-exchange's single order.
constexpr std::memory_order FailureOrderOf(std::memory_order order) {
  if (order == std::memory_order_acq_rel) return std::memory_order_acquire;
  if (order == std::memory_order_release) return std::memory_order_relaxed;
  return order;
}

// A fence, std::atomic_thread_fence (named apart from it: a call with a std::memory_order
// would find both): one visible step with no object.
void atomic_fence(std::memory_order order, SourceLine where = std::source_location::current());

template <typename T>
class Atomic {
 public:
  explicit Atomic(std::string name, T initial = T{})
      : object_(Execution::Current("Atomic").AddAtomic(std::move(name))) {
    values_.push_back(std::move(initial));
  }
  Atomic(const Atomic&) = delete;
  Atomic& operator=(const Atomic&) = delete;

  T load(std::memory_order order = std::memory_order_seq_cst,
         SourceLine where = std::source_location::current()) const {
    Execution& execution = Execution::Current("Atomic::load");
    SpinFrame frame;
    const SpinFrame* spin = nullptr;
    if (execution.SpinCandidate()) {
      CaptureSpinFrame(&frame);
      spin = &frame;
    }
    const int message = execution.AtomicLoad(
        object_, ToMemoryOrder(order), where, spin,
        [this](int read) { return ToText(values_[static_cast<std::size_t>(read)]); });
    return message < 0 ? values_.back() : values_[static_cast<std::size_t>(message)];
  }

  void store(T value, std::memory_order order = std::memory_order_seq_cst,
             SourceLine where = std::source_location::current()) {
    Execution& execution = Execution::Current("Atomic::store");
    execution.AtomicStore(
        object_, ToMemoryOrder(order), where, [&] { values_.push_back(std::move(value)); },
        [this] { return ToText(values_.back()); });
  }

  T exchange(T value, std::memory_order order = std::memory_order_seq_cst,
             SourceLine where = std::source_location::current()) {
    return Update(
        "Atomic::exchange", order, where, [&value](const T&) { return value; }, "exchange");
  }

  bool compare_exchange_strong(T& expected, T desired,
                               std::memory_order order = std::memory_order_seq_cst,
                               SourceLine where = std::source_location::current()) {
    return CompareExchange(expected, std::move(desired), order, FailureOrderOf(order),
                           /*weak=*/false, where);
  }
  bool compare_exchange_strong(T& expected, T desired, std::memory_order success,
                               std::memory_order failure,
                               SourceLine where = std::source_location::current()) {
    return CompareExchange(expected, std::move(desired), success, failure, /*weak=*/false, where);
  }
  bool compare_exchange_weak(T& expected, T desired,
                             std::memory_order order = std::memory_order_seq_cst,
                             SourceLine where = std::source_location::current()) {
    return CompareExchange(expected, std::move(desired), order, FailureOrderOf(order),
                           /*weak=*/true, where);
  }
  bool compare_exchange_weak(T& expected, T desired, std::memory_order success,
                             std::memory_order failure,
                             SourceLine where = std::source_location::current()) {
    return CompareExchange(expected, std::move(desired), success, failure, /*weak=*/true, where);
  }
  // compare_exchange_strong (the name the model has always had).
  bool compare_exchange(T& expected, T desired, std::memory_order order = std::memory_order_seq_cst,
                        SourceLine where = std::source_location::current()) {
    return compare_exchange_strong(expected, std::move(desired), order, where);
  }

  T fetch_add(T delta, std::memory_order order = std::memory_order_seq_cst,
              SourceLine where = std::source_location::current()) requires std::is_integral_v<T> {
    return Update(
        "Atomic::fetch_add", order, where,
        [delta](const T& old) { return static_cast<T>(old + delta); },
        "fetch_add " + ToText(delta));
  }

  T fetch_sub(T delta, std::memory_order order = std::memory_order_seq_cst,
              SourceLine where = std::source_location::current()) requires std::is_integral_v<T> {
    return Update(
        "Atomic::fetch_sub", order, where,
        [delta](const T& old) { return static_cast<T>(old - delta); },
        "fetch_sub " + ToText(delta));
  }

  T fetch_and(T bits, std::memory_order order = std::memory_order_seq_cst,
              SourceLine where = std::source_location::current()) requires std::is_integral_v<T> {
    return Update(
        "Atomic::fetch_and", order, where,
        [bits](const T& old) { return static_cast<T>(old & bits); }, "fetch_and " + ToText(bits));
  }

  T fetch_or(T bits, std::memory_order order = std::memory_order_seq_cst,
             SourceLine where = std::source_location::current()) requires std::is_integral_v<T> {
    return Update(
        "Atomic::fetch_or", order, where,
        [bits](const T& old) { return static_cast<T>(old | bits); }, "fetch_or " + ToText(bits));
  }

  T fetch_xor(T bits, std::memory_order order = std::memory_order_seq_cst,
              SourceLine where = std::source_location::current()) requires std::is_integral_v<T> {
    return Update(
        "Atomic::fetch_xor", order, where,
        [bits](const T& old) { return static_cast<T>(old ^ bits); }, "fetch_xor " + ToText(bits));
  }

  // Pointer arithmetic (std::atomic<T*>::fetch_add).
  T fetch_add(std::ptrdiff_t delta, std::memory_order order = std::memory_order_seq_cst,
              SourceLine where = std::source_location::current()) requires std::is_pointer_v<T> {
    return Update(
        "Atomic::fetch_add", order, where, [delta](const T& old) { return old + delta; },
        "fetch_add " + ToText(delta));
  }

  const ObjectHandle& object() const { return object_; }

 private:
  // One read-modify-write step: the value becomes `next(old)`; returns the old value. One that
  // leaves the value as it was (a test_and_set of a set flag) is a spin loop's candidate too.
  template <typename Next>
  T Update(const char* operation, std::memory_order order, const SourceLine& where, Next next,
           const std::string& what) {
    Execution& execution = Execution::Current(operation);
    SpinFrame frame;
    const SpinFrame* spin = nullptr;
    if (execution.SpinCandidate()) {
      CaptureSpinFrame(&frame);
      spin = &frame;
    }
    const MemoryOrder memory_order = ToMemoryOrder(order);
    const Execution::RmwResult result = execution.AtomicUpdate(
        object_, memory_order, memory_order, where, spin, /*allow_spurious=*/false,
        [](int) { return Execution::RmwOutcome::kSucceeds; },
        [&](int read) {
          values_.push_back(next(values_[static_cast<std::size_t>(read)]));
          if constexpr (std::equality_comparable<T>) {
            return values_.back() == values_[static_cast<std::size_t>(read)];
          } else {
            return false;
          }
        },
        [&](const RmwResult& done) {
          return what + ": " + ToText(values_[static_cast<std::size_t>(done.read)]) + " -> " +
                 ToText(values_.back());
        });
    return result.read < 0 ? values_.back() : values_[static_cast<std::size_t>(result.read)];
  }

  bool CompareExchange(T& expected, T desired, std::memory_order success, std::memory_order failure,
                       bool weak, const SourceLine& where) {
    Execution& execution = Execution::Current(weak ? "Atomic::compare_exchange_weak"
                                                   : "Atomic::compare_exchange_strong");
    SpinFrame frame;
    const SpinFrame* spin = nullptr;
    if (execution.SpinCandidate()) {
      CaptureSpinFrame(&frame);
      spin = &frame;
    }
    const Execution::RmwResult result = execution.AtomicUpdate(
        object_, ToMemoryOrder(success), ToMemoryOrder(failure), where, spin, weak,
        [&](int message) {
          if (!(values_[static_cast<std::size_t>(message)] == expected)) {
            return Execution::RmwOutcome::kFails;
          }
          return weak ? Execution::RmwOutcome::kMayFailSpuriously
                      : Execution::RmwOutcome::kSucceeds;
        },
        [&](int) {
          values_.push_back(desired);
          return false;  // A successful exchange ends a spin loop.
        },
        [&](const RmwResult& done) {
          const T& read = values_[static_cast<std::size_t>(done.read)];
          if (done.wrote) return "compare_exchange " + ToText(read) + " -> " + ToText(desired);
          if (read == expected) return "compare_exchange_weak failed spuriously: " + ToText(read);
          return "compare_exchange failed: " + ToText(read) + ", not " + ToText(expected);
        });
    if (result.read < 0) return false;  // Void: the execution is being unwound.
    if (result.wrote) return true;
    expected = values_[static_cast<std::size_t>(result.read)];
    return false;
  }

  ObjectHandle object_;
  // Every value stored, by message (0: the initial value). Mutable: a load reads only.
  std::vector<T> values_;
};

}  // namespace interleave

#endif  // INTERLEAVE_MODEL_ATOMIC_H_
