#include "model/vector_clock.h"

#include <gtest/gtest.h>

namespace interleave {
namespace {

TEST(VectorClockTest, TickAndJoin) {
  VectorClock a;
  a.Tick(0);
  a.Tick(0);
  VectorClock b;
  b.Tick(2);
  EXPECT_TRUE(a.ConcurrentWith(b));
  b.Join(a);
  EXPECT_EQ(b.ToString(), "[2,0,1]");
  EXPECT_TRUE(a.LessOrEqual(b));
  EXPECT_FALSE(b.LessOrEqual(a));
  EXPECT_FALSE(a.ConcurrentWith(b));
}

TEST(VectorClockTest, ManyThreadsGoPastTheInlineEntries) {
  VectorClock a;
  a.Tick(12);
  a.Tick(1);
  VectorClock b;
  b.Tick(3);
  b.Join(a);
  EXPECT_EQ(b.ToString(), "[0,1,0,1,0,0,0,0,0,0,0,0,1]");
  EXPECT_TRUE(a.LessOrEqual(b));
  EXPECT_FALSE(b.LessOrEqual(a));
  VectorClock c = b;
  c.Tick(12);
  EXPECT_TRUE(b.LessOrEqual(c));
  EXPECT_FALSE(c == b);
  EXPECT_EQ(c.Get(12), 2u);
  EXPECT_EQ(c.Get(40), 0u);
}

TEST(VectorClockTest, MissingEntriesAreZero) {
  VectorClock a;
  VectorClock b;
  b.Tick(3);
  EXPECT_TRUE(a.LessOrEqual(b));
  EXPECT_EQ(a.Get(5), 0u);
  VectorClock c;
  c.Tick(3);
  EXPECT_EQ(b, c);
}

}  // namespace
}  // namespace interleave
