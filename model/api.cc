#include "model/api.h"

#include <charconv>
#include <system_error>
#include <utility>

#include "model/execution.h"
#include "model/spin_frame.h"

namespace interleave {

void log(std::string message, std::source_location where) {
  TraceEvent& event = Execution::Current("log").Step(OpKind::kLog, kNoObject, where);
  event.value = std::move(message);
}

// A sleep keeps a spin loop's iteration open (Execution::AtomicLoad): its scratch registers
// must not reach the scenario's frame (model/spin_frame.h).
INTERLEAVE_ZERO_SCRATCH_ON_RETURN void sleep(double seconds, std::source_location where) {
  TraceEvent& event = Execution::Current("sleep").Sleep(Microseconds(seconds), where);
  char text[32];
  const auto [end, error] = std::to_chars(text, text + sizeof text, seconds);
  event.value.assign(text, error == std::errc() ? end : text);
}

int choose(int lo, int hi, std::source_location where) {
  return Execution::Current("choose").Choose(lo, hi, where);
}

void expect(bool condition, std::string message, std::source_location where) {
  Execution& execution = Execution::Current("expect");
  if (!condition && !execution.unwinding()) {
    execution.RecordFailedExpect(std::move(message), where);
  }
}

namespace internal {

void RecordOutcome(std::string name, std::string value) {
  Execution::Current("outcome").RecordOutcome(std::move(name), std::move(value));
}

}  // namespace internal

}  // namespace interleave
