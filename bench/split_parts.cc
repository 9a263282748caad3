// One part of a split dpor search of the increment family, for the "Scale out" measurements
// (docs/implementation-notes.md): run the parts as separate processes, two at a time on this
// machine's two cores, and add their lines up.
//
//   bazel build -c opt //bench:split_parts
//   bazel-bin/bench/split_parts THREADS INCREMENTS LOCKED(0|1) PART(1-based) PARTS
//
// Prints one line: part, executions, pruned, seconds, exhaustive, then each outcome=count.
#include <cstdio>
#include <cstdlib>
#include <string>

#include "checker/dpor.h"
#include "checker/explorer.h"
#include "model/testing/programs.h"

int main(int argc, char** argv) {
  if (argc != 6) {
    std::fprintf(stderr, "usage: %s THREADS INCREMENTS LOCKED PART PARTS\n", argv[0]);
    return 2;
  }
  const int threads = std::atoi(argv[1]);
  const int increments = std::atoi(argv[2]);
  const bool locked = std::atoi(argv[3]) != 0;
  const int part = std::atoi(argv[4]);
  const int parts = std::atoi(argv[5]);
  if (threads < 1 || increments < 0 || parts < 1 || part < 1 || part > parts) {
    std::fprintf(stderr, "%s: bad arguments\n", argv[0]);
    return 2;
  }
  interleave::DporStrategy dpor;
  const interleave::Result result = interleave::Explore(
      "increments", interleave::testing::Increments(threads, increments, locked), dpor,
      {.max_executions = 1'000'000'000, .part = part - 1, .parts = parts});
  std::printf("part %d/%d executions %lld pruned %lld seconds %.2f exhaustive %d verdict %s", part,
              parts, static_cast<long long>(result.stats.executions),
              static_cast<long long>(result.stats.pruned), result.stats.seconds,
              result.stats.exhaustive ? 1 : 0,
              std::string(interleave::VerdictName(result.verdict)).c_str());
  for (const auto& [outcome, count] : result.outcomes) {
    std::printf(" %s:%lld", outcome.c_str(), static_cast<long long>(count));
  }
  std::printf("\n");
  return 0;
}
