// Scratch probe (not for commit): dfs vs dpor on small programs in time mode any.
#include <gtest/gtest.h>

#include <cstdio>
#include <functional>
#include <map>
#include <set>
#include <cstdlib>
#include <string>
#include <vector>

#include "checker/class_size.h"
#include "checker/dfs.h"
#include "checker/dpor.h"
#include "checker/explorer.h"
#include "model/model.h"
#include "model/threading.h"
#include "scenarios/registry.h"

namespace interleave {
namespace {

std::string Canonical(const Trace& trace) {
  std::map<ThreadId, int> position;
  std::map<ObjectId, std::vector<std::vector<std::string>>> accesses;
  auto access = [&](ObjectId object, bool modifies, const std::string& id) {
    auto& runs = accesses[object];
    if (modifies || runs.empty() || runs.back().front()[0] == 'w') runs.push_back({});
    runs.back().push_back((modifies ? "w" : "r") + id);
  };
  for (const TraceEvent& e : trace.events) {
    const int local = ++position[e.thread];
    const std::string id = std::to_string(e.thread) + "." + std::to_string(local);
    access(-2, e.global, id);
    if (e.object != kNoObject) access(e.object, OpModifies(e.kind), id);
    access(-10 - e.thread, true, id);
    if (e.observes != kNoThread && e.observes != e.thread) {
      access(-10 - e.observes, e.kind == OpKind::kKill, id);
    }
  }
  std::string text;
  for (auto& [object, runs] : accesses) {
    text += std::to_string(object) + ":";
    for (auto& run : runs) {
      std::sort(run.begin(), run.end());
      for (const std::string& a : run) text += a + " ";
      text += "| ";
    }
  }
  return text;
}

std::string OutcomeKey(const Trace& trace) {
  std::string key;
  for (const auto& [k, v] : trace.outcome) key += k + "=" + v + " ";
  return key;
}

void Probe(const std::string& name, const std::function<void()>& body, TimeMode time) {
  std::map<std::string, std::set<std::string>> dfs_classes;  // canonical -> outcomes
  std::map<std::string, int64_t> dfs_outcomes;
  {
    DfsStrategy dfs;
    int64_t n = 0;
    while (dfs.StartExecution() && n < 3'000'000) {
      Trace trace = Execution::Run(body, dfs, {.max_steps = 10'000, .time = time});
      dfs.EndExecution(trace);
      ++n;
      dfs_classes[Canonical(trace)].insert(OutcomeKey(trace));
      ++dfs_outcomes[OutcomeKey(trace)];
    }
    std::printf("%s dfs %lld interleavings, %zu classes\n", name.c_str(), (long long)n,
                dfs_classes.size());
  }
  int ambiguous = 0;
  for (const auto& [c, outs] : dfs_classes) {
    if (outs.size() > 1) {
      if (++ambiguous <= 3) {
        std::printf("  class with %zu outcomes: %s\n", outs.size(), c.c_str());
      }
    }
  }
  std::printf("  classes with several outcomes: %d\n", ambiguous);
  std::set<std::string> dpor_classes;
  std::map<std::string, int64_t> dpor_sums;
  std::map<std::string, int64_t> dpor_outs;
  {
    DporStrategy dpor;
    int64_t n = 0;
    while (dpor.StartExecution()) {
      Trace trace = Execution::Run(body, dpor, {.max_steps = 10'000, .time = time});
      const std::string canon = Canonical(trace);
      const std::string key = OutcomeKey(trace);
      const bool complete = trace.end == EndReason::kFinished || trace.end == EndReason::kDeadlock;
      dpor.EndExecution(trace);
      if (!complete) continue;
      ++n;
      dpor_classes.insert(canon);
      ++dpor_outs[key];
      const ClassSizeResult size = ClassSize(trace, time);
      dpor_sums[key] += size.interleavings;
    }
    std::printf("  dpor %lld executions, %zu distinct classes\n", (long long)n,
                dpor_classes.size());
  }
  int missing = 0;
  for (const auto& [c, outs] : dfs_classes) {
    if (!dpor_classes.contains(c)) {
      if (++missing <= 3) std::printf("  missed class (outcomes %s): %s\n", outs.begin()->c_str(), c.c_str());
    }
  }
  std::printf("  dfs classes dpor missed: %d\n", missing);
  for (const auto& [k, v] : dfs_outcomes) {
    std::printf("  outcome %-30s dfs %8lld  dpor classes %5lld  dpor sum %8lld\n", k.c_str(),
                (long long)v, (long long)dpor_outs[k], (long long)dpor_sums[k]);
  }
  for (const auto& [k, v] : dpor_outs) {
    if (!dfs_outcomes.contains(k)) std::printf("  outcome %s only in dpor\n", k.c_str());
  }
}

TEST(Probe, Executor) {
  Probe("executor_min", [] {
    std::string a, b;
    {
      ThreadPoolExecutor ex(2);
      ex.submit([&] { a = current_thread_name(); });
      ex.submit([&] { b = current_thread_name(); });
    }
    outcome("same_worker", a == b ? 1 : 0);
  }, TimeMode::kAny);
  Probe("executor_min_noshutdownwait", [] {
    std::string a, b;
    ThreadPoolExecutor ex(2);
    ex.submit([&] { a = current_thread_name(); });
    ex.submit([&] { b = current_thread_name(); });
  }, TimeMode::kAny);
  Probe("executor_same_worker", [] {
    std::string a, b;
    {
      ThreadPoolExecutor ex(2);
      ex.submit([&] { a = current_thread_name(); log("a"); });
      ex.submit([&] { b = current_thread_name(); log("b"); });
    }
    outcome("same_worker", a == b ? 1 : 0);
  }, TimeMode::kAny);
  Probe("executor_active_count", [] {
    ThreadPoolExecutor ex(2);
    ex.submit([] { log("a"); });
    ex.submit([] { log("b"); });
    outcome("threads", active_count());
  }, TimeMode::kAny);
  Probe("executor_lost_update", [] {
    Shared<int> x("x", 0);
    {
      ThreadPoolExecutor ex(2);
      for (int i = 0; i < 2; ++i) ex.submit([&] { const int v = x.read(); x.write(v + 1); });
    }
    outcome("x", x.read());
  }, TimeMode::kAny);
}

TEST(Probe, Scenarios) {
  const char* env = std::getenv("PROBE");
  if (env == nullptr) GTEST_SKIP();
  std::string spec = env;  // name:k=v,k=v;name2
  std::size_t pos = 0;
  while (pos <= spec.size()) {
    std::size_t end = spec.find(';', pos);
    if (end == std::string::npos) end = spec.size();
    std::string item = spec.substr(pos, end - pos);
    pos = end + 1;
    if (item.empty()) continue;
    std::string name = item.substr(0, item.find(':'));
    std::map<std::string, int> overrides;
    if (item.find(':') != std::string::npos) {
      std::string rest = item.substr(item.find(':') + 1);
      std::size_t q = 0;
      while (q < rest.size()) {
        std::size_t e = rest.find(',', q);
        if (e == std::string::npos) e = rest.size();
        std::string kv = rest.substr(q, e - q);
        overrides[kv.substr(0, kv.find('='))] = std::stoi(kv.substr(kv.find('=') + 1));
        q = e + 1;
      }
    }
    const Scenario* s = FindScenario(name);
    ASSERT_NE(s, nullptr) << name;
    Probe(item, s->Bind(s->Params(overrides)), TimeMode::kAny);
  }
}


TEST(Probe, Semaphore) {
  Probe("sem2_three_plain", [] {
    Semaphore s(2, "s");
    std::vector<Thread> threads;
    threads.reserve(3);
    for (int i = 0; i < 3; ++i) {
      threads.emplace_back([&s] { s.acquire(); log("in"); s.release(); }, std::to_string(i));
      threads.back().start();
    }
    for (Thread& t : threads) t.join();
  }, TimeMode::kAny);
  Probe("sem2_three_exitwait", [] {
    Semaphore s(2, "s");
    std::vector<Thread> threads;
    threads.reserve(3);
    for (int i = 0; i < 3; ++i) {
      threads.emplace_back([&s] { s.acquire(); log("in"); s.release(); }, std::to_string(i));
      threads.back().start();
    }
    for (Thread& t : threads) t.wait_at_exit();
  }, TimeMode::kAny);
  Probe("sem1_three", [] {
    Semaphore s(1, "s");
    std::vector<Thread> threads;
    threads.reserve(3);
    for (int i = 0; i < 3; ++i) {
      threads.emplace_back([&s] { s.acquire(); s.release(); }, std::to_string(i));
      threads.back().start();
    }
    for (Thread& t : threads) t.join();
  }, TimeMode::kAny);
}

std::map<std::string, int> DporCanon(const std::function<void()>& body, TimeMode time, int part,
                                     int parts, int64_t* executions) {
  DporStrategy dpor;
  if (parts > 1) dpor.SetPart(part, parts);
  std::map<std::string, int> classes;
  while (dpor.StartExecution()) {
    Trace trace = Execution::Run(body, dpor, {.max_steps = 10'000, .time = time});
    if (trace.end != EndReason::kPruned) {
      ++classes[std::getenv("WITH_OUTCOME") ? Canonical(trace) + " @" + OutcomeKey(trace) : Canonical(trace)];
      ++*executions;
    }
    dpor.EndExecution(trace);
  }
  return classes;
}

void SplitCheck(const std::string& item, const std::function<void()>& body) {
  int64_t whole_n = 0;
  auto whole = DporCanon(body, TimeMode::kAny, 0, 1, &whole_n);
  std::printf("%s unsplit: %lld executions, %zu distinct canonical\n", item.c_str(),
              (long long)whole_n, whole.size());
  for (int parts : {2}) {
    std::map<std::string, int> merged;
    int64_t n = 0;
    for (int part = 0; part < parts; ++part) {
      for (auto& [k, v] : DporCanon(body, TimeMode::kAny, part, parts, &n)) merged[k] += v;
    }
    int dup = 0, extra = 0, missing = 0;
    for (auto& [k, v] : merged) {
      if (v > 1) dup += v - 1;
      if (!whole.contains(k)) {
        if (++extra <= 1) std::printf("  split-only class: %s\n", k.c_str());
      }
    }
    for (auto& [k, v] : whole) if (!merged.contains(k)) ++missing;
    std::printf("  %d parts: %lld executions, %zu distinct, duplicates %d, not in unsplit %d, "
                "unsplit's not in split %d\n",
                parts, (long long)n, merged.size(), dup, extra, missing);
  }
}

std::function<void()> SemWorkers(int workers, int permits, bool with_lock, bool second_block,
                                 bool exit_wait, bool pre_log = false, bool nap = false) {
  return [=] {
    Semaphore s(permits, "s");
    Lock lock("lock");
    Shared<int> active("active", 0);
    std::vector<Thread> threads;
    threads.reserve(workers);
    for (int i = 0; i < workers; ++i) {
      threads.emplace_back(
          [&] {
            if (pre_log) log("waiting");
            s.acquire();
            if (with_lock) lock.acquire();
            active.write(active.read() + 1);
            if (with_lock) lock.release();
            if (nap) sleep(0.1);
            if (second_block) {
              if (with_lock) lock.acquire();
              active.write(active.read() - 1);
              if (with_lock) lock.release();
            }
            s.release();
          },
          std::to_string(i));
      threads.back().start();
    }
    for (Thread& t : threads) {
      if (exit_wait) t.wait_at_exit(); else t.join();
    }
  };
}

TEST(Probe, SemSplit) {
  Probe("sem1 w2 prelog", SemWorkers(2, 1, false, false, true, true, false), TimeMode::kAny);
  Probe("sem1 w3 prelog", SemWorkers(3, 1, false, false, true, true, false), TimeMode::kAny);
  Probe("sem2 w3 prelog", SemWorkers(3, 2, false, false, true, true, false), TimeMode::kAny);
  SplitCheck("sem2 w3 prelog lock second", SemWorkers(3, 2, true, true, true, true, false));
}

TEST(Probe, Show) {
  auto body = SemWorkers(2, 1, false, false, true, true, false);
  DporStrategy dpor;
  while (dpor.StartExecution()) {
    Trace trace = Execution::Run(body, dpor, {.max_steps = 10'000, .time = TimeMode::kAny});
    std::printf("execution (%s):\n", std::string(EndReasonName(trace.end)).c_str());
    for (const TraceEvent& e : trace.events) {
      std::printf("  %3d %s: %s\n", e.step, trace.threads[e.thread].name.c_str(),
                  trace.Describe(e).c_str());
    }
    std::printf("  decisions:");
    for (const Decision& d : trace.decisions) {
      std::printf(" [%d: %d of %d]", d.step, d.chosen, d.enabled);
    }
    std::printf("\n");
    dpor.EndExecution(trace);
  }
}

TEST(Probe, Split) {
  const char* env = std::getenv("PROBE");
  if (env == nullptr) GTEST_SKIP();
  std::string item = env;
  std::string name = item.substr(0, item.find(':'));
  std::map<std::string, int> overrides;
  if (item.find(':') != std::string::npos) {
    std::string kv = item.substr(item.find(':') + 1);
    overrides[kv.substr(0, kv.find('='))] = std::stoi(kv.substr(kv.find('=') + 1));
  }
  const Scenario* s = FindScenario(name);
  ASSERT_NE(s, nullptr);
  SplitCheck(item, s->Bind(s->Params(overrides)));
}

}  // namespace
}  // namespace interleave
