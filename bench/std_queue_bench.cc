// What a user writes (issue 18's first example): a bounded blocking queue in std style, on the
// std mirror (a mutex, two condition variables, std::thread-style threads), with P producers
// and P consumers moving K items each through a queue of capacity 1, explored exhaustively by
// dpor. Reports executions, pruned (sleep-set blocked) executions and CPU seconds per search:
// the std mirror's cost per execution (object registration and names, waits, notifies), next to
// the model API's in increments_bench.
//
//   bazel run -c opt //bench:std_queue_bench
//   bazel run -c opt //bench:std_queue_bench -- --benchmark_filter=dpor/2/2
//   bazel run -c opt //bench:std_queue_bench -- --benchmark_filter='dpor_alike(_symmetry)?/'
#include <benchmark/benchmark.h>

#include <atomic>
#include <cstddef>
#include <deque>
#include <vector>

#include "bench/search_bench.h"
#include "checker/dpor.h"
#include "checker/explorer.h"
#include "model/api.h"
#include "std/sync.h"

namespace interleave {
namespace {

// The fixed queue of examples/queue (not_full and not_empty, predicates on both waits).
class BoundedQueue {
 public:
  explicit BoundedQueue(std::size_t capacity) : capacity_(capacity) {}
  void put(int item) {
    sync::unique_lock<sync::mutex> lock(mutex_);
    not_full_.wait(lock, [this] { return items_.size() < capacity_; });
    items_.push_back(item);
    not_empty_.notify_one();
  }
  int get() {
    sync::unique_lock<sync::mutex> lock(mutex_);
    not_empty_.wait(lock, [this] { return !items_.empty(); });
    const int item = items_.front();
    items_.pop_front();
    not_full_.notify_one();
    return item;
  }

 private:
  const std::size_t capacity_;
  sync::mutex mutex_;
  sync::condition_variable not_full_;
  sync::condition_variable not_empty_;
  std::deque<int> items_;
};

void ProducersAndConsumers(int pairs, int items) {
  BoundedQueue queue(1);
  std::vector<int> sums(static_cast<std::size_t>(pairs));
  std::vector<sync::thread> threads;
  for (int p = 0; p < pairs; ++p) {
    threads.emplace_back([&queue, items, p] {
      for (int i = 1; i <= items; ++i) queue.put(p * items + i);
    });
  }
  for (int c = 0; c < pairs; ++c) {
    threads.emplace_back([&queue, &sums, items, c] {
      for (int i = 0; i < items; ++i) sums[static_cast<std::size_t>(c)] += queue.get();
    });
  }
  for (sync::thread& thread : threads) thread.join();
  int total = 0;
  for (const int sum : sums) total += sum;
  const int n = pairs * items;
  expect(total == n * (n + 1) / 2, "every item is taken once");
}

// The same queue with interchangeable threads: every producer puts 1 to K, every consumer
// adds what it took to one total (function pointers and pointer arguments, equal for each
// producer and each consumer: --symmetry groups them). The total is a std::atomic outside the
// model, as the other program's sums are plain ints: the search is over the queue.
void Produce(BoundedQueue* queue, int items) {
  for (int i = 1; i <= items; ++i) queue->put(i);
}

void Consume(BoundedQueue* queue, std::atomic<int>* total, int items) {
  int sum = 0;
  for (int i = 0; i < items; ++i) sum += queue->get();
  total->fetch_add(sum);
}

void AlikeProducersAndConsumers(int pairs, int items) {
  BoundedQueue queue(1);
  std::atomic<int> total{0};
  std::vector<sync::thread> threads;
  for (int p = 0; p < pairs; ++p) threads.emplace_back(Produce, &queue, items);
  for (int c = 0; c < pairs; ++c) threads.emplace_back(Consume, &queue, &total, items);
  for (sync::thread& thread : threads) thread.join();
  expect(total.load() == pairs * items * (items + 1) / 2, "every item is taken once");
}

using bench::ProcessCpuSeconds;

template <bool kAlike, bool kSymmetry>
void BM_BoundedQueue(benchmark::State& state) {
  const int pairs = static_cast<int>(state.range(0));
  const int items = static_cast<int>(state.range(1));
  Result last;
  double cpu_seconds = 0;
  for (auto _ : state) {
    DporStrategy strategy;
    const double cpu_before = ProcessCpuSeconds();
    const Result result = Explore(
        "bounded_queue",
        [pairs, items] {
          if (kAlike) {
            AlikeProducersAndConsumers(pairs, items);
          } else {
            ProducersAndConsumers(pairs, items);
          }
        },
        strategy, ExploreOptions{.max_executions = 100'000'000, .symmetry = kSymmetry});
    cpu_seconds += ProcessCpuSeconds() - cpu_before;
    if (!result.stats.exhaustive) state.SkipWithError("the search did not end");
    if (result.verdict != Verdict::kPass) state.SkipWithError("the fixed queue did not pass");
    last = result;
  }
  bench::ReportSearches(state, cpu_seconds, last);
}

// Pairs of producers and consumers, items each.
BENCHMARK_TEMPLATE(BM_BoundedQueue, false, false)
    ->Name("dpor")
    ->Args({1, 3})
    ->Args({2, 1})
    ->Args({2, 2})
    ->Args({3, 1})
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

// Interchangeable producers and consumers, without and with --symmetry.
BENCHMARK_TEMPLATE(BM_BoundedQueue, true, false)
    ->Name("dpor_alike")
    ->Args({2, 2})
    ->Args({3, 1})
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

BENCHMARK_TEMPLATE(BM_BoundedQueue, true, true)
    ->Name("dpor_alike_symmetry")
    ->Args({2, 2})
    ->Args({3, 1})
    ->Args({4, 1})
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

}  // namespace
}  // namespace interleave
