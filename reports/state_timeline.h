// The program's state after each step of an execution, rebuilt from its trace: what a student
// stepping through an interleaving sees (the HTML report's state panel, `interleave play`).
//
// Only the trace is read, so the state is what the steps showed: a shared variable's value is
// the last value a step read or wrote ("?" before any step touched it), a queue holds the items
// put and not yet got, a lock is held from its acquire to its release (by level for a
// re-entrant lock). A thread waits on a condition from the release that began its wait to the
// wait's return; it is blocked on a lock, a queue, an event or a join when its next step is
// that operation and the state after this step does not allow it. The last snapshot takes the
// unfinished threads' pending operations from Trace::threads, which the runtime recorded.
#ifndef INTERLEAVE_REPORTS_STATE_TIMELINE_H_
#define INTERLEAVE_REPORTS_STATE_TIMELINE_H_

#include <string>
#include <vector>

#include "model/trace.h"

namespace interleave {

struct ObjectState {
  ObjectId object = kNoObject;
  std::string name;
  ObjectKind kind = ObjectKind::kShared;
  // Shared variable or atomic: the last value read or written ("?" before any); queue: its
  // items, "[1, 2]"; event: "set" or "clear"; semaphore: "value N" once a step showed it;
  // lock: empty (see holder).
  std::string value;
  ThreadId holder = kNoThread;    // A lock's holder (kNoThread: free).
  int depth = 0;                  // How many times the holder holds it (re-entrant locks).
  std::vector<ThreadId> waiters;  // Threads waiting in, or blocked on, this object.
};

struct ThreadState {
  ThreadId thread = kNoThread;
  std::string name;
  // "not started", "runnable: next acquire lock", "waiting: wait condition",
  // "blocked: acquire lock (held by Thread-1)", "finished", "killed".
  std::string status;
};

struct StateSnapshot {
  int after_step = 0;                // 0: before the first step.
  std::vector<ObjectState> objects;  // Every object but the threads, in creation order.
  std::vector<ThreadState> threads;
};

// snapshots[i] is the state after step i; snapshots[0] the state before step 1.
std::vector<StateSnapshot> StateTimeline(const Trace& trace);

// A line per object that has a state to show ("value = 1", "lock: held by Thread-1",
// "pipeline: [1, 2]", "condition: waiting Thread-2"), then a line per thread
// ("Thread-1: blocked: acquire lock (held by Thread-2)").
std::vector<std::string> DescribeState(const StateSnapshot& snapshot);

}  // namespace interleave

#endif  // INTERLEAVE_REPORTS_STATE_TIMELINE_H_
