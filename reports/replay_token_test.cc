#include "reports/replay_token.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <set>

#include "checker/dpor.h"
#include "checker/explorer.h"
#include "scenarios/registry.h"

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
  for (const char* token : {"",
                            "v3:01",
                            "01",
                            "v1:0A",
                            "v1:{12",
                            "v1:{}",
                            "v1:1_",
                            "v1:1_0.",
                            "v1:1_3",
                            "v1:1*3.",
                            "v1:0-1",
                            "v2:01",
                            "v2:01-",
                            "v2:0A--",
                            "v2:01-XX3-",
                            "v2:01-LU-",
                            "v2:01-LU3x-",
                            "v2:01-LU3-r",
                            "v2:01-LU3-r!",
                            "v2:01-LU3-?0",
                            "v2:01-LU3-r0-"}) {
    std::string error;
    EXPECT_FALSE(DecodeReplayToken(token, &error).has_value()) << token;
    EXPECT_THAT(error, HasSubstr("malformed replay token")) << token;
  }
}

TEST(ReplayTokenTest, V2CarriesTheFindingAndAStepCheckPerStep) {
  ReplayToken token;
  token.schedule = {0, 1, 1, 1, 1, 1, 36};
  token.kind = FindingKind::kLostWakeup;
  token.certain_at_step = 3;
  token.steps = {{OpKind::kStart, 0}, {OpKind::kRead, 35}, {OpKind::kNotify, 61}};
  const std::string text = EncodeReplayTokenV2(token);
  EXPECT_EQ(text, "v2:01_5.{36}-LW3-s0rZnz");
  std::string error;
  const auto parsed = ParseReplayToken(text, &error);
  ASSERT_TRUE(parsed.has_value()) << error;
  EXPECT_EQ(parsed->version, 2);
  EXPECT_EQ(parsed->schedule, token.schedule);
  EXPECT_EQ(parsed->kind, FindingKind::kLostWakeup);
  EXPECT_EQ(parsed->certain_at_step, 3);
  EXPECT_EQ(parsed->steps, token.steps);
  EXPECT_EQ(*DecodeReplayToken(text, &error), token.schedule);

  // No finding: the middle part is empty.
  token.kind.reset();
  const auto bare = ParseReplayToken(EncodeReplayTokenV2(token), &error);
  ASSERT_TRUE(bare.has_value()) << error;
  EXPECT_FALSE(bare->kind.has_value());
}

// An execution of no step (an exec program whose main returns 1 before any) has a token too:
// its step checks are the mark "0", which a token cut off after its second '-' lacks.
TEST(ReplayTokenTest, AnExecutionOfNoStepHasAToken) {
  ReplayToken token;
  token.kind = FindingKind::kInvariant;
  token.certain_at_step = 0;
  const std::string text = EncodeReplayTokenV2(token);
  EXPECT_EQ(text, "v2:-IN0-0");
  std::string error;
  const auto parsed = ParseReplayToken(text, &error);
  ASSERT_TRUE(parsed.has_value()) << error;
  EXPECT_TRUE(parsed->schedule.empty());
  EXPECT_TRUE(parsed->steps.empty());
  EXPECT_EQ(parsed->kind, FindingKind::kInvariant);
  EXPECT_FALSE(ParseReplayToken("v2:-IN0-", &error).has_value());
  EXPECT_THAT(error, HasSubstr("its step checks are missing"));
}

// A token is accepted only whole: cut off (no step checks, half a check, fewer checks than its
// finding's step) or run on to another token, it is refused with the reason.
TEST(ReplayTokenTest, RejectsCutOffAndConcatenatedTokens) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"v2:01110110-HX14-", "its step checks are missing"},
      {"v2:01-LU3-r0w", "the last is alone"},
      {"v2:01-LU3-r0w1", "its finding became certain at step 3, but it checks 2 steps"},
      {"v2:01-LU2-r0w1v2:01-LU2-r0w1", "a second token starts at position 14"},
      {"v2:01-LU2-r0w1-v2:01-LU2-r0w1", "a second token starts"},
      {"v1:0101v1:0101", "a second token starts at position 7"},
      {"v2:01-LU2-r0w1-r0", "this one has more"},
  };
  for (const auto& [token, why] : cases) {
    std::string error;
    EXPECT_FALSE(ParseReplayToken(token, &error).has_value()) << token;
    EXPECT_THAT(error, HasSubstr(why)) << token;
  }
  std::string error;
  EXPECT_TRUE(ParseReplayToken("v2:01-LU2-r0w1", &error).has_value()) << error;
  EXPECT_TRUE(ParseReplayToken("v2:01--r0w1", &error).has_value()) << error;
  // A long token is quoted in part.
  const std::string long_token = "v2:" + std::string(10'000, '0') + "x";
  ParseReplayToken(long_token, &error);
  EXPECT_LT(error.size(), 250u) << error;
}

TEST(ReplayTokenTest, ReadsATokenCopiedFromLinesAReportCutItInto) {
  ReplayToken token;
  token.schedule = {0, 1, 1, 0, 2};
  token.kind = FindingKind::kLostUpdate;
  token.certain_at_step = 2;
  token.steps = {{OpKind::kRead, 3}, {OpKind::kWrite, 17}};
  const std::string text = EncodeReplayTokenV2(token);
  // As WrapCommand cuts it (backslash-newline), with the next line's indent, joined by hand
  // with a space, or with a Windows line end.
  for (const std::string& copied :
       {text.substr(0, 5) + "\\\n" + text.substr(5),
        text.substr(0, 5) + "\\\n    " + text.substr(5), text.substr(0, 5) + " " + text.substr(5),
        text.substr(0, 5) + "\\\r\n" + text.substr(5), "  " + text + "\n"}) {
    std::string error;
    const std::optional<ReplayToken> parsed = ParseReplayToken(copied, &error);
    ASSERT_TRUE(parsed.has_value()) << copied << ": " << error;
    EXPECT_EQ(parsed->schedule, token.schedule);
    EXPECT_EQ(parsed->kind, token.kind);
    EXPECT_EQ(parsed->steps.size(), 2u);
  }
  // What is left must still be a token.
  std::string error;
  EXPECT_FALSE(ParseReplayToken(text.substr(0, 5) + "\\\n?" + text.substr(5), &error));
  EXPECT_THAT(error, HasSubstr("malformed replay token"));
}

TEST(ReplayTokenTest, V1IsStillReadWithNothingToConfirm) {
  std::string error;
  const auto parsed = ParseReplayToken("v1:00011112_8.", &error);
  ASSERT_TRUE(parsed.has_value()) << error;
  EXPECT_EQ(parsed->version, 1);
  EXPECT_EQ(parsed->schedule, std::vector<ThreadId>({0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 2, 2, 2, 2}));
  EXPECT_FALSE(parsed->kind.has_value());
  EXPECT_TRUE(parsed->steps.empty());
}

TEST(ReplayTokenTest, EveryFindingKindHasItsOwnCode) {
  std::set<std::string_view> codes;
  for (int k = 0; k <= static_cast<int>(FindingKind::kInvariant); ++k) {
    const auto kind = static_cast<FindingKind>(k);
    const std::string_view code = FindingKindCode(kind);
    EXPECT_EQ(code.size(), 2u);
    EXPECT_EQ(FindingKindFromCode(code), kind);
    codes.insert(code);
  }
  EXPECT_EQ(codes.size(), static_cast<size_t>(FindingKind::kInvariant) + 1);
}

TEST(ReplayTokenTest, TheTokenOfACounterexampleNamesItsMainFinding) {
  const Scenario& scenario = *FindScenario("lost_update");
  DporStrategy dpor;
  const Result result = Explore(scenario.name, scenario.Bind(), dpor);
  std::string error;
  const auto token = ParseReplayToken(ReplayTokenText(result), &error);
  ASSERT_TRUE(token.has_value()) << error;
  EXPECT_EQ(token->schedule, result.counterexample->Schedule());
  EXPECT_EQ(token->kind, FindingKind::kLostUpdate);
  EXPECT_EQ(token->certain_at_step, result.findings.front().certain_at_step);
  EXPECT_EQ(token->steps, StepChecks(*result.counterexample));
}

}  // namespace
}  // namespace interleave
