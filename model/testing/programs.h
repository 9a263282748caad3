// Small programs with known interleavings, shared by the runtime's and the checker's tests.
#ifndef INTERLEAVE_MODEL_TESTING_PROGRAMS_H_
#define INTERLEAVE_MODEL_TESTING_PROGRAMS_H_

#include <functional>
#include <string>

#include "model/trace.h"

namespace interleave::testing {

// The dependence graph of a trace as text: for each object, the order of its accesses (thread
// and position in the thread), with each run of accesses that do not change it sorted, since
// those commute. A global event (TraceEvent::global: enumerate, active_count) depends on every
// event, as if it changed, and every event read, one object (-2); a thread's liveness is an
// object too. The values of data choices (choose, and under rc11 what a load reads) are part
// of it, each at its place in its thread: dpor explores every class with every choice. Two
// interleavings have the same text exactly when they are equivalent.
std::string DependenceText(const Trace& trace);

// The increment family: `threads` threads each do `increments` increments of one Shared
// counter (a read and a write), under one Lock when `locked`; main starts and joins them and
// declares the outcome "x". With the lock its Mazurkiewicz classes are the lock orders:
// (threads*increments)! / (increments!)^threads. The threads form the symmetry group
// "increment" (Thread::set_symmetric): under --symmetry the locked family has
// (threads*increments)! / ((increments!)^threads * threads!) classes.
std::function<void()> Increments(int threads, int increments, bool locked);

// `threads` threads, each writing its own Shared variable ("v0", "v1", ...) `writes` times;
// main starts and joins them. No step of a thread depends on another thread's: nearly every
// vector of per-thread positions is a down-set of the class's order (checker/class_size.h).
std::function<void()> IndependentWriters(int threads, int writes);

// Shared x = 0; threads A and B each do `x += 1` as a read and a write; main starts both, joins
// both, declares the outcome "x" and expects "x == 2". Steps under the script {0, 0, 1, 2, 1, 2}:
// 1 start A, 2 start B, 3 A reads, 4 B reads, 5 A writes, 6 B writes (losing A's update).
void TwoUnlockedIncrements();

// The same with each increment under one Lock: x is 2 in every interleaving.
void TwoLockedIncrements();

// Locks "first" and "second"; A takes first then second, B second then first; main starts and
// joins both. Under the script {0, 0, 1, 2} all three threads end blocked in a cycle.
void OppositeLockOrder();

// Seed 000's "What's Race Conditions" on two plain threads, as scenarios/lost_update.cc wrote
// it before it moved to a ThreadPoolExecutor: Shared "value" = 0; threads "Thread 0" and
// "Thread 1" each log, read value, sleep 0.1, write value + 1 and log; main logs, starts and
// joins both, reads value, logs it, declares the outcome "value" and expects
// "value == 2 after two updates". dfs explores 923 interleavings (an executor's steps make
// its search too long for the tests that compare dfs with something: split search, reports).
void LostUpdateOnThreads();

// The same with the read-modify-write under the database's Lock "_lock" (and the seed's extra
// logs): value is 2 in every one of its 11,243 interleavings.
void LostUpdateOnThreadsLocked();

// A scenario that is not deterministic, for the strategies' checks of it: `threads` threads
// (2 or more) each write their number to Shared x; main starts them, reads x and joins them,
// but starts (first) and joins the second thread only on every other run (the count is kept
// across the executions of the returned body).
std::function<void()> Nondeterministic(int threads);

}  // namespace interleave::testing

#endif  // INTERLEAVE_MODEL_TESTING_PROGRAMS_H_
