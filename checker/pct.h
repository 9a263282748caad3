// PctStrategy: probabilistic concurrency testing (Burckhardt, Kothari, Musuvathi, Nagarakatte,
// "A Randomized Scheduler with Probabilistic Guarantees of Finding Bugs", ASPLOS 2010).
//
// Each run gives every thread a random distinct priority (above d) when it first appears, and
// picks d-1 change points among the first k steps; the highest-priority enabled thread always
// runs, and when the step at the i-th change point runs, its thread's priority drops to i.
// For a program of n threads and k steps, each run finds a given bug of depth d (one that
// needs d ordering constraints) with probability at least 1 / (n * k^(d-1)), so N runs miss it
// with probability at most (1 - 1/(n k^(d-1)))^N. n and k are taken as the most threads and
// steps any run had (change points of the first run fall among its first 50 steps). Seeded: the
// same seed runs the same executions.
#ifndef INTERLEAVE_CHECKER_PCT_H_
#define INTERLEAVE_CHECKER_PCT_H_

#include <cstdint>
#include <random>
#include <set>
#include <vector>

#include "checker/strategy.h"

namespace interleave {

class PctStrategy : public Strategy {
 public:
  PctStrategy(uint64_t seed, int64_t runs, int depth)
      : seed_(seed), runs_(runs), depth_(depth < 1 ? 1 : depth), random_(seed) {}

  std::string_view name() const override { return "pct"; }
  bool StartExecution() override;
  ThreadId ChooseThread(const SchedulePoint& point) override;
  int ChooseValue(int step, int lo, int hi) override;
  void EndExecution(Trace& trace) override;
  bool exhaustive() const override { return false; }
  std::string Coverage() const override;

 private:
  const uint64_t seed_;
  const int64_t runs_;
  const int depth_;
  std::mt19937_64 random_;
  int64_t started_ = 0;
  int max_steps_seen_ = 0;  // k: the most steps a run has had.
  int max_threads_seen_ = 1;
  std::vector<int64_t> priority_;  // Per thread; assigned when the thread first appears.
  std::set<int> change_points_;    // Steps where the running thread's priority drops.
  int changes_done_ = 0;
};

}  // namespace interleave

#endif  // INTERLEAVE_CHECKER_PCT_H_
