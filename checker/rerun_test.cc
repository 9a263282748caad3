#include "checker/rerun.h"

#include <gtest/gtest.h>

#include "model/trace.h"

namespace interleave {
namespace {

Trace OneRead(const std::string& value, bool stack_value) {
  Trace trace;
  trace.threads.push_back(ThreadInfo{.name = "Thread-1"});
  trace.objects.push_back(ObjectInfo{.kind = ObjectKind::kShared, .name = "Thread-1 stack-0x320"});
  trace.events.emplace_back(1, 0, 0, OpKind::kRead, value);
  trace.events.back().stack_value = stack_value;
  return trace;
}

TEST(FirstDifferenceTest, ADifferentValueReadIsADifference) {
  EXPECT_NE(FirstDifference(OneRead("4", false), OneRead("5", false)), "");
}

// A read of the thread's own stack may hold bytes no store of the execution wrote (padding):
// its value is not compared, the operation is.
TEST(FirstDifferenceTest, AStackValueIsNotCompared) {
  EXPECT_EQ(FirstDifference(OneRead("4", true), OneRead("&heap+0x24000004", true)), "");
  Trace other = OneRead("4", true);
  other.events.back().kind = OpKind::kWrite;
  EXPECT_NE(FirstDifference(OneRead("4", true), other), "");
}

}  // namespace
}  // namespace interleave
