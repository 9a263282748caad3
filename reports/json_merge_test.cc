// The JSON reports of a split dpor search's parts, merged, are the whole search's report.
#include "reports/json_merge.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "checker/dpor.h"
#include "checker/explorer.h"
#include "model/testing/programs.h"
#include "reports/json_report.h"

namespace interleave {
namespace {

using json = nlohmann::ordered_json;
using ::testing::HasSubstr;

std::vector<JsonPart> Parts(const std::function<void()>& body, int parts) {
  std::vector<JsonPart> texts;
  for (int part = 0; part < parts; ++part) {
    DporStrategy dpor;
    const Result r = Explore("increments", body, dpor, {.part = part, .parts = parts});
    texts.push_back({"part" + std::to_string(part + 1) + ".json", RenderJson(r)});
  }
  return texts;
}

json Whole(const std::function<void()>& body) {
  DporStrategy dpor;
  return json::parse(RenderJson(Explore("increments", body, dpor)));
}

TEST(JsonMergeTest, PartsMergeIntoTheWholeReport) {
  for (bool locked : {false, true}) {
    const auto body = testing::Increments(3, 2, locked);
    const json whole = Whole(body);
    for (int parts : {1, 2, 4}) {
      std::string error;
      const std::optional<std::string> text = MergeJsonReports(Parts(body, parts), error);
      ASSERT_TRUE(text) << error;
      const json merged = json::parse(*text);
      EXPECT_EQ(merged["verdict"], whole["verdict"]) << parts;
      EXPECT_EQ(merged["statistics"]["executions"], whole["statistics"]["executions"]);
      EXPECT_EQ(merged["statistics"]["exhaustive"], true);
      EXPECT_EQ(merged["statistics"]["executions_with_findings"],
                whole["statistics"]["executions_with_findings"]);
      EXPECT_EQ(merged["finding_counts"], whole["finding_counts"]);
      ASSERT_EQ(merged["outcomes"].size(), whole["outcomes"].size());
      for (std::size_t i = 0; i < whole["outcomes"].size(); ++i) {
        EXPECT_EQ(merged["outcomes"][i]["outcome"], whole["outcomes"][i]["outcome"]);
        EXPECT_EQ(merged["outcomes"][i]["executions"], whole["outcomes"][i]["executions"]);
      }
      EXPECT_EQ(merged["counterexample"].is_null(), whole["counterexample"].is_null());
      if (!whole["counterexample"].is_null()) {  // The simplest: as few preemptions as whole's.
        EXPECT_EQ(merged["counterexample"]["preemptions"], whole["counterexample"]["preemptions"]);
        EXPECT_EQ(merged["findings"][0]["kind"], whole["findings"][0]["kind"]);
      }
      EXPECT_THAT(merged["coverage"].get<std::string>(), HasSubstr("exhaustive"));
      EXPECT_EQ(JsonVerdictIsPass(*text), locked);
      EXPECT_THAT(MergedTextSummary(*text),
                  HasSubstr(whole["verdict"].get<std::string>() + ": increments"));
    }
  }
}

TEST(JsonMergeTest, MissingPartsMakeItIncompleteAndNamed) {
  std::vector<JsonPart> parts = Parts(testing::Increments(2, 2, true), 4);
  parts.erase(parts.begin() + 1);
  parts.pop_back();
  std::string error;
  const std::optional<std::string> text = MergeJsonReports(parts, error);
  ASSERT_TRUE(text) << error;
  const json merged = json::parse(*text);
  EXPECT_EQ(merged["verdict"], "INCOMPLETE");
  EXPECT_EQ(merged["statistics"]["exhaustive"], false);
  EXPECT_THAT(merged["coverage"].get<std::string>(), HasSubstr("part 2, 4 of 4 missing"));
  EXPECT_FALSE(JsonVerdictIsPass(*text));
}

// Whether an execution ran weak atomic operations (rc11) is the whole's when any part's.
TEST(JsonMergeTest, WeakMemoryIsTheWholesWhenAnyPartHadIt) {
  std::vector<JsonPart> parts = Parts(testing::Increments(2, 1, true), 2);
  std::string error;
  std::optional<std::string> text = MergeJsonReports(parts, error);
  ASSERT_TRUE(text) << error;
  EXPECT_EQ(json::parse(*text)["statistics"]["weak_memory"], false);
  json second = json::parse(parts[1].text);
  second["statistics"]["weak_memory"] = true;
  parts[1].text = second.dump();
  text = MergeJsonReports(parts, error);
  ASSERT_TRUE(text) << error;
  EXPECT_EQ(json::parse(*text)["statistics"]["weak_memory"], true);
}

// Under --symmetry the parts count classes up to a permutation of the group, and the merged
// coverage says so, as one process's does.
TEST(JsonMergeTest, SymmetricPartsSayTheirCoverageIsUpToSymmetry) {
  const auto body = testing::Increments(3, 2, true);
  std::vector<JsonPart> parts;
  for (int part = 0; part < 2; ++part) {
    DporStrategy dpor;
    const Result r =
        Explore("increments", body, dpor, {.part = part, .parts = 2, .symmetry = true});
    parts.push_back({"part" + std::to_string(part + 1) + ".json", RenderJson(r)});
  }
  std::string error;
  const std::optional<std::string> text = MergeJsonReports(parts, error);
  ASSERT_TRUE(text) << error;
  const json merged = json::parse(*text);
  EXPECT_EQ(merged["statistics"]["executions"], 15);  // 90 / 3!
  EXPECT_THAT(merged["coverage"].get<std::string>(),
              HasSubstr("exhaustive up to symmetry of the 3 threads of symmetry group"));
}

TEST(JsonMergeTest, RepeatedForeignOrBrokenPartsAreErrors) {
  std::vector<JsonPart> parts = Parts(testing::Increments(2, 2, true), 2);
  std::string error;
  std::vector<JsonPart> twice = {parts[0], parts[0], parts[1]};
  EXPECT_FALSE(MergeJsonReports(twice, error));
  EXPECT_THAT(error, HasSubstr("part 1 of 2 given twice"));
  std::vector<JsonPart> other = Parts(testing::Increments(2, 2, true), 3);
  std::vector<JsonPart> mixed = {parts[0], other[1]};
  EXPECT_FALSE(MergeJsonReports(mixed, error));
  EXPECT_THAT(error, HasSubstr("is part 2/3, but part1.json is of a split into 2 parts"));
  std::vector<JsonPart> broken = {parts[0], {"x.json", "{not json"}};
  EXPECT_FALSE(MergeJsonReports(broken, error));
  EXPECT_THAT(error, HasSubstr("x.json: not an interleave JSON report"));
  DporStrategy dpor;
  const Result other_scenario =
      Explore("other", testing::Increments(2, 2, true), dpor, {.part = 1, .parts = 2});
  std::vector<JsonPart> different = {parts[0], {"other.json", RenderJson(other_scenario)}};
  EXPECT_FALSE(MergeJsonReports(different, error));
  EXPECT_THAT(error, HasSubstr("other.json is not a part of the search of part1.json"));
}

// A part whose fields have other types, negative or non-integer counts, another schema version,
// or a verdict that its own statistics contradict is refused, naming the file and the field
// (before: PASS from a part marked INCOMPLETE, a count of -9,223,372,036,854,775,784 classes, or
// a JSON library's type error).
TEST(JsonMergeTest, PartsOfTheWrongShapeAreRefusedByName) {
  const std::vector<JsonPart> parts = Parts(testing::Increments(2, 2, true), 2);
  const std::vector<std::pair<std::function<void(json&)>, std::string>> cases = {
      {[](json& r) { r["schema_version"] = 2; }, "schema_version 2, not 1"},
      {[](json& r) { r.erase("settings"); }, "\"settings\" is not an object"},
      {[](json& r) { r["statistics"] = "many"; }, "\"statistics\" is not an object"},
      {[](json& r) { r["statistics"]["executions"] = -5; }, "\"statistics.executions\" is -5"},
      {[](json& r) { r["statistics"]["executions"] = 1e30; },
       "\"statistics.executions\" is 1e+30, not a count"},
      {[](json& r) { r["statistics"]["pruned"] = "many"; }, "\"statistics.pruned\" is \"many\""},
      {[](json& r) { r["statistics"].erase("exhaustive"); },
       "\"statistics.exhaustive\" is not true or false"},
      {[](json& r) { r["outcomes"] = 5; }, "\"outcomes\" is not an array"},
      {[](json& r) { r["outcomes"][0]["executions"] = -1; }, "\"outcomes[].executions\" is -1"},
      {[](json& r) { r["verdict"] = "MAYBE"; }, "verdict \"MAYBE\" is none of"},
      {[](json& r) { r["verdict"] = "INCOMPLETE"; }, "its verdict INCOMPLETE contradicts"},
      {[](json& r) { r["settings"]["part"] = 1; }, "\"settings.part\" is 1"},
  };
  for (const auto& [change, why] : cases) {
    json bad = json::parse(parts[0].text);
    change(bad);
    std::string error;
    EXPECT_FALSE(MergeJsonReports({{"bad.json", bad.dump()}, parts[1]}, error)) << why;
    EXPECT_THAT(error, HasSubstr("bad.json: not a report that can be merged: " + why));
  }
  // Counts that add up past 2^63.
  json huge = json::parse(parts[0].text);
  huge["statistics"]["executions"] = int64_t{1} << 62;
  json huge2 = json::parse(parts[1].text);
  huge2["statistics"]["executions"] = int64_t{1} << 62;
  std::string error;
  EXPECT_FALSE(MergeJsonReports({{"a.json", huge.dump()}, {"b.json", huge2.dump()}}, error));
  EXPECT_THAT(error, HasSubstr("add up past 2^63"));
}

}  // namespace
}  // namespace interleave
