// Value<T> and Array<T>: multiprocessing.Value and multiprocessing.Array, shared memory that
// carries its own lock.
//
// Reads and writes are visible operations exactly like Shared<T>'s (each element of an Array
// is its own shared variable, named "name[i]"), with no atomicity beyond one read or write:
// `v.write(v.read() + 1)` is Python's `v.value += 1`, two steps that can lose an update.
// get_lock() returns the lock that comes with the value, so
//   { LockGuard guard(v.get_lock()); v.write(v.read() + 1); }
// is Python's `with v.get_lock(): v.value += 1`. The lock is a model Lock named "name.lock";
// Python's default is an RLock (see the note below). Construction is invisible. An Array
// index out of range is an error of the program (Python's IndexError) that ends the execution
// with a ModelError.
//
// Note: Python creates an RLock for a Value/Array; this model gives a Lock, so a thread that
// takes get_lock() twice without releasing it deadlocks here where Python would not.
#ifndef INTERLEAVE_MODEL_VALUE_H_
#define INTERLEAVE_MODEL_VALUE_H_

#include <cstddef>
#include <deque>
#include <source_location>
#include <string>
#include <utility>
#include <vector>

#include "model/error.h"
#include "model/lock.h"
#include "model/shared.h"
#include "model/text.h"

namespace interleave {

template <typename T>
class Value {
 public:
  explicit Value(std::string name, T initial = T{})
      : value_(name, std::move(initial)), lock_(name + ".lock") {}
  Value(const Value&) = delete;
  Value& operator=(const Value&) = delete;

  // `v.value` and `v.value = x`.
  T read(std::source_location where = std::source_location::current()) const {
    return value_.read(where);
  }
  void write(T value, std::source_location where = std::source_location::current()) {
    value_.write(std::move(value), where);
  }
  Lock& get_lock() { return lock_; }

 private:
  Shared<T> value_;
  Lock lock_;
};

template <typename T>
class Array {
 public:
  Array(std::string name, const std::vector<T>& initial) : name_(name), lock_(name + ".lock") {
    for (std::size_t i = 0; i < initial.size(); ++i) {
      elements_.emplace_back(name + "[" + std::to_string(i) + "]", initial[i]);
    }
  }
  Array(const Array&) = delete;
  Array& operator=(const Array&) = delete;

  // len(a): fixed at construction, so not a visible operation.
  std::size_t size() const { return elements_.size(); }
  // `a[i]` and `a[i] = x`.
  T read(std::size_t i, std::source_location where = std::source_location::current()) const {
    Check(i, where);
    return elements_[i].read(where);
  }
  void write(std::size_t i, T value, std::source_location where = std::source_location::current()) {
    Check(i, where);
    elements_[i].write(std::move(value), where);
  }
  Lock& get_lock() { return lock_; }

 private:
  void Check(std::size_t i, const std::source_location& where) const {
    if (i >= elements_.size()) {
      throw ModelError("index " + std::to_string(i) + " out of range for Array '" + name_ +
                       "' of size " + std::to_string(elements_.size()) + " at " + LineText(where) +
                       " (Python raises IndexError)");
    }
  }

  std::string name_;
  std::deque<Shared<T>> elements_;
  Lock lock_;
};

}  // namespace interleave

#endif  // INTERLEAVE_MODEL_VALUE_H_
