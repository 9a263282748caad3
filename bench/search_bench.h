// What the search benchmarks share: the process's CPU time, and one search's counters.
#ifndef INTERLEAVE_BENCH_SEARCH_BENCH_H_
#define INTERLEAVE_BENCH_SEARCH_BENCH_H_

#include <benchmark/benchmark.h>
#include <time.h>

#include <cstdint>

#include "checker/result.h"

namespace interleave::bench {

// CPU time of the whole process (every OS thread): the search runs on a watchdog's helper
// thread, and on a shared machine wall time includes time the process waited for a core.
inline double ProcessCpuSeconds() {
  timespec now{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &now);
  return static_cast<double>(now.tv_sec) + static_cast<double>(now.tv_nsec) * 1e-9;
}

// The counters of a benchmark whose every iteration is one whole search, `last` the last one:
// cpu_s (CPU seconds per search, every OS thread's), executions, pruned, executions/s.
inline void ReportSearches(benchmark::State& state, double cpu_seconds, const Result& last) {
  const int64_t executions = last.stats.executions;
  const int64_t pruned = last.stats.pruned;
  state.counters["cpu_s"] = benchmark::Counter(cpu_seconds, benchmark::Counter::kAvgIterations);
  state.counters["executions"] = static_cast<double>(executions);
  state.counters["pruned"] = static_cast<double>(pruned);
  state.counters["executions/s"] = benchmark::Counter(
      static_cast<double>(executions + pruned), benchmark::Counter::kIsIterationInvariantRate);
}

}  // namespace interleave::bench

#endif  // INTERLEAVE_BENCH_SEARCH_BENCH_H_
