// LostMessageDetector: items left in a queue declared to drain; not when the consumer takes
// them all, nor in a queue that was not declared.
#include "checker/detectors/lost_message.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <functional>

#include "checker/dfs.h"
#include "checker/explorer.h"
#include "model/model.h"

namespace interleave {
namespace {

using ::testing::ElementsAre;

Result Dfs(const std::function<void()>& body) {
  DfsStrategy dfs;
  return Explore("message", body, dfs, {.max_steps = 1'000, .stall_seconds = 0});
}

int put_line = 0;

// The producer puts 10 and 20; the consumer gets `gets` items.
std::function<void()> Messages(int gets, bool drained) {
  return [gets, drained] {
    Queue<int> q(0, "q");
    if (drained) q.expect_drained();
    Thread producer(
        [&q] {
          for (int item : {10, 20}) {
            put_line = __LINE__ + 1;
            q.put(item);
          }
        },
        "producer");
    Thread consumer(
        [&q, gets] {
          for (int i = 0; i < gets; ++i) q.get();
        },
        "consumer");
    producer.start();
    consumer.start();
    producer.join();
    consumer.join();
  };
}

TEST(LostMessageDetectorTest, NamesTheQueueAndThePutsLeft) {
  const Result result = Dfs(Messages(1, true));
  EXPECT_EQ(result.verdict, Verdict::kBug);
  EXPECT_EQ(result.finding_counts.at(FindingKind::kLostMessage), result.stats.executions);
  ASSERT_EQ(result.findings.size(), 1u);
  const Finding& f = result.findings[0];
  EXPECT_EQ(f.kind, FindingKind::kLostMessage);
  EXPECT_EQ(f.summary, "q still holds 1 item when the program ends, though it must be drained");
  // Steps: 1 start producer, 2 start consumer, 3 put 10, 4 put 20, 5 join producer, 6 get 10,
  // 7 join consumer: 20 is left.
  ASSERT_EQ(f.marks.size(), 1u);
  EXPECT_EQ(f.marks[0].step, 4);
  EXPECT_EQ(f.marks[0].label, "put 20: never taken (LOST)");
  EXPECT_EQ(f.details[0], "producer put 20 at step 4 (lost_message_test.cc:" +
                              std::to_string(put_line) + "), and nobody ever got it.");
  EXPECT_THAT(f.threads, ElementsAre(1));
  ASSERT_EQ(f.lines.size(), 1u);
  EXPECT_EQ(f.lines[0].line, put_line);
  EXPECT_EQ(f.certain_at_step, 7);
}

TEST(LostMessageDetectorTest, SilentWhenTheConsumerTakesEveryItem) {
  EXPECT_EQ(Dfs(Messages(2, true)).verdict, Verdict::kPass);
}

TEST(LostMessageDetectorTest, SilentWhenTheQueueNeedNotDrain) {
  EXPECT_EQ(Dfs(Messages(1, false)).verdict, Verdict::kPass);
}

}  // namespace
}  // namespace interleave
