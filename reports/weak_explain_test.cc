// ExplainWeakMemory on the counterexamples of the classic weak-memory shapes: which store each
// atomic read read, which reads are weak, why, and what would forbid them.
#include "reports/weak_explain.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <functional>
#include <string>

#include "checker/dpor.h"
#include "checker/explorer.h"
#include "model/testing/weak_programs.h"

namespace interleave {
namespace {

using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;

Result Search(const std::function<void()>& body, MemoryModel model = MemoryModel::kRc11) {
  DporStrategy dpor;
  return Explore("weak", body, dpor, ExploreOptions{.memory_model = model});
}

// The weak reads of a notes, in step order.
std::vector<ReadExplanation> WeakReads(const WeakMemoryNotes& notes) {
  std::vector<ReadExplanation> weak;
  for (const auto& [step, read] : notes.reads) {
    if (read.weak) weak.push_back(read);
  }
  return weak;
}

TEST(WeakExplainTest, StoreBufferingBothLoadsMissTheOtherStore) {
  const Result result = Search(testing::StoreBufferingRelaxed);
  ASSERT_EQ(result.verdict, Verdict::kBug);
  const Trace& trace = *result.counterexample;
  const WeakMemoryNotes notes = ExplainWeakMemory(trace);
  ASSERT_TRUE(notes.annotate);
  EXPECT_EQ(notes.reads.size(), 2u);
  const std::vector<ReadExplanation> weak = WeakReads(notes);
  ASSERT_GE(weak.size(), 1u);
  for (const ReadExplanation& read : weak) {
    EXPECT_EQ(read.reads_from, kInitialValue);
    EXPECT_EQ(read.source, "from the initial value");
    ASSERT_EQ(read.newer.size(), 1u);
    EXPECT_THAT(read.why, HasSubstr("no happens-before from step " + std::to_string(read.newer[0]) +
                                    " to this load"));
    EXPECT_THAT(read.why, HasSubstr("a relaxed store and a relaxed load"));
  }
  // Both loads read 0: the second one missed a store that ran before it; store buffering.
  const ReadExplanation& last = weak.back();
  EXPECT_THAT(last.why, HasSubstr("store buffering"));
  EXPECT_THAT(last.forbid, HasSubstr("seq_cst on both stores and both loads"));
  EXPECT_THAT(last.forbid, HasSubstr("or a seq_cst fence between each thread's store and load"));
}

TEST(WeakExplainTest, MessagePassingNamesTheMissingReleaseAndAcquire) {
  const Result result = Search(testing::MessagePassingRelaxed);
  ASSERT_EQ(result.verdict, Verdict::kBug);
  const Trace& trace = *result.counterexample;
  const std::vector<ReadExplanation> weak = WeakReads(ExplainWeakMemory(trace));
  ASSERT_EQ(weak.size(), 1u);
  const ReadExplanation& read = weak[0];
  const TraceEvent& load = trace.events[read.step - 1];
  EXPECT_EQ(trace.objects[load.object].name, "data");
  EXPECT_EQ(read.source, "from the initial value");
  const int store = read.newer[0];
  EXPECT_THAT(read.why, HasSubstr("not from step " + std::to_string(store) +
                                  " (A's store data = 1): no happens-before"));
  EXPECT_THAT(read.why, HasSubstr("is relaxed with no release fence before it"));
  EXPECT_THAT(read.why, HasSubstr("is relaxed with no acquire fence after it"));
  EXPECT_THAT(read.forbid, ::testing::StartsWith("make step "));
  EXPECT_THAT(read.forbid, HasSubstr(" a release store (or put a release fence between steps "));
  EXPECT_THAT(read.forbid, HasSubstr(" an acquire load (or put an acquire fence between steps "));
  EXPECT_THAT(read.forbid,
              ::testing::EndsWith(": step " + std::to_string(store) + " then happens before step " +
                                  std::to_string(read.step)));
}

// An unmodified program's atomic words are shared objects (instrumented/ names words, not
// types); their modification order marks them atomic, and the explanation is the same.
TEST(WeakExplainTest, SharedObjectsWithAModificationOrderAreAtomic) {
  const Result result = Search(testing::MessagePassingRelaxed);
  ASSERT_EQ(result.verdict, Verdict::kBug);
  Trace trace = *result.counterexample;
  const std::vector<ReadExplanation> typed = WeakReads(ExplainWeakMemory(trace));
  for (ObjectInfo& object : trace.objects) {
    if (object.kind == ObjectKind::kAtomic) object.kind = ObjectKind::kShared;
  }
  const std::vector<ReadExplanation> words = WeakReads(ExplainWeakMemory(trace));
  ASSERT_EQ(typed.size(), 1u);
  ASSERT_EQ(words.size(), 1u);
  EXPECT_EQ(words[0].step, typed[0].step);
  EXPECT_EQ(words[0].why, typed[0].why);
  EXPECT_EQ(words[0].forbid, typed[0].forbid);
}

TEST(WeakExplainTest, MessagePassingWithAReleaseStoreAsksOnlyForTheAcquire) {
  const Result result = Search(testing::MessagePassingReleaseOnly);
  ASSERT_EQ(result.verdict, Verdict::kBug);
  const std::vector<ReadExplanation> weak = WeakReads(ExplainWeakMemory(*result.counterexample));
  ASSERT_EQ(weak.size(), 1u);
  EXPECT_THAT(weak[0].forbid, Not(HasSubstr("release")));
  EXPECT_THAT(weak[0].forbid, ::testing::StartsWith("make step "));
  EXPECT_THAT(weak[0].forbid, HasSubstr(" an acquire load (or put an acquire fence"));
}

TEST(WeakExplainTest, SeqCstOnlyAndScTracesAreNotAnnotated) {
  const Result sc = Search([] { testing::StoreBufferingWith(std::memory_order_seq_cst); });
  EXPECT_EQ(sc.verdict, Verdict::kPass);
  const Result under_sc = Search(testing::StoreBufferingRelaxed, MemoryModel::kSc);
  EXPECT_EQ(under_sc.verdict, Verdict::kPass);
  // A trace of a seq_cst program: no annotations.
  Trace trace;
  trace.objects.push_back({.kind = ObjectKind::kAtomic, .name = "x"});
  trace.objects[0].modification_order = {0};
  TraceEvent load;
  load.step = 1;
  load.thread = 0;
  load.object = 0;
  load.kind = OpKind::kRead;
  load.order = MemoryOrder::kSeqCst;
  load.reads_from = 0;
  trace.events.push_back(load);
  EXPECT_FALSE(ExplainWeakMemory(trace).annotate);
  trace.events[0].order = MemoryOrder::kRelaxed;
  EXPECT_TRUE(ExplainWeakMemory(trace).annotate);
  trace.memory_model = MemoryModel::kSc;
  EXPECT_FALSE(ExplainWeakMemory(trace).annotate);
}

TEST(WeakExplainTest, ModificationOrderShownWhenItDiffersFromExecutionOrder) {
  Trace trace;
  trace.threads.push_back({.name = "A"});
  trace.threads.push_back({.name = "B"});
  trace.objects.push_back({.kind = ObjectKind::kAtomic, .name = "x"});
  trace.objects[0].modification_order = {0, 2, 1};
  for (int step = 1; step <= 2; ++step) {
    TraceEvent store;
    store.step = step;
    store.thread = step - 1;
    store.object = 0;
    store.kind = OpKind::kWrite;
    store.value = std::to_string(step);
    store.order = MemoryOrder::kRelaxed;
    trace.events.push_back(store);
  }
  const WeakMemoryNotes notes = ExplainWeakMemory(trace);
  ASSERT_EQ(notes.modification_orders.count(0), 1u);
  EXPECT_EQ(notes.modification_orders.at(0),
            "x: the initial value, step 2 (B: x = 2), step 1 (A: x = 1) (not the order the "
            "stores ran)");
  EXPECT_THAT(WeakReads(notes), IsEmpty());
  EXPECT_EQ(StoreText(trace, 2), "B's store x = 2");
  EXPECT_EQ(StoreText(trace, kInitialValue), "the initial value");
}

// A release fence between the data and the flag already orders the store side: the advice asks
// only for the acquire, and the fence is a step of the trace.
TEST(WeakExplainTest, AReleaseFenceLeavesOnlyTheAcquireMissing) {
  auto body = [] {
    Atomic<int> data("data", 0);
    Atomic<int> flag("flag", 0);
    int r1 = -1;
    int r2 = -1;
    Thread a(
        [&] {
          data.store(1, std::memory_order_relaxed);
          atomic_fence(std::memory_order_release);
          flag.store(1, std::memory_order_relaxed);
        },
        "A");
    Thread b(
        [&] {
          r1 = flag.load(std::memory_order_relaxed);
          r2 = data.load(std::memory_order_relaxed);
        },
        "B");
    a.start();
    b.start();
    a.join();
    b.join();
    expect(r1 == 0 || r2 == 1, "the flag publishes the data");
  };
  const Result result = Search(body);
  ASSERT_EQ(result.verdict, Verdict::kBug);
  const Trace& trace = *result.counterexample;
  int fences = 0;
  for (const TraceEvent& event : trace.events) {
    if (event.kind == OpKind::kFence) {
      ++fences;
      EXPECT_EQ(trace.Describe(event), "fence release");
    }
  }
  EXPECT_EQ(fences, 1);
  const std::vector<ReadExplanation> weak = WeakReads(ExplainWeakMemory(trace));
  ASSERT_EQ(weak.size(), 1u);
  EXPECT_THAT(weak[0].why, Not(HasSubstr("no release fence")));
  EXPECT_THAT(weak[0].why, HasSubstr("is relaxed with no acquire fence after it"));
  EXPECT_THAT(weak[0].forbid, ::testing::StartsWith("make step "));
  EXPECT_THAT(weak[0].forbid, Not(HasSubstr("release")));
}

}  // namespace
}  // namespace interleave
