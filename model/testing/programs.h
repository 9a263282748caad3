// Small programs with known interleavings, shared by the runtime's and the checker's tests.
#ifndef INTERLEAVE_MODEL_TESTING_PROGRAMS_H_
#define INTERLEAVE_MODEL_TESTING_PROGRAMS_H_

#include <functional>

namespace interleave::testing {

// The increment family: `threads` threads each do `increments` increments of one Shared
// counter (a read and a write), under one Lock when `locked`; main starts and joins them and
// declares the outcome "x". With the lock its Mazurkiewicz classes are the lock orders:
// (threads*increments)! / (increments!)^threads.
std::function<void()> Increments(int threads, int increments, bool locked);

// Shared x = 0; threads A and B each do `x += 1` as a read and a write; main starts both, joins
// both, declares the outcome "x" and expects "x == 2". Steps under the script {0, 0, 1, 2, 1, 2}:
// 1 start A, 2 start B, 3 A reads, 4 B reads, 5 A writes, 6 B writes (losing A's update).
void TwoUnlockedIncrements();

// The same with each increment under one Lock: x is 2 in every interleaving.
void TwoLockedIncrements();

// Locks "first" and "second"; A takes first then second, B second then first; main starts and
// joins both. Under the script {0, 0, 1, 2} all three threads end blocked in a cycle.
void OppositeLockOrder();

}  // namespace interleave::testing

#endif  // INTERLEAVE_MODEL_TESTING_PROGRAMS_H_
