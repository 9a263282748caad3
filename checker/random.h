// RandomStrategy: `runs` executions, each choosing uniformly among the enabled threads at every
// step and uniformly among the values of every choose. Seeded (std::mt19937_64), so the same
// seed runs the same executions. A sample: it never proves the absence of a bug.
#ifndef INTERLEAVE_CHECKER_RANDOM_H_
#define INTERLEAVE_CHECKER_RANDOM_H_

#include <cstdint>
#include <random>

#include "checker/strategy.h"

namespace interleave {

class RandomStrategy : public Strategy {
 public:
  RandomStrategy(uint64_t seed, int64_t runs) : seed_(seed), runs_(runs), random_(seed) {}

  std::string_view name() const override { return "random"; }
  bool StartExecution() override { return started_++ < runs_; }
  ThreadId ChooseThread(const SchedulePoint& point) override;
  int ChooseValue(int step, int lo, int hi) override;
  void EndExecution(Trace&) override {}
  bool exhaustive() const override { return false; }
  std::string Coverage() const override;

 private:
  const uint64_t seed_;
  const int64_t runs_;
  int64_t started_ = 0;
  std::mt19937_64 random_;
};

}  // namespace interleave

#endif  // INTERLEAVE_CHECKER_RANDOM_H_
