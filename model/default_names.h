// The model backend's numbering of default names ("Process-N", "ThreadPoolExecutor-N"): counted
// from the objects of the execution, so that they follow the schedule as Python's counters do.
#ifndef INTERLEAVE_MODEL_DEFAULT_NAMES_H_
#define INTERLEAVE_MODEL_DEFAULT_NAMES_H_

#include <string_view>

#include "model/trace.h"

namespace interleave {

class Execution;

namespace internal {

// The number of model objects the execution has created (every kind).
int ObjectCount(const Execution& execution);
// How many objects of `kind` are named `prefix` followed by one or more digits: what the
// default names "Process-N" and "ThreadPoolExecutor-N" number from.
int CountNumbered(const Execution& execution, ObjectKind kind, std::string_view prefix);

}  // namespace internal
}  // namespace interleave

#endif  // INTERLEAVE_MODEL_DEFAULT_NAMES_H_
