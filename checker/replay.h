// ReplayStrategy: runs exactly one execution, following a recorded schedule (the choice at each
// branch point, as Trace::Schedule() gives it: a thread, or a value's offset from lo).
//
// Replay checks itself: if at some branch point the recorded thread cannot run, or the
// schedule runs out before the execution ends, or the execution ends with choices left, the
// schedule no longer fits the scenario (it changed since the schedule was recorded); the
// execution ends in an error naming the first step that differs. Given the recorded steps'
// checks too (StepChecks, carried by a v2 replay token), it also compares every step's
// operation, thread and object with the recorded one, and names the first step that differs
// and what the recorded execution did there, even when the schedule itself still fits.
//
// ConfirmFinding then says whether the replay reproduced the recorded finding.
#ifndef INTERLEAVE_CHECKER_REPLAY_H_
#define INTERLEAVE_CHECKER_REPLAY_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "checker/result.h"
#include "checker/strategy.h"

namespace interleave {

// A short check of one step: its operation, exactly, and a hash (0..kStepHashes-1) of the
// names of its thread and object. Names rather than ids, so that the check reads the same in
// any execution of the scenario.
struct StepCheck {
  OpKind op = OpKind::kLog;
  int who = 0;
  bool operator==(const StepCheck& other) const = default;
};
inline constexpr int kStepHashes = 62;

int StepWho(const std::string& thread, const std::string& object);
StepCheck CheckOf(const Trace& trace, const TraceEvent& event);
std::vector<StepCheck> StepChecks(const Trace& trace);

class ReplayStrategy : public Strategy {
 public:
  // `plain_accesses_inline`: the schedule is of an execution whose plain accesses had no
  // scheduling points (a v3 token; checker/explorer.h PlainAccesses::kInline);
  // `releases_inline`: nor its lock releases by their holder (a v4 token;
  // ExploreOptions::releases_inline).
  explicit ReplayStrategy(std::vector<int> schedule, std::vector<StepCheck> steps = {},
                          bool plain_accesses_inline = false, bool releases_inline = false)
      : schedule_(std::move(schedule)),
        steps_(std::move(steps)),
        plain_accesses_inline_(plain_accesses_inline),
        releases_inline_(plain_accesses_inline && releases_inline) {}

  std::string_view name() const override { return "replay"; }
  bool StartExecution() override;
  ThreadId ChooseThread(const SchedulePoint& point) override;
  int ChooseValue(int step, int lo, int hi) override;
  void EndExecution(Trace& trace) override;
  // Its search space is the one recorded schedule: once that ran, nothing is left.
  bool exhaustive() const override { return true; }
  bool TakesPlainAccessesInline() const override { return plain_accesses_inline_; }
  bool TakesReleasesInline() const override { return releases_inline_; }

 private:
  std::vector<int> schedule_;
  std::vector<StepCheck> steps_;  // Empty: the steps are not checked.
  std::size_t next_ = 0;
  bool started_ = false;
  bool plain_accesses_inline_ = false;
  bool releases_inline_ = false;
};

// Whether the result of a replay reproduced a finding of `kind` that became certain at
// `certain_at_step`. The message is "replayed: LOST UPDATE confirmed at step 20", or says
// what the replay found instead.
struct ReplayConfirmation {
  bool confirmed = false;
  std::string message;
};
ReplayConfirmation ConfirmFinding(const Result& replayed, FindingKind kind, int certain_at_step);

}  // namespace interleave

#endif  // INTERLEAVE_CHECKER_REPLAY_H_
