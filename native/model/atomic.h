// Native backend: Atomic<T>, with the model's operations (model/atomic.h): load, store,
// exchange, compare_exchange (strong), fetch_add, fetch_sub. Each is atomic (the value is kept
// under a std::mutex) and has the model's happens-before edges, not std::atomic's: a store,
// exchange, fetch_add/sub or successful compare_exchange publishes, every operation observes
// (Publish/Observe on the object, runtime.h; the mutex itself is Quiet). TSan treats a
// std::atomic store as overwriting the previous releases where the model accumulates them, so
// std::atomic would order less than the model and TSan could report races the model does not.
#ifndef INTERLEAVE_NATIVE_MODEL_ATOMIC_H_
#define INTERLEAVE_NATIVE_MODEL_ATOMIC_H_

#include <mutex>
#include <source_location>
#include <string>
#include <type_traits>
#include <utility>

#include "model/runtime.h"
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
    T value = Copy();
    native::Observe(this);
    return value;
  }

  void store(T value, std::source_location = std::source_location::current()) {
    native::Publish(this);
    native::Quiet quiet;
    std::lock_guard lock(mu_);
    // The old value dies here, in the Quiet section: its memory is the Atomic's (a std::string
    // move-assignment hands the old buffer to the source, whose destructor would free it
    // outside, a free TSan would pair with the earlier store's allocation).
    std::swap(value_, value);
    [[maybe_unused]] T old = std::move(value);
  }

  T exchange(T value, std::source_location = std::source_location::current()) {
    return Update([&value](const T&) { return std::move(value); });
  }

  bool compare_exchange(T& expected, T desired,
                        std::source_location = std::source_location::current()) {
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
      native::Publish(this);  // Only a successful one publishes; the lock is still held.
      native::Quiet quiet;
      std::swap(value_, desired);  // The old value dies here (see store).
      T old = std::move(desired);
      lock.unlock();
    }
    native::Observe(this);
    return equal;
  }

  T fetch_add(T delta, std::source_location =
                           std::source_location::current()) requires std::is_integral_v<T> {
    return Update([delta](const T& old) { return static_cast<T>(old + delta); });
  }

  T fetch_sub(T delta, std::source_location =
                           std::source_location::current()) requires std::is_integral_v<T> {
    return Update([delta](const T& old) { return static_cast<T>(old - delta); });
  }

 private:
  T Copy() const {
    native::Quiet quiet;
    std::lock_guard lock(mu_);
    return value_;
  }

  // One read-modify-write: the value becomes next(old); returns the old value.
  template <typename Next>
  T Update(Next next) {
    native::Publish(this);
    T old = [&] {
      native::Quiet quiet;
      std::lock_guard lock(mu_);
      T previous = value_;
      T updated = next(previous);
      std::swap(value_, updated);  // The old value dies here (see store).
      return previous;
    }();
    native::Observe(this);
    return old;
  }

  mutable std::mutex mu_;
  T value_;
};

}  // namespace interleave

#endif  // INTERLEAVE_NATIVE_MODEL_ATOMIC_H_
