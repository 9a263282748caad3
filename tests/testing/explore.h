// Test support for the tests of the model's primitives: exhaustive exploration with DFS in a
// time mode (optionally keeping every execution's trace, so a test can look inside: log order,
// virtual times, happens-before), one run under a fixed schedule, and queries over a trace.
// Joins model/testing's choosers and programs in namespace interleave::testing, where the tests
// under tests/ are written.
#ifndef INTERLEAVE_TESTS_TESTING_EXPLORE_H_
#define INTERLEAVE_TESTS_TESTING_EXPLORE_H_

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdint>
#include <functional>
#include <source_location>
#include <string>
#include <vector>

#include "checker/explorer.h"
#include "checker/result.h"
#include "model/execution.h"
#include "model/shared.h"
#include "model/testing/choosers.h"
#include "model/testing/programs.h"
#include "model/trace.h"

namespace interleave::testing {

// The gMock matchers every test here asserts outcomes and errors with; others it declares itself.
using ::testing::ElementsAre;
using ::testing::Gt;
using ::testing::HasSubstr;
using ::testing::Pair;

// Both time modes, for tests that expect the same of each.
inline constexpr TimeMode kBothModes[] = {TimeMode::kAny, TimeMode::kVirtual};

// The step bound of one execution in ExploreAll, ExploreAndRecord and RunOnce.
inline constexpr int64_t kMaxSteps = 1'000;

// Explores `body` exhaustively with DFS in time mode `time`, at most kMaxSteps steps an
// execution. A test that passes `options` replaces those bounds whole (what it leaves out keeps
// ExploreOptions' own default); `time` always wins over options.time.
Result ExploreAll(const std::function<void()>& body, TimeMode time,
                  ExploreOptions options = {.max_steps = kMaxSteps});

// ExploreAll's result, and a copy of the trace of every execution in the order DFS ran them.
struct Recorded {
  Result result;
  std::vector<Trace> traces;
};
Recorded ExploreAndRecord(const std::function<void()>& body, TimeMode time);

// One execution of `body` under a fixed schedule: by default the lowest enabled thread at every
// step (a thread runs until it blocks or ends); HighestFirst runs the newest thread first.
template <typename ChooserType = LowestFirst>
Trace RunOnce(const std::function<void()>& body, TimeMode time = TimeMode::kAny) {
  ChooserType chooser;
  return Execution::Run(body, chooser, ExecutionLimits{.max_steps = kMaxSteps, .time = time});
}

// The events of `trace` on the object named `object`, of kind `kind`, in order.
std::vector<const TraceEvent*> EventsOn(const Trace& trace, const std::string& object, OpKind kind);

// Step a happens before step b (or is b).
bool HappensBefore(const TraceEvent& a, const TraceEvent& b);

// `trace` has one write and one read of the variable named `name`, and the write comes before
// the read and happens before it.
::testing::AssertionResult WriteHappensBeforeRead(const Trace& trace, const std::string& name);

// trace.Describe of every event, in order ("start worker", "join worker", ...).
std::vector<std::string> Operations(const Trace& trace);

// Runs `a` and `b` as threads "A" and "B": main starts both, then joins both. The trace puts
// the starts and joins at the caller's line.
void StartAndJoinAB(const std::function<void()>& a, const std::function<void()>& b,
                    std::source_location where = std::source_location::current());

// Shared<int> "x" = 0, then StartAndJoinAB with `increment(x)` as both threads' body; main reads
// x and declares it as the outcome "x". (model/testing's TwoLockedIncrements is this over a
// Lock, plus an expect.)
void TwoIncrements(const std::function<void(Shared<int>& x)>& increment,
                   std::source_location where = std::source_location::current());

// "file.cc:LINE" for a line of the calling test file.
inline std::string At(int line, const char* file = __builtin_FILE()) {
  return SourceLine{file, line}.ToString();
}

}  // namespace interleave::testing

#endif  // INTERLEAVE_TESTS_TESTING_EXPLORE_H_
