#include "reports/gtest_front.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "checker/dpor.h"
#include "checker/minimize.h"
#include "model/model.h"
#include "reports/replay_token.h"

namespace interleave {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

// Two unlocked increments of one variable: an update can be lost.
void LostUpdate() {
  Shared<int> value("value", 0);
  auto add = [&] { value.write(value.read() + 1); };
  Thread a(add, "a");
  Thread b(add, "b");
  a.start();
  b.start();
  a.join();
  b.join();
  expect(value.read() == 2, "both increments are counted");
}

// The same under a lock: always 2.
void LockedIncrements() {
  Shared<int> value("value", 0);
  Lock lock("lock");
  auto add = [&] {
    lock.acquire();
    value.write(value.read() + 1);
    lock.release();
  };
  Thread a(add, "a");
  Thread b(add, "b");
  a.start();
  b.start();
  a.join();
  b.join();
  expect(value.read() == 2, "both increments are counted");
}

// Two locks taken in opposite orders.
void LockOrder() {
  Lock first("first");
  Lock second("second");
  Thread a(
      [&] {
        first.acquire();
        second.acquire();
        second.release();
        first.release();
      },
      "a");
  Thread b(
      [&] {
        second.acquire();
        first.acquire();
        first.release();
        second.release();
      },
      "b");
  a.start();
  b.start();
  a.join();
  b.join();
}

std::string ReadFile(const std::filesystem::path& path) {
  std::ifstream file(path);
  std::stringstream text;
  text << file.rdbuf();
  return text.str();
}

// The value after "--test_env=INTERLEAVE_REPLAY=" in a failure message, up to the line's end.
std::string ReplayValueIn(const std::string& message) {
  const std::string key = "--test_env=INTERLEAVE_REPLAY=";
  const std::size_t at = message.find(key);
  if (at == std::string::npos) return "";
  const std::size_t begin = at + key.size();
  return message.substr(begin, message.find('\n', begin) - begin);
}

// The examples' macros, as a user writes them.
INTERLEAVE_TEST(GtestFront, InterleaveTestExploresItsBody) { LockedIncrements(); }

TEST(GtestFront, ExpectMacrosTakeABodyAndOptions) {
  EXPECT_NO_BUG(LockedIncrements);
  EXPECT_NO_BUG(LockedIncrements, {.spurious_wakeups = true});
  // Options with several fields: their commas split the macro's arguments, which are passed on
  // whole.
  EXPECT_NO_BUG(LockedIncrements, {.max_executions = 100, .spurious_wakeups = true});
  EXPECT_BUG(FindingKind::kLostUpdate, LostUpdate);
  EXPECT_BUG(FindingKind::kDeadlock, [] { LockOrder(); }, {.max_executions = 1000});
}

// What a user sees when a check fails (--gtest_also_run_disabled_tests runs it).
TEST(GtestFront, DISABLED_ShowsAFailure) { EXPECT_NO_BUG(LockOrder); }

TEST(GtestFront, TestOutputsZipIsWhereBazelKeepsTheOutputs) {
  using gtest_front_internal::TestOutputsZip;
  EXPECT_EQ(TestOutputsZip("//examples:queue_test"),
            "bazel-testlogs/examples/queue_test/test.outputs/outputs.zip");
  EXPECT_EQ(TestOutputsZip("//a/b:t"), "bazel-testlogs/a/b/t/test.outputs/outputs.zip");
  EXPECT_EQ(TestOutputsZip("//:t"), "bazel-testlogs/t/test.outputs/outputs.zip");
  EXPECT_EQ(TestOutputsZip("//a/t"), "bazel-testlogs/a/t/t/test.outputs/outputs.zip");
  EXPECT_EQ(TestOutputsZip("@interleave//reports:t"),
            "bazel-testlogs/external/interleave/reports/t/test.outputs/outputs.zip");
  EXPECT_EQ(TestOutputsZip(""), "");
}

// Failures are checked through the functions the macros assert, so that this test can look at
// them; the environment of a Bazel test (outputs directory, target) is set here.
class GtestFrontFailure : public ::testing::Test {
 protected:
  void SetUp() override {
    for (const char* name : {"TEST_UNDECLARED_OUTPUTS_DIR", "TEST_TARGET", "INTERLEAVE_REPLAY"}) {
      const char* value = std::getenv(name);
      saved_.push_back({name, value == nullptr ? std::optional<std::string>()
                                               : std::optional<std::string>(value)});
    }
    dir_ = std::filesystem::path(::testing::TempDir()) / "front_outputs";
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    setenv("TEST_UNDECLARED_OUTPUTS_DIR", dir_.c_str(), 1);
    setenv("TEST_TARGET", "//pkg:t", 1);
    unsetenv("INTERLEAVE_REPLAY");
  }
  void TearDown() override {
    for (const auto& [name, value] : saved_) {
      if (value) {
        setenv(name.c_str(), value->c_str(), 1);
      } else {
        unsetenv(name.c_str());
      }
    }
  }
  std::filesystem::path dir_;
  std::vector<std::pair<std::string, std::optional<std::string>>> saved_;
};

TEST_F(GtestFrontFailure, ABugFailsWithWhereTheReportsAreAndTheReplayLine) {
  const ::testing::AssertionResult result = NoBug(LostUpdate);
  ASSERT_FALSE(result);
  const std::string message = result.message();
  EXPECT_THAT(message, HasSubstr("GtestFrontFailure.ABugFailsWithWhereTheReportsAreAndTheReplayLine"
                                 ": expected PASS, found BUG LOST UPDATE("));
  EXPECT_THAT(
      message,
      HasSubstr("\nReports: bazel-testlogs/pkg/t/test.outputs/outputs.zip (GtestFrontFailure."
                "ABugFailsWithWhereTheReportsAreAndTheReplayLine.txt, .json, .html)"));
  EXPECT_THAT(message, HasSubstr("\nReplay: bazel test //pkg:t --test_filter=GtestFrontFailure."
                                 "ABugFailsWithWhereTheReportsAreAndTheReplayLine "
                                 "--test_env=INTERLEAVE_REPLAY=v2:"));
  // The report is minimized, and its own replay line is the test's, not the CLI's.
  EXPECT_THAT(message, HasSubstr("Counterexample: "));
  EXPECT_THAT(message, Not(HasSubstr("interleave run")));
  EXPECT_THAT(message, Not(HasSubstr(dir_.string())));
  const std::string text =
      ReadFile(dir_ / "GtestFrontFailure.ABugFailsWithWhereTheReportsAreAndTheReplayLine.txt");
  EXPECT_THAT(text, HasSubstr("LOST UPDATE"));
  EXPECT_THAT(text, HasSubstr("Replay: bazel test //pkg:t"));
  // The JSON and HTML reports carry the same replay command.
  const std::string json =
      ReadFile(dir_ / "GtestFrontFailure.ABugFailsWithWhereTheReportsAreAndTheReplayLine.json");
  EXPECT_THAT(json, HasSubstr("\"replay_command\": \"bazel test //pkg:t --test_filter="));
  EXPECT_THAT(json, Not(HasSubstr("interleave run")));
  const std::string html =
      ReadFile(dir_ / "GtestFrontFailure.ABugFailsWithWhereTheReportsAreAndTheReplayLine.html");
  EXPECT_THAT(html, HasSubstr("Replay: <code>bazel test //pkg:t --test_filter="));
}

TEST_F(GtestFrontFailure, AWrongKindOrAPassFailsAnExpectedBug) {
  const ::testing::AssertionResult wrong_kind = Bug(FindingKind::kDeadlock, LostUpdate);
  ASSERT_FALSE(wrong_kind);
  EXPECT_THAT(wrong_kind.message(),
              HasSubstr("AWrongKindOrAPassFailsAnExpectedBug: expected BUG (DEADLOCK), found BUG"));
  const ::testing::AssertionResult pass = Bug(FindingKind::kLostUpdate, LockedIncrements);
  ASSERT_FALSE(pass);
  EXPECT_THAT(pass.message(), HasSubstr("(check 2): expected BUG (LOST UPDATE), found PASS"));
}

TEST_F(GtestFrontFailure, NoBugNeedsAnExhaustiveSearch) {
  const ::testing::AssertionResult incomplete = NoBug(LockedIncrements, {.max_executions = 1});
  ASSERT_FALSE(incomplete);
  EXPECT_THAT(incomplete.message(), HasSubstr("expected PASS, found INCOMPLETE"));
  EXPECT_THAT(incomplete.message(), Not(HasSubstr("Replay:")));
}

// The replay line's token, run as the line says (INTERLEAVE_REPLAY), reproduces the finding.
// Here it is the test's second check, so the value is "2@TOKEN", as the second check prints.
TEST_F(GtestFrontFailure, TheReplayLinesTokenReproducesTheFinding) {
  const ::testing::AssertionResult first = NoBug(LostUpdate);
  ASSERT_FALSE(first);
  const std::string token = ReplayValueIn(first.message());
  ASSERT_THAT(token, HasSubstr("v2:"));
  setenv("INTERLEAVE_REPLAY", ("2@" + token).c_str(), 1);
  const ::testing::AssertionResult replayed = NoBug(LostUpdate);
  ASSERT_FALSE(replayed) << "a replay always fails, with the finding's report";
  EXPECT_THAT(replayed.message(), HasSubstr("INTERLEAVE_REPLAY is set: replayed: LOST UPDATE "
                                            "confirmed at step "));
  EXPECT_THAT(replayed.message(), HasSubstr("BUG  GtestFrontFailure."));
  EXPECT_THAT(replayed.message(), HasSubstr("--test_env=INTERLEAVE_REPLAY=2@v2:"));
  // A third check is not the one the token was printed for: it searches as usual.
  EXPECT_TRUE(NoBug(LockedIncrements));
}

// A plain token (as the first check prints it) replays the test's first check.
TEST_F(GtestFrontFailure, APlainTokenReplaysTheFirstCheck) {
  DporStrategy dpor;
  Result result = Explore("lost", LostUpdate, dpor);
  MinimizeCounterexample(LostUpdate, {}, result);
  setenv("INTERLEAVE_REPLAY", ReplayTokenText(result).c_str(), 1);
  const ::testing::AssertionResult replayed = NoBug(LostUpdate);
  ASSERT_FALSE(replayed);
  EXPECT_THAT(replayed.message(), HasSubstr("replayed: LOST UPDATE confirmed at step "));
  EXPECT_THAT(replayed.message(), HasSubstr("\nReports: bazel-testlogs/pkg/t/"));
}

TEST_F(GtestFrontFailure, AStaleOrMalformedTokenIsAClearFailure) {
  DporStrategy dpor;
  Result result = Explore("lost", LostUpdate, dpor);
  setenv("INTERLEAVE_REPLAY", ReplayTokenText(result).c_str(), 1);
  const ::testing::AssertionResult stale = Bug(FindingKind::kDeadlock, LockOrder);
  ASSERT_FALSE(stale);
  EXPECT_THAT(stale.message(), HasSubstr("stale replay token"));
  EXPECT_THAT(stale.message(), HasSubstr("run the test without INTERLEAVE_REPLAY"));

  setenv("INTERLEAVE_REPLAY", "2@v2:zz!", 1);
  const ::testing::AssertionResult malformed = Bug(FindingKind::kDeadlock, LockOrder);
  ASSERT_FALSE(malformed);
  EXPECT_THAT(malformed.message(), HasSubstr("the token is malformed"));
}

}  // namespace
}  // namespace interleave
