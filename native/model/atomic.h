// Native backend: Atomic<T> on std::atomic<T> (sequentially consistent, the default order), for
// a trivially copyable T; any other T (std::string, say) is kept under a std::mutex, which is
// what std::atomic would do for it anyway. The operations are the model's (model/atomic.h):
// load, store, exchange, compare_exchange (strong), fetch_add, fetch_sub.
#ifndef INTERLEAVE_NATIVE_MODEL_ATOMIC_H_
#define INTERLEAVE_NATIVE_MODEL_ATOMIC_H_

#include <atomic>
#include <mutex>
#include <source_location>
#include <string>
#include <type_traits>
#include <utility>

#include "model/shared.h"

namespace interleave {

template <typename T>
class Atomic {
 public:
  explicit Atomic(std::string name, T initial = T{}) : value_(std::move(initial)) {
    native::AnnounceObject(name, "Atomic", this);
  }
  Atomic(const Atomic&) = delete;
  Atomic& operator=(const Atomic&) = delete;

  T load(std::source_location = std::source_location::current()) const {
    if constexpr (kLockFree) {
      return value_.load();
    } else {
      std::lock_guard lock(mu_);
      return value_;
    }
  }

  void store(T value, std::source_location = std::source_location::current()) {
    if constexpr (kLockFree) {
      value_.store(std::move(value));
    } else {
      std::lock_guard lock(mu_);
      value_ = std::move(value);
    }
  }

  T exchange(T value, std::source_location = std::source_location::current()) {
    if constexpr (kLockFree) {
      return value_.exchange(std::move(value));
    } else {
      std::lock_guard lock(mu_);
      return std::exchange(value_, std::move(value));
    }
  }

  bool compare_exchange(T& expected, T desired,
                        std::source_location = std::source_location::current()) {
    if constexpr (kLockFree) {
      return value_.compare_exchange_strong(expected, std::move(desired));
    } else {
      std::lock_guard lock(mu_);
      if (!(value_ == expected)) {
        expected = value_;
        return false;
      }
      value_ = std::move(desired);
      return true;
    }
  }

  T fetch_add(T delta, std::source_location =
                           std::source_location::current()) requires std::is_integral_v<T> {
    return value_.fetch_add(delta);
  }

  T fetch_sub(T delta, std::source_location =
                           std::source_location::current()) requires std::is_integral_v<T> {
    return value_.fetch_sub(delta);
  }

 private:
  static constexpr bool kLockFree = std::is_trivially_copyable_v<T>;
  struct Empty {};

  std::conditional_t<kLockFree, std::atomic<T>, T> value_;
  [[no_unique_address]] mutable std::conditional_t<kLockFree, Empty, std::mutex> mu_;
};

}  // namespace interleave

#endif  // INTERLEAVE_NATIVE_MODEL_ATOMIC_H_
