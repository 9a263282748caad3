// The native backend's definitions of Atomic<T> (model/atomic.h). Each operation is atomic
// (the value is kept under a std::mutex, in a Quiet section) and makes the happens-before edges
// its memory order asks for, no more: an operation with release semantics (release, acq_rel,
// seq_cst) publishes on the atomic before it writes, one with acquire semantics (consume,
// acquire, acq_rel, seq_cst) observes after it reads (Publish/Observe, runtime.h), and a relaxed
// one orders nothing. A failed compare-exchange writes nothing and reads with its failure order.
// A compare_exchange_weak never fails spuriously here. The edges are as wide as or wider than
// the model's (an observe takes every earlier publish on the atomic, where the model's load
// synchronises with the store it read and its release sequence only), so ThreadSanitizer
// reports no race the model does not. std::atomic itself is not used: TSan would see its
// orders, and a store of it overwrites the previous releases where these accumulate.
//
// atomic_fence runs std::atomic_thread_fence, whose orders ThreadSanitizer does not model: a
// scenario whose fences order relaxed accesses may show TSan races the model does not report.
#ifndef INTERLEAVE_NATIVE_MODEL_BACKEND_ATOMIC_IMPL_H_
#define INTERLEAVE_NATIVE_MODEL_BACKEND_ATOMIC_IMPL_H_

#include <atomic>
#include <mutex>
#include <string>
#include <utility>

#include "model/atomic.h"
#include "model/runtime.h"

namespace interleave {
namespace native {

constexpr bool Releases(std::memory_order order) {
  return order == std::memory_order_release || order == std::memory_order_acq_rel ||
         order == std::memory_order_seq_cst;
}

constexpr bool Acquires(std::memory_order order) {
  return order == std::memory_order_consume || order == std::memory_order_acquire ||
         order == std::memory_order_acq_rel || order == std::memory_order_seq_cst;
}

}  // namespace native

template <typename T>
Atomic<T>::Atomic(std::string name, T initial) : value_(std::move(initial)) {
  native::AnnounceObject(name, "Atomic", this);
}

template <typename T>
T Atomic<T>::Copy() const {
  native::Quiet quiet;
  std::lock_guard lock(mu_);
  return value_;
}

template <typename T>
T Atomic<T>::load(std::memory_order order, SourceLine) const {
  T value = Copy();
  if (native::Acquires(order)) native::Observe(this);
  return value;
}

template <typename T>
void Atomic<T>::store(T value, std::memory_order order, SourceLine) {
  if (native::Releases(order)) native::Publish(this);
  native::Quiet quiet;
  std::lock_guard lock(mu_);
  // The old value dies here, in the Quiet section: its memory is the Atomic's (a std::string
  // move-assignment hands the old buffer to the source, whose destructor would free it
  // outside, a free TSan would pair with the earlier store's allocation).
  std::swap(value_, value);
  [[maybe_unused]] T old = std::move(value);
}

template <typename T>
T Atomic<T>::exchange(T value, std::memory_order order, SourceLine where) {
  return Update(
      "Atomic::exchange", order, where, [&value](const T&) { return std::move(value); },
      [] { return std::string("exchange"); });
}

template <typename T>
template <typename Next, typename What>
T Atomic<T>::Update(const char*, std::memory_order order, const SourceLine&, Next next, What) {
  if (native::Releases(order)) native::Publish(this);
  T old = [&] {
    native::Quiet quiet;
    std::lock_guard lock(mu_);
    T previous = value_;
    T updated = next(previous);
    std::swap(value_, updated);  // The old value dies here (see store).
    return previous;
  }();
  if (native::Acquires(order)) native::Observe(this);
  return old;
}

template <typename T>
bool Atomic<T>::CompareExchange(T& expected, T desired, std::memory_order success,
                                std::memory_order failure, bool, const SourceLine&) {
  std::unique_lock lock(mu_, std::defer_lock);
  bool equal = false;
  {
    native::Quiet quiet;
    lock.lock();
    equal = value_ == expected;
    if (!equal) {
      expected = value_;
      lock.unlock();
    }
  }
  if (equal) {
    // Only a successful one publishes, before its write: the lock is still held.
    if (native::Releases(success)) native::Publish(this);
    native::Quiet quiet;
    std::swap(value_, desired);  // The old value dies here (see store).
    [[maybe_unused]] T old = std::move(desired);
    lock.unlock();
  }
  if (native::Acquires(equal ? success : failure)) native::Observe(this);
  return equal;
}

}  // namespace interleave

#endif  // INTERLEAVE_NATIVE_MODEL_BACKEND_ATOMIC_IMPL_H_
