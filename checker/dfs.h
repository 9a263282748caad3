// DfsStrategy: naive exhaustive search, the baseline every reduction is measured against.
//
// Depth-first over the tree of decisions: every execution follows the path of the previous one
// up to its deepest decision with an untried alternative, takes the next alternative there,
// and then always the first alternative. Branch points are the decisions with more than one
// alternative: which enabled thread runs (in time mode any, a blocked timed wait is enabled:
// running it is its timeout), and which value a choose(lo, hi) returns. It explores every
// interleaving of visible operations exactly once, with no reduction: two threads of k independent
// steps each give C(2k, k).
//
// Invariant: the scenario is deterministic given its schedule, so the alternatives at each
// replayed branch point are the ones recorded, and every replayed step is the one recorded
// (ReplayedSteps); a difference ends the execution in an error ("nondeterminism outside the
// model").
//
// Splitting: DfsStrategy(part, parts) explores one of `parts` disjoint parts of the search.
// Every part walks the first kSplitDepth branch points alike, so they number the subtrees
// below them (and the executions that end above them) the same way; part i explores the
// subtrees whose number is i modulo `parts` and prunes the others when it reaches them. The
// parts' results, merged (MergeResults, explorer.h), are the whole search's. Workers(n) (a
// search on n OS threads, ExploreOptions::jobs) runs the n parts of an n-way split at once.
#ifndef INTERLEAVE_CHECKER_DFS_H_
#define INTERLEAVE_CHECKER_DFS_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <vector>

#include "checker/step_record.h"
#include "checker/strategy.h"

namespace interleave {

class DfsStrategy : public Strategy {
 public:
  static constexpr std::size_t kSplitDepth = 6;

  DfsStrategy() = default;
  // Part `part` (0-based) of `parts`.
  DfsStrategy(int part, int parts) : part_(part), parts_(parts) {}

  std::string_view name() const override { return "dfs"; }
  bool StartExecution() override;
  ThreadId ChooseThread(const SchedulePoint& point) override;
  int ChooseValue(int step, int lo, int hi) override;
  std::span<const StepPrint> ReplayedSteps() override { return steps_.Before(new_from_step_); }
  void EndExecution(Trace& trace) override;
  bool exhaustive() const override { return true; }
  std::vector<std::unique_ptr<Strategy>> Workers(int count) override;
  bool SetPart(int part, int parts) override {
    part_ = part;
    parts_ = parts;
    return true;
  }

 private:
  struct Branch {
    std::vector<int> alternatives;  // Enabled threads, or the values of a choice.
    std::size_t chosen = 0;
    int step = 0;  // The step it decides (a thread decision), or the choose's step.
  };
  int Decide(int step, std::vector<int> alternatives);
  // Splitting: whether the subtree the current execution reached at kSplitDepth is this part's.
  bool Owns();

  std::vector<Branch> path_;
  std::size_t depth_ = 0;  // Branch points passed in the current execution.
  StepRecord steps_;       // The last execution's steps (ReplayedSteps).
  int new_from_step_ = 0;  // The current execution replays the steps before this one.
  bool started_ = false;
  int part_ = 0;
  int parts_ = 1;
  int64_t subtrees_ = 0;       // Subtrees numbered so far.
  bool subtree_open_ = false;  // The current execution is inside a subtree this part owns.
};

}  // namespace interleave

#endif  // INTERLEAVE_CHECKER_DFS_H_
