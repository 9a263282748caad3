#include "model/testing/programs.h"

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "model/model.h"

namespace interleave::testing {
namespace {

// Main of both increment programs: `increment` runs in threads A and B.
void RunTwoIncrements(Shared<int>& x, const std::function<void()>& increment) {
  Thread a(increment, "A");
  Thread b(increment, "B");
  a.start();
  b.start();
  a.join();
  b.join();
  const int final_value = x.read();
  outcome("x", final_value);
  expect(final_value == 2, "x == 2");
}

// LostUpdateOnThreads and LostUpdateOnThreadsLocked: the former lost_update scenarios.
class FakeDatabase {
 public:
  void update(int name) {
    log("Thread " + std::to_string(name) + ": starting update");
    int local_copy = value.read();
    local_copy += 1;
    sleep(0.1);
    value.write(local_copy);
    log("Thread " + std::to_string(name) + ": finishing update");
  }

  Shared<int> value{"value", 0};
};

class FakeDatabaseWithLock {
 public:
  void update(int name) {
    log("Thread " + std::to_string(name) + ": starting update");
    log("Thread " + std::to_string(name) + ": about to lock");
    {
      LockGuard with(lock_);
      log("Thread " + std::to_string(name) + ": lock acquired");
      int local_copy = value.read();
      local_copy += 1;
      sleep(0.1);
      value.write(local_copy);
      log("Thread " + std::to_string(name) + ": lock released");
    }
    log("Thread " + std::to_string(name) + ": finishing update");
  }

  Shared<int> value{"value", 0};

 private:
  Lock lock_{"_lock"};
};

template <typename Database>
void TestUpdate() {
  Database database;
  log("Testing update. Starting value is " + std::to_string(database.value.read()));
  {
    Thread worker0([&database] { database.update(0); }, "Thread 0");
    Thread worker1([&database] { database.update(1); }, "Thread 1");
    worker0.start();
    worker1.start();
    worker0.join();
    worker1.join();
  }
  const int ending = database.value.read();
  log("Testing update. Ending value is " + std::to_string(ending));
  outcome("value", ending);
  expect(ending == 2, "value == 2 after two updates");
}

}  // namespace

std::string DependenceText(const Trace& trace) {
  std::map<ThreadId, int> position;
  std::map<ObjectId, std::vector<std::vector<std::string>>> accesses;
  std::string choices;
  std::multimap<int, int> values;  // The data choices: step, value.
  for (const Decision& d : trace.decisions) {
    if (d.is_value) values.emplace(d.step, d.chosen);
  }
  auto access = [&](ObjectId object, bool modifies, const std::string& id) {
    auto& runs = accesses[object];
    if (modifies || runs.empty() || runs.back().front()[0] == 'w') runs.push_back({});
    runs.back().push_back((modifies ? "w" : "r") + id);
  };
  for (const TraceEvent& e : trace.events) {
    const int local = ++position[e.thread];
    const std::string id = std::to_string(e.thread) + "." + std::to_string(local);
    for (auto [it, end] = values.equal_range(e.step); it != end; ++it) {
      choices += id + "=" + std::to_string(it->second) + " ";
    }
    access(-2, e.global, id);
    if (e.object != kNoObject) access(e.object, OpModifies(e.kind), id);
    // A thread's liveness (object -10 - thread): its every event changes it; is_alive reads it
    // and a kill changes it.
    access(-10 - e.thread, true, id);
    if (e.observes != kNoThread && e.observes != e.thread) {
      access(-10 - e.observes, e.kind == OpKind::kKill, id);
    }
  }
  std::string text = choices.empty() ? "" : "choices: " + choices + "| ";
  for (auto& [object, runs] : accesses) {
    text += std::to_string(object) + ":";
    for (auto& run : runs) {
      std::sort(run.begin(), run.end());
      for (const std::string& access : run) text += access + " ";
      text += "| ";
    }
  }
  return text;
}

std::function<void()> Increments(int threads, int increments, bool locked) {
  return [=] {
    Shared<int> x("x", 0);
    Lock lock("lock");
    std::vector<Thread> workers;
    workers.reserve(static_cast<std::size_t>(threads));
    for (int t = 0; t < threads; ++t) {
      workers.emplace_back([&, increments] {
        for (int k = 0; k < increments; ++k) {
          if (locked) lock.acquire();
          x.write(x.read() + 1);
          if (locked) lock.release();
        }
      });
      // The same function, equal arguments, joined together: interchangeable (--symmetry).
      workers.back().set_symmetric("increment");
    }
    for (Thread& w : workers) w.start();
    for (Thread& w : workers) w.join();
    outcome("x", x.read());
  };
}

std::function<void()> IndependentWriters(int threads, int writes) {
  return [=] {
    std::vector<std::unique_ptr<Shared<int>>> variables;
    for (int t = 0; t < threads; ++t) {
      variables.push_back(std::make_unique<Shared<int>>("v" + std::to_string(t), 0));
    }
    std::vector<Thread> workers;
    workers.reserve(static_cast<std::size_t>(threads));
    for (int t = 0; t < threads; ++t) {
      workers.emplace_back([&variables, t, writes] {
        for (int k = 0; k < writes; ++k) variables[t]->write(k);
      });
    }
    for (Thread& w : workers) w.start();
    for (Thread& w : workers) w.join();
  };
}

void TwoUnlockedIncrements() {
  Shared<int> x("x", 0);
  RunTwoIncrements(x, [&x] { x.write(x.read() + 1); });
}

void TwoLockedIncrements() {
  Shared<int> x("x", 0);
  Lock lock("lock");
  RunTwoIncrements(x, [&] {
    LockGuard guard(lock);
    x.write(x.read() + 1);
  });
}

void OppositeLockOrder() {
  Lock first("first");
  Lock second("second");
  Thread a(
      [&] {
        LockGuard g1(first);
        LockGuard g2(second);
      },
      "A");
  Thread b(
      [&] {
        LockGuard g1(second);
        LockGuard g2(first);
      },
      "B");
  a.start();
  b.start();
  a.join();
  b.join();
}

void LostUpdateOnThreads() { TestUpdate<FakeDatabase>(); }

void LostUpdateOnThreadsLocked() { TestUpdate<FakeDatabaseWithLock>(); }

std::function<void()> Nondeterministic(int threads) {
  auto runs = std::make_shared<std::atomic<int>>(0);
  return [threads, runs] {
    Shared<int> x("x", 0);
    std::vector<Thread> writers;
    writers.reserve(static_cast<std::size_t>(threads));
    for (int t = 0; t < threads; ++t) {
      writers.emplace_back([&x, t] { x.write(t + 1); });
    }
    // Behaves differently on the same schedule: the second thread runs on odd runs only.
    const bool second = ++*runs % 2 == 1;
    if (second) writers[1].start();
    writers[0].start();
    for (int t = 2; t < threads; ++t) writers[t].start();
    x.read();
    // Joined here, not in the vector's destructor, which may not throw (an execution that ends
    // unwinds its threads with an exception from their next step).
    for (int t = 0; t < threads; ++t) {
      if (t != 1 || second) writers[t].join();
    }
  };
}

}  // namespace interleave::testing
