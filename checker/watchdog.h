// RunWatched: fails closed when a scenario blocks outside the model.
//
// A scenario must block only through model primitives; a real std::mutex, a real sleep or
// real I/O blocks the OS thread its executions run on, and the search would hang. RunWatched
// runs the search on a helper OS thread and watches Execution::LastProgress() from the
// calling one. If no step is taken for `stall_seconds`, it gives the search up and returns
// an ERROR result naming the scenario and the last source line that ran; the helper thread is
// left where it is stuck (it cannot be interrupted). Should it ever wake up, the abandon flag
// makes its execution end at its next model operation and the search stop before it touches
// anything of the caller's again.
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
Result RunWatched(const std::string& scenario, double stall_seconds,
                  std::function<Result(const std::atomic<bool>& abandoned)> search);

}  // namespace interleave

#endif  // INTERLEAVE_CHECKER_WATCHDOG_H_
