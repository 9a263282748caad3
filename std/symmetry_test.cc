// --symmetry on std-style programs (Execution::SetSymmetryGroupByValue): threads started with
// the same callable and equal arguments (trivially copyable, compared by their bytes) form a
// group without a declaration. Against the full dpor search: every outcome and kind of finding
// kept, the verdict kept, and for locked increments exactly the classes up to symmetry;
// threads told apart by their arguments are not grouped; reading a member's own id or
// detaching a member is an ERROR.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <functional>
#include <set>
#include <string>
#include <vector>

#include "model/model.h"
#include "std/sync.h"
#include "std/testing.h"

namespace interleave {
namespace {

using sync_testing::Check;
using sync_testing::Explain;
using ::testing::HasSubstr;

struct Searches {
  Result full;
  Result reduced;
};

// The full and the reduced search agree on the verdict, the outcomes and the kinds found; the
// reduced one runs no more executions.
Searches ExpectSameUpToSymmetry(const std::string& name, const std::function<void()>& body) {
  Searches searches{Check(name, body), Check(name, body, {.symmetry = true})};
  EXPECT_TRUE(searches.full.stats.exhaustive) << name;
  EXPECT_TRUE(searches.reduced.stats.exhaustive) << name << ": " << Explain(searches.reduced);
  EXPECT_EQ(searches.reduced.verdict, searches.full.verdict) << Explain(searches.reduced);
  EXPECT_EQ(OutcomeNames(searches.reduced), OutcomeNames(searches.full)) << name;
  EXPECT_EQ(FindingKinds(searches.reduced), FindingKinds(searches.full)) << name;
  EXPECT_LE(searches.reduced.stats.executions, searches.full.stats.executions) << name;
  return searches;
}

// N std::threads running one function (a function pointer and a reference to the counter)
// that each add 1 to the counter K times, under a mutex or not.
struct Counter {
  sync::mutex mutex;
  sync::condition_variable changed;
  int value = 0;
  sync::atomic<int> racy{0};
};

void AddAndNotify(Counter& counter) {
  sync::lock_guard<sync::mutex> hold(counter.mutex);
  ++counter.value;
  counter.changed.notify_all();
}

void AddLocked(Counter& counter, int times) {
  for (int k = 0; k < times; ++k) {
    sync::lock_guard<sync::mutex> hold(counter.mutex);
    ++counter.value;
  }
}

void AddUnlocked(Counter& counter, int times) {
  for (int k = 0; k < times; ++k) {
    counter.racy.store(counter.racy.load(sync::memory_order_relaxed) + 1,
                       sync::memory_order_relaxed);
  }
}

std::function<void()> Increments(int threads, int times, bool locked) {
  return [=] {
    Counter counter;
    std::vector<sync::thread> workers;
    for (int t = 0; t < threads; ++t) {
      workers.emplace_back(locked ? AddLocked : AddUnlocked, std::ref(counter), times);
    }
    for (sync::thread& worker : workers) worker.join();
    const int total = locked ? counter.value : counter.racy.load();
    outcome("total", total);
    expect(total == threads * times, "no increment is lost");
  };
}

int64_t Factorial(int m) {
  int64_t f = 1;
  for (int i = 2; i <= m; ++i) f *= i;
  return f;
}

TEST(StdSymmetryTest, LockedIncrementsExploreOneClassPerPermutationClass) {
  for (const auto& [n, k] : std::vector<std::pair<int, int>>{{2, 2}, {3, 1}, {3, 2}, {4, 1}}) {
    const std::string name = std::to_string(n) + "x" + std::to_string(k);
    const Searches searches = ExpectSameUpToSymmetry(name, Increments(n, k, true));
    // (N*K)! / ((K!)^N * N!) lock orders up to symmetry, N! times as many without.
    int64_t classes = Factorial(n * k);
    for (int t = 0; t < n; ++t) classes /= Factorial(k);
    EXPECT_EQ(searches.reduced.stats.executions, classes / Factorial(n)) << name;
    EXPECT_EQ(searches.full.stats.executions, classes) << name;
    EXPECT_EQ(searches.reduced.verdict, Verdict::kPass) << Explain(searches.reduced);
    ASSERT_TRUE(searches.reduced.settings.contains("symmetry")) << name;
    // The group is named after the first thread's line: the test's own, found by walking the
    // stack past std::vector::emplace_back (under ThreadSanitizer the walk finds no line: "?";
    // optimised, emplace_back is inlined into the test's function and -g1's line tables keep
    // no record of the call it was inlined from: "?:0" too).
#if defined(__SANITIZE_THREAD__) || defined(__OPTIMIZE__)
    const std::string line = "";
#else
    const std::string line = "symmetry_test.cc:";
#endif
    EXPECT_THAT(searches.reduced.settings.at("symmetry"),
                HasSubstr("the " + std::to_string(n) +
                          " threads of symmetry group 'std::thread at " + line));
    EXPECT_FALSE(searches.full.settings.contains("symmetry"));
  }
}

TEST(StdSymmetryTest, LostUpdatesAreStillFound) {
  const Searches searches = ExpectSameUpToSymmetry("3x1 unlocked", Increments(3, 1, false));
  EXPECT_EQ(searches.reduced.verdict, Verdict::kBug) << Explain(searches.reduced);
  EXPECT_LT(searches.reduced.stats.executions, searches.full.stats.executions);
}

// Issue 18's example with interchangeable threads: producers that put the same items, and
// consumers that add what they take to one total, through a bounded queue of capacity 1.
class BoundedQueue {
 public:
  void put(int item) {
    sync::unique_lock<sync::mutex> lock(mutex_);
    not_full_.wait(lock, [this] { return !full_; });
    item_ = item;
    full_ = true;
    not_empty_.notify_one();
  }
  int get() {
    sync::unique_lock<sync::mutex> lock(mutex_);
    not_empty_.wait(lock, [this] { return full_; });
    full_ = false;
    not_full_.notify_one();
    return item_;
  }

 private:
  sync::mutex mutex_;
  sync::condition_variable not_full_;
  sync::condition_variable not_empty_;
  bool full_ = false;
  int item_ = 0;
};

struct Total {
  sync::mutex mutex;
  int sum = 0;
};

void Produce(BoundedQueue* queue, int items) {
  for (int i = 1; i <= items; ++i) queue->put(i);
}

void Consume(BoundedQueue* queue, Total* total, int items) {
  for (int i = 0; i < items; ++i) {
    const int item = queue->get();
    sync::lock_guard<sync::mutex> hold(total->mutex);
    total->sum += item;
  }
}

std::function<void()> ProducersAndConsumers(int pairs, int items) {
  return [=] {
    BoundedQueue queue;
    Total total;
    std::vector<sync::thread> threads;
    for (int p = 0; p < pairs; ++p) threads.emplace_back(Produce, &queue, items);
    for (int c = 0; c < pairs; ++c) threads.emplace_back(Consume, &queue, &total, items);
    for (sync::thread& thread : threads) thread.join();
    outcome("sum", total.sum);
    expect(total.sum == pairs * items * (items + 1) / 2, "every item is taken once");
  };
}

TEST(StdSymmetryTest, ProducersAndConsumersFormTwoGroups) {
  const Searches searches = ExpectSameUpToSymmetry("queue 2x1", ProducersAndConsumers(2, 1));
  EXPECT_EQ(searches.reduced.verdict, Verdict::kPass) << Explain(searches.reduced);
  EXPECT_LT(searches.reduced.stats.executions * 2, searches.full.stats.executions);
  const std::string& groups = searches.reduced.settings.at("symmetry");
  EXPECT_THAT(groups, HasSubstr("the 2 threads of symmetry group 'std::thread at "));
  EXPECT_THAT(groups, HasSubstr(" and the 2 threads of symmetry group"));
}

TEST(StdSymmetryTest, ThreadsToldApartByTheirArgumentsAreNotGrouped) {
  // Each worker adds its own index: the arguments differ, so nothing is grouped and the
  // search is the full one.
  const auto body = [] {
    Total total;
    std::vector<sync::thread> workers;
    for (int t = 1; t <= 3; ++t) {
      workers.emplace_back(
          [&total](int index) {
            sync::lock_guard<sync::mutex> hold(total.mutex);
            total.sum = total.sum * 10 + index;
          },
          t);
    }
    for (sync::thread& worker : workers) worker.join();
    outcome("digits", total.sum);
  };
  const Searches searches = ExpectSameUpToSymmetry("indexed", body);
  EXPECT_EQ(searches.reduced.stats.executions, searches.full.stats.executions);
  EXPECT_EQ(OutcomeNames(searches.reduced).size(), 6u);  // Every order of the three digits.
  EXPECT_FALSE(searches.reduced.settings.contains("symmetry"));
}

TEST(StdSymmetryTest, AFirstThreadThatHasSteppedIsLeftOut) {
  // The first worker has run to its end before the others start: only the second and third
  // are interchangeable.
  const auto body = [] {
    Counter counter;
    sync::thread first(AddLocked, std::ref(counter), 1);
    first.join();
    sync::thread second(AddLocked, std::ref(counter), 1);
    sync::thread third(AddLocked, std::ref(counter), 1);
    second.join();
    third.join();
    outcome("total", counter.value);
  };
  const Searches searches = ExpectSameUpToSymmetry("stepped first", body);
  EXPECT_EQ(searches.full.stats.executions, 2);
  EXPECT_EQ(searches.reduced.stats.executions, 1);
  EXPECT_THAT(searches.reduced.settings.at("symmetry"),
              HasSubstr("the 2 threads of symmetry group"));
}

TEST(StdSymmetryTest, AMemberReadingItsOwnIdIsAnError) {
  const auto body = [] {
    sync::mutex mutex;
    std::vector<int> ids;
    const auto record = [&] {
      sync::lock_guard<sync::mutex> hold(mutex);
      ids.push_back(static_cast<int>(std::hash<sync::thread::id>{}(sync::this_thread::get_id())));
    };
    sync::thread a(record);
    sync::thread b(record);
    a.join();
    b.join();
  };
  EXPECT_EQ(Check("own id", body).verdict, Verdict::kPass);
  const Result reduced = Check("own id", body, {.symmetry = true});
  EXPECT_EQ(reduced.verdict, Verdict::kError) << Explain(reduced);
  EXPECT_THAT(reduced.error, HasSubstr("std::this_thread::get_id()"));
  EXPECT_THAT(reduced.error, HasSubstr("drop --symmetry"));
}

TEST(StdSymmetryTest, DetachingAMemberIsAnError) {
  const auto body = [] {
    Counter counter;
    sync::thread a(AddLocked, std::ref(counter), 1);
    sync::thread b(AddLocked, std::ref(counter), 1);
    a.join();
    b.detach();
  };
  const Result reduced = Check("detach", body, {.symmetry = true});
  EXPECT_EQ(reduced.verdict, Verdict::kError) << Explain(reduced);
  EXPECT_THAT(reduced.error, HasSubstr("was detached"));
  // A thread detached before a second like it starts is left out instead.
  const auto alone = [] {
    Counter counter;
    sync::thread a(AddAndNotify, std::ref(counter));
    a.detach();
    sync::thread b(AddAndNotify, std::ref(counter));
    sync::thread c(AddAndNotify, std::ref(counter));
    b.join();
    c.join();
    // The counter outlives the detached thread's last use of it.
    sync::unique_lock<sync::mutex> hold(counter.mutex);
    counter.changed.wait(hold, [&counter] { return counter.value == 3; });
  };
  const Result left_out = Check("detached first", alone, {.symmetry = true});
  EXPECT_EQ(left_out.verdict, Verdict::kPass) << Explain(left_out);
  EXPECT_THAT(left_out.settings.at("symmetry"), HasSubstr("the 2 threads of symmetry group"));
  EXPECT_LT(left_out.stats.executions, Check("detached first", alone).stats.executions);
}

}  // namespace
}  // namespace interleave
