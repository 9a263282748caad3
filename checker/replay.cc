#include "checker/replay.h"

#include <string>

#include "model/error.h"

namespace interleave {
namespace {

std::string Choices(std::size_t n) { return std::to_string(n) + (n == 1 ? " choice" : " choices"); }

std::string ThreadList(const std::vector<ThreadId>& threads) {
  std::string text;
  for (ThreadId t : threads) {
    if (!text.empty()) text += ", ";
    text += std::to_string(t);
  }
  return text;
}

}  // namespace

bool ReplayStrategy::StartExecution() {
  if (started_) return false;
  started_ = true;
  next_ = 0;
  return true;
}

ThreadId ReplayStrategy::ChooseThread(const SchedulePoint& point) {
  const std::vector<ThreadId>& enabled = *point.enabled;
  if (enabled.size() == 1) return enabled.front();
  if (next_ >= schedule_.size()) {
    throw ModelError("stale replay token: the schedule ends after " + Choices(schedule_.size()) +
                     ", but at step " + std::to_string(point.step) +
                     " the scenario has another choice (threads " + ThreadList(enabled) + ")");
  }
  const ThreadId wanted = schedule_[next_];
  for (ThreadId t : enabled) {
    if (t == wanted) {
      ++next_;
      return t;
    }
  }
  throw ModelError("stale replay token: at step " + std::to_string(point.step) + " (choice " +
                   std::to_string(next_ + 1) + ") the schedule runs thread " +
                   std::to_string(wanted) +
                   ", which cannot run there (runnable: " + ThreadList(enabled) + ")");
}

int ReplayStrategy::ChooseValue(int step, int lo, int hi) {
  if (next_ >= schedule_.size()) {
    throw ModelError("stale replay token: the schedule ends after " + Choices(schedule_.size()) +
                     ", but at step " + std::to_string(step) +
                     " the scenario chooses a value in [" + std::to_string(lo) + ", " +
                     std::to_string(hi) + "]");
  }
  const int value = lo + schedule_[next_];
  if (value < lo || value > hi) {
    throw ModelError("stale replay token: at step " + std::to_string(step) + " (choice " +
                     std::to_string(next_ + 1) + ") the schedule chooses " + std::to_string(value) +
                     ", outside [" + std::to_string(lo) + ", " + std::to_string(hi) + "]");
  }
  ++next_;
  return value;
}

void ReplayStrategy::EndExecution(Trace& trace) {
  if (trace.end != EndReason::kError && next_ < schedule_.size()) {
    trace.end = EndReason::kError;
    trace.error = "stale replay token: the execution ended at step " +
                  std::to_string(trace.events.size()) + " after " + std::to_string(next_) +
                  " of the schedule's " + Choices(schedule_.size());
  }
}

}  // namespace interleave
