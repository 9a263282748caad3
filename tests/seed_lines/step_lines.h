// StepLines: the source lines of every step a scenario takes in any of its executions
// (exhaustive dpor, in both time modes), with the kinds of operation seen there. For the seed
// line table's test (seed_lines_test.cc) and for annotating a scenario (step_lines_main.cc).
#ifndef INTERLEAVE_TESTS_SEED_LINES_STEP_LINES_H_
#define INTERLEAVE_TESTS_SEED_LINES_STEP_LINES_H_

#include <cstdint>
#include <map>
#include <set>
#include <string>

#include "scenarios/registry.h"

namespace interleave {

struct StepLinesResult {
  // "lost_update.cc:26" (SourceLine::ToString) -> the operation kinds of its steps ("read").
  std::map<std::string, std::set<std::string>> lines;
  int64_t executions = 0;
  bool exhaustive = false;  // Every execution of both time modes was seen.
};

// Runs `scenario` with its default parameters under dpor, at most `max_executions` executions
// per time mode.
StepLinesResult StepLines(const Scenario& scenario, int64_t max_executions = 200'000);

}  // namespace interleave

#endif  // INTERLEAVE_TESTS_SEED_LINES_STEP_LINES_H_
