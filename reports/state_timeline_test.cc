// Tests of the state rebuilt from a trace: on the runtime's own executions of small programs
// (model/testing/programs.h) under fixed schedules, so each step's state is known.
#include "reports/state_timeline.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "model/execution.h"
#include "model/testing/choosers.h"
#include "model/testing/programs.h"

namespace interleave {
namespace {

using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::IsEmpty;

const ObjectState& Named(const StateSnapshot& snapshot, const std::string& name) {
  for (const ObjectState& object : snapshot.objects) {
    if (object.name == name) return object;
  }
  ADD_FAILURE() << "no object " << name;
  static const ObjectState none;
  return none;
}

std::string StatusOf(const StateSnapshot& snapshot, const std::string& thread) {
  for (const ThreadState& state : snapshot.threads) {
    if (state.name == thread) return state.status;
  }
  return "(no thread " + thread + ")";
}

TEST(StateTimelineTest, LostUpdateShowsTheStaleReadAndTheOverwrite) {
  // 1 start A, 2 start B, 3 A reads 0, 4 B reads 0, 5 A writes 1, 6 B writes 1.
  testing::Scripted chooser({0, 0, 1, 2, 1, 2});
  const Trace trace = Execution::Run(testing::TwoUnlockedIncrements, chooser);
  const std::vector<StateSnapshot> states = StateTimeline(trace);
  ASSERT_EQ(states.size(), trace.events.size() + 1);
  EXPECT_EQ(states[0].after_step, 0);
  EXPECT_EQ(Named(states[0], "x").value, "?");  // No step has shown it yet.
  EXPECT_EQ(StatusOf(states[0], "A"), "not started");
  EXPECT_EQ(StatusOf(states[1], "A"), "runnable: next read x");
  EXPECT_EQ(Named(states[3], "x").value, "0");
  EXPECT_EQ(Named(states[4], "x").value, "0");  // B's stale read.
  EXPECT_EQ(Named(states[5], "x").value, "1");
  EXPECT_EQ(Named(states[6], "x").value, "1");  // B overwrote A's 1 with its own 1.
  EXPECT_EQ(StatusOf(states[6], "A"), "finished");
  EXPECT_EQ(StatusOf(states.back(), "B"), "finished");
}

TEST(StateTimelineTest, DeadlockShowsWhoHoldsWhatAndWhoWaits) {
  testing::Scripted chooser({0, 0, 1, 2});
  const Trace trace = Execution::Run(testing::OppositeLockOrder, chooser);
  ASSERT_EQ(trace.end, EndReason::kDeadlock);
  const std::vector<StateSnapshot> states = StateTimeline(trace);
  const StateSnapshot& end = states.back();
  const ObjectState& first = Named(end, "first");
  const ObjectState& second = Named(end, "second");
  EXPECT_EQ(first.holder, 1);   // A.
  EXPECT_EQ(second.holder, 2);  // B.
  EXPECT_THAT(first.waiters, ElementsAre(2));
  EXPECT_THAT(second.waiters, ElementsAre(1));
  EXPECT_EQ(StatusOf(end, "A"), "blocked: acquire second (held by B)");
  EXPECT_EQ(StatusOf(end, "B"), "blocked: acquire first (held by A)");
  EXPECT_EQ(StatusOf(end, "MainThread"), "blocked: join A (not finished)");
  const std::vector<std::string> lines = DescribeState(end);
  EXPECT_THAT(lines, Contains("first: held by A; waiting: B"));
  EXPECT_THAT(lines, Contains("A: blocked: acquire second (held by B)"));
}

TEST(StateTimelineTest, LocksAreFreeUntilAcquiredAndAfterRelease) {
  testing::LowestFirst chooser;
  const Trace trace = Execution::Run(testing::TwoLockedIncrements, chooser);
  ASSERT_EQ(trace.end, EndReason::kFinished);
  const std::vector<StateSnapshot> states = StateTimeline(trace);
  for (size_t i = 1; i < states.size(); ++i) {
    const TraceEvent& event = trace.events[i - 1];
    const ObjectState& lock = Named(states[i], "lock");
    if (event.kind == OpKind::kAcquire) {
      EXPECT_EQ(lock.holder, event.thread) << i;
    }
    if (event.kind == OpKind::kRelease) {
      EXPECT_EQ(lock.holder, kNoThread) << i;
    }
    // A thread whose next step is the acquire waits exactly while the other holds the lock.
    for (ThreadId waiter : lock.waiters) EXPECT_NE(waiter, lock.holder) << i;
    if (lock.holder == kNoThread) {
      EXPECT_THAT(lock.waiters, IsEmpty()) << i;
    }
  }
  EXPECT_EQ(Named(states.back(), "x").value, "2");
}

}  // namespace
}  // namespace interleave
