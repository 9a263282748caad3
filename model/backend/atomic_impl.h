// The model backend's definitions of Atomic<T> (model/atomic.h): each operation is a step of
// the execution on the atomic's object (Execution::AtomicLoad, AtomicStore, AtomicUpdate),
// which records it with its memory order and the value as text, and chooses the store a load
// reads. A load or a read-modify-write that leaves the value as it was is a spin loop's
// candidate (model/spin_frame.h).
#ifndef INTERLEAVE_MODEL_BACKEND_ATOMIC_IMPL_H_
#define INTERLEAVE_MODEL_BACKEND_ATOMIC_IMPL_H_

#include <atomic>
#include <concepts>
#include <cstddef>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "model/atomic.h"
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

template <typename T>
inline Atomic<T>::Atomic(std::string name, T initial)
    : object_(Execution::Current("Atomic").AddAtomic(std::move(name))) {
  values_.push_back(std::move(initial));
}

template <typename T>
inline T Atomic<T>::load(std::memory_order order, SourceLine where) const {
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

template <typename T>
inline void Atomic<T>::store(T value, std::memory_order order, SourceLine where) {
  Execution& execution = Execution::Current("Atomic::store");
  execution.AtomicStore(
      object_, ToMemoryOrder(order), where, [&] { values_.push_back(std::move(value)); },
      [this] { return ToText(values_.back()); });
}

template <typename T>
inline T Atomic<T>::exchange(T value, std::memory_order order, SourceLine where) {
  return Update(
      "Atomic::exchange", order, where, [&value](const T&) { return value; },
      [] { return std::string("exchange"); });
}

template <typename T>
template <typename Next, typename What>
T Atomic<T>::Update(const char* operation, std::memory_order order, const SourceLine& where,
                    Next next, What what) {
  Execution& execution = Execution::Current(operation);
  const MemoryOrder memory_order = ToMemoryOrder(order);
  SpinFrame frame;
  const SpinFrame* spin = nullptr;
  if (execution.SpinCandidate()) {
    CaptureSpinFrame(&frame);
    spin = &frame;
  }
  const Execution::RmwResult result = execution.AtomicUpdate(
      object_, memory_order, memory_order, where, spin, /*allow_spurious=*/false,
      [](int) { return Execution::RmwOutcome::kSucceeds; },
      [&](int read) {
        values_.push_back(next(values_[static_cast<std::size_t>(read)]));
        // One that leaves the value as it was (a test_and_set of a set flag) may spin.
        if constexpr (std::equality_comparable<T>) {
          return values_.back() == values_[static_cast<std::size_t>(read)];
        } else {
          return false;
        }
      },
      [&](const RmwResult& done) {
        return what() + ": " + ToText(values_[static_cast<std::size_t>(done.read)]) + " -> " +
               ToText(values_.back());
      });
  return result.read < 0 ? values_.back() : values_[static_cast<std::size_t>(result.read)];
}

template <typename T>
bool Atomic<T>::CompareExchange(T& expected, T desired, std::memory_order success,
                                std::memory_order failure, bool weak, const SourceLine& where) {
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
        return weak ? Execution::RmwOutcome::kMayFailSpuriously : Execution::RmwOutcome::kSucceeds;
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

}  // namespace interleave

#endif  // INTERLEAVE_MODEL_BACKEND_ATOMIC_IMPL_H_
