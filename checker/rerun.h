// Rerun: the determinism re-run. A stateless search is sound only if the scenario is a
// function of its schedule: the same decisions must give the same execution. The runtime checks
// every step a strategy replays against the execution it replays (Chooser::ReplayedSteps), but
// that sees only who did what to which object, and only in replayed prefixes. A re-run compares
// everything: every step's thread, operation, object, value read or written and timeout, how
// the execution ended, the failed expects and the outcome. The explorer re-runs a sample of
// its executions (RerunSample) and its counterexample several times, so a value or an `expect`
// that depends on real time or real randomness is an ERROR, not a PASS or a BUG that does not
// replay. Sampling cannot be certain: a dependence that shows itself rarely may pass unseen.
#ifndef INTERLEAVE_CHECKER_RERUN_H_
#define INTERLEAVE_CHECKER_RERUN_H_

#include <cstdint>
#include <functional>
#include <string>

#include "model/execution.h"
#include "model/trace.h"

namespace interleave {

// Which executions of a search are run again, and how often. Every execution is re-run while
// the re-runs have cost less than a budget (kRerunFloorSteps, plus 1/128 of the steps the search
// has run), the first one kFirstReruns times: small searches, where a coin flip outside the
// model has few executions to show itself in, are checked hardest. After that, one execution in
// kRerunEvery. About 1% of a long search's time; a short one (the catalogue's) may double.
class RerunSample {
 public:
  static constexpr int64_t kRerunEvery = 1000;
  static constexpr int64_t kRerunFloorSteps = 1'000;
  static constexpr int kFirstReruns = 2;

  // How often to run again the `execution`-th execution (1-based) of `steps` steps.
  int Reruns(int64_t execution, int64_t steps) {
    search_steps_ += steps;
    int reruns = execution % kRerunEvery == 0 ? 1 : 0;
    if (rerun_steps_ < kRerunFloorSteps + search_steps_ / 128) {
      reruns = execution == 1 ? kFirstReruns : 1;
    }
    rerun_steps_ += reruns * steps;
    return reruns;
  }

 private:
  int64_t search_steps_ = 0;
  int64_t rerun_steps_ = 0;
};

// How often the counterexample is re-run before it is reported: a finding that depends on a
// coin flip outside the model survives 16 re-runs once in 65,536 searches. Fewer for a long
// one: at most kCounterexampleRerunSteps steps in all.
inline constexpr int kCounterexampleReruns = 16;
inline constexpr int64_t kCounterexampleRerunSteps = 200'000;

// Runs `body` again under `original`'s schedule (`what` names it in the message: "execution
// 1", "the counterexample"). Returns "" when the run repeats `original` exactly, else the
// error: the first difference, both sides.
std::string RerunDiffers(const std::function<void()>& body, const Trace& original,
                         const ExecutionLimits& limits, const std::string& what);

// The first difference between two executions of one schedule ("" when none).
std::string FirstDifference(const Trace& first, const Trace& again);

}  // namespace interleave

#endif  // INTERLEAVE_CHECKER_RERUN_H_
