// The model backend's definitions of Shared<T> (model/shared.h): each read and write is a
// plain step of the execution (Execution::PlainStep), recorded with the value as text.
#ifndef INTERLEAVE_MODEL_BACKEND_SHARED_IMPL_H_
#define INTERLEAVE_MODEL_BACKEND_SHARED_IMPL_H_

#include <string>
#include <utility>

#include "model/execution.h"
#include "model/shared.h"
#include "model/text.h"
#include "model/trace.h"

namespace interleave {

template <typename T>
inline Shared<T>::Shared(std::string name, T initial)
    : object_(Execution::Current("Shared").AddObject(ObjectKind::kShared, std::move(name))),
      value_(std::move(initial)) {}

template <typename T>
inline T Shared<T>::read(SourceLine where) const {
  TraceEvent& event = Execution::Current("Shared::read").PlainStep(OpKind::kRead, object_, where);
  event.value = ToText(value_);
  return value_;
}

template <typename T>
inline void Shared<T>::write(T value, SourceLine where) {
  TraceEvent& event = Execution::Current("Shared::write").PlainStep(OpKind::kWrite, object_, where);
  value_ = std::move(value);
  event.value = ToText(value_);
}

}  // namespace interleave

#endif  // INTERLEAVE_MODEL_BACKEND_SHARED_IMPL_H_
