// The C++ memory model (model/weak_memory.h) on litmus families and two small algorithms:
// executions (distinct execution graphs under rc11), duplicate graphs (interleavings that
// reached a graph already counted), pruned (sleep-set blocked) executions and time, for rc11
// and sc, under dpor and, where it ends in seconds, dfs (every interleaving times every
// choice). The litmus programs are tests/litmus's notation (tests/litmus/litmus_program.h);
// their expected graph counts are in tests/litmus/litmus_test.cc, and the dfs searches too
// large for that unit test (IRIW, ISA2+fences) run here.
//
//   bazel run -c opt //bench:memory_model_bench
//   bazel run -c opt //bench:memory_model_bench -- --benchmark_filter=IRIW
#include <benchmark/benchmark.h>

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <iterator>
#include <memory>
#include <string>
#include <vector>

#include "checker/dfs.h"
#include "checker/dpor.h"
#include "checker/explorer.h"
#include "model/model.h"
#include "tests/litmus/litmus_program.h"

namespace interleave {
namespace {

enum class Search { kDpor, kDfs };

void Run(benchmark::State& state, const std::function<void()>& body, Search search,
         MemoryModel model) {
  Result result;
  for (auto _ : state) {
    DporStrategy dpor;
    DfsStrategy dfs;
    Strategy& strategy = search == Search::kDpor ? static_cast<Strategy&>(dpor) : dfs;
    result = Explore("memory_model", body, strategy,
                     ExploreOptions{.max_executions = 5'000'000, .memory_model = model});
    if (!result.stats.exhaustive) state.SkipWithError("the search did not end");
  }
  state.counters["executions"] = static_cast<double>(result.stats.executions);
  state.counters["duplicate_graphs"] = static_cast<double>(result.stats.duplicate_graphs);
  state.counters["pruned"] = static_cast<double>(result.stats.pruned);
  state.counters["outcomes"] = static_cast<double>(result.outcomes.size());
  state.counters["bug"] = result.verdict == Verdict::kBug ? 1 : 0;
}

// Litmus programs (tests/litmus/litmus_test.cc has their outcome sets and graph counts).
struct LitmusCase {
  const char* name;
  const char* program;
  const char* observed;
  bool dfs;  // Also under dfs (it ends within seconds, or the unit test cannot run it).
};
const LitmusCase kLitmus[] = {
    {"SB+rlx", "W x 1 rlx; R y r0 rlx | W y 1 rlx; R x r1 rlx", "", true},
    {"SB+sc", "W x 1 sc; R y r0 sc | W y 1 sc; R x r1 sc", "", true},
    {"SB+fences", "W x 1 rlx; F sc; R y r0 rlx | W y 1 rlx; F sc; R x r1 rlx", "", true},
    {"MP+rlx", "W x 1 rlx; W y 1 rlx | R y r0 rlx; R x r1 rlx", "", true},
    {"MP+ra", "W x 1 rlx; W y 1 rel | R y r0 acq; R x r1 rlx", "", true},
    {"WRC+ra", "W x 1 rel | R x r0 acq; W y 1 rel | R y r1 acq; R x r2 acq", "", true},
    {"ISA2+fences",
     "W x 1 rlx; F rel; W y 1 rlx | R y r0 rlx; F acqrel; W z 1 rlx | R z r1 rlx; F acq; "
     "R x r2 rlx",
     "", true},
    {"2+2W+rlx", "W x 1 rlx; W y 2 rlx | W y 1 rlx; W x 2 rlx", "x y", true},
    {"R+fences", "W x 1 rlx; F sc; W y 1 rlx | W y 2 rlx; F sc; R x r0 rlx", "y", true},
    {"IRIW+rlx", "W x 1 rlx | W y 1 rlx | R x r0 rlx; R y r1 rlx | R y r2 rlx; R x r3 rlx", "",
     true},
    {"IRIW+acqrel-fences",
     "W x 1 rlx | W y 1 rlx | R x r0 rlx; F acqrel; R y r1 rlx | R y r2 rlx; F acqrel; R x r3 rlx",
     "", true},
    {"IRIW+sc", "W x 1 sc | W y 1 sc | R x r0 sc; R y r1 sc | R y r2 sc; R x r3 sc", "", false},
    {"IRIW+fences",
     "W x 1 rlx | W y 1 rlx | R x r0 rlx; F sc; R y r1 rlx | R y r2 rlx; F sc; R x r3 rlx", "",
     true},
};

// A spinlock (compare_exchange_weak acquire, store release; or both relaxed: then the plain
// counter races) around a plain counter, `threads` threads incrementing it once each.
std::function<void()> SpinlockCounter(int threads, bool relaxed) {
  return [threads, relaxed] {
    const auto acquire = relaxed ? std::memory_order_relaxed : std::memory_order_acquire;
    const auto release = relaxed ? std::memory_order_relaxed : std::memory_order_release;
    Atomic<int> lock("lock", 0);
    Shared<int> counter("counter", 0);
    std::vector<Thread> workers;
    workers.reserve(static_cast<std::size_t>(threads));
    for (int t = 0; t < threads; ++t) {
      workers.emplace_back(
          [&] {
            int expected = 0;
            while (!lock.compare_exchange_weak(expected, 1, acquire, std::memory_order_relaxed)) {
              expected = 0;
            }
            counter.write(counter.read() + 1);
            lock.store(0, release);
          },
          "T" + std::to_string(t));
    }
    for (Thread& worker : workers) worker.start();
    for (Thread& worker : workers) worker.join();
    expect(counter.read() == threads, "every increment counted");
  };
}

// Message passing along a chain of `threads` threads: the first writes data then raises
// flag 0; thread i passes flag i-1 on to flag i if it saw it; the last reads data if it saw
// the last flag. With release/acquire flags it must read 1; with relaxed flags it may read 0.
std::function<void()> MessageChain(int threads, bool relaxed) {
  return [threads, relaxed] {
    const auto acquire = relaxed ? std::memory_order_relaxed : std::memory_order_acquire;
    const auto release = relaxed ? std::memory_order_relaxed : std::memory_order_release;
    Atomic<int> data("data", 0);
    std::vector<std::unique_ptr<Atomic<int>>> flags;
    for (int i = 0; i + 1 < threads; ++i) {
      flags.push_back(std::make_unique<Atomic<int>>("flag" + std::to_string(i), 0));
    }
    int seen = -1;
    std::vector<Thread> chain;
    chain.reserve(static_cast<std::size_t>(threads));
    chain.emplace_back(
        [&] {
          data.store(1, std::memory_order_relaxed);
          flags[0]->store(1, release);
        },
        "T0");
    for (int i = 1; i + 1 < threads; ++i) {
      chain.emplace_back(
          [&, i] {
            if (flags[static_cast<std::size_t>(i - 1)]->load(acquire) == 1) {
              flags[static_cast<std::size_t>(i)]->store(1, release);
            }
          },
          "T" + std::to_string(i));
    }
    chain.emplace_back(
        [&] {
          if (flags.back()->load(acquire) == 1) seen = data.load(std::memory_order_relaxed);
        },
        "T" + std::to_string(threads - 1));
    for (Thread& thread : chain) thread.start();
    for (Thread& thread : chain) thread.join();
    expect(seen != 0, "the last thread saw the flag but not the data");
    outcome("seen", seen);
  };
}

struct AlgorithmCase {
  std::string name;
  std::function<void()> body;
  bool dfs;
};

std::vector<AlgorithmCase> Algorithms() {
  return {
      {"spinlock/2/acqrel", SpinlockCounter(2, false), true},
      {"spinlock/2/rlx", SpinlockCounter(2, true), true},
      {"spinlock/3/acqrel", SpinlockCounter(3, false), false},
      {"chain/3/acqrel", MessageChain(3, false), true},
      {"chain/3/rlx", MessageChain(3, true), true},
      {"chain/4/acqrel", MessageChain(4, false), false},
      {"chain/4/rlx", MessageChain(4, true), false},
  };
}

// The programs parsed once, alive for the whole run (LitmusBody keeps a reference).
std::vector<litmus::LitmusProgram>& Programs() {
  static auto* programs = new std::vector<litmus::LitmusProgram>;
  return *programs;
}

bool Register() {
  const struct {
    MemoryModel model;
    const char* name;
  } models[] = {{MemoryModel::kRc11, "rc11"}, {MemoryModel::kSc, "sc"}};
  Programs().reserve(std::size(kLitmus));
  for (const LitmusCase& litmus : kLitmus) {
    Programs().push_back(litmus::ParseLitmus(litmus.program, litmus.observed));
    const litmus::LitmusProgram& program = Programs().back();
    if (!program.error.empty()) {
      std::fprintf(stderr, "%s: %s\n", litmus.name, program.error.c_str());
      std::exit(2);
    }
    const std::function<void()> body = litmus::LitmusBody(program);
    for (const auto& [model, model_name] : models) {
      for (const Search search : {Search::kDpor, Search::kDfs}) {
        if (search == Search::kDfs && !litmus.dfs) continue;
        const std::string name = std::string(litmus.name) + "/" +
                                 (search == Search::kDpor ? "dpor" : "dfs") + "/" + model_name;
        benchmark::RegisterBenchmark(name.c_str(),
                                     [body, search, model = model](benchmark::State& state) {
                                       Run(state, body, search, model);
                                     })
            ->Unit(benchmark::kMillisecond)
            ->UseRealTime()
            ->Iterations(search == Search::kDfs ? 1 : 3);
      }
    }
  }
  for (const AlgorithmCase& algorithm : Algorithms()) {
    for (const auto& [model, model_name] : models) {
      for (const Search search : {Search::kDpor, Search::kDfs}) {
        if (search == Search::kDfs && !algorithm.dfs) continue;
        const std::string name =
            algorithm.name + "/" + (search == Search::kDpor ? "dpor" : "dfs") + "/" + model_name;
        benchmark::RegisterBenchmark(
            name.c_str(), [body = algorithm.body, search, model = model](
                              benchmark::State& state) { Run(state, body, search, model); })
            ->Unit(benchmark::kMillisecond)
            ->UseRealTime()
            ->Iterations(1);
      }
    }
  }
  return true;
}

const bool kRegistered = Register();

}  // namespace
}  // namespace interleave
