#include <gtest/gtest.h>
TEST(FutureTest, Placeholder) {}
