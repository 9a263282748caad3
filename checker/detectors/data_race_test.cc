// DataRaceDetector on small programs explored exhaustively: unsynchronised accesses race,
// the same accesses under a lock, or ordered by start and join, do not.
#include "checker/detectors/data_race.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdint>
#include <functional>
#include <utility>
#include <vector>

#include "checker/dfs.h"
#include "checker/dpor.h"
#include "checker/explorer.h"
#include "model/model.h"
#include "model/testing/choosers.h"

namespace interleave {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

Result Dfs(const std::function<void()>& body) {
  DfsStrategy dfs;
  return Explore("data_race", body, dfs, {.max_steps = 1'000, .stall_seconds = 0});
}

const Finding* Find(const Result& result, FindingKind kind) {
  for (const Finding& f : result.findings) {
    if (f.kind == kind) return &f;
  }
  return nullptr;
}

int write_line = 0;
int read_line = 0;

// A writes x; B reads it; no synchronisation between them.
void WriteAndRead(bool locked) {
  Shared<int> x("x", 0);
  Lock lock("lock");
  Thread a(
      [&] {
        if (locked) lock.acquire();
        write_line = __LINE__ + 1;
        x.write(1);
        if (locked) lock.release();
      },
      "A");
  Thread b(
      [&] {
        if (locked) lock.acquire();
        read_line = __LINE__ + 1;
        x.read();
        if (locked) lock.release();
      },
      "B");
  a.start();
  b.start();
  a.join();
  b.join();
}

TEST(DataRaceDetectorTest, NamesBothAccessesOfAnUnorderedWriteAndRead) {
  const Result result = Dfs([] { WriteAndRead(false); });
  EXPECT_EQ(result.verdict, Verdict::kBug);
  // Every interleaving races: the race is in the happens-before order, not in the timing.
  EXPECT_EQ(result.finding_counts.at(FindingKind::kDataRace), result.stats.executions);
  const Finding* f = Find(result, FindingKind::kDataRace);
  ASSERT_NE(f, nullptr);
  // The simplest counterexample (no preemption): main runs until it blocks in join(A), A
  // writes, main joins A and blocks in join(B), B reads. Steps: 1 start A, 2 start B,
  // 3 A writes, 4 join A, 5 B reads.
  EXPECT_EQ(f->summary, "data race on x: A's write and B's read are not ordered by happens-before");
  EXPECT_THAT(f->threads, ElementsAre(1, 2));
  ASSERT_EQ(f->objects.size(), 1u);
  EXPECT_EQ(result.counterexample->objects[f->objects[0]].name, "x");
  ASSERT_EQ(f->lines.size(), 2u);
  EXPECT_EQ(f->lines[0].line, write_line);
  EXPECT_EQ(f->lines[1].line, read_line);
  ASSERT_EQ(f->marks.size(), 2u);
  EXPECT_EQ(f->marks[0].step, 3);
  EXPECT_EQ(f->marks[1].step, 5);
  EXPECT_THAT(f->marks[0].label, HasSubstr("RACE: write of x"));
  EXPECT_EQ(f->certain_at_step, 5);
  EXPECT_THAT(f->details[0], HasSubstr("A wrote x := 1 at step 3"));
  EXPECT_THAT(f->details[1], HasSubstr("B read x = 1 at step 5"));
}

TEST(DataRaceDetectorTest, SilentWhenALockOrdersTheAccesses) {
  const Result result = Dfs([] { WriteAndRead(true); });
  EXPECT_EQ(result.verdict, Verdict::kPass);
  EXPECT_FALSE(result.Found(FindingKind::kDataRace));
}

TEST(DataRaceDetectorTest, StartAndJoinOrderAccesses) {
  // Main writes before the start and reads after the join: ordered, so no race.
  const Result result = Dfs([] {
    Shared<int> x("x", 0);
    x.write(1);
    Thread a([&] { x.write(x.read() + 1); }, "A");
    a.start();
    a.join();
    x.read();
  });
  EXPECT_EQ(result.verdict, Verdict::kPass);
}

TEST(DataRaceDetectorTest, ReadsDoNotRaceWithEachOther) {
  const Result result = Dfs([] {
    Shared<int> x("x", 0);
    Thread a([&] { x.read(); }, "A");
    Thread b([&] { x.read(); }, "B");
    a.start();
    b.start();
    x.read();
    a.join();
    b.join();
  });
  EXPECT_EQ(result.verdict, Verdict::kPass);
}

TEST(DataRaceDetectorTest, OneFindingPerVariableAndAnEarlierReadRacesALaterWrite) {
  // A reads x and y then writes y; B writes x twice and y once. Main starts A, A runs to its
  // end, then main starts B, which runs: B's first write of x races A's read of x (reported
  // once, though B writes x twice), and B's write of y races A's write of y.
  std::vector<Finding> findings;
  testing::Scripted chooser({0, 1, 1, 1, 0, 2, 2, 2});
  const Trace trace = Execution::Run(
      [] {
        Shared<int> x("x", 0);
        Shared<int> y("y", 0);
        Thread a(
            [&] {
              x.read();
              y.write(y.read() + 1);
            },
            "A");
        Thread b(
            [&] {
              x.write(1);
              x.write(2);
              y.write(5);
            },
            "B");
        a.start();
        b.start();
      },
      chooser);
  ASSERT_EQ(trace.end, EndReason::kFinished) << trace.error;
  DataRaceDetector().Inspect(trace, findings);
  ASSERT_EQ(findings.size(), 2u);
  // Steps: 1 start A, 2 A reads x, 3 A reads y, 4 A writes y, 5 start B, 6 B writes x,
  // 7 B writes x, 8 B writes y.
  EXPECT_EQ(findings[0].summary,
            "data race on x: A's read and B's write are not ordered by happens-before");
  EXPECT_EQ(findings[0].marks[0].step, 2);
  EXPECT_EQ(findings[0].marks[1].step, 6);
  EXPECT_EQ(findings[1].summary,
            "data race on y: A's write and B's write are not ordered by happens-before");
  EXPECT_EQ(findings[1].marks[0].step, 4);
  EXPECT_EQ(findings[1].marks[1].step, 8);
  EXPECT_EQ(findings[1].certain_at_step, 8);
}

TEST(DataRaceDetectorTest, DporReachesTheSameVerdicts) {
  DporStrategy racy;
  EXPECT_TRUE(Explore("racy", [] { WriteAndRead(false); }, racy, {.stall_seconds = 0})
                  .Found(FindingKind::kDataRace));
  DporStrategy locked;
  EXPECT_EQ(Explore("locked", [] { WriteAndRead(true); }, locked, {.stall_seconds = 0}).verdict,
            Verdict::kPass);
}

// An unmodified program's atomics are operations on its words, Shared objects (TraceEvent::order
// set): two atomic operations never race, an atomic and a plain access do unless ordered. A
// hand-built trace: A writes `data` (plain) and stores `flag` (atomic); B loads `flag`
// (atomic), then reads `data` (plain). `synchronized`: B's load joined A's clock.
Trace MessagePassing(bool synchronized, bool plain_flag_read) {
  Trace trace;
  trace.threads.resize(2);
  trace.threads[0].name = "A";
  trace.threads[1].name = "B";
  trace.objects.resize(2);
  trace.objects[0].name = "data";
  trace.objects[1].name = "flag";
  VectorClock a;
  VectorClock b;
  auto add = [&](ThreadId thread, OpKind kind, ObjectId object, MemoryOrder order) {
    VectorClock& clock = thread == 0 ? a : b;
    clock.Tick(thread);
    if (thread == 1 && order != MemoryOrder::kNone && synchronized) clock.Join(a);
    TraceEvent event;
    event.kind = kind;
    event.thread = thread;
    event.object = object;
    event.order = order;
    event.clock = clock;
    event.step = static_cast<int>(trace.events.size()) + 1;
    trace.events.push_back(event);
  };
  add(0, OpKind::kWrite, 0, MemoryOrder::kNone);
  add(0, OpKind::kWrite, 1, MemoryOrder::kRelaxed);
  add(1, OpKind::kRead, 1, plain_flag_read ? MemoryOrder::kNone : MemoryOrder::kRelaxed);
  add(1, OpKind::kRead, 0, MemoryOrder::kNone);
  return trace;
}

TEST(DataRaceDetectorTest, AtomicOperationsRaceOnlyWithPlainAccesses) {
  const DataRaceDetector detector;
  std::vector<Finding> findings;
  // Unsynchronized: `data` races; `flag`'s store and load, both atomic, do not.
  detector.Inspect(MessagePassing(false, false), findings);
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].summary,
            "data race on data: A's write and B's read are not ordered by happens-before");
  // Synchronized (a release store read by an acquire load): nothing races.
  findings.clear();
  detector.Inspect(MessagePassing(true, false), findings);
  EXPECT_TRUE(findings.empty());
  // A plain read of the flag races with the atomic store it is not ordered after.
  findings.clear();
  detector.Inspect(MessagePassing(false, true), findings);
  ASSERT_EQ(findings.size(), 2u);
  EXPECT_EQ(findings[0].summary,
            "data race on flag: A's atomic write and B's read are not ordered by happens-before");
}

// The detector against a reference that keeps, per variable, every thread's last read since
// the last write (the state before the read epochs), on random programs under random
// schedules: the same findings, naming the same two accesses.
std::vector<std::pair<int, int>> ReferenceRaces(const Trace& trace) {
  std::vector<std::pair<int, int>> races;  // (earlier, later) steps, one per variable.
  const std::size_t objects = trace.objects.size();
  const std::size_t threads = trace.threads.size();
  std::vector<int> last_write(objects, -1);
  std::vector<int> reads(objects * threads, -1);
  std::vector<bool> reported(objects, false);
  const auto& events = trace.events;
  auto happens_before = [](const TraceEvent& a, const TraceEvent& b) {
    return a.thread == b.thread || b.clock.Get(a.thread) >= a.clock.Get(a.thread);
  };
  for (int i = 0; i < static_cast<int>(events.size()); ++i) {
    const TraceEvent& e = events[i];
    if ((e.kind != OpKind::kRead && e.kind != OpKind::kWrite) || e.object == kNoObject ||
        trace.objects[e.object].kind != ObjectKind::kShared) {
      continue;
    }
    const auto v = static_cast<std::size_t>(e.object);
    if (reported[v]) continue;
    int racing = -1;
    auto check = [&](int earlier) {
      if (earlier >= 0 && !happens_before(events[earlier], e) && (racing < 0 || earlier < racing)) {
        racing = earlier;
      }
    };
    check(last_write[v]);
    if (e.kind == OpKind::kWrite) {
      for (std::size_t t = 0; t < threads; ++t) check(reads[v * threads + t]);
    }
    if (racing >= 0) {
      races.emplace_back(events[racing].step, e.step);
      reported[v] = true;
    } else if (e.kind == OpKind::kWrite) {
      last_write[v] = i;
      std::fill(&reads[v * threads], &reads[v * threads] + threads, -1);
    } else {
      reads[v * threads + static_cast<std::size_t>(e.thread)] = i;
    }
  }
  return races;
}

// Picks among the enabled threads with a fixed-seed generator: one random schedule.
class RandomChooser : public Chooser {
 public:
  explicit RandomChooser(uint64_t seed) : state_(seed) {}
  ThreadId ChooseThread(const SchedulePoint& point) override {
    return (*point.enabled)[Next() % point.enabled->size()];
  }
  int ChooseValue(int, int lo, int hi) override {
    return lo + static_cast<int>(Next() % (hi - lo + 1));
  }
  uint64_t Next() {
    state_ = state_ * 6364136223846793005ULL + 1442695040888963407ULL;
    return state_ >> 33;
  }

 private:
  uint64_t state_;
};

TEST(DataRaceDetectorTest, NamesTheSameAccessesAsPerThreadReadRecords) {
  int traces_with_races = 0;
  int traces_with_shared_reads = 0;
  for (uint64_t seed = 1; seed <= 400; ++seed) {
    RandomChooser program(seed * 7919);  // What each thread does.
    RandomChooser schedule(seed);
    // Per thread, 6 operations: read or write of x or y, some under the lock.
    std::vector<std::vector<int>> ops(3);
    for (auto& thread_ops : ops) {
      for (int k = 0; k < 6; ++k) thread_ops.push_back(static_cast<int>(program.Next() % 6));
    }
    const Trace trace = Execution::Run(
        [&ops] {
          Shared<int> x("x", 0);
          Shared<int> y("y", 0);
          Lock lock("lock");
          std::vector<Thread> threads;
          for (const std::vector<int>& thread_ops : ops) {
            threads.emplace_back([&x, &y, &lock, &thread_ops] {
              for (const int op : thread_ops) {
                Shared<int>& v = op % 2 == 0 ? x : y;
                const bool locked = op >= 4;
                if (locked) lock.acquire();
                if (op % 3 == 0) {
                  v.write(op);
                } else {
                  v.read();
                }
                if (locked) lock.release();
              }
            });
          }
          for (Thread& t : threads) t.start();
          for (Thread& t : threads) t.join();
        },
        schedule);
    ASSERT_EQ(trace.end, EndReason::kFinished) << trace.error;
    std::vector<Finding> findings;
    DataRaceDetector().Inspect(trace, findings);
    std::vector<std::pair<int, int>> found;
    for (const Finding& f : findings) {
      ASSERT_EQ(f.marks.size(), 2u);
      found.emplace_back(f.marks[0].step, f.marks[1].step);
    }
    EXPECT_EQ(found, ReferenceRaces(trace)) << "seed " << seed;
    if (!found.empty()) ++traces_with_races;
    // Reads of one variable by two threads with no write between them, unordered: the
    // detector's read-shared state was used.
    for (std::size_t i = 0; i < trace.events.size(); ++i) {
      const TraceEvent& a = trace.events[i];
      if (a.kind != OpKind::kRead || trace.objects[a.object].kind != ObjectKind::kShared) continue;
      bool shared = false;
      for (std::size_t j = i + 1; j < trace.events.size(); ++j) {
        const TraceEvent& b = trace.events[j];
        if (b.object != a.object) continue;
        if (b.kind == OpKind::kWrite) break;
        if (b.thread != a.thread && b.clock.Get(a.thread) < a.clock.Get(a.thread)) shared = true;
      }
      if (shared) {
        ++traces_with_shared_reads;
        break;
      }
    }
  }
  // The programs exercise both states and both verdicts.
  EXPECT_GT(traces_with_races, 100);
  EXPECT_LT(traces_with_races, 400);
  EXPECT_GT(traces_with_shared_reads, 50);
}

}  // namespace
}  // namespace interleave
