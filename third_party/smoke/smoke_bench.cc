// Throwaway smoke benchmark: proves Google Benchmark (benchmark_main) links.
#include <benchmark/benchmark.h>

#include <boost/context/fiber.hpp>
#include <utility>

namespace {

namespace ctx = boost::context;

void BM_FiberRoundTrip(benchmark::State& state) {
  ctx::fiber f{[](ctx::fiber&& main) {
    for (;;) main = std::move(main).resume();
    return std::move(main);
  }};
  for (auto _ : state) {
    f = std::move(f).resume();
  }
}
BENCHMARK(BM_FiberRoundTrip);

}  // namespace
