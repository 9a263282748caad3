#include "checker/replay.h"

#include <algorithm>
#include <cstdint>
#include <set>
#include <string>
#include <utility>

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

const std::string& ThreadName(const Trace& trace, ThreadId thread) {
  static const std::string kNone;
  return thread >= 0 && thread < static_cast<ThreadId>(trace.threads.size())
             ? trace.threads[thread].name
             : kNone;
}

const std::string& ObjectName(const Trace& trace, ObjectId object) {
  static const std::string kNone;
  return object >= 0 && object < static_cast<ObjectId>(trace.objects.size())
             ? trace.objects[object].name
             : kNone;
}

// What the replay did at `event`: "ThreadPoolExecutor-0_0 does read value = 0 at
// lost_update.cc:27".
std::string Did(const Trace& trace, const TraceEvent& event) {
  return ThreadName(trace, event.thread) + " does " + trace.Describe(event) + " at " +
         event.where.ToString();
}

// What the recorded execution did at a step, as far as its check tells: the operation, and
// the thread and object when exactly one pair that performs that operation in this execution
// has the recorded hash.
std::string Expected(const Trace& trace, const StepCheck& check) {
  std::set<std::pair<ThreadId, ObjectId>> matches;
  for (const TraceEvent& event : trace.events) {
    if (event.kind == check.op && CheckOf(trace, event).who == check.who) {
      matches.insert({event.thread, event.object});
    }
  }
  const std::string op(OpKindName(check.op));
  std::string text = (op.find_first_of("aeiou") == 0 ? "an " : "a ") + op;
  if (matches.size() != 1) return text + " (by another thread or on another object)";
  const auto [thread, object] = *matches.begin();
  text += " by " + ThreadName(trace, thread);
  if (object != kNoObject) text += " on " + ObjectName(trace, object);
  return text;
}

// The first step of `trace` whose check differs from `expected`, as a stale-token message;
// empty when the steps agree (as far as the shorter of the two goes when `complete` is false).
std::string FirstDifference(const Trace& trace, const std::vector<StepCheck>& expected,
                            bool complete) {
  const std::size_t ran = trace.events.size();
  const std::size_t common = std::min(ran, expected.size());
  for (std::size_t i = 0; i < common; ++i) {
    const TraceEvent& event = trace.events[i];
    if (CheckOf(trace, event) == expected[i]) continue;
    return "stale replay token: step " + std::to_string(event.step) +
           " differs from the recorded execution: the token expects " +
           Expected(trace, expected[i]) + " there, but " + Did(trace, event);
  }
  if (!complete || ran == expected.size()) return "";
  if (ran < expected.size()) {
    return "stale replay token: the execution ended after step " + std::to_string(ran) +
           ", but the recorded execution went on to step " + std::to_string(expected.size()) +
           " (step " + std::to_string(ran + 1) + ": " + Expected(trace, expected[ran]) + ")";
  }
  return "stale replay token: the recorded execution ended after step " +
         std::to_string(expected.size()) + ", but this one goes on: at step " +
         std::to_string(expected.size() + 1) + " " + Did(trace, trace.events[expected.size()]);
}

}  // namespace

int StepWho(const std::string& thread, const std::string& object) {
  // FNV-1a over the two names, each closed by a byte no name contains.
  uint32_t hash = 2166136261u;
  auto mix = [&hash](const std::string& text) {
    for (unsigned char c : text) {
      hash ^= c;
      hash *= 16777619u;
    }
    hash ^= 0xffu;
    hash *= 16777619u;
  };
  mix(thread);
  mix(object);
  return static_cast<int>(hash % kStepHashes);
}

StepCheck CheckOf(const Trace& trace, const TraceEvent& event) {
  return {event.kind, StepWho(ThreadName(trace, event.thread), ObjectName(trace, event.object))};
}

std::vector<StepCheck> StepChecks(const Trace& trace) {
  std::vector<StepCheck> checks;
  checks.reserve(trace.events.size());
  for (const TraceEvent& event : trace.events) checks.push_back(CheckOf(trace, event));
  return checks;
}

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
  if (!steps_.empty()) {
    // A step that differs before the schedule stopped fitting (or the execution ended) is the
    // first difference, and says more than the schedule's choice could.
    const bool ended = trace.end != EndReason::kError;
    const std::string difference = FirstDifference(trace, steps_, ended);
    if (!difference.empty()) {
      trace.end = EndReason::kError;
      trace.error = difference;
      return;
    }
  }
  if (trace.end != EndReason::kError && next_ < schedule_.size()) {
    trace.end = EndReason::kError;
    trace.error = "stale replay token: the execution ended at step " +
                  std::to_string(trace.events.size()) + " after " + std::to_string(next_) +
                  " of the schedule's " + Choices(schedule_.size());
  }
}

ReplayConfirmation ConfirmFinding(const Result& replayed, FindingKind kind, int certain_at_step) {
  const std::string name(FindingKindName(kind));
  const std::string expected = name + " certain at step " + std::to_string(certain_at_step);
  if (replayed.verdict == Verdict::kError) {
    return {false, "replay not confirmed: expected " + expected + ", but " + replayed.error};
  }
  std::vector<int> steps;
  for (const Finding& finding : replayed.findings) {
    if (finding.kind != kind) continue;
    if (finding.certain_at_step == certain_at_step) {
      return {true, "replayed: " + name + " confirmed at step " + std::to_string(certain_at_step)};
    }
    steps.push_back(finding.certain_at_step);
  }
  std::string found;
  if (!steps.empty()) {
    found = name + " certain at step " + std::to_string(steps.front());
  } else {
    for (const Finding& finding : replayed.findings) {
      found += (found.empty() ? "" : ", ") + std::string(FindingKindName(finding.kind));
    }
    found = found.empty() ? "no finding" : "only " + found;
  }
  return {false, "replay not confirmed: expected " + expected + ", but the replay found " + found};
}

}  // namespace interleave
