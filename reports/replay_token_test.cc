#include "reports/replay_token.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace interleave {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

TEST(ReplayTokenTest, RoundTripsSchedules) {
  const std::vector<std::vector<ThreadId>> schedules = {
      {}, {0}, {0, 1, 2, 1}, {1, 1, 1, 1, 1, 1, 0}, {35, 36, 100, 100, 100, 100, 2}};
  for (const auto& schedule : schedules) {
    std::string error;
    const auto decoded = DecodeReplayToken(EncodeReplayToken(schedule), &error);
    ASSERT_TRUE(decoded.has_value()) << error;
    EXPECT_EQ(*decoded, schedule);
  }
}

TEST(ReplayTokenTest, WritesRunsOnlyWhenShorter) {
  EXPECT_EQ(EncodeReplayToken({0, 1, 1, 2}), "v1:0112");
  EXPECT_EQ(EncodeReplayToken({1, 1, 1, 1, 1, 0}), "v1:1_5.0");
  EXPECT_EQ(EncodeReplayToken({36}), "v1:{36}");
}

TEST(ReplayTokenTest, DecodesRunsAndLargeIds) {
  std::string error;
  EXPECT_THAT(*DecodeReplayToken("v1:a_3.{40}0", &error), ElementsAre(10, 10, 10, 40, 0));
}

TEST(ReplayTokenTest, RejectsMalformedTokens) {
  for (const char* token : {"", "v2:01", "01", "v1:0A", "v1:{12", "v1:{}", "v1:1_", "v1:1_0.",
                            "v1:1_3", "v1:1*3.", "v1:0-1"}) {
    std::string error;
    EXPECT_FALSE(DecodeReplayToken(token, &error).has_value()) << token;
    EXPECT_THAT(error, HasSubstr("malformed replay token")) << token;
  }
}

}  // namespace
}  // namespace interleave
