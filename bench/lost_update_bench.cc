// Benchmarks of exhaustive search (DfsStrategy) on the lost-update scenarios (SCENARIOS.md
// 000.e and 000.f): one benchmark iteration is one whole search, from the first execution to
// the end of the search space. Reported per scenario:
//   executions/s        executions (interleavings) run per second of search,
//   executions/search   the size of the search space (923 and 11,243 today).
//
//   bazel run -c opt //bench:lost_update_bench
#include <benchmark/benchmark.h>

#include <cstdint>
#include <string>

#include "checker/dfs.h"
#include "checker/dpor.h"
#include "checker/explorer.h"
#include "checker/result.h"
#include "scenarios/registry.h"

namespace interleave {
namespace {

void BM_ExhaustiveDfs(benchmark::State& state, const std::string& name) {
  const Scenario* scenario = FindScenario(name);
  if (scenario == nullptr) {
    state.SkipWithError(("unknown scenario " + name).c_str());
    return;
  }
  int64_t executions = 0;
  int64_t per_search = 0;
  for (auto _ : state) {
    DfsStrategy strategy;
    const Result result = Explore(scenario->name, scenario->Bind(), strategy);
    if (!result.Matches(scenario->expected) || !result.stats.exhaustive) {
      state.SkipWithError("the search did not reach the expected verdict exhaustively");
      return;
    }
    executions += result.stats.executions;
    per_search = result.stats.executions;
    benchmark::DoNotOptimize(result);
  }
  state.counters["executions/s"] =
      benchmark::Counter(static_cast<double>(executions), benchmark::Counter::kIsRate);
  state.counters["executions/search"] = benchmark::Counter(static_cast<double>(per_search));
}

// dpor on lost_update, without and with counting how many interleavings each class stands
// for (ExploreOptions::count_interleavings, checker/class_size.h): what the count costs.
void BM_Dpor(benchmark::State& state, const std::string& name, bool count) {
  const Scenario* scenario = FindScenario(name);
  if (scenario == nullptr) {
    state.SkipWithError(("unknown scenario " + name).c_str());
    return;
  }
  int64_t executions = 0;
  for (auto _ : state) {
    DporStrategy strategy;
    const Result result =
        Explore(scenario->name, scenario->Bind(), strategy, {.count_interleavings = count});
    if (!result.stats.exhaustive) {
      state.SkipWithError("the search did not end");
      return;
    }
    executions = result.stats.executions;
    benchmark::DoNotOptimize(result);
  }
  state.counters["executions/search"] = benchmark::Counter(static_cast<double>(executions));
}

BENCHMARK_CAPTURE(BM_Dpor, lost_update, std::string("lost_update"), false)
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_Dpor, lost_update_counted, std::string("lost_update"), true)
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_ExhaustiveDfs, lost_update, std::string("lost_update"))
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_ExhaustiveDfs, lost_update_locked, std::string("lost_update_locked"))
    ->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace interleave
