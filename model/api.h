// The free functions of the model API: log, sleep, expect, outcome.
//
// One declaration for both backends of the model API (model/backend/members.h).
#ifndef INTERLEAVE_MODEL_API_H_
#define INTERLEAVE_MODEL_API_H_

#include <source_location>
#include <string>
#include <utility>

#include "model/text.h"

namespace interleave {

// Python's logging.info / print: a visible operation that records the message with the
// current thread (its name and, in the report, its step).
void log(std::string message, std::source_location where = std::source_location::current());

// time.sleep: a yield in time mode `any`; in `virtual`, the thread runs again `seconds` later
// on the virtual clock.
void sleep(double seconds, std::source_location where = std::source_location::current());

// random.randint(lo, hi): a data choice the checker explores like a schedule choice (every
// value in [lo, hi], both ends included).
int choose(int lo, int hi, std::source_location where = std::source_location::current());

// An invariant of the scenario. A failed one is a finding of the checker; the execution goes
// on, as a program with a wrong result goes on.
void expect(bool condition, std::string message,
            std::source_location where = std::source_location::current());

namespace internal {
// The backend's record of an outcome, its value as text (model/api.cc, native/sync.cc).
void RecordOutcome(std::string name, std::string value);
}  // namespace internal

// Declares a final value of the execution; the checker counts executions per outcome.
template <typename T>
void outcome(std::string name, const T& value) {
  internal::RecordOutcome(std::move(name), ToText(value));
}

}  // namespace interleave

#endif  // INTERLEAVE_MODEL_API_H_
