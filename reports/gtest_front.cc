#include "reports/gtest_front.h"

#include <cstdlib>
#include <fstream>
#include <optional>
#include <string_view>
#include <utility>

#include "checker/dpor.h"
#include "checker/minimize.h"
#include "checker/replay.h"
#include "reports/gtest_report.h"
#include "reports/json_report.h"
#include "reports/replay_token.h"
#include "reports/text_report.h"

namespace interleave {
namespace {

std::string Env(const char* name) {
  const char* value = std::getenv(name);
  return value == nullptr ? "" : value;
}

// Bazel's test sharding (shard_count = n): Bazel gives each shard TEST_SHARD_INDEX and
// TEST_TOTAL_SHARDS, and its test-setup.sh exports them as GTEST_SHARD_INDEX and
// GTEST_TOTAL_SHARDS too, so that GoogleTest would run each test in one shard only. An
// interleave check splits its search instead: every shard runs every test, each the part of
// every search that the shard's index names (ExploreOptions::part). So, before main (and
// RUN_ALL_TESTS, which reads them): GoogleTest's sharding variables are removed, and the
// shard status file is touched, which tells Bazel that the test knows about sharding.
struct ShardSetup {
  ShardSetup() {
    const char* total = std::getenv("TEST_TOTAL_SHARDS");
    if (total == nullptr || std::atoi(total) <= 1) return;
    unsetenv("GTEST_SHARD_INDEX");
    unsetenv("GTEST_TOTAL_SHARDS");
    if (const char* status = std::getenv("TEST_SHARD_STATUS_FILE"); status && *status) {
      std::ofstream touch(status, std::ios::app);
    }
  }
};
const ShardSetup kShardSetup;

// This shard's part of each search: {index, total}; {0, 1} when the test is not sharded. A
// malformed pair (an index outside 0..total-1) is not a shard.
std::pair<int, int> Shard() {
  const std::string total_text = Env("TEST_TOTAL_SHARDS");
  const std::string index_text = Env("TEST_SHARD_INDEX");
  if (total_text.empty() || index_text.empty()) return {0, 1};
  const int total = std::atoi(total_text.c_str());
  const int index = std::atoi(index_text.c_str());
  if (total <= 1 || index < 0 || index >= total) return {0, 1};
  return {index, total};
}

// The current test's "Suite.Name" (a check outside a test: "interleave_check"), and which of
// its checks this one is (1 for the first): the index counts checks since the test began.
struct CheckId {
  std::string test;
  int index = 1;
};

CheckId NextCheck() {
  const ::testing::TestInfo* info = ::testing::UnitTest::GetInstance()->current_test_info();
  if (info == nullptr) return {"interleave_check", 1};
  // The count is a property of the test's result, which GoogleTest clears when the test runs
  // again (--gtest_repeat): the first check of every run is check 1.
  static constexpr char kKey[] = "interleave_checks";
  int count = 0;
  const ::testing::TestResult& result = *info->result();
  for (int i = 0; i < result.test_property_count(); ++i) {
    if (std::string_view(result.GetTestProperty(i).key()) == kKey) {
      count = std::atoi(result.GetTestProperty(i).value());
    }
  }
  ::testing::Test::RecordProperty(kKey, ++count);
  return {std::string(info->test_suite_name()) + "." + info->name(), count};
}

// The value of INTERLEAVE_REPLAY that replays `result`'s counterexample as check `index`.
std::string ReplayValue(const Result& result, int index) {
  const std::string token = ReplayTokenText(result);
  return index == 1 ? token : std::to_string(index) + "@" + token;
}

// The token in $INTERLEAVE_REPLAY meant for check `index`, if any ("K@TOKEN" for check K, a
// plain token for the first).
std::optional<std::string> ReplayRequest(int index) {
  std::string value = Env("INTERLEAVE_REPLAY");
  if (value.empty()) return std::nullopt;
  int wanted = 1;
  if (const std::size_t at = value.find('@'); at != std::string::npos) {
    const std::string prefix = value.substr(0, at);
    if (prefix.empty() || prefix.find_first_not_of("0123456789") != std::string::npos ||
        prefix.size() > 6) {
      return value;  // Malformed: the token parser says so.
    }
    wanted = std::stoi(prefix);
    value = value.substr(at + 1);
  }
  if (wanted != index) return std::nullopt;
  return value;
}

// The failure's lines after its headline: where the reports are, the replay line, the report.
void AppendReports(::testing::AssertionResult& failure, const Result& result, const CheckId& id,
                   const std::string& replay_line) {
  const std::string text = RenderText(result, {.replay_command = replay_line});
  const std::string label = id.index == 1 ? "" : std::to_string(id.index);
  const std::string file = result.scenario + (label.empty() ? "" : "_" + label);
  if (WriteTestReports(result, label, replay_line)) {
    const std::string zip = gtest_front_internal::TestOutputsZip(Env("TEST_TARGET"));
    if (!zip.empty()) {
      failure << "\nReports: " << zip << " (" << file << ".txt, .json, .html)";
    } else {
      failure << "\nReports: " << Env("TEST_UNDECLARED_OUTPUTS_DIR") << "/" << file
              << ".txt, .json, .html";
    }
  }
  if (!replay_line.empty() && result.counterexample) failure << "\nReplay: " << replay_line;
  failure << "\n\n" << text;
}

::testing::AssertionResult Replay(const std::function<void()>& body, const ExploreOptions& options,
                                  const CheckId& id, const std::string& value) {
  ::testing::AssertionResult failure = ::testing::AssertionFailure();
  failure << id.test << ": INTERLEAVE_REPLAY is set: ";
  const std::string value_text = id.index == 1 ? value : std::to_string(id.index) + "@" + value;
  std::string error;
  const std::optional<ReplayToken> token = ParseReplayToken(value, &error);
  if (!token) {
    return failure << "the token is malformed: " << error
                   << " (run the test without INTERLEAVE_REPLAY for a fresh one)";
  }
  ReplayStrategy strategy(token->schedule, token->steps, token->plain_accesses_inline,
                          token->releases_inline);
  Result result = Explore(id.test, body, strategy, options);
  result.settings["strategy"] = "replay";
  if (result.verdict == Verdict::kError && result.error.starts_with("stale replay token")) {
    failure << result.error << " (the token does not fit " << id.test
            << " as it is now; run the test without INTERLEAVE_REPLAY for a fresh one)";
    return failure;
  }
  if (token->kind) {
    const ReplayConfirmation confirmation =
        ConfirmFinding(result, *token->kind, token->certain_at_step);
    failure << confirmation.message;
  } else {
    failure << "replayed one interleaving, " << VerdictName(result.verdict);
  }
  AppendReports(failure, result, id, gtest_front_internal::ReplayLine(id.test, value_text));
  return failure;
}

}  // namespace

namespace gtest_front_internal {

std::string TestOutputsZip(const std::string& test_target) {
  if (test_target.empty()) return "";
  std::string label = test_target;
  std::string prefix;
  if (label.starts_with("@")) {  // "@repo//pkg:t": kept under external/repo.
    const std::size_t slashes = label.find("//");
    if (slashes == std::string::npos) return "";
    prefix = "external/" + label.substr(1, slashes - 1) + "/";
    label = label.substr(slashes);
  }
  if (label.starts_with("//")) label = label.substr(2);
  std::string package = label;
  std::string target = label;
  if (const std::size_t colon = label.find(':'); colon != std::string::npos) {
    package = label.substr(0, colon);
    target = label.substr(colon + 1);
  } else {
    target = label.substr(label.rfind('/') + 1);
  }
  std::string path = "bazel-testlogs/" + prefix + package;
  if (!package.empty()) path += "/";
  return path + target + "/test.outputs/outputs.zip";
}

std::string ReplayLine(const std::string& test_name, const std::string& token) {
  const std::string target = Env("TEST_TARGET");
  if (!target.empty()) {
    return "bazel test " + target + " --test_filter=" + test_name +
           " --test_env=INTERLEAVE_REPLAY=" + token;
  }
  return "INTERLEAVE_REPLAY=" + token + " <this test binary> --gtest_filter=" + test_name;
}

}  // namespace gtest_front_internal

::testing::AssertionResult CheckInterleavings(const std::function<void()>& body,
                                              const Expectation& expected,
                                              const ExploreOptions& options) {
  const CheckId id = NextCheck();
  if (const std::optional<std::string> token = ReplayRequest(id.index)) {
    return Replay(body, options, id, *token);
  }
  // A sharded test (Bazel's shard_count): a check that must PASS explores this shard's part
  // of its search; the test passes only when every shard's part passes, each exhaustive over
  // its part. A check that expects a bug needs the whole search to say which kinds it finds:
  // the first shard runs it whole, the others leave it to that one.
  ExploreOptions searched = options;
  const auto [shard, shards] = Shard();
  const bool split = shards > 1 && options.parts == 1;
  if (split && expected.verdict != Verdict::kPass && shard != 0) {
    return ::testing::AssertionSuccess();
  }
  if (split && expected.verdict == Verdict::kPass) {
    searched.part = shard;
    searched.parts = shards;
  }
  DporStrategy dpor;
  Result result = Explore(id.test, body, dpor, searched);
  if (searched.parts > 1) {
    // This part's report, for `interleave merge` with the other shards' (each shard keeps its
    // own outputs; the name says which part it is, so that they can sit in one directory).
    if (const std::string dir = Env("TEST_UNDECLARED_OUTPUTS_DIR"); !dir.empty()) {
      std::ofstream(dir + "/" + id.test + (id.index == 1 ? "" : "_" + std::to_string(id.index)) +
                    ".part-" + std::to_string(shard + 1) + "-of-" + std::to_string(shards) +
                    ".json")
          << RenderJson(result);
    }
  }
  if (result.Matches(expected)) return ::testing::AssertionSuccess();

  if (result.counterexample && !result.findings.empty()) {
    ExploreOptions minimizing = options;  // The minimizing search is never split.
    minimizing.part = 0;
    minimizing.parts = 1;
    MinimizeCounterexample(body, minimizing, result);
  }
  ::testing::AssertionResult failure = ::testing::AssertionFailure();
  failure << id.test << (id.index == 1 ? "" : " (check " + std::to_string(id.index) + ")")
          << ": expected " << ExpectationName(expected) << ", found "
          << VerdictName(result.verdict);
  for (const auto& [kind, count] : result.finding_counts) {
    if (count > 0) failure << " " << FindingKindName(kind) << "(" << count << ")";
  }
  std::string replay_line;
  if (result.counterexample && !result.findings.empty()) {
    replay_line = gtest_front_internal::ReplayLine(id.test, ReplayValue(result, id.index));
  }
  AppendReports(failure, result, id, replay_line);
  return failure;
}

::testing::AssertionResult NoBug(const std::function<void()>& body, const ExploreOptions& options) {
  return CheckInterleavings(body, Expectation{}, options);
}

::testing::AssertionResult Bug(FindingKind kind, const std::function<void()>& body,
                               const ExploreOptions& options) {
  return CheckInterleavings(body, Expectation{.verdict = Verdict::kBug, .kinds = {kind}}, options);
}

}  // namespace interleave
