#include "checker/rerun.h"

#include <algorithm>
#include <cstddef>
#include <string>

#include "checker/replay.h"

namespace interleave {
namespace {

std::string Quoted(const std::string& text) {
  constexpr std::size_t kMax = 60;
  if (text.size() <= kMax) return "\"" + text + "\"";
  return "\"" + text.substr(0, kMax) + "...\"";
}

std::string StepText(const Trace& trace, const TraceEvent& event) {
  std::string text = trace.Describe(event);
  if (event.timed_out) text += " (timed out)";
  return text + " at " + event.where.ToString();
}

std::string FailedExpectsText(const Trace& trace) {
  if (trace.failed_expects.empty()) return "every expect held";
  const FailedExpect& f = trace.failed_expects.front();
  return "expect " + Quoted(f.message) + " (" + f.where.ToString() + ") failed" +
         (trace.failed_expects.size() > 1
              ? " (and " + std::to_string(trace.failed_expects.size() - 1) + " more)"
              : "");
}

bool SameExpects(const Trace& a, const Trace& b) {
  return std::equal(a.failed_expects.begin(), a.failed_expects.end(), b.failed_expects.begin(),
                    b.failed_expects.end(), [](const FailedExpect& x, const FailedExpect& y) {
                      return x.thread == y.thread && x.after_step == y.after_step &&
                             x.message == y.message && x.where == y.where;
                    });
}

}  // namespace

std::string FirstDifference(const Trace& first, const Trace& again) {
  const std::size_t common = std::min(first.events.size(), again.events.size());
  for (std::size_t i = 0; i < common; ++i) {
    const TraceEvent& a = first.events[i];
    const TraceEvent& b = again.events[i];
    if (a.thread == b.thread && a.kind == b.kind && a.object == b.object && a.value == b.value &&
        a.timed_out == b.timed_out) {
      continue;
    }
    return "step " + std::to_string(a.step) + " was " + StepText(first, a) + ", and is now " +
           StepText(again, b);
  }
  if (first.events.size() != again.events.size()) {
    return "it ended after step " + std::to_string(first.events.size()) + " (" +
           std::string(EndReasonName(first.end)) + "), and now after step " +
           std::to_string(again.events.size()) + " (" + std::string(EndReasonName(again.end)) + ")";
  }
  if (first.end != again.end) {
    return "it ended " + std::string(EndReasonName(first.end)) + ", and now " +
           std::string(EndReasonName(again.end));
  }
  if (!SameExpects(first, again)) {
    return "after the same steps, " + FailedExpectsText(first) + ", and now " +
           FailedExpectsText(again);
  }
  if (first.outcome != again.outcome) {
    return "after the same steps, the outcome was " + Quoted(first.OutcomeText()) +
           ", and is now " + Quoted(again.OutcomeText());
  }
  return "";
}

std::string RerunDiffers(const std::function<void()>& body, const Trace& original,
                         const ExecutionLimits& limits, const std::string& what) {
  ReplayStrategy replay(original.Schedule());
  replay.StartExecution();
  Trace again = Execution::Run(body, replay, limits);
  replay.EndExecution(again);
  std::string difference;
  if (again.end == EndReason::kError && original.end != EndReason::kError) {
    difference = "the re-run ended in an error: " + again.error;
  } else {
    difference = FirstDifference(original, again);
  }
  if (difference.empty()) return "";
  return "the scenario is not deterministic: " + what +
         ", run again with the same schedule, differs: " + difference +
         " (nondeterminism outside the model: real time, real randomness, or state kept from "
         "one execution to the next)";
}

}  // namespace interleave
