// TopSplit: how dpor's search splits into n parts that need no communication (part i of n,
// ExploreOptions::part; `interleave run --part=i/n`, Bazel's test sharding).
//
// Why dpor cannot split the way dfs does: source-DPOR (Abdulla et al., POPL 2014) adds a
// branch to a decision only when an execution below it meets a race, so the branches of the
// top of the tree are known only after the subtrees below them ran, and a part that skips a
// subtree would never learn the branches it would have added.
//
// The split: the first K = 8 branch points of every path (thread decisions with more than one
// awake thread, and data choices with more than one value) are fully branched: their
// backtrack set starts as every awake thread (every value of a choice). Sleep sets stay as in
// dpor.cc: a branch sleeps on the threads taken before it at its node that are independent of
// it, and the order of branches at a node is fixed (the first thread chosen, then the lowest
// untaken), so every part computes the same sleep sets. A race whose backtrack point lies in
// the top K needs nothing: every awake thread is taken there already. Below the top the search
// is plain source-DPOR; a subtree's own races add branches only inside it (its nodes exist
// only while it is explored), so a subtree's exploration does not depend on any other. The
// subtrees below the first D <= K branch points are named by the choices at those D; part i
// owns those whose name hashes to i modulo n, and prunes the others on reaching their
// (D+1)-th branch point (an execution that ends with at most D branch points is a subtree of
// its own, owned the same way). The name depends on the path only, not on the order of
// exploration, so a part may also run on several OS threads (ExploreOptions::jobs): its
// workers skip the same subtrees.
//
// Invariants: the parts explore disjoint sets of complete executions (a complete execution
// lies in exactly one subtree), and their union is one search that branches the top K fully,
// the same tree for every n (K does not depend on n): sleep sets never let two complete
// executions be equivalent, so it has the complete executions of dpor's unsplit search, each
// Mazurkiewicz trace once, wherever that search reaches every trace (on 3 catalogue scenarios
// in time mode any the fully branched top once reached classes that the unsplit search
// missed, through two soundness gaps since fixed: the executor's idle count hidden from the
// dependence, and a semaphore's acquires never reversed; merged parts and one process now
// count the same there). What grows: each part
// runs one pruned execution per subtree it does not own (down to the subtree's root), and the
// fully branched top adds sleep-set-blocked executions. D balances the parts against that
// cost: the subtrees must be many more than the parts (their sizes vary by orders of
// magnitude) and few against the executions: D = min(K, 4 + 2 log2(n)), 6 for 2 parts and 8
// for more. On 4 x 2 unlocked increments (5,189,880 classes) the pruned executions of 2, 4
// and 8 parts are 0.3 to 0.4 % of the complete ones, and the largest part of 8 holds 15 % of
// the classes (docs/implementation-notes.md, "Scale out"); a search of a few thousand classes
// pays tens of percent, and one whose first branch points are mostly independent (a
// ThreadPoolExecutor's start) may leave all its classes in one part.
//
// rc11: the explorer counts each execution graph once per search (Trace::graph_print), and
// classes overlap on graphs; parts cannot tell each other which graphs they reached, so a
// graph reached in two parts is counted by both (the merged count is then larger than one
// process's; the outcomes are the same).
#ifndef INTERLEAVE_CHECKER_SPLIT_H_
#define INTERLEAVE_CHECKER_SPLIT_H_

#include <cstdint>
#include <string>

namespace interleave {

class TopSplit {
 public:
  static constexpr int kDefaultDepth = 8;  // K.
  TopSplit() = default;
  // Part `part` (0-based) of `parts`; `own_depth` < 0 picks D from `parts` (see above).
  TopSplit(int part, int parts, int own_depth = -1);

  // Whether the search is split (parts > 1).
  bool active() const { return parts_ > 1; }
  int part() const { return part_; }
  int parts() const { return parts_; }
  // K: how many branch points at the top are fully branched, whatever the number of parts.
  int depth() const { return depth_; }
  // D <= K: the subtrees the parts own are those below the first D branch points.
  int own_depth() const { return own_depth_; }

  // The name of a subtree, built from the choices at its path's first K branch points: start
  // from kEmpty, then Extend with each choice (a thread, or a value) in path order.
  static constexpr uint64_t kEmpty = 0x9e3779b97f4a7c15ULL;
  static uint64_t Extend(uint64_t name, int choice);
  // Whether the subtree named `name` is this part's.
  bool Owns(uint64_t name) const;

  // "part 2 of 4" (1-based).
  std::string Describe() const;

 private:
  int part_ = 0;
  int parts_ = 1;
  int depth_ = 0;
  int own_depth_ = 0;
};

// The coverage statement of one part of a split search that ran to its end.
std::string PartCoverage(int part, int parts);

}  // namespace interleave

#endif  // INTERLEAVE_CHECKER_SPLIT_H_
