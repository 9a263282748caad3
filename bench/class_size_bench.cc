// ClassSize (checker/class_size.h) on one execution's trace: the cost of sizing a class, for
// orders of two shapes. Where steps depend on each other (the increment family, locked and
// unlocked, on one counter) few of the position vectors are reachable down-sets and the
// layered count visits only those; where threads never depend on each other (each writes its
// own variable) nearly all are, and the count gives way to a table over all of them. The
// `interleave run` reports size every class they count (ExploreOptions::count_interleavings).
//
//   bazel run -c opt //bench:class_size_bench
#include <benchmark/benchmark.h>

#include <functional>

#include "checker/class_size.h"
#include "checker/dfs.h"
#include "model/testing/programs.h"

namespace interleave {
namespace {

// dfs's first execution of `body`, with every access a step of its own.
Trace FirstTrace(const std::function<void()>& body) {
  DfsStrategy dfs;
  return Execution::Run(body, dfs, {.max_steps = 100'000});
}

void Size(benchmark::State& state, const Trace& trace) {
  ClassSizeResult result;
  for (auto _ : state) {
    result = ClassSize(trace, TimeMode::kAny, int64_t{1} << 40);
    benchmark::DoNotOptimize(result);
  }
  if (result.interleavings < 0) state.SkipWithError("the class was not sized");
  state.counters["interleavings"] = static_cast<double>(result.interleavings);
  state.counters["work"] = static_cast<double>(result.states);
  state.counters["events"] = static_cast<double>(trace.events.size());
}

// N, K, locked.
void BM_Increments(benchmark::State& state) {
  Size(state,
       FirstTrace(testing::Increments(static_cast<int>(state.range(0)),
                                      static_cast<int>(state.range(1)), state.range(2) != 0)));
}
BENCHMARK(BM_Increments)
    ->Args({4, 2, 1})
    ->Args({3, 3, 1})
    ->Args({4, 2, 0})
    ->Args({3, 3, 0})
    ->Args({2, 2'000, 0});

// N, K.
void BM_IndependentWriters(benchmark::State& state) {
  Size(state, FirstTrace(testing::IndependentWriters(static_cast<int>(state.range(0)),
                                                     static_cast<int>(state.range(1)))));
}
BENCHMARK(BM_IndependentWriters)->Args({3, 4})->Args({4, 3})->Args({4, 4})->Args({5, 3});

}  // namespace
}  // namespace interleave
