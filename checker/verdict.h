// The checker's closed vocabulary: verdicts and finding kinds, with fixed printable names.
// A leaf library: scenarios use it to declare what the checker must find.
#ifndef INTERLEAVE_CHECKER_VERDICT_H_
#define INTERLEAVE_CHECKER_VERDICT_H_

#include <string>
#include <string_view>
#include <vector>

namespace interleave {

// Ordered by precedence: a search's verdict is the highest that applies, except that a PASS
// needs an exhaustive search with nothing found.
enum class Verdict {
  kPass,        // The search ended; no detector fired; every expect held.
  kIncomplete,  // A bound was hit before the search ended, and nothing was found.
  kWarning,     // Only warnings were found (DAEMON CUT OFF, suspected LIVELOCK).
  kBug,         // Some execution has a finding that is not a warning.
  kError,       // The scenario broke a rule of the model, or a replay token is stale.
};

// One kind per detector (checker/detectors/; PROGRAM FAILURE reports the first three), most
// specific first.
enum class FindingKind {
  // The program's own failures, which end the execution as they would end the process: the
  // program says itself what went wrong.
  kAssertionFailed,     // A failed assert() in some thread.
  kUncaughtException,   // An exception left a thread's function (std::terminate).
  kCrash,               // abort(), std::terminate, a crash signal, a stack overflow.
  kLostUpdate,          // A failed expect explained by a write that overwrote another unread.
  kDataRace,            // Two accesses to a Shared, one a write, unordered by happens-before.
  kLostWakeup,          // A notify that found no waiter, then a wait that never returned.
  kHangAtExit,          // Main finished; a non-daemon thread it must wait for never ends.
  kDeadlock,            // No thread can run while some have not finished.
  kLostMessage,         // Items left in a queue that the scenario declared must drain.
  kSwallowedException,  // A task's exception stored in a future nobody read.
  kUnjoinedThread,      // Main logged its end while a thread it did not join still ran.
  kLockMisuse,          // Release of an unheld lock, by a non-owner, or self-deadlock.
  kDaemonCutOff,        // A daemon killed at program exit before it finished (a warning).
  kLivelock,            // Suspected: an execution hit the step bound (a warning).
  kInvariant,           // A failed expect.
};

// DAEMON CUT OFF and LIVELOCK are warnings: they make a verdict WARNING, not BUG.
bool IsWarning(FindingKind kind);

std::string_view VerdictName(Verdict verdict);       // "PASS", "BUG", ...
std::string_view FindingKindName(FindingKind kind);  // "LOST UPDATE", "DEADLOCK", ...

// What a scenario declares the checker must reach: a verdict and the kinds of finding that must
// each be found (in some execution of the search; other kinds may be found too).
struct Expectation {
  Verdict verdict = Verdict::kPass;
  std::vector<FindingKind> kinds;
};

// "BUG (LOST UPDATE, DATA RACE)", "PASS".
std::string ExpectationName(const Expectation& expected);

}  // namespace interleave

#endif  // INTERLEAVE_CHECKER_VERDICT_H_
