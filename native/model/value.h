// Native backend: Value<T> and Array<T> (multiprocessing.Value / Array) as in model/value.h:
// plain Shared<T> storage (elements of an Array are Shared<T> named "name[i]") with a Lock
// named "name.lock" from get_lock(). An Array index out of range throws ModelError.
#ifndef INTERLEAVE_NATIVE_MODEL_VALUE_H_
#define INTERLEAVE_NATIVE_MODEL_VALUE_H_

#include <cstddef>
#include <deque>
#include <source_location>
#include <string>
#include <utility>
#include <vector>

#include "model/error.h"
#include "model/lock.h"
#include "model/runtime.h"
#include "model/shared.h"

namespace interleave {

template <typename T>
class Value {
 public:
  explicit Value(std::string name, T initial = T{})
      : value_(name, std::move(initial)), lock_(name + ".lock") {}
  Value(const Value&) = delete;
  Value& operator=(const Value&) = delete;

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

  std::size_t size() const { return elements_.size(); }
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
                       "' of size " + std::to_string(elements_.size()) + " at " +
                       native::Where(where) + " (Python raises IndexError)");
    }
  }

  std::string name_;
  std::deque<Shared<T>> elements_;
  Lock lock_;
};

}  // namespace interleave

#endif  // INTERLEAVE_NATIVE_MODEL_VALUE_H_
