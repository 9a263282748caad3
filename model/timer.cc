#include "model/timer.h"

#include <sstream>
#include <utility>

#include "model/execution.h"

namespace interleave {

Timer::Timer(double seconds, std::function<void()> function, std::string name)
    : interval_(seconds),
      function_(std::move(function)),
      thread_([this] { Run(); }, std::move(name)) {
  finished_ =
      Execution::Current("Timer").AddObject(ObjectKind::kEvent, thread_.name() + ".finished");
}

void Timer::start(std::source_location where) {
  started_at_ = where;
  thread_.start(where);
}

void Timer::Run() {
  Execution& execution = Execution::Current("Timer");
  const bool* cancelled = &cancelled_;
  TraceEvent& event = execution.Step(
      OpKind::kWait, finished_, started_at_, [cancelled] { return *cancelled; },
      Microseconds(interval_));
  if (execution.unwinding()) return;
  if (!event.timed_out) {
    execution.Observe(finished_);
    event.value = "cancelled";
    return;
  }
  std::ostringstream text;
  text << "fired after " << interval_ << "s";
  event.value = text.str();
  fired_ = true;
  function_();
}

void Timer::cancel(std::source_location where) {
  Execution& execution = Execution::Current("Timer::cancel");
  TraceEvent& event = execution.Step(OpKind::kCancel, finished_, where);
  if (execution.unwinding()) return;
  if (fired_) {
    event.value = "(too late: it has fired)";
  } else if (cancelled_) {
    event.value = "(already cancelled)";
  }
  cancelled_ = true;
  execution.Publish(finished_);
}

void Timer::join(std::source_location where) { thread_.join(where); }

void Timer::join(double seconds, std::source_location where) { thread_.join(seconds, where); }

bool Timer::is_alive(std::source_location where) const { return thread_.is_alive(where); }

}  // namespace interleave
