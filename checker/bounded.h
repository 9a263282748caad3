// BoundedStrategy: preemption bounding with iterative deepening (Musuvathi and Qadeer, "Iterative
// Context Bounding for Systematic Testing of Multithreaded Programs", PLDI 2007; CHESS).
//
// A preemption is a switch away from a thread that could have gone on. Level k explores,
// depth first, every schedule with at most k preemptions, for k = 0, 1, ..., max_preemptions;
// schedules with fewer than k preemptions ran at an earlier level, so at level k they are
// marked pruned (counted apart, never twice). Most concurrency bugs need few preemptions, so
// the first levels find them with short, simple counterexamples. If at some level no schedule
// was cut off by the bound, that level covered every schedule and the search is exhaustive.
//
// Data choices (choose) are explored for every value at every level.
#ifndef INTERLEAVE_CHECKER_BOUNDED_H_
#define INTERLEAVE_CHECKER_BOUNDED_H_

#include <cstddef>
#include <span>
#include <vector>

#include "checker/step_record.h"
#include "checker/strategy.h"

namespace interleave {

class BoundedStrategy : public Strategy {
 public:
  explicit BoundedStrategy(int max_preemptions) : max_preemptions_(max_preemptions) {}

  std::string_view name() const override { return "bounded"; }
  bool StartExecution() override;
  ThreadId ChooseThread(const SchedulePoint& point) override;
  int ChooseValue(int step, int lo, int hi) override;
  std::span<const StepPrint> ReplayedSteps() override { return steps_.Before(new_from_step_); }
  void EndExecution(Trace& trace) override;
  bool exhaustive() const override { return complete_; }
  std::string Coverage() const override;

 private:
  struct Branch {
    std::vector<int> alternatives;  // Threads allowed within the bound, or values.
    std::size_t chosen = 0;
    int preemptions_before = 0;  // Preemptions of the path up to this branch.
    int step = 0;                // The step it decides, or the choose's step.
  };
  int Decide(int step, std::vector<int> alternatives);

  const int max_preemptions_;
  int level_ = 0;
  bool started_ = false;
  bool cut_ = false;       // This level skipped a schedule for the bound.
  bool complete_ = false;  // Some level covered every schedule.
  std::vector<Branch> path_;
  std::size_t depth_ = 0;
  int preemptions_ = 0;    // Of the current execution so far.
  StepRecord steps_;       // The last execution's steps (ReplayedSteps).
  int new_from_step_ = 0;  // The current execution replays the steps before this one.
};

}  // namespace interleave

#endif  // INTERLEAVE_CHECKER_BOUNDED_H_
