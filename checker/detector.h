// Detector: looks at one finished execution and returns what is wrong with it. One detector
// per file in detectors/, each naming the defect it finds and how; detectors never print.
//
// Detectors run in the order AllDetectors() lists them, on every execution of a search (often
// hundreds of thousands), so each is linear in the trace or better and returns at once when
// its defect cannot be there. A detector may read the findings the detectors before it added
// (INVARIANT leaves out the failed expects a LOST UPDATE already explains).
#ifndef INTERLEAVE_CHECKER_DETECTOR_H_
#define INTERLEAVE_CHECKER_DETECTOR_H_

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "checker/result.h"
#include "model/trace.h"

namespace interleave {

class Detector {
 public:
  virtual ~Detector() = default;
  virtual std::string_view name() const = 0;
  // Appends the findings of `trace` to `findings`.
  virtual void Inspect(const Trace& trace, std::vector<Finding>& findings) const = 0;
};

// Every detector, most specific first (the order findings are listed in).
std::vector<std::unique_ptr<Detector>> AllDetectors();

// Helpers the detectors share.

// The step after which main reached program exit, its last step that is not an exit-wait or a
// kill: when its body returned (Trace::main_returned), or when it is blocked in an exit-wait at
// the end (a Thread local to the body waits in the body's closing brace). nullopt: main never
// got there (it is blocked in its body: in a join, a Queue.join, an executor shutdown...).
// Limit: a Thread local to a nested block whose thread never ends blocks main in an exit-wait
// mid-body, which reads as program exit too.
std::optional<int> MainExitStep(const Trace& trace);

// What an unfinished thread is blocked in, or was doing when killed: "get on task_queue",
// "acquire on L", "sleep", "exit-wait on Thread-1".
std::string PendingText(const Trace& trace, const ThreadInfo& info);

// The last step `thread` took, 0 when none.
int LastStepOf(const Trace& trace, ThreadId thread);

}  // namespace interleave

#endif  // INTERLEAVE_CHECKER_DETECTOR_H_
