// Shared<T>: a plain variable shared between threads. Every read and write is a visible
// operation recorded with its value and source line, so the checker can interleave them and
// explain which write overwrote which. It gives no atomicity beyond a single read or write:
// `x.write(x.read() + 1)` is two steps, as `x += 1` is in Python.
//
// One declaration for both backends of the model API (model/backend/members.h): the members
// are the backend's model/backend/shared.inc, the definitions its model/backend/shared_impl.h.
#ifndef INTERLEAVE_MODEL_SHARED_H_
#define INTERLEAVE_MODEL_SHARED_H_

#include <source_location>
#include <string>

#include "model/backend/members.h"
#include "model/source_line.h"

namespace interleave {

template <typename T>
class Shared {
 public:
  explicit Shared(std::string name, T initial = T{});
  Shared(const Shared&) = delete;
  Shared& operator=(const Shared&) = delete;

  T read(SourceLine where = std::source_location::current()) const;
  void write(T value, SourceLine where = std::source_location::current());

 private:
  // The backend's members (model/backend/members.h).
#include "model/backend/shared.inc"
};

}  // namespace interleave

#include "model/backend/shared_impl.h"  // IWYU pragma: export

#endif  // INTERLEAVE_MODEL_SHARED_H_
