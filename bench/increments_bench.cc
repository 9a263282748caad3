// The increment family (model/testing/programs.h): N threads x K increments of one counter,
// locked and unlocked, explored exhaustively by dpor and, where it ends in reasonable time, by
// dfs. Reports executions per search, pruned (sleep-set blocked) executions and executions per
// second. For the locked family the classes are the lock orders, (N*K)! / (K!)^N; the 4x3
// locked search must run exactly 369,600 complete executions.
//
//   bazel run -c opt //bench:increments_bench
//   bazel run -c opt //bench:increments_bench -- --benchmark_filter=dpor/4/3/1
//   bazel run -c opt //bench:increments_bench -- --benchmark_filter=dpor_2jobs/4/3/1
//   bazel run -c opt //bench:increments_bench --
//   --benchmark_filter='dpor(_2jobs|_symmetry|_scheduled)?/4/3/1/'
// cpu_s is the CPU time of one search (every OS thread's): on a shared machine the wall time
// also counts time spent waiting for a core.
//   bazel run -c opt //bench:increments_bench -- --benchmark_filter='dpor(_counted)?/3/2'
#include <benchmark/benchmark.h>

#include "bench/search_bench.h"
#include "checker/dfs.h"
#include "checker/dpor.h"
#include "checker/explorer.h"
#include "model/testing/programs.h"

namespace interleave {
namespace {

using bench::ProcessCpuSeconds;

template <typename StrategyType, int kJobs = 1, bool kCount = false, bool kSymmetry = false,
          PlainAccesses kPlain = PlainAccesses::kRaceFree, bool kReleasesInline = true>
void BM_Increments(benchmark::State& state) {
  const int threads = static_cast<int>(state.range(0));
  const int increments = static_cast<int>(state.range(1));
  const bool locked = state.range(2) != 0;
  const auto body = testing::Increments(threads, increments, locked);
  Result last;
  double cpu_seconds = 0;
  for (auto _ : state) {
    StrategyType strategy;
    const double cpu_before = ProcessCpuSeconds();
    const Result result = Explore("increments", body, strategy,
                                  ExploreOptions{.max_executions = 100'000'000,
                                                 .jobs = kJobs,
                                                 .count_interleavings = kCount,
                                                 .symmetry = kSymmetry,
                                                 .plain_accesses = kPlain,
                                                 .releases_inline = kReleasesInline});
    cpu_seconds += ProcessCpuSeconds() - cpu_before;
    if (!result.stats.exhaustive) state.SkipWithError("the search did not end");
    last = result;
  }
  // With jobs=2, cpu_s counts both workers.
  bench::ReportSearches(state, cpu_seconds, last);
}

// N, K, locked. dfs only where it ends within seconds.
void DporFamily(benchmark::internal::Benchmark* b) {
  for (int n = 2; n <= 4; ++n) {
    for (int k = 1; k <= 3; ++k) {
      for (int locked = 0; locked <= 1; ++locked) {
        if (!locked && n * k > 8) continue;  // Unlocked classes explode (>10^7) beyond this.
        b->Args({n, k, locked});
      }
    }
  }
}

void DfsFamily(benchmark::internal::Benchmark* b) {
  for (const auto& args : std::vector<std::vector<int64_t>>{{2, 1, 0},
                                                            {2, 1, 1},
                                                            {2, 2, 0},
                                                            {2, 2, 1},
                                                            {2, 3, 0},
                                                            {2, 3, 1},
                                                            {3, 1, 0},
                                                            {3, 1, 1}}) {
    b->Args(args);
  }
}

BENCHMARK_TEMPLATE(BM_Increments, DporStrategy)
    ->Name("dpor")
    ->Apply(DporFamily)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();
// The same searches spread over two OS threads (ExploreOptions::jobs), this machine's cores.
BENCHMARK_TEMPLATE(BM_Increments, DporStrategy, 2)
    ->Name("dpor_2jobs")
    ->Apply(DporFamily)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();
// dpor under the symmetry reduction (checker/symmetry.h): the N increment threads are one
// symmetry group, so the locked family has (N*K)! / ((K!)^N * N!) classes (4x3: 15,400).
BENCHMARK_TEMPLATE(BM_Increments, DporStrategy, 1, false, true)
    ->Name("dpor_symmetry")
    ->Apply(DporFamily)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();
// dpor without the race-free reduction (checker/explorer.h PlainAccesses): every plain access
// a scheduling point, as before the reduction (the same classes; more steps per execution).
BENCHMARK_TEMPLATE(BM_Increments, DporStrategy, 1, false, false, PlainAccesses::kScheduled)
    ->Name("dpor_scheduled")
    ->Apply(DporFamily)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();
// dpor with the race-free reduction but without the release reduction
// (ExploreOptions::releases_inline): every lock release a scheduling point (the same classes).
BENCHMARK_TEMPLATE(BM_Increments, DporStrategy, 1, false, false, PlainAccesses::kRaceFree, false)
    ->Name("dpor_scheduled_releases")
    ->Apply(DporFamily)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();
// dpor counting how many interleavings each class stands for (checker/class_size.h).
BENCHMARK_TEMPLATE(BM_Increments, DporStrategy, 1, true)
    ->Name("dpor_counted")
    ->Apply(DporFamily)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();
BENCHMARK_TEMPLATE(BM_Increments, DfsStrategy)
    ->Name("dfs")
    ->Apply(DfsFamily)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

}  // namespace
}  // namespace interleave
