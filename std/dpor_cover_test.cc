// dpor's cover of dfs's classes on std-mirror programs whose blocking call changes or reads
// state when its thread reaches it (checker/dpor_cover_test.cc has the model's programs and says
// what is checked): every class dfs reaches is one dpor ran, and dpor's class sizes add up, per
// outcome, to dfs's interleavings.
#include <gtest/gtest.h>

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <functional>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "checker/class_size.h"
#include "checker/dfs.h"
#include "checker/dpor.h"
#include "model/execution.h"
#include "model/model.h"
#include "model/testing/programs.h"
#include "std/sync.h"

namespace interleave {
namespace {

struct Program {
  std::string name;
  std::function<void()> body;
};

struct Classes {
  std::map<std::string, std::set<std::string>> outcomes;  // Class -> the outcomes it reached.
  std::map<std::string, int64_t> interleavings;           // Outcome -> interleavings.
  bool sized = true;
};

Classes RunDfs(const std::function<void()>& body, TimeMode time) {
  Classes result;
  DfsStrategy dfs;
  while (dfs.StartExecution()) {
    Trace trace = Execution::Run(body, dfs, {.max_steps = 10'000, .time = time});
    dfs.EndExecution(trace);
    const std::string outcome = trace.OutcomeText() + " " + std::string(EndReasonName(trace.end));
    result.outcomes[testing::DependenceText(trace)].insert(outcome);
    ++result.interleavings[outcome];
  }
  return result;
}

Classes RunDpor(const std::function<void()>& body, TimeMode time) {
  Classes result;
  DporStrategy dpor;
  while (dpor.StartExecution()) {
    Trace trace = Execution::Run(body, dpor, {.max_steps = 10'000, .time = time});
    dpor.EndExecution(trace);
    if (trace.end == EndReason::kPruned) continue;
    const std::string outcome = trace.OutcomeText() + " " + std::string(EndReasonName(trace.end));
    if (!result.outcomes[testing::DependenceText(trace)].insert(outcome).second) continue;
    const ClassSizeResult size = ClassSize(trace, time);
    if (size.interleavings < 0) result.sized = false;
    result.interleavings[outcome] += size.interleavings;
  }
  return result;
}

std::vector<Program> Programs() {
  using namespace std::chrono_literals;
  std::vector<Program> programs;
  // A condition_variable notified without the lock: the waiter counts as a waiter from its
  // wait's call on, so a notify before that call is lost and one after it wakes the waiter.
  programs.push_back({"condition_variable_notify_without_the_lock", [] {
                        sync::mutex m;
                        sync::condition_variable cv;
                        Shared<int> woken("woken", 0);
                        sync::thread w([&] {
                          sync::unique_lock<sync::mutex> lock(m);
                          if (cv.wait_for(lock, 1s) == sync::cv_status::no_timeout) {
                            woken.write(1);
                          }
                        });
                        sync::thread n([&] { cv.notify_one(); });
                        w.join();
                        n.join();
                        outcome("woken", woken.read());
                      }});
  programs.push_back({"condition_variable_wait_forever_notify_without_the_lock", [] {
                        sync::mutex m;
                        sync::condition_variable cv;
                        sync::thread w([&] {
                          sync::unique_lock<sync::mutex> lock(m);
                          cv.wait(lock);
                        });
                        sync::thread n([&] { cv.notify_one(); });
                        w.join();
                        n.join();
                      }});
  // A recursive_mutex locked twice by each thread (the inner lock is reentrant:
  // TraceEvent::reentrant); dpor once ran only the order in which the first thread locks first.
  programs.push_back({"recursive_mutex_nested_locks", [] {
                        sync::recursive_mutex m;
                        sync::shared<int> order{0};
                        auto worker = [&](int id) {
                          sync::lock_guard<sync::recursive_mutex> outer(m);
                          sync::lock_guard<sync::recursive_mutex> inner(m);
                          order = order * 10 + id;
                        };
                        sync::thread a(worker, 1);
                        sync::thread b(worker, 2);
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

class StdDporCoverTest : public ::testing::TestWithParam<Case> {};

TEST_P(StdDporCoverTest, DporRunsEveryClassOfDfsAndItsClassesAddUpToDfsInterleavings) {
  const Case& c = GetParam();
  const Classes dfs = RunDfs(c.program.body, c.time);
  const Classes dpor = RunDpor(c.program.body, c.time);
  int missed = 0;
  for (const auto& [text, outcomes] : dfs.outcomes) {
    EXPECT_EQ(outcomes.size(), 1u) << "one class, several outcomes: " << text;
    if (!dpor.outcomes.contains(text) && ++missed <= 3) {
      ADD_FAILURE() << "class not run by dpor (" << *outcomes.begin() << "): " << text;
    }
  }
  EXPECT_EQ(missed, 0) << "of " << dfs.outcomes.size() << " classes";
  ASSERT_TRUE(dpor.sized);
  EXPECT_EQ(dpor.interleavings, dfs.interleavings);
  std::printf("%-58s %-7s dfs classes %5zu  dpor classes %5zu\n", c.program.name.c_str(),
              std::string(TimeModeName(c.time)).c_str(), dfs.outcomes.size(), dpor.outcomes.size());
}

INSTANTIATE_TEST_SUITE_P(Programs, StdDporCoverTest, ::testing::ValuesIn(Cases()),
                         [](const ::testing::TestParamInfo<Case>& info) {
                           return info.param.program.name + "_" +
                                  std::string(TimeModeName(info.param.time));
                         });

}  // namespace
}  // namespace interleave
