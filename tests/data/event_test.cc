// Event (Python's threading.Event) under exhaustive exploration in both time modes.
#include "model/event.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "model/model.h"
#include "tests/testing/explore.h"

namespace interleave::testing {
namespace {

// A setter publishes data, then sets; the waiter reads the data after wait() returns.
void SetAndWait() {
  Shared<int> data("data", 0);
  Event e("e");
  Thread waiter(
      [&] {
        outcome("returned", e.wait());
        outcome("data", data.read());
      },
      "waiter");
  Thread setter(
      [&] {
        data.write(1);
        e.set();
      },
      "setter");
  waiter.start();
  setter.start();
  waiter.join();
  setter.join();
}

TEST(EventTest, WaitReturnsOnlyAfterTheSetThatHappensBeforeIt) {
  for (TimeMode time : kBothModes) {
    const auto [result, traces] = ExploreAndRecord(SetAndWait, time);
    EXPECT_EQ(result.verdict, Verdict::kPass) << TimeModeName(time);
    EXPECT_THAT(result.outcomes, ElementsAre(Pair("returned=true, data=1", Gt(0))));
    for (const Trace& trace : traces) {
      const auto sets = EventsOn(trace, "e", OpKind::kSet);
      const auto waits = EventsOn(trace, "e", OpKind::kWait);
      ASSERT_EQ(sets.size(), 1u);
      // One step when the wait finds the flag raised, two when it finds it down (the first
      // "waiting"); the last returns.
      ASSERT_GE(waits.size(), 1u);
      ASSERT_LE(waits.size(), 2u);
      if (waits.size() == 2) {
        EXPECT_EQ(waits[0]->value, "waiting");
      }
      EXPECT_LT(sets[0]->step, waits.back()->step);
      EXPECT_TRUE(HappensBefore(*sets[0], *waits.back()));
      EXPECT_EQ(waits.back()->value, "true");
      // So the waiter's read of data is ordered after the setter's write.
      EXPECT_TRUE(WriteHappensBeforeRead(trace, "data"));
    }
  }
}

TEST(EventTest, IsSetSeesTheFlagBeforeOrAfterTheSet) {
  for (TimeMode time : kBothModes) {
    const Result result = ExploreAll(
        [] {
          Event e("e");
          Thread t([&e] { e.set(); }, "T");
          t.start();
          outcome("seen", e.is_set());
          t.join();
        },
        time);
    EXPECT_THAT(result.outcomes, ElementsAre(Pair("seen=false", 1), Pair("seen=true", 1)))
        << TimeModeName(time);
  }
}

// Main sets and at once clears; T logs, then waits at most 1 s. As in CPython, a thread that
// was waiting when set() ran returns true even when clear() ran before it did.
void SetThenClear() {
  Event e("e");
  Thread t(
      [&e] {
        log("about to wait");
        outcome("returned", e.wait(1.0));
      },
      "T");
  t.start();
  e.set();
  e.clear();
  t.join();
}

TEST(EventTest, ClearLowersTheFlagButTheWaitersSetReleasedStayReleased) {
  // (Naive DFS: these count interleavings.) any: T's wait finds the flag down before the set
  // (its second step times out before the set: false; returns between set and clear or after
  // the clear: true, true), up between set and clear (it returns at once: true), or down after
  // the clear (times out: false); T's log comes before its wait anywhere: 8 interleavings.
  const auto any = ExploreAndRecord(SetThenClear, TimeMode::kAny);
  EXPECT_EQ(any.result.stats.executions, 8);
  EXPECT_THAT(any.result.outcomes,
              ElementsAre(Pair("returned=false", 4), Pair("returned=true", 4)));
  // virtual: T cannot time out before 1 s, so a wait before the set waits for it.
  const auto virt = ExploreAndRecord(SetThenClear, TimeMode::kVirtual);
  EXPECT_EQ(virt.result.stats.executions, 7);
  EXPECT_THAT(virt.result.outcomes,
              ElementsAre(Pair("returned=false", 3), Pair("returned=true", 4)));
  for (const Trace& trace : virt.traces) {
    const TraceEvent& wait = *EventsOn(trace, "e", OpKind::kWait).back();
    EXPECT_EQ(wait.timed_out, wait.value == "false");
    EXPECT_EQ(wait.time, wait.timed_out ? Microseconds(1) : 0);
  }
  // Some execution runs set, clear, then T's wait, which returns true: T was waiting.
  bool released_after_clear = false;
  for (const Trace& trace : virt.traces) {
    const TraceEvent& clear = *EventsOn(trace, "e", OpKind::kClear).at(0);
    const TraceEvent& wait = *EventsOn(trace, "e", OpKind::kWait).back();
    released_after_clear |= clear.step < wait.step && wait.value == "true";
  }
  EXPECT_TRUE(released_after_clear);
}

TEST(EventTest, WaitWithTimeoutOnAnEventNobodySets) {
  for (TimeMode time : kBothModes) {
    const auto [result, traces] = ExploreAndRecord(
        [] {
          Event e("e");
          outcome("returned", e.wait(2.5));
          outcome("is_set", e.is_set());
        },
        time);
    EXPECT_THAT(result.outcomes, ElementsAre(Pair("returned=false, is_set=false", 1)));
    const auto waits = EventsOn(traces.at(0), "e", OpKind::kWait);
    ASSERT_EQ(waits.size(), 2u);
    EXPECT_EQ(waits[0]->value, "waiting");
    const TraceEvent& wait = *waits[1];
    EXPECT_TRUE(wait.timed_out);
    EXPECT_EQ(wait.time, time == TimeMode::kVirtual ? Microseconds(2.5) : 0);
  }
}

TEST(EventTest, WaitForeverOnAnEventNobodySetsIsADeadlock) {
  for (TimeMode time : kBothModes) {
    const Result result = ExploreAll(
        [] {
          Event e("e");
          e.wait();
        },
        time);
    EXPECT_EQ(result.verdict, Verdict::kBug);
    EXPECT_TRUE(result.HasFinding(FindingKind::kDeadlock));
    ASSERT_FALSE(result.findings.empty());
    EXPECT_THAT(result.findings[0].details,
                ::testing::Contains(::testing::HasSubstr("MainThread waits in wait e")));
  }
}

TEST(EventTest, UsedOutsideAnExecutionIsAModelError) { EXPECT_THROW(Event e("e"), ModelError); }

// SCENARIOS.md 002.j, seed 002 threading_event.py, line for line: `block` waits, `nonblock`
// polls with wait(2) until main sets the event after sleep(5).
void ThreadingEvent() {
  // Declared first so the outcome's text has the same order in every execution.
  outcome("block", false);
  outcome("timeouts", -1);
  Event e("e");
  Thread t1(
      [&e] {
        log("wait_for_event starting");
        const bool event_is_set = e.wait();
        log(std::string("event set: ") + (event_is_set ? "True" : "False"));
        outcome("block", event_is_set);
      },
      "block");
  Thread t2(
      [&e] {
        int timeouts = 0;
        while (!e.is_set()) {
          log("wait_for_event_timeout starting");
          const bool event_is_set = e.wait(2);
          log(std::string("event set: ") + (event_is_set ? "True" : "False"));
          if (event_is_set) {
            log("processing event");
          } else {
            ++timeouts;
            log("doing other work");
          }
        }
        outcome("timeouts", timeouts);
      },
      "nonblock");
  t1.start();
  t2.start();
  log("Waiting before calling Event.set()");
  sleep(5);
  e.set();
  log("TraceEvent is set");
}

struct LogLine {
  std::string text;  // "(nonblock) event set: False", as the seed's logging format.
  int64_t time;
  int step;
};

std::vector<LogLine> Logs(const Trace& trace) {
  std::vector<LogLine> lines;
  for (const TraceEvent& event : trace.events) {
    if (event.kind != OpKind::kLog) continue;
    lines.push_back(
        {"(" + trace.threads[event.thread].name + ") " + event.value, event.time, event.step});
  }
  return lines;
}

TEST(ThreadingEventTest, VirtualPollerTimesOutExactlyTwiceBeforeTheSet) {
  const auto [result, traces] = ExploreAndRecord(ThreadingEvent, TimeMode::kVirtual);
  EXPECT_EQ(result.verdict, Verdict::kPass);
  EXPECT_TRUE(result.stats.exhaustive);
  EXPECT_THAT(result.outcomes, ElementsAre(Pair("block=true, timeouts=2", Gt(0))));

  // The seed's printed log, up to the set.
  const std::vector<std::string> seed = {
      "(block) wait_for_event starting",
      "(nonblock) wait_for_event_timeout starting",
      "(MainThread) Waiting before calling Event.set()",
      "(nonblock) event set: False",
      "(nonblock) doing other work",
      "(nonblock) wait_for_event_timeout starting",
      "(nonblock) event set: False",
      "(nonblock) doing other work",
      "(nonblock) wait_for_event_timeout starting",
      "(MainThread) TraceEvent is set",
  };
  bool seed_order_explored = false;
  for (const Trace& trace : traces) {
    const std::vector<LogLine> logs = Logs(trace);
    const TraceEvent& set = *EventsOn(trace, "e", OpKind::kSet).at(0);
    EXPECT_EQ(set.time, Microseconds(5));
    // What nonblock logged before the set, and when: two timeouts, at 2 s and 4 s.
    std::vector<std::pair<std::string, int64_t>> before_set;
    for (const LogLine& line : logs) {
      if (line.step < set.step && line.text.starts_with("(nonblock)")) {
        before_set.emplace_back(line.text, line.time);
      }
    }
    EXPECT_THAT(before_set,
                ElementsAre(Pair("(nonblock) wait_for_event_timeout starting", 0),
                            Pair("(nonblock) event set: False", Microseconds(2)),
                            Pair("(nonblock) doing other work", Microseconds(2)),
                            Pair("(nonblock) wait_for_event_timeout starting", Microseconds(2)),
                            Pair("(nonblock) event set: False", Microseconds(4)),
                            Pair("(nonblock) doing other work", Microseconds(4)),
                            Pair("(nonblock) wait_for_event_timeout starting", Microseconds(4))));
    std::vector<std::string> first;
    for (std::size_t i = 0; i < logs.size() && i < seed.size(); ++i) first.push_back(logs[i].text);
    seed_order_explored |= first == seed;
  }
  EXPECT_TRUE(seed_order_explored);
}

// The same shape reduced to its polling loop (`while (!e.wait(2)) log("waiting...")`), so that
// time mode `any` can be explored in full by the naive DFS. (The seed's full program ends too,
// with 0 to 4 timeouts, but takes about 1.3 million executions without a reduction.)
void PollUntilSet() {
  outcome("block", false);
  outcome("timeouts", -1);
  Event e("e");
  Thread t1([&e] { outcome("block", e.wait()); }, "block");
  Thread t2(
      [&e] {
        int timeouts = 0;
        while (!e.wait(2)) {
          ++timeouts;
          log("waiting...");
        }
        outcome("timeouts", timeouts);
      },
      "nonblock");
  t1.start();
  t2.start();
  sleep(5);
  e.set();
}

TEST(ThreadingEventTest, AnyModePollingEndsTheExploration) {
  const Result result = ExploreAll(PollUntilSet, TimeMode::kAny);
  EXPECT_EQ(result.verdict, Verdict::kPass);
  EXPECT_TRUE(result.stats.exhaustive);
  EXPECT_EQ(result.stats.step_bound_hits, 0);
  EXPECT_EQ(result.stats.executions, 318);
  // nonblock's first wait may time out at once; a second timeout needs another thread to
  // change something nonblock touched since the first (the polling rule), and nothing but the
  // set touches `e`, which ends the loop: 0 or 1 timeouts. (In virtual time the poller times
  // out at 2 s and 4 s, below; time mode any keeps one round per change the poller can see,
  // not one per timeout that real time would fire.) The counts are the naive DFS's
  // interleavings: each wait that finds the flag down is two steps (model/event.h), and
  // main's steps and the other thread's interleave with both.
  EXPECT_THAT(result.outcomes,
              ElementsAre(Pair("block=true, timeouts=0", 42), Pair("block=true, timeouts=1", 276)));
}

TEST(ThreadingEventTest, VirtualPollingTimesOutAtTwoAndFourSeconds) {
  const auto [result, traces] = ExploreAndRecord(PollUntilSet, TimeMode::kVirtual);
  EXPECT_EQ(result.verdict, Verdict::kPass);
  // The 3 orders after the set at 5 s, and the waits' first steps at 0 s (each wait that finds
  // the flag down is two steps) interleaving with main's steps there: 9 interleavings.
  EXPECT_THAT(result.outcomes, ElementsAre(Pair("block=true, timeouts=2", 9)));
  for (const Trace& trace : traces) {
    std::vector<int64_t> timeouts;
    for (const TraceEvent* wait : EventsOn(trace, "e", OpKind::kWait)) {
      if (wait->timed_out) timeouts.push_back(wait->time);
    }
    EXPECT_THAT(timeouts, ElementsAre(Microseconds(2), Microseconds(4)));
  }
}

}  // namespace
}  // namespace interleave::testing
