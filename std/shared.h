// shared<T>: plain data that threads share, as the checker sees it. In production a user's
// single-source header makes `sync::shared<T>` plain `T` (README "Use it in your project");
// under the checker it is this class, over the model's Shared<T> (model/shared.h): every read
// and write is a visible step, recorded with its value and line, and race-checked (two
// accesses, one a write, unordered by happens-before, are a DATA RACE).
//
// It reads and writes like a T: `int v = x` reads, `x = 3` writes, and `x += 1`, `++x`, `x++`
// are a read then a write, two steps, as the machine does them (so two threads' `count++`
// can lose an update, which the checker finds). Operators find their caller's line from the
// return address (sync_internal::CallerLine); read() and write() take it as a defaulted
// std::source_location. Like a global of a new process, its value starts afresh in every
// execution (std/object.h).
#ifndef INTERLEAVE_STD_SHARED_H_
#define INTERLEAVE_STD_SHARED_H_

#include <source_location>
#include <string>
#include <utility>

#include "model/shared.h"
#include "std/object.h"

namespace interleave::sync {

template <typename T>
class shared {
 public:
  using value_type = T;

  shared(std::source_location declared = std::source_location::current())
      : state_("shared", declared, T{}) {}
  shared(T initial, std::source_location declared = std::source_location::current())
      : state_("shared", declared, std::move(initial)) {}
  shared(const shared&) = delete;

  T read(std::source_location where = std::source_location::current()) const {
    return model("shared::read").read(where);
  }
  void write(T value, std::source_location where = std::source_location::current()) {
    model("shared::write").write(std::move(value), where);
  }

  [[gnu::noinline]] operator T() const {  // NOLINT(google-explicit-constructor)
    return model("shared::read").read(CallerLine(__builtin_return_address(0)));
  }
  [[gnu::noinline]] shared& operator=(T value) {
    model("shared::write").write(std::move(value), CallerLine(__builtin_return_address(0)));
    return *this;
  }
  [[gnu::noinline]] shared& operator=(const shared& other) {
    const SourceLine where = CallerLine(__builtin_return_address(0));
    T value = other.model("shared::read").read(where);
    model("shared::write").write(std::move(value), where);
    return *this;
  }

  [[gnu::noinline]] T operator++() {
    return Modify(
        __builtin_return_address(0), [](T v) { return ++v; }, true);
  }
  [[gnu::noinline]] T operator++(int) {
    return Modify(
        __builtin_return_address(0), [](T v) { return ++v; }, false);
  }
  [[gnu::noinline]] T operator--() {
    return Modify(
        __builtin_return_address(0), [](T v) { return --v; }, true);
  }
  [[gnu::noinline]] T operator--(int) {
    return Modify(
        __builtin_return_address(0), [](T v) { return --v; }, false);
  }
  template <typename U>
  [[gnu::noinline]] T operator+=(const U& d) {
    return Modify(
        __builtin_return_address(0), [&d](T v) { return static_cast<T>(v + d); }, true);
  }
  template <typename U>
  [[gnu::noinline]] T operator-=(const U& d) {
    return Modify(
        __builtin_return_address(0), [&d](T v) { return static_cast<T>(v - d); }, true);
  }
  template <typename U>
  [[gnu::noinline]] T operator*=(const U& d) {
    return Modify(
        __builtin_return_address(0), [&d](T v) { return static_cast<T>(v * d); }, true);
  }
  template <typename U>
  [[gnu::noinline]] T operator/=(const U& d) {
    return Modify(
        __builtin_return_address(0), [&d](T v) { return static_cast<T>(v / d); }, true);
  }
  template <typename U>
  [[gnu::noinline]] T operator&=(const U& d) {
    return Modify(
        __builtin_return_address(0), [&d](T v) { return static_cast<T>(v & d); }, true);
  }
  template <typename U>
  [[gnu::noinline]] T operator|=(const U& d) {
    return Modify(
        __builtin_return_address(0), [&d](T v) { return static_cast<T>(v | d); }, true);
  }
  template <typename U>
  [[gnu::noinline]] T operator^=(const U& d) {
    return Modify(
        __builtin_return_address(0), [&d](T v) { return static_cast<T>(v ^ d); }, true);
  }

 private:
  static SourceLine CallerLine(const void* return_address) {
    return sync_internal::CallerLine(return_address);
  }
  // A read step, then a write step of next(value); returns the new value or the old one.
  template <typename Next>
  T Modify(const void* return_address, Next next, bool return_new) {
    const SourceLine where = CallerLine(return_address);
    T old = model("shared::read").read(where);
    T value = next(old);
    model("shared::write").write(value, where);
    return return_new ? value : old;
  }
  Shared<T>& model(const char* operation) const { return state_.Get(operation); }

  mutable sync_internal::PerExecution<Shared<T>, T> state_;
};

}  // namespace interleave::sync

#endif  // INTERLEAVE_STD_SHARED_H_
