#include "checker/detectors/program_failure.h"

#include <string>

namespace interleave {
namespace {

// " at s.cc:12", " after its step at s.cc:10" (the failure's own line unknown), or " before
// its first step".
std::string Where(const ProgramFailure& failure) {
  if (failure.where.line <= 0) return " before its first step (no line information)";
  if (failure.where_is_last_step) return " after its step at " + failure.where.ToString();
  return " at " + failure.where.ToString();
}

}  // namespace

FindingKind FailureFindingKind(FailureKind kind) {
  switch (kind) {
    case FailureKind::kAssertion:
      return FindingKind::kAssertionFailed;
    case FailureKind::kUncaughtException:
      return FindingKind::kUncaughtException;
    case FailureKind::kCrash:
      return FindingKind::kCrash;
  }
  return FindingKind::kCrash;
}

void ProgramFailureDetector::Inspect(const Trace& trace, std::vector<Finding>& findings) const {
  if (trace.end != EndReason::kFailure) return;
  const ProgramFailure& failure = trace.failure;
  const bool known_thread =
      failure.thread >= 0 && failure.thread < static_cast<ThreadId>(trace.threads.size());
  const std::string thread = known_thread ? trace.threads[failure.thread].name : "a thread";
  Finding finding;
  finding.kind = FailureFindingKind(failure.kind);
  std::string what;
  std::string consequence;
  switch (failure.kind) {
    case FailureKind::kAssertion:
      what = ": " + failure.message;
      consequence = "glibc would print the assertion and abort the process";
      break;
    case FailureKind::kUncaughtException:
      what = " ended by an uncaught exception: " + failure.message;
      consequence =
          "an exception that leaves a thread's function calls std::terminate, which "
          "aborts the process";
      break;
    case FailureKind::kCrash:
      what = " crashed: " + failure.message;
      consequence = "the process would die here";
      break;
  }
  finding.summary = thread + what + Where(failure);
  const int steps = static_cast<int>(trace.events.size());
  finding.details = {
      failure.message + (failure.detail.empty() ? "" : " " + failure.detail) + ", after step " +
          std::to_string(failure.after_step) + " of the execution.",
      "The execution ends there: " + consequence + ". The interleaving above leads to it.",
  };
  if (known_thread) finding.threads = {failure.thread};
  if (failure.where.line > 0) finding.lines = {failure.where};
  if (known_thread) {
    if (const int last = LastStepOf(trace, failure.thread); last > 0) {
      finding.marks = {{last, std::string(FindingKindName(finding.kind)) + ": " + thread +
                                  "'s last step before it failed"}};
    }
  }
  finding.certain_at_step = steps;
  findings.push_back(std::move(finding));
}

}  // namespace interleave
