// The native backend's definitions of Shared<T> (model/shared.h; the members say why they are
// plain loads and stores).
//
// read() and write() are never inlined, so that each access TSan reports has the frame
// Shared<T>::read/write on its stack, whatever the optimiser made of the caller (inlined into a
// loop, the access can lose its inline frames and show only the scenario's line).
//
// With the runner's --objects, construction prints "interleave-native: object NAME Shared at
// 0xADDRESS" to stderr, so that a TSan report's address can be matched to the variable's name
// (native/tsan_report.h does).
#ifndef INTERLEAVE_NATIVE_MODEL_BACKEND_SHARED_IMPL_H_
#define INTERLEAVE_NATIVE_MODEL_BACKEND_SHARED_IMPL_H_

#include <string>
#include <utility>

#include "model/runtime.h"
#include "model/shared.h"

namespace interleave {

template <typename T>
Shared<T>::Shared(std::string name, T initial) : value_(std::move(initial)) {
  native::AnnounceObject(name, "Shared", &value_);
}

template <typename T>
[[gnu::noinline]] T Shared<T>::read(SourceLine) const {
  return value_;
}

template <typename T>
[[gnu::noinline]] void Shared<T>::write(T value, SourceLine) {
  value_ = std::move(value);
}

}  // namespace interleave

#endif  // INTERLEAVE_NATIVE_MODEL_BACKEND_SHARED_IMPL_H_
