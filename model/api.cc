#include "model/api.h"

#include <sstream>
#include <utility>

namespace interleave {

void log(std::string message, std::source_location where) {
  TraceEvent& event = Execution::Current("log").Step(OpKind::kLog, kNoObject, where);
  event.value = std::move(message);
}

void sleep(double seconds, std::source_location where) {
  TraceEvent& event = Execution::Current("sleep").Sleep(Microseconds(seconds), where);
  std::ostringstream text;
  text << seconds;
  event.value = text.str();
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

}  // namespace interleave
