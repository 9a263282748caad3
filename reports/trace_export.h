// The counterexample as a Chrome trace-event JSON file, which Perfetto (ui.perfetto.dev) and
// chrome://tracing open as a timeline: one track per model thread, one slice per step.
//
// Format: the "JSON Object Format" of the Trace Event Format document (Google, 2016): an
// object {"traceEvents": [...], "displayTimeUnit": "ns", "otherData": {...}}, with a
// "thread_name" metadata event ("ph": "M") per thread and a complete event ("ph": "X") per
// step. The time axis is the step number (step n spans [n, n+1) microseconds), so that every
// step is visible even where virtual time stands still; each slice's args carry the virtual
// time, the value and the source line. Steps that a finding marks are in category "marked"
// with the mark in args, so the viewer can highlight them.
// Invariant: one "X" event per trace event, in step order; threads keep their model ids as tid.
#ifndef INTERLEAVE_REPORTS_TRACE_EXPORT_H_
#define INTERLEAVE_REPORTS_TRACE_EXPORT_H_

#include <optional>
#include <string>

#include "checker/result.h"

namespace interleave {

// The Chrome trace of `result`'s counterexample; nullopt when it has none (a PASS).
std::optional<std::string> RenderChromeTrace(const Result& result);

}  // namespace interleave

#endif  // INTERLEAVE_REPORTS_TRACE_EXPORT_H_
