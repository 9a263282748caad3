// The spin-loop rule (Execution::AtomicLoad/AtomicUpdate, model/spin_frame.h) in scenario code
// built with optimization (this test's BUILD rule compiles it with -O2, as `interleave` is built):
// its judgement that an iteration changed nothing must be the same in every run of a schedule, so a
// search that replays an execution (checker/explorer.cc) gets the same execution back.
#include "model/spin_frame.h"

#include <gtest/gtest.h>

#include <string>

#include "checker/dpor.h"
#include "checker/explorer.h"
#include "model/model.h"
#include "model/testing/weak_programs.h"

namespace interleave {
namespace {

using testing::CasSpinlockDeadlock;

// Two CAS spinlocks taken in opposite orders: the threads spin forever, a DEADLOCK, in every
// search. Before the runtime zeroed its scratch registers on return (INTERLEAVE_ZERO_SCRATCH_
// ON_RETURN), GCC -O2 spilled them into the spinning lambda's frame: a re-run of an execution
// judged the spin otherwise and the search ended in ERROR "the scenario is not deterministic".
// Several searches in one process: the heap and the pooled fiber stacks differ between them.
TEST(SpinFrameTest, OptimizedSpinlockDeadlockIsFoundEveryTime) {
  if (!INTERLEAVE_HAS_SPIN_FRAME) GTEST_SKIP() << "no spin-loop rule on this target";
  int64_t executions = -1;
  for (int search = 0; search < 4; ++search) {
    DporStrategy dpor;
    const Result result = Explore("spinlocks", CasSpinlockDeadlock, dpor);
    ASSERT_EQ(result.verdict, Verdict::kBug) << "search " << search << ": " << result.error;
    ASSERT_TRUE(result.HasFinding(FindingKind::kDeadlock)) << "search " << search;
    EXPECT_TRUE(result.error.empty()) << result.error;
    // The same search each time.
    if (executions >= 0) {
      EXPECT_EQ(result.stats.executions, executions) << "search " << search;
    }
    executions = result.stats.executions;
  }
}

// Soundness: a loop whose iterations change state (a counter, in a register or on the stack
// under -O2) is no spin: it gives up after three tries, and no execution is a deadlock.
TEST(SpinFrameTest, ABoundedRetryLoopIsNotASpin) {
  DporStrategy dpor;
  const Result result = Explore(
      "bounded_retry",
      [] {
        Atomic<int> lock("lock", 1);  // Held for good.
        Thread t(
            [&lock] {
              for (int tries = 0; tries < 3; ++tries) {
                int expected = 0;
                if (lock.compare_exchange_strong(expected, 1, std::memory_order_acquire)) return;
              }
            },
            "T");
        t.start();
        t.join();
      },
      dpor);
  EXPECT_EQ(result.verdict, Verdict::kPass) << result.error;
  EXPECT_FALSE(result.HasFinding(FindingKind::kDeadlock));
}

}  // namespace
}  // namespace interleave
