// The oracle for dpor: on every program of the set, naive dfs enumerates every interleaving and
// groups them into Mazurkiewicz classes (a canonical form of each trace's dependence graph);
// dpor must reach exactly dfs's outcomes and kinds of finding, and run one complete execution
// per class (executions that a sleep set blocked are counted apart).
#include "checker/dpor.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

#include "checker/dfs.h"
#include "checker/explorer.h"
#include "model/model.h"
#include "model/testing/programs.h"
#include "scenarios/registry.h"

namespace interleave {
namespace {

struct Counts {
  int64_t interleavings = 0;
  int64_t classes = 0;
  // Per class (its testing::DependenceText), the outcomes its interleavings reached: one each,
  // unless the dependence relation calls two operations independent that are not.
  std::map<std::string, std::set<std::string>> outcomes;
};

Counts CountClasses(const std::function<void()>& body, TimeMode time) {
  DfsStrategy dfs;
  Counts counts;
  while (dfs.StartExecution()) {
    Trace trace = Execution::Run(body, dfs, {.max_steps = 10'000, .time = time});
    dfs.EndExecution(trace);
    ++counts.interleavings;
    counts.outcomes[testing::DependenceText(trace)].insert(trace.OutcomeText());
  }
  counts.classes = static_cast<int64_t>(counts.outcomes.size());
  return counts;
}

// The classes of dpor's complete executions (those a sleep set blocked left out).
std::set<std::string> DporClasses(const std::function<void()>& body, TimeMode time) {
  DporStrategy dpor;
  std::set<std::string> classes;
  while (dpor.StartExecution()) {
    Trace trace = Execution::Run(body, dpor, {.max_steps = 10'000, .time = time});
    if (trace.end != EndReason::kPruned) classes.insert(testing::DependenceText(trace));
    dpor.EndExecution(trace);
  }
  return classes;
}

std::set<std::string> Keys(const std::map<std::string, int64_t>& outcomes) {
  std::set<std::string> keys;
  for (const auto& [key, count] : outcomes) keys.insert(key);
  return keys;
}

struct Program {
  std::string name;
  std::function<void()> body;
  TimeMode time = TimeMode::kAny;
  // For the catalogue's scenarios: when dfs does not end within this many executions, the
  // program is skipped (most scenarios on a ThreadPoolExecutor or a Queue have millions of
  // interleavings). 0: no bound.
  int64_t dfs_bound = 0;
};

// The catalogue's scenarios whose dfs search ends within this bound are compared with dpor.
constexpr int64_t kScenarioDfsBound = 5'000;

std::vector<Program> Programs() {
  std::vector<Program> programs;
  for (int n = 2; n <= 3; ++n) {
    for (int k = 1; k <= 2; ++k) {
      if (n == 3 && k == 2) continue;  // dfs alone takes too long here; the benchmark has it.
      for (bool locked : {false, true}) {
        programs.push_back(
            {std::to_string(n) + "x" + std::to_string(k) + (locked ? "_locked" : "_unlocked"),
             testing::Increments(n, k, locked)});
      }
    }
  }
  programs.push_back({"opposite_locks", testing::OppositeLockOrder});
  programs.push_back({"bounded_queue_2p2c", [] {
                        Queue<int> q(1, "q");
                        Shared<int> sum("sum", 0);
                        Lock lock("sum_lock");
                        auto consume = [&] {
                          const int item = q.get();
                          LockGuard guard(lock);
                          sum.write(sum.read() + item);
                        };
                        Thread p1([&] { q.put(1); }, "P1");
                        Thread p2([&] { q.put(2); }, "P2");
                        Thread c1(consume, "C1");
                        Thread c2(consume, "C2");
                        p1.start();
                        p2.start();
                        c1.start();
                        c2.start();
                        p1.join();
                        p2.join();
                        c1.join();
                        c2.join();
                        outcome("sum", sum.read());
                      }});
  programs.push_back({"condition_two_waiters_notify", [] {
                        Lock lock("lock");
                        Condition cond(lock, "cond");
                        Shared<int> woken("woken", 0);
                        auto waiter = [&] {
                          LockGuard guard(lock);
                          if (cond.wait(1.0)) woken.write(woken.read() + 1);
                        };
                        Thread w1(waiter, "W1");
                        Thread w2(waiter, "W2");
                        w1.start();
                        w2.start();
                        {
                          LockGuard guard(lock);
                          cond.notify();
                        }
                        w1.join();
                        w2.join();
                        outcome("woken", woken.read());
                      }});
  // Liveness and blocking: the orders dpor once missed (each a minimal reproduction).
  programs.push_back({"is_alive_races_end", [] {
                        Thread t([] { log("x"); }, "t");
                        t.start();
                        outcome("alive", t.is_alive());
                        t.join();
                      }});
  programs.push_back({"daemon_cut_off_or_not", [] {
                        Atomic<int> x("x", 0);
                        Thread d([&] { x.store(1); }, "d", /*daemon=*/true);
                        d.start();
                        log("main ends");
                      }});
  programs.push_back({"daemons_race_for_one_item", [] {
                        Queue<int> q(0, "q");
                        q.put(1);
                        Shared<int> got("got", 0);
                        Thread a([&] { got.write(q.get() + 10); }, "A", true);
                        Thread b([&] { got.write(q.get() + 20); }, "B", true);
                        a.start();
                        b.start();
                      }});
  programs.push_back({"one_item_two_getters_one_blocks_forever", [] {
                        Queue<int> q(0, "q");
                        q.put(1);
                        Thread a(
                            [&] {
                              q.get();
                              q.task_done();
                            },
                            "A");
                        Thread b(
                            [&] {
                              q.get();
                              q.task_done();
                            },
                            "B");
                        a.start();
                        b.start();
                      }});
  programs.push_back({"getter_blocked_until_second_put", [] {
                        Queue<int> q(0, "q");
                        Shared<int> b_got("b_got", 0);
                        Thread a(
                            [&] {
                              q.get();
                              q.task_done();
                            },
                            "A");
                        Thread b([&] { b_got.write(q.get()); }, "B");
                        a.start();
                        b.start();
                        q.put(1);
                        q.put(2);
                        a.join();
                        b.join();
                        outcome("b_got", b_got.read());
                      }});
  programs.push_back({"timed_wait_races_notify", [] {
                        Lock lock("lock");
                        Condition cond(lock, "cond");
                        Shared<bool> notified("notified", false);
                        Thread waiter(
                            [&] {
                              LockGuard guard(lock);
                              notified.write(cond.wait(1.0));
                            },
                            "waiter");
                        waiter.start();
                        {
                          LockGuard guard(lock);
                          cond.notify();
                        }
                        waiter.join();
                        outcome("notified", notified.read());
                      }});
  // Polling loops in time mode any (the polling rule, model/execution.h MayTimeOut): a thread
  // that timed out may time out again only once another thread changed something it touched
  // since, so how often it polls depends on where those changes fall.
  programs.push_back({"poller_counts_its_timeouts", [] {
                        Event ready("ready");
                        Shared<int> other("other", 0);
                        Atomic<int> timeouts("timeouts", 0);
                        Thread poller(
                            [&] {
                              while (!ready.wait(1.0)) timeouts.store(timeouts.load() + 1);
                            },
                            "poller");
                        poller.start();
                        other.write(1);  // Touches nothing the poller touched.
                        log("about to set");
                        ready.set();
                        poller.join();
                        outcome("timeouts", timeouts.load());
                      }});
  programs.push_back({"consumer_polls_until_producer_done", [] {
                        Queue<int> q(0, "q");
                        Atomic<bool> done("done", false);
                        Atomic<int> got("got", 0);
                        Atomic<int> polls("polls", 0);
                        Thread consumer(
                            [&] {
                              while (true) {
                                try {
                                  got.store(got.load() + q.get(true, 1.0));
                                } catch (const QueueEmpty&) {
                                  polls.store(polls.load() + 1);
                                  if (done.load() && q.empty()) break;
                                }
                              }
                            },
                            "consumer");
                        Thread producer(
                            [&] {
                              q.put(1);
                              done.store(true);
                            },
                            "producer");
                        consumer.start();
                        producer.start();
                        producer.join();
                        consumer.join();
                        outcome("got", got.load());
                        outcome("polls", polls.load());
                      }});
  programs.push_back({"two_pollers_one_event", [] {
                        // Each counts in its own variable: pollers that changed one shared
                        // counter would let each other time out again without end.
                        Event go("go");
                        Atomic<int> waits_a("waits_a", 0);
                        Atomic<int> waits_b("waits_b", 0);
                        auto poll = [&](Atomic<int>& waits) {
                          while (!go.wait(1.0)) waits.store(waits.load() + 1);
                        };
                        Thread a([&] { poll(waits_a); }, "A");
                        Thread b([&] { poll(waits_b); }, "B");
                        a.start();
                        b.start();
                        go.set();
                        a.join();
                        b.join();
                        outcome("waits", waits_a.load() * 10 + waits_b.load());
                      }});
  programs.push_back({"consumer_gives_up_after_two_timeouts", [] {
                        // Once the producer has finished, nothing can run but the consumer's
                        // timeouts (time passes): it gives up unless it got the item first.
                        Queue<int> q(0, "q");
                        Atomic<int> got("got", 0);
                        Thread consumer(
                            [&] {
                              for (int attempt = 0; attempt < 2; ++attempt) {
                                try {
                                  got.store(q.get(true, 1.0));
                                  return;
                                } catch (const QueueEmpty&) {
                                  log("empty");
                                }
                              }
                            },
                            "consumer");
                        Thread producer(
                            [&] {
                              log("producing");
                              q.put(7);
                            },
                            "producer");
                        consumer.start();
                        producer.start();
                        consumer.join();
                        producer.join();
                        outcome("got", got.load());
                        outcome("left", q.qsize());
                      }});
  // Whether a submit starts a new worker depends on whether a worker has completed a task and
  // signalled idle (CPython's _idle_semaphore): dpor once missed 8 of dfs's 34 classes here,
  // every one in which the first worker's task completed before the second submit, since the
  // idle count changed in the future's set and was read in the submit's put.
  programs.push_back({"executor_reuses_an_idle_worker", [] {
                        std::string first;  // Which worker ran each task (plain bookkeeping).
                        std::string second;
                        {
                          ThreadPoolExecutor executor(2);
                          executor.submit([&] { first = current_thread_name(); });
                          executor.submit([&] { second = current_thread_name(); });
                        }
                        outcome("same worker", first == second);
                      }});
  // A semaphore's acquires after a log: the second worker is never seen blocked at a decision
  // (its next step there is the log), so only the race of the acquires tries it first; dpor
  // once ran 1 execution for dfs's 2 classes here (threading_semaphore: 454 of its 510).
  programs.push_back({"semaphore_acquires_after_a_log", [] {
                        Semaphore s(1, "s");
                        Shared<int> order("order", 0);
                        auto worker = [&](int id) {
                          log("waiting");
                          s.acquire();
                          order.write(order.read() * 10 + id);
                          s.release();
                        };
                        Thread a([&] { worker(1); }, "A");
                        Thread b([&] { worker(2); }, "B");
                        a.start();
                        b.start();
                        a.join();
                        b.join();
                        outcome("order", order.read());
                      }});
  // Seed 000's lost update on two threads (the lost_update scenarios before they moved to a
  // ThreadPoolExecutor).
  programs.push_back({"lost_update_on_threads", testing::LostUpdateOnThreads});
  programs.push_back({"lost_update_on_threads_locked", testing::LostUpdateOnThreadsLocked});
  for (const Scenario& scenario : AllScenarios()) {
    for (TimeMode time : {TimeMode::kAny, TimeMode::kVirtual}) {
      programs.push_back({scenario.name + "_" + std::string(TimeModeName(time)), scenario.Bind(),
                          time, kScenarioDfsBound});
    }
  }
  return programs;
}

class DporOracleTest : public ::testing::TestWithParam<Program> {};

TEST_P(DporOracleTest, SameOutcomesAndFindingsAsDfsInOneExecutionPerClass) {
  const Program& program = GetParam();
  // dpor's classes of the full dependence: every plain access scheduled (the race-free
  // reduction has a test of its own, tests/race_free_reduction_test.cc).
  const ExploreOptions options{
      .max_steps = 10'000, .time = program.time, .plain_accesses = PlainAccesses::kScheduled};
  DfsStrategy dfs;
  ExploreOptions naive_options = options;
  if (program.dfs_bound > 0) naive_options.max_executions = program.dfs_bound;
  const Result naive = Explore(program.name, program.body, dfs, naive_options);
  if (program.dfs_bound > 0 && !naive.stats.exhaustive) {
    GTEST_SKIP() << "dfs does not end within " << program.dfs_bound << " executions";
  }
  DporStrategy dpor;
  const Result reduced = Explore(program.name, program.body, dpor, options);
  const Counts counts = CountClasses(program.body, program.time);

  ASSERT_TRUE(naive.stats.exhaustive);
  ASSERT_TRUE(reduced.stats.exhaustive);
  // The dependence relation is sound on this program: the interleavings of one class end alike.
  for (const auto& [canonical, outcomes] : counts.outcomes) {
    EXPECT_EQ(outcomes.size(), 1u) << "one class, several outcomes: " << canonical;
  }
  // dpor explores every class dfs reaches.
  const std::set<std::string> explored = DporClasses(program.body, program.time);
  int missed = 0;
  for (const auto& [canonical, outcomes] : counts.outcomes) {
    if (!explored.contains(canonical) && ++missed <= 3) {
      ADD_FAILURE() << "class not explored by dpor (" << *outcomes.begin() << "): " << canonical;
    }
  }
  EXPECT_EQ(missed, 0) << "of " << counts.classes << " classes";
  EXPECT_EQ(Keys(reduced.outcomes), Keys(naive.outcomes));
  EXPECT_EQ(FindingKinds(reduced), FindingKinds(naive));
  EXPECT_EQ(reduced.verdict, naive.verdict);
  EXPECT_EQ(counts.interleavings, naive.stats.executions);
  // Every class is explored at least once (the outcomes above); one execution per class is
  // required of the programs of the set, and measured, not required, on the catalogue's
  // scenarios, where blocked threads and liveness make the implemented dpor explore some
  // classes more than once (the closing note of issue 4 lists them).
  EXPECT_GE(reduced.stats.executions, counts.classes);
  if (program.dfs_bound == 0) {
    EXPECT_EQ(reduced.stats.executions, counts.classes)
        << "dpor is not optimal here (pruned: " << reduced.stats.pruned << ")";
  } else if (reduced.stats.executions != counts.classes) {
    RecordProperty("not_optimal", "dpor " + std::to_string(reduced.stats.executions) +
                                      " executions for " + std::to_string(counts.classes) +
                                      " classes");
  }
  std::printf("%-32s dfs %7lld  classes %6lld  dpor %6lld  pruned %5lld\n", program.name.c_str(),
              static_cast<long long>(naive.stats.executions),
              static_cast<long long>(counts.classes),
              static_cast<long long>(reduced.stats.executions),
              static_cast<long long>(reduced.stats.pruned));
}

INSTANTIATE_TEST_SUITE_P(Programs, DporOracleTest, ::testing::ValuesIn(Programs()),
                         [](const ::testing::TestParamInfo<Program>& info) {
                           return info.param.name;
                         });

// The same search on two OS threads (ExploreOptions::jobs): the same complete executions (each
// Mazurkiewicz trace once, so as many as on one thread), the same outcomes with the same counts,
// the same findings and the same counterexample.
class DporWorkersTest : public ::testing::TestWithParam<Program> {};

std::vector<int> Choices(const Trace& trace) {
  std::vector<int> choices;
  for (const Decision& d : trace.decisions) choices.push_back(d.chosen);
  return choices;
}

TEST_P(DporWorkersTest, TwoWorkersExploreWhatOneDoes) {
  const Program& program = GetParam();
  ExploreOptions options{.max_steps = 10'000, .time = program.time};
  DporStrategy one;
  const Result alone = Explore(program.name, program.body, one, options);
  options.jobs = 2;
  DporStrategy two;
  const Result shared = Explore(program.name, program.body, two, options);

  ASSERT_TRUE(alone.stats.exhaustive);
  EXPECT_TRUE(shared.stats.exhaustive);
  EXPECT_EQ(shared.verdict, alone.verdict);
  EXPECT_EQ(shared.stats.executions, alone.stats.executions);
  EXPECT_EQ(shared.outcomes, alone.outcomes);
  EXPECT_EQ(shared.finding_counts, alone.finding_counts);
  EXPECT_EQ(shared.settings.at("jobs"), "2");
  ASSERT_EQ(shared.counterexample.has_value(), alone.counterexample.has_value());
  if (alone.counterexample) {
    EXPECT_EQ(Choices(*shared.counterexample), Choices(*alone.counterexample));
  }
}

INSTANTIATE_TEST_SUITE_P(Programs, DporWorkersTest, ::testing::ValuesIn(Programs()),
                         [](const ::testing::TestParamInfo<Program>& info) {
                           return info.param.name;
                         });

// The search split into n parts with no communication (ExploreOptions::part, checker/split.h):
// every part runs alone; merged, the parts are one search whatever n is (the same complete
// executions, outcomes with their counts, findings), with the verdict, outcomes and kinds of
// finding of one process. The counts equal one process's where dpor's unsplit search reaches
// every class. The split's fully branched top (split.h) once reached classes that the unsplit
// search missed (lost_update_any 74 against 62, threading_semaphore 490 against 454: the
// executor's hidden idle count and the semaphore's acquires, both fixed; now 150, 510 and
// lost_update_locked 86 both ways), so the merged count is only required to be no smaller; on
// the increment family it is equal.
class DporPartsTest : public ::testing::TestWithParam<Program> {};

TEST_P(DporPartsTest, PartsMergeIntoTheWholeSearch) {
  const Program& program = GetParam();
  ExploreOptions options{.max_steps = 10'000, .time = program.time};
  DporStrategy one;
  const Result alone = Explore(program.name, program.body, one, options);
  ASSERT_TRUE(alone.stats.exhaustive);
  std::optional<Result> first;  // The merged result of the first n.
  for (int parts : {2, 3, 8}) {
    std::vector<Result> results;
    int64_t busy = 0;  // Parts with complete executions of their own.
    for (int part = 0; part < parts; ++part) {
      options.part = part;
      options.parts = parts;
      DporStrategy dpor;
      results.push_back(Explore(program.name, program.body, dpor, options));
      const Result& r = results.back();
      EXPECT_TRUE(r.stats.exhaustive) << part;
      EXPECT_EQ(r.settings.at("part"), std::to_string(part + 1) + "/" + std::to_string(parts));
      if (r.verdict != Verdict::kError) {
        EXPECT_THAT(r.coverage, ::testing::HasSubstr("part " + std::to_string(part + 1) + " of " +
                                                     std::to_string(parts)));
      }
      busy += r.stats.executions > 0 ? 1 : 0;
    }
    const Result merged = MergeParts(results);
    EXPECT_EQ(merged.verdict, alone.verdict) << parts;
    EXPECT_TRUE(merged.stats.exhaustive) << parts;
    EXPECT_EQ(OutcomeNames(merged), OutcomeNames(alone)) << parts;
    EXPECT_EQ(FindingKinds(merged), FindingKinds(alone)) << parts;
    EXPECT_GE(merged.stats.executions, alone.stats.executions) << parts;
    if (program.name.find('x') == 1) {  // The increment family: "2x1_locked".
      EXPECT_EQ(merged.stats.executions, alone.stats.executions) << parts;
      EXPECT_EQ(merged.outcomes, alone.outcomes) << parts;
      EXPECT_EQ(merged.finding_counts, alone.finding_counts) << parts;
    }
    EXPECT_EQ(merged.counterexample.has_value(), alone.counterexample.has_value()) << parts;
    // The increment family spreads over the parts; a scenario whose first branch points are
    // mostly independent (a ThreadPoolExecutor's start) may leave all its classes in one
    // subtree (docs/implementation-notes.md, "Scale out").
    if (program.name.find('x') == 1 && alone.stats.executions >= 10 * parts) {
      EXPECT_GE(busy, 2) << parts;
    }
    if (!first) {
      first = merged;
    } else {
      EXPECT_EQ(merged.stats.executions, first->stats.executions) << parts;
      EXPECT_EQ(merged.outcomes, first->outcomes) << parts;
      EXPECT_EQ(merged.finding_counts, first->finding_counts) << parts;
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Programs, DporPartsTest, ::testing::ValuesIn(Programs()),
                         [](const ::testing::TestParamInfo<Program>& info) {
                           return info.param.name;
                         });

// A scenario that behaves differently on the same schedule is an error, also while dpor replays
// a recorded prefix without recomputing the enabled sets (Chooser::ReplayedThread).
TEST(DporTest, NondeterministicScenarioIsAnError) {
  DporStrategy dpor;
  const Result result = Explore("nondeterministic", testing::Nondeterministic(2), dpor);
  EXPECT_EQ(result.verdict, Verdict::kError);
  EXPECT_THAT(result.error, ::testing::HasSubstr("not deterministic"));
}

// Two threads of one unlocked increment each: 6 interleavings of the four accesses to x, but
// only 4 classes (the two reads commute). With main's start and join, dfs runs 19.
TEST(DporTest, TwoUnlockedIncrementsHaveFourClasses) {
  const Counts counts = CountClasses(testing::TwoUnlockedIncrements, TimeMode::kAny);
  EXPECT_EQ(counts.interleavings, 19);
  EXPECT_EQ(counts.classes, 4);
  DporStrategy dpor;
  const Result result = Explore("two_increments", testing::TwoUnlockedIncrements, dpor);
  EXPECT_EQ(result.stats.executions, 4);
  EXPECT_EQ(result.stats.pruned, 0);
}

// The failures an exhaustive search reaches (Trace::failure's thread and message).
std::set<std::string> Failures(const std::function<void()>& body, Strategy& strategy) {
  std::set<std::string> failures;
  while (strategy.StartExecution()) {
    Trace trace = Execution::Run(body, strategy, {.max_steps = 10'000});
    if (trace.end == EndReason::kFailure) {
      failures.insert(trace.threads[trace.failure.thread].name + ": " + trace.failure.message);
    }
    strategy.EndExecution(trace);
  }
  return failures;
}

// An execution that ends on a failure cuts off the other threads' next operations: they race
// with the earlier operations they depend on all the same (as at a normal end). Main gives up
// when it reads the flag before T sets it; T, run first, fails its own way. dpor's first
// execution ends at main's failure before T ran: it once added no backtrack point for T's
// pending write, and never found T's failure.
TEST(DporTest, AFailureLeavesTheCutOffOperationsRacing) {
  auto body = [] {
    Shared<int> flag("flag", 0);
    Thread t(
        [&] {
          flag.write(1);
          throw std::runtime_error("T reached the error");
        },
        "T");
    t.start();
    if (flag.read() == 0) throw std::runtime_error("main gave up");
    t.join();
  };
  DfsStrategy dfs;
  const std::set<std::string> all = Failures(body, dfs);
  ASSERT_EQ(all.size(), 2u);
  DporStrategy dpor;
  EXPECT_EQ(Failures(body, dpor), all);
}

// The same when the cut-off thread's next operation touches no object (a log; under exec, the
// library's read of its own thread state): it races with the failing thread's last step all
// the same, so the orders in which T's write runs before main's read are tried (before: dpor
// found main's failure only, dfs T's too).
TEST(DporTest, AFailureLeavesACutOffLogRacing) {
  auto body = [] {
    Shared<int> flag("flag", 0);
    Thread t(
        [&] {
          log("T starts");
          flag.write(1);
          throw std::runtime_error("T reached the error");
        },
        "T");
    t.start();
    if (flag.read() == 0) throw std::runtime_error("main gave up");
    t.join();
  };
  DfsStrategy dfs;
  const std::set<std::string> all = Failures(body, dfs);
  ASSERT_EQ(all.size(), 2u);
  DporStrategy dpor;
  EXPECT_EQ(Failures(body, dpor), all);
}

// The same when the cut-off thread's log comes before a lock that main holds when it fails:
// tried before main's last step only, T's log was sleep-set blocked there (main's step, run
// again, was independent of it), and the orders in which T takes the lock first were never
// explored (dfs: main sees the flag in some; dpor before: never). Its operation on no object
// is tried before every step of main since T's last.
TEST(DporTest, AFailureLeavesACutOffLogBeforeALockRacing) {
  auto body = [] {
    Lock lock("lock");
    Shared<int> flag("flag", 0);
    Thread t(
        [&] {
          log("T starts");
          lock.acquire();
          flag.write(1);
          lock.release();
        },
        "T");
    t.start();
    lock.acquire();
    if (flag.read() == 0) throw std::runtime_error("main gave up");
    throw std::runtime_error("main saw the flag");
  };
  DfsStrategy dfs;
  const std::set<std::string> all = Failures(body, dfs);
  ASSERT_EQ(all.size(), 2u);
  DporStrategy dpor;
  EXPECT_EQ(Failures(body, dpor), all);
}

}  // namespace
}  // namespace interleave
