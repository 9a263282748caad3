// HangAtExitDetector and its split with DeadlockDetector: a non-daemon thread blocked forever
// after main returned is a HANG AT EXIT; while main still waits in its body it is a DEADLOCK.
#include "checker/detectors/hang_at_exit.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <functional>
#include <memory>

#include "checker/dfs.h"
#include "checker/explorer.h"
#include "model/model.h"

namespace interleave {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

Result Dfs(const std::function<void()>& body) {
  DfsStrategy dfs;
  return Explore("hang", body, dfs, {.max_steps = 1'000, .stall_seconds = 0});
}

const Finding* Find(const Result& result, FindingKind kind) {
  for (const Finding& f : result.findings) {
    if (f.kind == kind) return &f;
  }
  return nullptr;
}

int get_line = 0;

// Keeps `object` alive until the program-exit hooks have run (the queue a worker still uses).
template <typename T>
void AtExitKeepAlive(std::shared_ptr<T> object) {
  Execution::Current("test").AtProgramExit([object] {});
}

// Two non-daemon workers take one task each; main puts `tasks` tasks, then returns without
// joining (seed 004's website checker: the workers loop on get forever).
std::function<void()> Workers(int tasks) {
  return [tasks] {
    Queue<int> queue(0, "task_queue");
    auto work = [&queue] {
      get_line = __LINE__ + 1;
      queue.get();
    };
    Thread w1(work, "worker-1");
    Thread w2(work, "worker-2");
    w1.start();
    w2.start();
    for (int i = 0; i < tasks; ++i) queue.put(i);
  };
}

TEST(HangAtExitDetectorTest, NamesEveryWorkerThatKeepsTheProgramAlive) {
  const Result result = Dfs(Workers(0));
  EXPECT_EQ(result.verdict, Verdict::kBug);
  EXPECT_EQ(result.finding_counts.at(FindingKind::kHangAtExit), result.stats.executions);
  EXPECT_FALSE(result.Found(FindingKind::kDeadlock));
  const Finding* f = Find(result, FindingKind::kHangAtExit);
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->summary,
            "the program never exits: main returned, but 2 non-daemon threads are blocked "
            "forever (worker-1 blocked in get on task_queue, worker-2 blocked in get on "
            "task_queue)");
  EXPECT_THAT(f->threads, ElementsAre(1, 2));
  ASSERT_EQ(f->lines.size(), 2u);
  EXPECT_EQ(f->lines[0].line, get_line);
  EXPECT_EQ(f->lines[1].line, get_line);
  // Steps: 1 start worker-1, 2 start worker-2; main then waits at exit, and nothing moves.
  EXPECT_EQ(f->details[0],
            "MainThread's body returned after step 2; the program waits at exit for every "
            "non-daemon thread.");
  EXPECT_THAT(f->details[1], HasSubstr("worker-1 blocked in get on task_queue at "));
  ASSERT_EQ(f->marks.size(), 1u);  // The workers took no step of their own.
  EXPECT_EQ(f->marks[0].step, 2);
  EXPECT_EQ(f->certain_at_step, 2);
}

TEST(HangAtExitDetectorTest, OnlyTheWorkerLeftWithoutATask) {
  const Result result = Dfs(Workers(1));
  EXPECT_EQ(result.verdict, Verdict::kBug);
  const Finding* f = Find(result, FindingKind::kHangAtExit);
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->threads.size(), 1u);
  EXPECT_THAT(f->summary, HasSubstr("1 non-daemon thread is blocked forever"));
}

TEST(HangAtExitDetectorTest, SilentWhenEveryWorkerGetsATask) {
  const Result result = Dfs(Workers(2));
  EXPECT_EQ(result.verdict, Verdict::kPass);
}

TEST(HangAtExitDetectorTest, SilentForDaemonWorkers) {
  // The fix of seed 004: daemon workers idle in get are killed at exit, harmlessly.
  const Result result = Dfs([] {
    Queue<int> queue(0, "task_queue");
    Thread w([&queue] { queue.get(); }, "worker-1", /*daemon=*/true);
    w.start();
  });
  EXPECT_EQ(result.verdict, Verdict::kPass);
}

// Subclass style: the execution owns the thread and waits for it after the body returns.
class Worker : public Thread {
 public:
  explicit Worker(Queue<int>& queue) : Thread("worker-1"), queue_(queue) {}
  void run() override { queue_.get(); }

 private:
  Queue<int>& queue_;
};

TEST(HangAtExitDetectorTest, AThreadTheExecutionOwnsHangsAfterTheBodyReturned) {
  // Main starts the worker and logs; its body returns after step 2 (Trace::main_returned),
  // then the program waits for the worker at exit.
  const Result result = Dfs([] {
    auto queue = std::make_shared<Queue<int>>(0, "task_queue");
    AtExitKeepAlive(queue);  // Hooks run newest first: the queue outlives the worker's.
    make_thread<Worker>(*queue).start();
    log("main done");
  });
  EXPECT_EQ(result.verdict, Verdict::kBug);
  EXPECT_FALSE(result.Found(FindingKind::kDeadlock));
  const Finding* f = Find(result, FindingKind::kHangAtExit);
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->details[0],
            "MainThread's body returned after step 2; the program waits at exit for every "
            "non-daemon thread.");
  EXPECT_THAT(f->details[1], HasSubstr("worker-1 blocked in get on task_queue"));
}

TEST(HangAtExitDetectorTest, MainBlockedInJoinIsADeadlockInstead) {
  const Result result = Dfs([] {
    Queue<int> queue(0, "task_queue");
    Thread w([&queue] { queue.get(); }, "worker-1");
    w.start();
    w.join();
  });
  EXPECT_EQ(result.verdict, Verdict::kBug);
  EXPECT_FALSE(result.Found(FindingKind::kHangAtExit));
  const Finding* f = Find(result, FindingKind::kDeadlock);
  ASSERT_NE(f, nullptr);
  EXPECT_THAT(f->details[0], HasSubstr("MainThread waits in join(worker-1)"));
}

}  // namespace
}  // namespace interleave
