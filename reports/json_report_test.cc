// Tests of the JSON report and the Chrome trace export on real results (the lost_update pair
// explored with dpor) and on a hand-built ERROR. The CLI's output is validated against the
// schema in //tests:report_schema_test.
#include "reports/json_report.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "checker/dpor.h"
#include "checker/explorer.h"
#include "model/testing/weak_programs.h"
#include "reports/replay_token.h"
#include "reports/trace_export.h"
#include "scenarios/registry.h"

namespace interleave {
namespace {

using ::testing::HasSubstr;
using json = nlohmann::json;

Result ExploreScenario(const std::string& name, TimeMode time = TimeMode::kAny) {
  const Scenario* scenario = FindScenario(name);
  EXPECT_NE(scenario, nullptr) << name;
  DporStrategy dpor;
  return Explore(name, scenario->Bind(), dpor, {.time = time});
}

TEST(JsonReportTest, BugCarriesTheFindingAndTheWholeCounterexample) {
  const Result result = ExploreScenario("lost_update");
  const json report = json::parse(RenderJson(result));
  EXPECT_EQ(report["schema"], "interleave-result");
  EXPECT_EQ(report["schema_version"], kJsonSchemaVersion);
  EXPECT_EQ(report["scenario"]["name"], "lost_update");
  EXPECT_EQ(report["verdict"], "BUG");
  EXPECT_EQ(report["settings"]["strategy"], "dpor");
  EXPECT_EQ(report["settings"]["time"], "any");
  EXPECT_EQ(report["statistics"]["executions"], result.stats.executions);
  EXPECT_TRUE(report["statistics"]["exhaustive"]);
  ASSERT_FALSE(report["findings"].empty());
  EXPECT_EQ(report["findings"][0]["kind"], "LOST UPDATE");
  EXPECT_FALSE(report["findings"][0]["marks"].empty());

  const json& counterexample = report["counterexample"];
  const Trace& trace = *result.counterexample;
  ASSERT_EQ(counterexample["steps"].size(), trace.events.size());
  for (size_t i = 0; i < trace.events.size(); ++i) {
    EXPECT_EQ(counterexample["steps"][i]["step"], static_cast<int>(i) + 1);
    EXPECT_EQ(counterexample["steps"][i]["thread"], trace.events[i].thread);
    EXPECT_EQ(counterexample["steps"][i]["line"]["line"], trace.events[i].where.line);
  }
  EXPECT_EQ(counterexample["threads"].size(), trace.threads.size());
  EXPECT_EQ(counterexample["preemptions"], trace.Preemptions());
  // The token replays the counterexample's schedule.
  const auto schedule =
      DecodeReplayToken(counterexample["replay_token"].get<std::string>(), nullptr);
  ASSERT_TRUE(schedule.has_value());
  EXPECT_EQ(*schedule, trace.Schedule());
  EXPECT_THAT(counterexample["replay_command"].get<std::string>(),
              HasSubstr("interleave run lost_update --replay=v2:"));
  // ... and carries the main finding, to confirm.
  const auto token = ParseReplayToken(counterexample["replay_token"].get<std::string>(), nullptr);
  ASSERT_TRUE(token.has_value());
  EXPECT_EQ(token->kind, FindingKind::kLostUpdate);
  EXPECT_EQ(token->certain_at_step, report["findings"][0]["certain_at_step"]);
  EXPECT_EQ(token->steps.size(), trace.events.size());
  // An unminimized result has no minimization record.
  EXPECT_FALSE(counterexample.contains("minimization"));

  int64_t counted = 0;
  for (const json& outcome : report["outcomes"]) counted += outcome["executions"].get<int64_t>();
  EXPECT_EQ(counted, result.stats.executions);
}

TEST(JsonReportTest, PassHasNoCounterexampleAndStatesItsCoverage) {
  const json report = json::parse(RenderJson(ExploreScenario("lost_update_locked")));
  EXPECT_EQ(report["verdict"], "PASS");
  EXPECT_TRUE(report["counterexample"].is_null());
  EXPECT_TRUE(report["findings"].empty());
  EXPECT_THAT(report["coverage"].get<std::string>(), HasSubstr("exhaustive"));
  EXPECT_TRUE(report["error"].is_null());
}

TEST(JsonReportTest, VirtualTimeIsInTheStepsAndTheReplayCommand) {
  const json report = json::parse(RenderJson(ExploreScenario("lost_update", TimeMode::kVirtual)));
  EXPECT_EQ(report["counterexample"]["time_mode"], "virtual");
  EXPECT_THAT(report["counterexample"]["replay_command"].get<std::string>(),
              HasSubstr("--time=virtual"));
  int64_t latest = 0;
  for (const json& step : report["counterexample"]["steps"]) {
    latest = std::max(latest, step["time_us"].get<int64_t>());
  }
  EXPECT_EQ(latest, 100'000);  // The workers' sleep(0.1).
}

TEST(JsonReportTest, AMinimizedCounterexampleSaysFromWhat) {
  Result result = ExploreScenario("lost_update");
  result.minimization = Minimization{.preemptions_before = 3,
                                     .steps_before = 30,
                                     .preemptions_after = 1,
                                     .steps_after = 27,
                                     .changed = true,
                                     .executions = 69,
                                     .budget = 20000};
  result.settings["minimize"] = "20000";
  const json report = json::parse(RenderJson(result));
  EXPECT_EQ(report["settings"]["minimize"], "20000");
  const json& m = report["counterexample"]["minimization"];
  EXPECT_EQ(m["minimized"], true);
  EXPECT_EQ(m["preemptions_before"], 3);
  EXPECT_EQ(m["steps_before"], 30);
  EXPECT_EQ(m["preemptions_after"], 1);
  EXPECT_EQ(m["steps_after"], 27);
  EXPECT_EQ(m["executions"], 69);
  EXPECT_EQ(m["budget_hit"], false);
}

// Under rc11: the memory model, each atomic step's order and the store it read, each atomic's
// modification order, the explained weak read, and the interleavings that reached a graph again.
TEST(JsonReportTest, WeakMemoryCarriesOrdersReadsFromAndModificationOrders) {
  DporStrategy dpor;
  const Result result = Explore("mp", testing::MessagePassingRelaxed, dpor);
  ASSERT_EQ(result.verdict, Verdict::kBug);
  const json report = json::parse(RenderJson(result));
  EXPECT_EQ(report["memory_model"], "rc11");
  EXPECT_EQ(report["settings"]["memory_model"], "rc11");
  EXPECT_EQ(report["statistics"]["weak_memory"], true);
  {
    // Store buffering reaches two of its four graphs twice (each read can run before or after
    // the other thread's store; message passing reaches every graph once).
    DporStrategy sb_dpor;
    const Result sb = Explore("sb", testing::StoreBufferingRelaxed, sb_dpor);
    const json sb_report = json::parse(RenderJson(sb));
    EXPECT_EQ(sb.stats.duplicate_graphs, 2);
    EXPECT_EQ(sb_report["statistics"]["duplicate_graphs"], sb.stats.duplicate_graphs);
    EXPECT_THAT(sb_report["coverage"].get<std::string>(),
                HasSubstr("2 more interleavings reached graphs already explored"));
  }

  const json& counterexample = report["counterexample"];
  const Trace& trace = *result.counterexample;
  int atomic_reads = 0;
  for (size_t i = 0; i < trace.events.size(); ++i) {
    const TraceEvent& event = trace.events[i];
    const json& step = counterexample["steps"][i];
    if (event.order == MemoryOrder::kNone) {
      EXPECT_FALSE(step.contains("order")) << i;
    } else {
      EXPECT_EQ(step["order"], "relaxed") << i;
    }
    if (event.reads_from >= 0) {
      ++atomic_reads;
      EXPECT_EQ(step["reads_from"], event.reads_from) << i;
    } else {
      EXPECT_FALSE(step.contains("reads_from")) << i;
    }
  }
  EXPECT_EQ(atomic_reads, 2);
  for (const json& object : counterexample["objects"]) {
    const ObjectInfo& info = trace.objects[object["id"].get<size_t>()];
    if (info.kind == ObjectKind::kAtomic) {
      EXPECT_EQ(object["modification_order"], json(info.modification_order));
      EXPECT_EQ(object["modification_order"][0], kInitialValue);
    } else {
      EXPECT_FALSE(object.contains("modification_order"));
    }
  }
  ASSERT_EQ(counterexample["atomic_reads"].size(), 2u);
  const json& flag = counterexample["atomic_reads"][0];
  EXPECT_FALSE(flag["weak"]);
  EXPECT_FALSE(flag.contains("why"));
  const json& data = counterexample["atomic_reads"][1];
  EXPECT_TRUE(data["weak"]);
  EXPECT_EQ(data["reads_from"], kInitialValue);
  EXPECT_EQ(data["source"], "from the initial value");
  EXPECT_EQ(data["newer_stores"].size(), 1u);
  EXPECT_THAT(data["why"].get<std::string>(), HasSubstr("no happens-before from step"));
  EXPECT_THAT(data["forbid"].get<std::string>(), HasSubstr("a release store"));
}

// A program without atomics has none of the weak-memory fields but the top-level ones.
TEST(JsonReportTest, NoWeakMemoryFieldsWithoutAtomics) {
  const json report = json::parse(RenderJson(ExploreScenario("lost_update")));
  EXPECT_EQ(report["memory_model"], "rc11");
  EXPECT_EQ(report["statistics"]["duplicate_graphs"], 0);
  EXPECT_EQ(report["statistics"]["weak_memory"], false);
  EXPECT_FALSE(report["counterexample"].contains("atomic_reads"));
  EXPECT_FALSE(report["counterexample"].contains("modification_orders"));
  for (const json& step : report["counterexample"]["steps"]) {
    EXPECT_FALSE(step.contains("reads_from"));
  }
}

TEST(JsonReportTest, ErrorCarriesItsMessage) {
  Result result;
  result.scenario = "broken";
  result.strategy = "dfs";
  result.verdict = Verdict::kError;
  result.error = "lock released by a thread that does not hold it";
  const json report = json::parse(RenderJson(result, {.show_time = false, .indent = -1}));
  EXPECT_EQ(report["verdict"], "ERROR");
  EXPECT_EQ(report["error"], result.error);
  EXPECT_FALSE(report["statistics"].contains("seconds"));
}

TEST(ChromeTraceTest, OneSlicePerStepOnItsThreadsTrack) {
  const Result result = ExploreScenario("lost_update");
  const auto text = RenderChromeTrace(result);
  ASSERT_TRUE(text.has_value());
  const json document = json::parse(*text);
  const Trace& trace = *result.counterexample;
  int slices = 0;
  int names = 0;
  int marked = 0;
  for (const json& event : document["traceEvents"]) {
    if (event["ph"] == "X") {
      EXPECT_EQ(event["ts"], slices + 1);
      EXPECT_EQ(event["tid"], trace.events[slices].thread);
      if (event["cat"] == "marked") ++marked;
      ++slices;
    }
    if (event["ph"] == "M" && event["name"] == "thread_name") ++names;
  }
  EXPECT_EQ(slices, static_cast<int>(trace.events.size()));
  EXPECT_EQ(names, static_cast<int>(trace.threads.size()));
  EXPECT_GT(marked, 0);  // The lost write and the write that overwrote it.
  EXPECT_EQ(document["otherData"]["scenario"], "lost_update");
}

// A PASS has no counterexample: the trace shows the example of its most frequent outcome
// (reports/trace_export_test.cc tests the virtual clock).
TEST(ChromeTraceTest, APassShowsARepresentativeExecution) {
  const auto text = RenderChromeTrace(ExploreScenario("lost_update_locked"));
  ASSERT_TRUE(text.has_value());
  EXPECT_THAT(json::parse(*text)["otherData"]["execution"].get<std::string>(),
              HasSubstr("ends in value=2"));
}

// What the counts count, and one execution of every outcome with its steps and its log, PASS
// runs included (issue 16).
TEST(JsonReportTest, SaysWhatItCountsAndCarriesAnExampleOfEveryOutcome) {
  const Result bug = ExploreScenario("lost_update", TimeMode::kVirtual);
  const json report = json::parse(RenderJson(bug));
  EXPECT_EQ(report["counted"], "classes of equivalent interleavings");
  ASSERT_EQ(report["examples"].size(), bug.outcomes.size());
  for (const json& example : report["examples"]) {
    EXPECT_TRUE(bug.outcomes.contains(example["outcome"].get<std::string>()));
    EXPECT_GT(example["executions"].get<int64_t>(), 0);
    EXPECT_FALSE(example["steps"].empty());
    ASSERT_FALSE(example["log"].empty());
    EXPECT_EQ(example["log"][0]["text"], "Testing update. Starting value is 0");
    EXPECT_EQ(example["log"][0]["thread_name"], "MainThread");
  }
  // The counterexample's log too; its sleeps say when they began.
  const json& counterexample = report["counterexample"];
  EXPECT_EQ(counterexample["log"].size(), 6u);
  bool sleep_seen = false;
  for (const json& step : counterexample["steps"]) {
    if (step["operation"] != "sleep") continue;
    sleep_seen = true;
    EXPECT_EQ(step["time_us"].get<int64_t>() - step["start_time_us"].get<int64_t>(), 100'000);
  }
  EXPECT_TRUE(sleep_seen);

  const Result pass = ExploreScenario("lost_update_locked");
  const json passed = json::parse(RenderJson(pass));
  EXPECT_TRUE(passed["counterexample"].is_null());
  ASSERT_EQ(passed["examples"].size(), 1u);
  EXPECT_EQ(passed["examples"][0]["outcome"], "value=2");
  EXPECT_TRUE(passed["examples"][0]["findings"].empty());
  EXPECT_EQ(passed["examples"][0]["end"], "finished");
}

// Under dpor with count_interleavings, each outcome says how many interleavings its classes
// stand for (issue 16, defect 6); without the count, the fields are absent.
TEST(JsonReportTest, OutcomesSayHowManyInterleavingsTheirClassesStandFor) {
  Result result;
  result.scenario = "two_increments";
  result.strategy = "dpor";
  result.stats = {.executions = 4, .search_ended = true, .exhaustive = true};
  result.outcomes = {{"value=1", 2}, {"value=2", 2}};
  EXPECT_FALSE(json::parse(RenderJson(result))["outcomes"][0].contains("interleavings"));
  result.outcome_interleavings = {{"value=1", 12}, {"value=2", 5}};
  result.outcome_unsized_classes = {{"value=2", 1}};
  const json outcomes = json::parse(RenderJson(result))["outcomes"];
  EXPECT_EQ(outcomes[0]["interleavings"], 12);
  EXPECT_EQ(outcomes[0]["interleavings_exact"], true);
  EXPECT_EQ(outcomes[1]["interleavings"], 6);
  EXPECT_EQ(outcomes[1]["interleavings_exact"], false);
}

// A step whose line has a seed line carries it.
TEST(JsonReportTest, StepsCarryTheSeedsLineWhenThereIsOne) {
  Result result = ExploreScenario("lost_update");
  const TraceEvent& first = result.counterexample->events.front();
  result.seed_lines[first.where.ToString()] = "logging.info(\"Testing update.\")";
  const json report = json::parse(RenderJson(result));
  EXPECT_EQ(report["counterexample"]["steps"][0]["seed_line"], "logging.info(\"Testing update.\")");
  result.seed_lines.clear();
  EXPECT_FALSE(json::parse(RenderJson(result))["counterexample"]["steps"][0].contains("seed_line"));
}

}  // namespace
}  // namespace interleave
