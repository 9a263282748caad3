// SwallowedExceptionDetector: a task's exception nobody read; not when result() surfaces it.
#include "checker/detectors/swallowed_exception.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <functional>
#include <stdexcept>

#include "checker/dfs.h"
#include "checker/explorer.h"
#include "model/model.h"
#include "model/testing/choosers.h"

namespace interleave {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

Result Dfs(const std::function<void()>& body) {
  DfsStrategy dfs;
  return Explore("swallowed", body, dfs, {.max_steps = 1'000, .stall_seconds = 0});
}

int submit_line = 0;

// Seed 003's executor notes: a task raises (a wrong signature in the seed); main reads its
// future's result only when `read`.
std::function<void()> FailingTask(bool read) {
  return [read] {
    ThreadPoolExecutor executor(1);
    submit_line = __LINE__ + 1;
    auto future = executor.submit([]() -> int { throw std::runtime_error("wrong signature"); });
    if (read) {
      try {
        future.result();
      } catch (const std::runtime_error& e) {
        log(std::string("task failed: ") + e.what());
      }
    }
  };
}

TEST(SwallowedExceptionDetectorTest, NamesTheTaskAndItsException) {
  const Result result = Dfs(FailingTask(false));
  EXPECT_EQ(result.verdict, Verdict::kBug);
  EXPECT_EQ(result.finding_counts.at(FindingKind::kSwallowedException), result.stats.executions);
  ASSERT_EQ(result.findings.size(), 1u);
  const Finding& f = result.findings[0];
  EXPECT_EQ(f.kind, FindingKind::kSwallowedException);
  EXPECT_EQ(f.summary, "the task of future-0 (submitted at swallowed_exception_test.cc:" +
                           std::to_string(submit_line) +
                           ") raised \"wrong signature\" and nobody read it");
  EXPECT_THAT(f.details[0], HasSubstr("ThreadPoolExecutor-0_0 ran the task"));
  ASSERT_EQ(f.threads.size(), 1u);
  EXPECT_EQ(result.counterexample->threads[f.threads[0]].name, "ThreadPoolExecutor-0_0");
  ASSERT_EQ(f.lines.size(), 1u);
  EXPECT_EQ(f.lines[0].line, submit_line);
  ASSERT_EQ(f.marks.size(), 1u);
  const TraceEvent& set = result.counterexample->events[f.marks[0].step - 1];
  EXPECT_EQ(set.kind, OpKind::kSet);
  EXPECT_EQ(set.value, "raised wrong signature");
  EXPECT_EQ(f.certain_at_step, static_cast<int>(result.counterexample->events.size()));
}

TEST(SwallowedExceptionDetectorTest, SilentWhenTheResultIsRead) {
  EXPECT_EQ(Dfs(FailingTask(true)).verdict, Verdict::kPass);
}

// Seed 003's loop: `tasks` tasks submitted at one line, each raising the same exception, and
// one more at another line raising another; nobody reads any future.
void LoopOfFailingTasks(int tasks) {
  ThreadPoolExecutor executor(1);
  for (int i = 0; i < tasks; ++i) {
    executor.submit([]() -> int { throw std::runtime_error("missing argument"); });
  }
  executor.submit([]() -> int { throw std::runtime_error("other"); });
}

TEST(SwallowedExceptionDetectorTest, OneFindingPerLineAndException) {
  testing::Scripted chooser({});  // Whatever thread comes first: every order swallows all.
  const Trace trace = Execution::Run([] { LoopOfFailingTasks(3); }, chooser);
  ASSERT_EQ(trace.end, EndReason::kFinished);
  std::vector<Finding> findings;
  SwallowedExceptionDetector().Inspect(trace, findings);
  ASSERT_EQ(findings.size(), 2u);
  EXPECT_THAT(findings[0].summary,
              ::testing::StartsWith("the tasks of future-0, future-1 and future-2 (submitted at "
                                    "swallowed_exception_test.cc:"));
  EXPECT_THAT(findings[0].summary,
              ::testing::EndsWith("raised \"missing argument\" and nobody read them"));
  EXPECT_EQ(findings[0].marks.size(), 3u);
  EXPECT_EQ(findings[0].objects.size(), 3u);
  EXPECT_THAT(findings[0].details[1], HasSubstr("the exceptions were swallowed"));
  EXPECT_THAT(findings[1].summary, ::testing::StartsWith("the task of future-3 "));
  EXPECT_EQ(findings[1].marks.size(), 1u);
}

}  // namespace
}  // namespace interleave
