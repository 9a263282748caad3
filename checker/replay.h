// ReplayStrategy: runs exactly one execution, following a recorded schedule (the choice at each
// branch point, as Trace::Schedule() gives it: a thread, or a value's offset from lo).
//
// Replay checks itself: if at some branch point the recorded thread cannot run, or the
// schedule runs out before the execution ends, or the execution ends with choices left, the
// schedule no longer fits the scenario (it changed since the schedule was recorded); the
// execution ends in an error naming the first step that differs.
#ifndef INTERLEAVE_CHECKER_REPLAY_H_
#define INTERLEAVE_CHECKER_REPLAY_H_

#include <cstddef>
#include <vector>

#include "checker/strategy.h"

namespace interleave {

class ReplayStrategy : public Strategy {
 public:
  explicit ReplayStrategy(std::vector<int> schedule) : schedule_(std::move(schedule)) {}

  std::string_view name() const override { return "replay"; }
  bool StartExecution() override;
  ThreadId ChooseThread(const SchedulePoint& point) override;
  int ChooseValue(int step, int lo, int hi) override;
  void EndExecution(Trace& trace) override;
  // Its search space is the one recorded schedule: once that ran, nothing is left.
  bool exhaustive() const override { return true; }

 private:
  std::vector<int> schedule_;
  std::size_t next_ = 0;
  bool started_ = false;
};

}  // namespace interleave

#endif  // INTERLEAVE_CHECKER_REPLAY_H_
