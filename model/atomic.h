// Atomic<T>: a sequentially consistent atomic variable, like std::atomic<T> with the default
// memory order. Each operation is one indivisible visible step: load is a read, store a
// write, and exchange, compare_exchange, fetch_add and fetch_sub are read-modify-writes (an
// update), so two threads' fetch_add never lose one another's increment as two Shared<T>
// read-then-write sequences can.
//
// compare_exchange(expected, desired) is std::atomic's compare_exchange_strong: when the value
// equals `expected` it becomes `desired` and the call returns true; otherwise `expected` is
// set to the value and the call returns false. fetch_add / fetch_sub (integral T) return the
// value before the operation.
//
// Happens-before: a store or read-modify-write happens before every later load or
// read-modify-write of the same atomic (release / acquire).
#ifndef INTERLEAVE_MODEL_ATOMIC_H_
#define INTERLEAVE_MODEL_ATOMIC_H_

#include <cstddef>
#include <source_location>
#include <string>
#include <type_traits>
#include <utility>

#include "model/execution.h"
#include "model/text.h"
#include "model/trace.h"

namespace interleave {

template <typename T>
class Atomic {
 public:
  explicit Atomic(std::string name, T initial = T{})
      : object_(Execution::Current("Atomic").AddObject(ObjectKind::kAtomic, std::move(name))),
        value_(std::move(initial)) {}
  Atomic(const Atomic&) = delete;
  Atomic& operator=(const Atomic&) = delete;

  T load(SourceLine where = std::source_location::current()) const {
    Execution& execution = Execution::Current("Atomic::load");
    TraceEvent& event = execution.Step(OpKind::kRead, object_, where);
    execution.Observe(object_);
    event.value = ToText(value_);
    return value_;
  }

  void store(T value, SourceLine where = std::source_location::current()) {
    Execution& execution = Execution::Current("Atomic::store");
    TraceEvent& event = execution.Step(OpKind::kWrite, object_, where);
    if (execution.unwinding()) return;
    value_ = std::move(value);
    execution.Publish(object_);
    event.value = ToText(value_);
  }

  T exchange(T value, SourceLine where = std::source_location::current()) {
    return Update(
        "Atomic::exchange", where, [&value](const T&) { return value; }, "exchange");
  }

  bool compare_exchange(T& expected, T desired,
                        SourceLine where = std::source_location::current()) {
    Execution& execution = Execution::Current("Atomic::compare_exchange");
    TraceEvent& event = execution.Step(OpKind::kUpdate, object_, where);
    if (execution.unwinding()) return false;
    execution.Observe(object_);
    if (!(value_ == expected)) {
      event.value = "compare_exchange failed: " + ToText(value_) + ", not " + ToText(expected);
      expected = value_;
      return false;
    }
    event.value = "compare_exchange " + ToText(value_) + " -> " + ToText(desired);
    value_ = std::move(desired);
    execution.Publish(object_);
    return true;
  }

  T fetch_add(T delta,
              SourceLine where = std::source_location::current()) requires std::is_integral_v<T> {
    return Update(
        "Atomic::fetch_add", where, [delta](const T& old) { return static_cast<T>(old + delta); },
        "fetch_add " + ToText(delta));
  }

  T fetch_sub(T delta,
              SourceLine where = std::source_location::current()) requires std::is_integral_v<T> {
    return Update(
        "Atomic::fetch_sub", where, [delta](const T& old) { return static_cast<T>(old - delta); },
        "fetch_sub " + ToText(delta));
  }

  T fetch_and(T bits,
              SourceLine where = std::source_location::current()) requires std::is_integral_v<T> {
    return Update(
        "Atomic::fetch_and", where, [bits](const T& old) { return static_cast<T>(old & bits); },
        "fetch_and " + ToText(bits));
  }

  T fetch_or(T bits,
             SourceLine where = std::source_location::current()) requires std::is_integral_v<T> {
    return Update(
        "Atomic::fetch_or", where, [bits](const T& old) { return static_cast<T>(old | bits); },
        "fetch_or " + ToText(bits));
  }

  T fetch_xor(T bits,
              SourceLine where = std::source_location::current()) requires std::is_integral_v<T> {
    return Update(
        "Atomic::fetch_xor", where, [bits](const T& old) { return static_cast<T>(old ^ bits); },
        "fetch_xor " + ToText(bits));
  }

  // Pointer arithmetic (std::atomic<T*>::fetch_add).
  T fetch_add(std::ptrdiff_t delta,
              SourceLine where = std::source_location::current()) requires std::is_pointer_v<T> {
    return Update(
        "Atomic::fetch_add", where, [delta](const T& old) { return old + delta; },
        "fetch_add " + ToText(delta));
  }

  const ObjectHandle& object() const { return object_; }

 private:
  // One read-modify-write step: the value becomes `next(old)`; returns the old value.
  template <typename Next>
  T Update(const char* operation, const SourceLine& where, Next next, const std::string& what) {
    Execution& execution = Execution::Current(operation);
    TraceEvent& event = execution.Step(OpKind::kUpdate, object_, where);
    if (execution.unwinding()) return value_;
    execution.Observe(object_);
    T old = value_;
    value_ = next(old);
    execution.Publish(object_);
    event.value = what + ": " + ToText(old) + " -> " + ToText(value_);
    return old;
  }

  ObjectHandle object_;
  T value_;
};

}  // namespace interleave

#endif  // INTERLEAVE_MODEL_ATOMIC_H_
