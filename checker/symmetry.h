// Symmetry reduction (--symmetry, ExploreOptions::symmetry): threads that a scenario declared
// interchangeable are explored once per permutation class instead of once per permutation.
//
// Papers: E. A. Emerson and A. P. Sistla, "Symmetry and model checking", Formal Methods in
// System Design 9(1/2), 1996 (a state graph invariant under a group of permutations of the
// processes is explored up to that group, one representative per orbit); C. N. Ip and D. L.
// Dill, "Better verification through symmetry", the same issue (scalarsets: the values of a
// scalarset type are interchangeable, and a state is explored in a canonical form).
//
// What the scenario declares (model/thread.h, Thread::set_symmetric(group)): the members of a
// group run the same function with equal arguments, and nothing tells them apart but their own
// steps. Front ends whose programs declare nothing (the std mirror's thread, an unmodified
// program's pthread_create) group by value instead (Execution::SetSymmetryGroupByValue): the
// same function type and the same bytes of callable and arguments, all trivially copyable. The
// runtime checks what it can see (model/execution.cc, CheckSymmetricUse): every member has the same
// closure type (one lambda expression), no daemon is a member, no thread observes a member's
// liveness (is_alive, a timed join, a kill), no member reads its own name, no thread enumerates the
// threads, and a thread that joins a member joins every member started by then before any other
// visible operation but plain accesses to variables no member touches in the execution (they
// commute with every member's step; a member's later touch is an error); the exit-waits of an
// unmodified program's exit are exempt (it only cuts off the threads still running, in the order of
// their numbers). A violation is an ERROR of the search naming the operation, never a smaller
// search that lost outcomes. What it cannot see (a member's index captured in its closure, a check
// that uses a member's name) is the scenario's promise: when the scenario's outcomes or checks can
// tell the members apart, do not declare them symmetric.
//
// The rule (a partial canonical form, as with scalarsets, applied only where it is exact):
// two members that have been started and have not yet taken a step of their own are in the
// same local state (same function, equal arguments, nothing done) and their next operations
// are the same operation on the same object, so they are enabled or not together; any
// continuation in which the higher-numbered one moves first is the image, under the
// permutation that swaps the two, of one in which the lower one moves first. So at a
// scheduling point, among the enabled members of a group that have not stepped, only the
// lowest may take its first step (`fresh`); the others are `forbidden` there.
// A step on an object private to the thread (Execution::MarkPrivateTo: an unmodified
// program's std::thread state, and a word of the thread's own stack before it has published
// anything) does not count: every member takes the same such steps on its own copy, and they
// commute with every other thread's, so a member that took only those is still fresh.
//
// With dpor (checker/dpor.cc) the forbidden threads are left out of the threads a decision may
// take and of its awake set, and a backtrack request for a forbidden thread (the race analysis
// wants that member's first operation earlier) is mapped to the fresh member of its group at
// that decision, which performs the same operation from the same state: the request's
// symmetric image. Sleep sets stay sound: a forbidden thread is never taken, so it never
// enters a done set, and a fresh member asleep stands for every forbidden one of its group
// (their continuations are its images). Every class of Mazurkiewicz-equivalent interleavings
// is therefore explored up to a permutation of each group's members: the outcomes and the
// kinds of findings are those of the full search (checker/symmetry_test.cc compares them on
// the increment family and scenarios with symmetric threads), while the counts of executions
// and of each outcome count classes up to symmetry (one execution may stand for up to k!
// classes of a group of k). For N threads that each take one lock K times, the classes are
// the lock orders in which the threads first appear in order: (N*K)! / ((K!)^N * N!).
//
// Invariants: forbidden and fresh are disjoint subsets of the enabled threads that have not
// stepped; each group has at most one fresh thread; a thread in no group is never forbidden;
// threads 64 and up are never in a group (the runtime refuses them).
#ifndef INTERLEAVE_CHECKER_SYMMETRY_H_
#define INTERLEAVE_CHECKER_SYMMETRY_H_

#include <cstdint>
#include <map>
#include <span>
#include <string>

#include "model/trace.h"

namespace interleave {

struct SymmetryMask {
  uint64_t forbidden = 0;  // Members that may not take their first step here.
  uint64_t fresh = 0;      // Per group, the lowest enabled member that has not stepped.
};

// The rule at a scheduling point: `groups` per thread (its group's number, or -1), `enabled`
// and `stepped` as thread sets (bit t: thread t).
SymmetryMask SymmetryAt(std::span<const int> groups, uint64_t enabled, uint64_t stepped);

// `threads` with every forbidden member replaced by the fresh member of its group (the
// symmetric image of a backtrack request).
uint64_t SymmetricImage(uint64_t threads, const SymmetryMask& mask, std::span<const int> groups);

// The members of each group in `trace` (ThreadInfo::symmetry_group), as the largest count per
// group seen so far: what the coverage statement names.
void CountSymmetryGroups(const Trace& trace, std::map<std::string, int>& members);

// "the 4 threads of symmetry group 'increment'" (groups joined by "and"); empty for none.
std::string DescribeSymmetry(const std::map<std::string, int>& members);

}  // namespace interleave

#endif  // INTERLEAVE_CHECKER_SYMMETRY_H_
