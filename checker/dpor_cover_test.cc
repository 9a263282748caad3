// dpor's cover of dfs's classes, on small programs where a thread's first step before a
// blocking operation commutes with everything (a log): such a thread is never seen blocked at a
// decision, so only the races of its blocking operation can try the orders in which it goes
// first. For each program and time mode:
//   - every Mazurkiewicz class dfs reaches (testing::DependenceText) is one that dpor ran;
//   - dpor reaches exactly dfs's outcomes, and the sizes of its classes (ClassSize) add up, per
//     outcome, to dfs's interleavings: the classes cover dfs's interleavings exactly;
//   - the search split in two parts (DporStrategy::SetPart) runs the classes the whole one does.
// Each program names the gap it once showed (checker/dpor.cc, AddBacktrackPoints).
#include <gtest/gtest.h>

#include <cstdint>
#include <functional>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "checker/class_size.h"
#include "checker/dfs.h"
#include "checker/dpor.h"
#include "checker/explorer.h"
#include "model/model.h"
#include "model/testing/programs.h"

namespace interleave {
namespace {

struct Program {
  std::string name;
  std::function<void()> body;
};

struct DfsClasses {
  std::map<std::string, std::set<std::string>> outcomes;  // Class -> the outcomes it reached.
  std::map<std::string, int64_t> interleavings;           // Outcome -> interleavings.
};

DfsClasses RunDfs(const std::function<void()>& body, TimeMode time) {
  DfsClasses result;
  DfsStrategy dfs;
  while (dfs.StartExecution()) {
    Trace trace = Execution::Run(body, dfs, {.max_steps = 10'000, .time = time});
    dfs.EndExecution(trace);
    result.outcomes[testing::DependenceText(trace)].insert(trace.OutcomeText());
    ++result.interleavings[trace.OutcomeText()];
  }
  return result;
}

struct DporClasses {
  std::set<std::string> classes;
  std::map<std::string, int64_t> interleavings;  // Outcome -> the sizes of its classes.
  bool sized = true;                             // Every class's size was computed.
};

// The classes of the complete executions of part `part` of `parts` (those a sleep set blocked
// are left out).
DporClasses RunDpor(const std::function<void()>& body, TimeMode time, int part, int parts) {
  DporClasses result;
  DporStrategy dpor;
  if (parts > 1) {
    EXPECT_TRUE(dpor.SetPart(part, parts));
  }
  while (dpor.StartExecution()) {
    Trace trace = Execution::Run(body, dpor, {.max_steps = 10'000, .time = time});
    dpor.EndExecution(trace);
    if (trace.end == EndReason::kPruned) continue;
    if (!result.classes.insert(testing::DependenceText(trace)).second) continue;
    const ClassSizeResult size = ClassSize(trace, time);
    if (size.interleavings < 0) result.sized = false;
    result.interleavings[trace.OutcomeText()] += size.interleavings;
  }
  return result;
}

std::set<std::string> Keys(const std::map<std::string, int64_t>& counts) {
  std::set<std::string> keys;
  for (const auto& [key, count] : counts) keys.insert(key);
  return keys;
}

// n workers each log, acquire a Semaphore(permits), add one to "active" and release; main
// waits for them at exit or joins them.
std::function<void()> SemaphoreWorkers(int workers, int permits, bool wait_at_exit) {
  return [=] {
    Semaphore s(permits, "s");
    Shared<int> active("active", 0);
    std::vector<Thread> threads;
    threads.reserve(workers);
    for (int i = 0; i < workers; ++i) {
      threads.emplace_back(
          [&] {
            log("waiting");
            s.acquire();
            active.write(active.read() + 1);
            s.release();
          },
          std::to_string(i));
      threads.back().start();
    }
    for (Thread& t : threads) {
      if (wait_at_exit) {
        t.wait_at_exit();
      } else {
        t.join();
      }
    }
  };
}

std::vector<Program> Programs() {
  std::vector<Program> programs;
  // The executor's idle semaphore (model/executor.cc): dpor once missed the classes where a
  // submit read the idle signal of a worker that had finished its task.
  programs.push_back({"executor_same_worker", [] {
                        std::string a;
                        std::string b;
                        {
                          ThreadPoolExecutor executor(2);
                          executor.submit([&] {
                            a = current_thread_name();
                            log("a");
                          });
                          executor.submit([&] {
                            b = current_thread_name();
                            log("b");
                          });
                        }
                        outcome("same_worker", a == b);
                      }});
  // A semaphore's acquire after a log races with the last acquire before it (dpor once missed
  // the orders in which a later worker takes a unit first).
  programs.push_back({"semaphore1_two_workers", SemaphoreWorkers(2, 1, true)});
  programs.push_back({"semaphore1_three_workers", SemaphoreWorkers(3, 1, false)});
  // The other blocking operations after a log.
  programs.push_back({"lock_acquires_after_a_log", [] {
                        Lock lock("lock");
                        Shared<int> order("order", 0);
                        auto worker = [&](int id) {
                          log("waiting");
                          lock.acquire();
                          order.write(order.read() * 10 + id);
                          lock.release();
                        };
                        Thread a([&] { worker(1); }, "A");
                        Thread b([&] { worker(2); }, "B");
                        a.start();
                        b.start();
                        a.join();
                        b.join();
                        outcome("order", order.read());
                      }});
  programs.push_back({"queue_gets_after_a_log", [] {
                        Queue<int> q(0, "q");
                        Shared<int> got("got", 0);
                        auto getter = [&](int id) {
                          log("waiting");
                          try {
                            const int item = q.get(true, 1.0);
                            got.write(got.read() * 100 + id * 10 + item);
                          } catch (const QueueEmpty&) {
                            log("empty");
                          }
                        };
                        Thread a([&] { getter(1); }, "A");
                        Thread b([&] { getter(2); }, "B");
                        a.start();
                        b.start();
                        q.put(1);
                        q.put(2);
                        a.join();
                        b.join();
                        outcome("got", got.read());
                        outcome("left", q.qsize());
                      }});
  programs.push_back({"queue_puts_after_a_log", [] {
                        Queue<int> q(1, "q");
                        auto putter = [&](int id) {
                          log("waiting");
                          q.put(id);
                        };
                        Thread a([&] { putter(1); }, "A");
                        Thread b([&] { putter(2); }, "B");
                        a.start();
                        b.start();
                        const int first = q.get();
                        const int second = q.get();
                        a.join();
                        b.join();
                        outcome("order", first * 10 + second);
                      }});
  programs.push_back({"event_waits_after_a_log", [] {
                        Event event("event");
                        Shared<int> seen("seen", 0);
                        auto waiter = [&](int id) {
                          log("waiting");
                          if (event.wait(1.0)) seen.write(seen.read() * 10 + id);
                        };
                        Thread a([&] { waiter(1); }, "A");
                        Thread b([&] { waiter(2); }, "B");
                        a.start();
                        b.start();
                        log("setting");
                        event.set();
                        a.join();
                        b.join();
                        outcome("seen", seen.read());
                      }});
  // An event's timed wait after a log, racing with a clear: the wait once read the event's
  // set count when its thread reached it, inside the log's step, so dpor did not see that read
  // race with the set and the clear (dpor ran 6 of dfs's 7 classes in time mode any, 3 of 4
  // in virtual time).
  programs.push_back({"event_wait_races_a_clear", [] {
                        Event event("event");
                        Shared<int> seen("seen", 0);
                        Thread a(
                            [&] {
                              log("waiting");
                              seen.write(event.wait(1.0) ? 1 : 2);
                            },
                            "A");
                        Thread b(
                            [&] {
                              log("clearing");
                              event.clear();
                            },
                            "B");
                        a.start();
                        b.start();
                        event.set();
                        a.join();
                        b.join();
                        outcome("seen", seen.read());
                      }});
  // The same without a timeout: a wait that reads the flag after the set and the clear blocks
  // for good (a deadlock), one that was waiting when the set ran returns.
  programs.push_back({"event_wait_forever_races_a_clear", [] {
                        Event event("event");
                        Thread a(
                            [&] {
                              log("waiting");
                              event.wait();
                            },
                            "A");
                        Thread b(
                            [&] {
                              log("clearing");
                              event.clear();
                            },
                            "B");
                        a.start();
                        b.start();
                        event.set();
                        a.join();
                        b.join();
                      }});
  // Main sets and at once clears while a thread logs and waits (tests/data/event_test.cc).
  programs.push_back({"event_set_then_clear_while_a_thread_waits", [] {
                        Event e("e");
                        Thread t(
                            [&e] {
                              log("about to wait");
                              outcome("returned", e.wait(1.0));
                            },
                            "T");
                        t.start();
                        e.set();
                        e.clear();
                        t.join();
                      }});
  // A poller (`while (!e.wait(2)) log(...)`) and a waiter; main sleeps and sets
  // (tests/data/event_test.cc, PollUntilSet).
  programs.push_back({"event_poller_and_waiter", [] {
                        outcome("block", false);
                        outcome("timeouts", -1);
                        Event e("e");
                        Thread t1([&e] { outcome("block", e.wait()); }, "block");
                        Thread t2(
                            [&e] {
                              int timeouts = 0;
                              while (!e.wait(2)) {
                                ++timeouts;
                                log("waiting...");
                              }
                              outcome("timeouts", timeouts);
                            },
                            "nonblock");
                        t1.start();
                        t2.start();
                        sleep(5);
                        e.set();
                      }});
  // A condition's wait_for with a predicate after a log, the predicate made true and notified
  // by main.
  programs.push_back({"condition_wait_for_predicate_after_a_log", [] {
                        Lock lock("lock");
                        Condition cond(lock, "cond");
                        Shared<int> ready("ready", 0);
                        Shared<int> seen("seen", 0);
                        Thread a(
                            [&] {
                              log("waiting");
                              LockGuard guard(lock);
                              const bool ok = cond.wait_for([&] { return ready.read() == 1; }, 1.0);
                              seen.write(ok ? 1 : 2);
                            },
                            "A");
                        a.start();
                        log("notifying");
                        {
                          LockGuard guard(lock);
                          ready.write(1);
                          cond.notify();
                        }
                        a.join();
                        outcome("seen", seen.read());
                      }});
  programs.push_back({"condition_waits_after_a_log", [] {
                        Lock lock("lock");
                        Condition cond(lock, "cond");
                        Shared<int> woken("woken", 0);
                        auto waiter = [&](int id) {
                          log("waiting");
                          LockGuard guard(lock);
                          if (cond.wait(1.0)) woken.write(woken.read() * 10 + id);
                        };
                        Thread a([&] { waiter(1); }, "A");
                        Thread b([&] { waiter(2); }, "B");
                        a.start();
                        b.start();
                        log("notifying");
                        {
                          LockGuard guard(lock);
                          cond.notify();
                        }
                        a.join();
                        b.join();
                        outcome("woken", woken.read());
                      }});
  programs.push_back({"barrier_waits_after_a_log", [] {
                        Barrier barrier(2, "barrier");
                        Shared<int> index("index", 0);
                        auto party = [&](int id, double timeout) {
                          log("arriving");
                          try {
                            if (barrier.wait(timeout) == 0) index.write(id);
                          } catch (const BrokenBarrier&) {
                            log("broken");
                          }
                        };
                        Thread a([&] { party(1, 1.0); }, "A");
                        Thread b([&] { party(2, 1.0); }, "B");
                        a.start();
                        b.start();
                        a.join();
                        b.join();
                        outcome("index", index.read());
                        outcome("broken", barrier.broken());
                      }});
  programs.push_back({"queue_three_putters_after_a_log", [] {
                        Queue<int> q(1, "q");
                        auto putter = [&](int id) {
                          log("waiting");
                          q.put(id);
                        };
                        Thread a([&] { putter(1); }, "A");
                        Thread b([&] { putter(2); }, "B");
                        Thread c([&] { putter(3); }, "C");
                        a.start();
                        b.start();
                        c.start();
                        int order = 0;
                        for (int i = 0; i < 3; ++i) order = order * 10 + q.get();
                        a.join();
                        b.join();
                        c.join();
                        outcome("order", order);
                      }});
  programs.push_back({"queue_gets_without_timeout_after_a_log", [] {
                        Queue<int> q(0, "q");
                        Shared<int> got("got", 0);
                        auto getter = [&](int id) {
                          log("waiting");
                          const int item = q.get();
                          got.write(got.read() * 100 + id * 10 + item);
                        };
                        Thread a([&] { getter(1); }, "A");
                        Thread b([&] { getter(2); }, "B");
                        a.start();
                        b.start();
                        q.put(1);
                        q.put(2);
                        a.join();
                        b.join();
                        outcome("got", got.read());
                      }});
  // A lock acquire that need not wait (non-blocking, or timed in time mode any) can run while
  // the other thread holds the lock, and fail: dpor once ran only the two lock orders here,
  // missing the classes where one worker gives up (order=1, order=2).
  programs.push_back({"lock_timed_acquires_after_a_log", [] {
                        Lock lock("lock");
                        Shared<int> order("order", 0);
                        auto worker = [&](int id) {
                          log("waiting");
                          if (lock.acquire(true, 1.0)) {
                            order.write(order.read() * 10 + id);
                            lock.release();
                          }
                        };
                        Thread a([&] { worker(1); }, "A");
                        Thread b([&] { worker(2); }, "B");
                        a.start();
                        b.start();
                        a.join();
                        b.join();
                        outcome("order", order.read());
                      }});
  programs.push_back({"lock_try_acquires_after_a_log", [] {
                        Lock lock("lock");
                        Shared<int> order("order", 0);
                        auto worker = [&](int id) {
                          log("trying");
                          if (lock.acquire(false)) {
                            order.write(order.read() * 10 + id);
                            lock.release();
                          }
                        };
                        Thread a([&] { worker(1); }, "A");
                        Thread b([&] { worker(2); }, "B");
                        a.start();
                        b.start();
                        a.join();
                        b.join();
                        outcome("order", order.read());
                      }});
  programs.push_back({"semaphore_timed_acquires_after_a_log", [] {
                        Semaphore s(1, "s");
                        Shared<int> order("order", 0);
                        auto worker = [&](int id) {
                          log("waiting");
                          if (s.acquire(true, 1.0)) {
                            order.write(order.read() * 10 + id);
                            s.release();
                          }
                        };
                        Thread a([&] { worker(1); }, "A");
                        Thread b([&] { worker(2); }, "B");
                        a.start();
                        b.start();
                        a.join();
                        b.join();
                        outcome("order", order.read());
                      }});
  programs.push_back({"barrier_of_three_after_a_log", [] {
                        Barrier barrier(3, "barrier");
                        Shared<int> first("first", 0);
                        auto party = [&](int id) {
                          log("arriving");
                          if (barrier.wait() == 0) first.write(id);
                        };
                        Thread a([&] { party(1); }, "A");
                        Thread b([&] { party(2); }, "B");
                        a.start();
                        b.start();
                        party(3);
                        a.join();
                        b.join();
                        outcome("first", first.read());
                      }});
  programs.push_back({"condition_notify_all_after_a_log", [] {
                        Lock lock("lock");
                        Condition cond(lock, "cond");
                        Shared<int> woken("woken", 0);
                        auto waiter = [&](int id) {
                          log("waiting");
                          LockGuard guard(lock);
                          if (cond.wait(1.0)) woken.write(woken.read() * 10 + id);
                        };
                        Thread a([&] { waiter(1); }, "A");
                        Thread b([&] { waiter(2); }, "B");
                        a.start();
                        b.start();
                        {
                          LockGuard guard(lock);
                          cond.notify_all();
                        }
                        a.join();
                        b.join();
                        outcome("woken", woken.read());
                      }});
  programs.push_back({"semaphore_acquires_after_a_write", [] {
                        Semaphore s(1, "s");
                        Shared<int> x("x", 0);
                        Shared<int> y("y", 0);
                        Shared<int> order("order", 0);
                        Thread a(
                            [&] {
                              x.write(1);
                              s.acquire();
                              order.write(order.read() * 10 + 1);
                              s.release();
                            },
                            "A");
                        Thread b(
                            [&] {
                              y.write(1);
                              s.acquire();
                              order.write(order.read() * 10 + 2);
                              s.release();
                            },
                            "B");
                        a.start();
                        b.start();
                        a.join();
                        b.join();
                        outcome("order", order.read());
                      }});
  // Reentrant acquires and releases (TraceEvent::reentrant): dpor once took an inner acquire
  // for the lock's last acquire, so the other thread's acquire raced with it where the lock
  // was held, and the order in which that thread takes the lock first was never tried.
  programs.push_back({"rlock_nested_acquires", [] {
                        RLock lock("lock");
                        Shared<int> order("order", 0);
                        auto worker = [&](int id) {
                          lock.acquire();
                          lock.acquire();
                          order.write(order.read() * 10 + id);
                          lock.release();
                          lock.release();
                        };
                        Thread a([&] { worker(1); }, "A");
                        Thread b([&] { worker(2); }, "B");
                        a.start();
                        b.start();
                        a.join();
                        b.join();
                        outcome("order", order.read());
                      }});
  return programs;
}

struct Case {
  Program program;
  TimeMode time;
};

std::vector<Case> Cases() {
  std::vector<Case> cases;
  for (const Program& program : Programs()) {
    for (TimeMode time : {TimeMode::kAny, TimeMode::kVirtual}) cases.push_back({program, time});
  }
  return cases;
}

class DporCoverTest : public ::testing::TestWithParam<Case> {};

TEST_P(DporCoverTest, DporRunsEveryClassOfDfsAndItsClassesAddUpToDfsInterleavings) {
  const Case& c = GetParam();
  const DfsClasses dfs = RunDfs(c.program.body, c.time);
  const DporClasses dpor = RunDpor(c.program.body, c.time, 0, 1);
  int missed = 0;
  for (const auto& [text, outcomes] : dfs.outcomes) {
    EXPECT_EQ(outcomes.size(), 1u) << "one class, several outcomes: " << text;
    if (!dpor.classes.contains(text) && ++missed <= 3) {
      ADD_FAILURE() << "class not run by dpor (" << *outcomes.begin() << "): " << text;
    }
  }
  EXPECT_EQ(missed, 0) << "of " << dfs.outcomes.size() << " classes";
  EXPECT_EQ(Keys(dpor.interleavings), Keys(dfs.interleavings));
  ASSERT_TRUE(dpor.sized);
  EXPECT_EQ(dpor.interleavings, dfs.interleavings);
  std::printf("%-36s %-7s dfs classes %5zu  dpor classes %5zu\n", c.program.name.c_str(),
              std::string(TimeModeName(c.time)).c_str(), dfs.outcomes.size(), dpor.classes.size());
}

TEST_P(DporCoverTest, TwoPartsRunTheClassesOfTheWholeSearch) {
  const Case& c = GetParam();
  const DporClasses whole = RunDpor(c.program.body, c.time, 0, 1);
  std::set<std::string> parts;
  for (int part = 0; part < 2; ++part) {
    const DporClasses some = RunDpor(c.program.body, c.time, part, 2);
    parts.insert(some.classes.begin(), some.classes.end());
  }
  EXPECT_EQ(parts, whole.classes);
}

INSTANTIATE_TEST_SUITE_P(Programs, DporCoverTest, ::testing::ValuesIn(Cases()),
                         [](const ::testing::TestParamInfo<Case>& info) {
                           return info.param.program.name + "_" +
                                  std::string(TimeModeName(info.param.time));
                         });

}  // namespace
}  // namespace interleave
