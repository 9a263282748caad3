// An execution as a Chrome trace-event JSON file, which Perfetto (ui.perfetto.dev) and
// chrome://tracing open as a timeline: one track per model thread, one slice per step.
//
// Which execution: the counterexample; for a result without one (a PASS), the example of the
// outcome most executions reached (Result::examples), so that every run can be looked at.
//
// Format: the "JSON Object Format" of the Trace Event Format document (Google, 2016): an
// object {"traceEvents": [...], "displayTimeUnit": "ns", "otherData": {...}}, with a
// "thread_name" metadata event ("ph": "M") per thread and a complete event ("ph": "X") per
// step. The time axis:
//  - time mode virtual: the virtual clock in microseconds (TraceEvent::time). Steps that ran at
//    the same virtual instant are laid 1 us apart in their order (a step is never drawn before
//    its virtual time; it may drift later by 1 us per step that shared an instant with it), and
//    each sleep spans from where it began (right after its thread's previous step) to its
//    wake-up, so the sleeping is visible;
//  - time mode any: the step number (step n spans [n, n+1) microseconds), as there is no clock.
// Each slice's args carry the step, the exact virtual time, the value and the source line.
// Steps that a finding marks are in category "marked" with the mark in args, so the viewer can
// highlight them.
// Invariant: one "X" event per trace event, in step order; threads keep their model ids as tid.
#ifndef INTERLEAVE_REPORTS_TRACE_EXPORT_H_
#define INTERLEAVE_REPORTS_TRACE_EXPORT_H_

#include <optional>
#include <string>

#include "checker/result.h"

namespace interleave {

// The Chrome trace of `result`'s counterexample, or of a representative execution when it has
// none; nullopt only when the result holds no execution at all (an ERROR before any ran).
std::optional<std::string> RenderChromeTrace(const Result& result);

}  // namespace interleave

#endif  // INTERLEAVE_REPORTS_TRACE_EXPORT_H_
