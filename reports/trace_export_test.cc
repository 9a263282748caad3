// Tests of the Chrome trace's time axis: the virtual clock in time mode virtual, with each sleep
// from its start to its wake-up (issue 16, defect 10), and a trace for a PASS (defect 7). The
// step-number axis of time mode any is tested in json_report_test.cc.
#include "reports/trace_export.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <string>

#include "checker/dpor.h"
#include "checker/explorer.h"
#include "scenarios/registry.h"

namespace interleave {
namespace {

using json = nlohmann::json;

Result ExploreScenario(const std::string& name, TimeMode time) {
  const Scenario* scenario = FindScenario(name);
  EXPECT_NE(scenario, nullptr) << name;
  DporStrategy dpor;
  return Explore(name, scenario->Bind(), dpor, {.time = time});
}

TEST(ChromeTraceVirtualTest, SleepsSpanFromTheirStartToTheirWakeUpOnTheVirtualClock) {
  // s004_sync_threads passes in virtual time: main sleeps 0.2 s twice between its starts.
  const Result result = ExploreScenario("s004_sync_threads", TimeMode::kVirtual);
  ASSERT_EQ(result.verdict, Verdict::kPass);
  const auto text = RenderChromeTrace(result);
  ASSERT_TRUE(text.has_value()) << "a PASS gets a trace of a representative execution";
  const json document = json::parse(*text);
  EXPECT_NE(document["otherData"]["time_axis"].get<std::string>().find("virtual"),
            std::string::npos);
  int sleeps = 0;
  int64_t previous = -1;
  int64_t last = 0;
  for (const json& event : document["traceEvents"]) {
    if (event["ph"] != "X") continue;
    const int64_t ts = event["ts"];
    const int64_t dur = event["dur"];
    const int64_t time = event["args"]["virtual_time_us"];
    if (event["args"]["operation"] == "sleep") {
      ++sleeps;
      // From where it began (0.2 s before its wake-up, give or take the microsecond per step
      // that shared an instant before it) to its wake-up.
      EXPECT_LE(ts + 200000, time + 10) << event.dump();
      EXPECT_GE(dur, 200000 - 10) << event.dump();
      EXPECT_GE(ts + dur, time) << event.dump();
    } else {
      EXPECT_GE(ts, time) << "never before its virtual time: " << event.dump();
      EXPECT_GT(ts, previous) << "steps in order, 1 us apart at the same instant";
      previous = ts;
    }
    last = std::max(last, ts);
  }
  EXPECT_EQ(sleeps, 2);
  EXPECT_GE(last, 400000) << "the axis is the virtual clock, not the step number";
}

}  // namespace
}  // namespace interleave
