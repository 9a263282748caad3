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
// compare_exchange_strong(expected, desired): when the value read equals `expected` it becomes
// `desired` and the call returns true; otherwise `expected` is set to the value read and the
// call returns false (a read with the failure order). compare_exchange_weak may also fail
// when the value equals `expected` (a spurious failure, explored as a choice), though not twice
// in a row on the same store. fetch_add / fetch_sub / ... (integral T) return the value before.
//
// One declaration for both backends of the model API (model/backend/members.h): the members
// are the backend's model/backend/atomic.inc, the definitions its model/backend/atomic_impl.h.
#ifndef INTERLEAVE_MODEL_ATOMIC_H_
#define INTERLEAVE_MODEL_ATOMIC_H_

#include <atomic>
#include <cstddef>
#include <source_location>
#include <string>
#include <type_traits>

#include "model/backend/members.h"
#include "model/source_line.h"
#include "model/text.h"

namespace interleave {

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
  explicit Atomic(std::string name, T initial = T{});
  Atomic(const Atomic&) = delete;
  Atomic& operator=(const Atomic&) = delete;

  T load(std::memory_order order = std::memory_order_seq_cst,
         SourceLine where = std::source_location::current()) const;
  void store(T value, std::memory_order order = std::memory_order_seq_cst,
             SourceLine where = std::source_location::current());
  T exchange(T value, std::memory_order order = std::memory_order_seq_cst,
             SourceLine where = std::source_location::current());

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
        [delta] { return "fetch_add " + ToText(delta); });
  }
  T fetch_sub(T delta, std::memory_order order = std::memory_order_seq_cst,
              SourceLine where = std::source_location::current()) requires std::is_integral_v<T> {
    return Update(
        "Atomic::fetch_sub", order, where,
        [delta](const T& old) { return static_cast<T>(old - delta); },
        [delta] { return "fetch_sub " + ToText(delta); });
  }
  T fetch_and(T bits, std::memory_order order = std::memory_order_seq_cst,
              SourceLine where = std::source_location::current()) requires std::is_integral_v<T> {
    return Update(
        "Atomic::fetch_and", order, where,
        [bits](const T& old) { return static_cast<T>(old & bits); },
        [bits] { return "fetch_and " + ToText(bits); });
  }
  T fetch_or(T bits, std::memory_order order = std::memory_order_seq_cst,
             SourceLine where = std::source_location::current()) requires std::is_integral_v<T> {
    return Update(
        "Atomic::fetch_or", order, where,
        [bits](const T& old) { return static_cast<T>(old | bits); },
        [bits] { return "fetch_or " + ToText(bits); });
  }
  T fetch_xor(T bits, std::memory_order order = std::memory_order_seq_cst,
              SourceLine where = std::source_location::current()) requires std::is_integral_v<T> {
    return Update(
        "Atomic::fetch_xor", order, where,
        [bits](const T& old) { return static_cast<T>(old ^ bits); },
        [bits] { return "fetch_xor " + ToText(bits); });
  }
  // Pointer arithmetic (std::atomic<T*>::fetch_add).
  T fetch_add(std::ptrdiff_t delta, std::memory_order order = std::memory_order_seq_cst,
              SourceLine where = std::source_location::current()) requires std::is_pointer_v<T> {
    return Update(
        "Atomic::fetch_add", order, where, [delta](const T& old) { return old + delta; },
        [delta] { return "fetch_add " + ToText(delta); });
  }

 private:
  // One read-modify-write step: the value becomes `next(old)`; returns the old value. `what()`
  // names it in the trace ("fetch_add 1"), built only when the trace is written.
  template <typename Next, typename What>
  T Update(const char* operation, std::memory_order order, const SourceLine& where, Next next,
           What what);
  bool CompareExchange(T& expected, T desired, std::memory_order success, std::memory_order failure,
                       bool weak, const SourceLine& where);

  // The backend's members (model/backend/members.h).
#include "model/backend/atomic.inc"
};

}  // namespace interleave

#include "model/backend/atomic_impl.h"  // IWYU pragma: export

#endif  // INTERLEAVE_MODEL_ATOMIC_H_
