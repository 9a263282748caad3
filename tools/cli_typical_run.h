// A typical run of a scenario: the one execution that a plain run of the program (CPython's
// threads, the seed tutorials' setting) would most likely take, for the log view (`run
// --show=log`), so that its printed lines can be held beside what the seed printed.
//
// The schedule (TypicalRunStrategy), at each step:
//   1. a thread that has never run runs first (Thread.start() waits until the new thread has
//      started, and the new thread usually runs on until it blocks);
//   2. else the thread that ran the step before goes on, unless it cannot or is about to sleep
//      (in time mode any a sleep is a yield);
//   3. else the enabled thread that ran least recently: threads woken together (a tie on the
//      virtual clock) run in the order they went to sleep or blocked.
// A data choice (choose(lo, hi)) takes lo. It is one execution, not a search: it proves
// nothing, and the reports never count it.
#ifndef INTERLEAVE_TOOLS_CLI_TYPICAL_RUN_H_
#define INTERLEAVE_TOOLS_CLI_TYPICAL_RUN_H_

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "checker/explorer.h"
#include "checker/strategy.h"
#include "model/trace.h"

namespace interleave {

class TypicalRunStrategy : public Strategy {
 public:
  std::string_view name() const override { return "typical"; }
  bool StartExecution() override;
  ThreadId ChooseThread(const SchedulePoint& point) override;
  int ChooseValue(int step, int lo, int hi) override;
  void EndExecution(Trace&) override {}
  bool exhaustive() const override { return false; }

 private:
  bool started_ = false;
  std::vector<int> last_run_;  // Per thread: the step it last ran; -1: never.
};

// The typical run of `body` under `options` (its time mode, its bounds), or nullopt when the
// execution did not end (a bound, an error of the model).
std::optional<Trace> TypicalRun(const std::string& scenario, const std::function<void()>& body,
                                ExploreOptions options);

}  // namespace interleave

#endif  // INTERLEAVE_TOOLS_CLI_TYPICAL_RUN_H_
