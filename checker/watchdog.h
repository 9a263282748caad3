// RunWatched: fails closed when a scenario blocks outside the model.
//
// A scenario must wait only through model primitives, and its code between two visible
// operations must end. The blocking calls it could make by mistake (a real sleep, mutex,
// condition variable, I/O) are caught at once inside scenario code (model/escapes.h); this
// is the last line of defence, for what is left: an endless loop of plain code, or a wait the
// runtime cannot see. RunWatched runs the search on a helper OS thread and watches
// Execution::LastProgress() from the calling one. If no step is taken for `stall_seconds`, it
// gives the search up and returns an ERROR result that says what it knows: how long no step
// came, the line of this search's last step (or that it took none), the scenario and the
// strategy. The helper thread is left where it is stuck (it cannot be interrupted). Should it ever
// wake up, the abandon flag makes its execution end at its next model operation and the search stop
// before it touches anything of the caller's again.
//
// One search at a time per process: the progress counter is global.
#ifndef INTERLEAVE_CHECKER_WATCHDOG_H_
#define INTERLEAVE_CHECKER_WATCHDOG_H_

#include <atomic>
#include <functional>
#include <string>

#include "checker/result.h"

namespace interleave {

// `search` receives the abandon flag: it must check it before each use of anything the caller
// owns, and return at once when it is set.
Result RunWatched(const std::string& scenario, const std::string& strategy, double stall_seconds,
                  std::function<Result(const std::atomic<bool>& abandoned)> search);

}  // namespace interleave

#endif  // INTERLEAVE_CHECKER_WATCHDOG_H_
