// Shared<T>: a plain variable shared between threads. Every read and write is a visible
// operation recorded with its value and source line, so the checker can interleave them and
// explain which write overwrote which. It gives no atomicity beyond a single read or write:
// `x.write(x.read() + 1)` is two steps, as `x += 1` is in Python.
#ifndef INTERLEAVE_MODEL_SHARED_H_
#define INTERLEAVE_MODEL_SHARED_H_

#include <source_location>
#include <string>
#include <utility>

#include "model/execution.h"
#include "model/text.h"
#include "model/trace.h"

namespace interleave {

template <typename T>
class Shared {
 public:
  explicit Shared(std::string name, T initial = T{})
      : object_(Execution::Current("Shared").AddObject(ObjectKind::kShared, std::move(name))),
        value_(std::move(initial)) {}
  Shared(const Shared&) = delete;
  Shared& operator=(const Shared&) = delete;

  T read(SourceLine where = std::source_location::current()) const {
    TraceEvent& event = Execution::Current("Shared::read").PlainStep(OpKind::kRead, object_, where);
    event.value = ToText(value_);
    return value_;
  }

  void write(T value, SourceLine where = std::source_location::current()) {
    TraceEvent& event =
        Execution::Current("Shared::write").PlainStep(OpKind::kWrite, object_, where);
    value_ = std::move(value);
    event.value = ToText(value_);
  }

 private:
  ObjectHandle object_;
  T value_;
};

}  // namespace interleave

#endif  // INTERLEAVE_MODEL_SHARED_H_
