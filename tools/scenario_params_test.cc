// The scenario registry's parameter ranges, what `interleave run --param` is checked against:
// every parameter of the catalogue declares a range that holds its default, Scenario::Params
// rejects a value outside it with a message naming the parameter, the value and the range,
// and every scenario runs (a short bounded search, no ERROR, no crash) with all its
// parameters at their minimum and at their maximum.
#include <gtest/gtest.h>

#include <cstdint>
#include <map>
#include <string>

#include "checker/dpor.h"
#include "checker/explorer.h"
#include "scenarios/registry.h"

namespace interleave {
namespace {

// Parameters that count threads (or processes, which are threads here): 0 of them is no
// program at all, so their minimum must be at least 1.
bool CountsThreads(const std::string& name) {
  for (const char* word : {"threads", "workers", "consumers", "processes", "jobs"}) {
    if (name == word) return true;
  }
  return false;
}

TEST(RegistryTest, EveryParameterDeclaresARangeHoldingItsDefault) {
  for (const Scenario& scenario : AllScenarios()) {
    for (const ScenarioParam& param : scenario.params) {
      SCOPED_TRACE(scenario.name + " " + param.name);
      EXPECT_GE(param.min, 0);
      EXPECT_LE(param.min, param.value);
      EXPECT_LE(param.value, param.max);
      // dpor tracks at most 64 threads, main and helpers included.
      if (CountsThreads(param.name)) {
        EXPECT_GE(param.min, 1);
        EXPECT_LE(param.max, 60);
      }
    }
  }
}

TEST(RegistryTest, ParamsRejectsAValueOutsideTheRange) {
  const Scenario* scenario = FindScenario("threaded_counting_unjoined");
  ASSERT_NE(scenario, nullptr);
  const ScenarioParam* threads = scenario->Param("threads");
  ASSERT_NE(threads, nullptr);
  std::string error;
  const ScenarioParams params =
      scenario->Params(std::map<std::string, int64_t>{{"threads", 0}}, &error);
  EXPECT_EQ(error, "parameter threads of scenario threaded_counting_unjoined must be in " +
                       threads->RangeText() + ", not 0");
  EXPECT_EQ(params["threads"], threads->value);  // The rejected value is not used.

  error.clear();
  scenario->Params(std::map<std::string, int64_t>{{"threads", int64_t{1} << 40}}, &error);
  EXPECT_NE(error.find("not 1099511627776"), std::string::npos) << error;

  error.clear();
  const ScenarioParams at_max =
      scenario->Params(std::map<std::string, int64_t>{{"threads", threads->max}}, &error);
  EXPECT_EQ(error, "");
  EXPECT_EQ(at_max["threads"], threads->max);
}

TEST(RegistryTest, ParamsNamesAnUnknownParameter) {
  std::string error;
  FindScenario("lost_update")->Params(std::map<std::string, int64_t>{{"messages", 3}}, &error);
  EXPECT_EQ(error, "scenario lost_update has no parameter 'messages' (it takes none)");
}

// A few executions of `scenario` with every parameter at its minimum (or maximum): they must
// run without an ERROR (a rule broken, or more threads than dpor tracks) and without a crash.
void RunsAtTheEdge(const Scenario& scenario, bool at_max) {
  std::map<std::string, int64_t> values;
  for (const ScenarioParam& param : scenario.params) {
    values[param.name] = at_max ? param.max : param.min;
  }
  std::string error;
  const ScenarioParams params = scenario.Params(values, &error);
  ASSERT_EQ(error, "");
  DporStrategy dpor;
  const ExploreOptions options{.max_executions = at_max ? 2 : 20, .max_steps = 3000};
  const Result result = Explore(scenario.name, scenario.Bind(params), dpor, options);
  EXPECT_NE(result.verdict, Verdict::kError)
      << scenario.name << " (" << params.ToString() << "): " << result.error;
}

TEST(RegistryTest, EveryScenarioRunsAtItsMinimum) {
  for (const Scenario& scenario : AllScenarios()) {
    if (scenario.params.empty()) continue;
    SCOPED_TRACE(scenario.name);
    RunsAtTheEdge(scenario, /*at_max=*/false);
  }
}

TEST(RegistryTest, EveryScenarioRunsAtItsMaximum) {
  for (const Scenario& scenario : AllScenarios()) {
    if (scenario.params.empty()) continue;
    SCOPED_TRACE(scenario.name);
    RunsAtTheEdge(scenario, /*at_max=*/true);
  }
}

}  // namespace
}  // namespace interleave
