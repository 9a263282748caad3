// Formatting shared by every report and the CLI's tables: numbers, what a count counts, virtual
// times, text widths and wrapping (every text the tool prints fits in kTextWidth columns), and
// how a step reads in a report.
#ifndef INTERLEAVE_REPORTS_FORMAT_H_
#define INTERLEAVE_REPORTS_FORMAT_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "model/trace.h"

namespace interleave {

// The widest line the text reports and the CLI's tables print.
inline constexpr int kTextWidth = 120;

// 2345 -> "2,345".
std::string WithThousands(int64_t n);

// ---- What a count counts ------------------------------------------------------------------
// An outcome count is not a frequency: what one "execution" of a search stands for depends on
// the strategy. dpor runs one execution per class of equivalent interleavings (Mazurkiewicz
// traces: interleavings that differ only in the order of independent steps), so "24 of 62" are
// classes, each standing for one or many interleavings; dfs and bounded run each interleaving
// once; random and pct sample runs (the same interleaving may come up twice); --native counts
// runs on real threads; a replay runs one recorded schedule. Under rc11, when interleavings
// reached an execution graph again (Statistics::duplicate_graphs), the count is of graphs.
//
// The strategies by name: "dpor", "dfs", "bounded", "random", "pct", "replay", "native"; and
// "graphs" for the rc11 graph count. Anything else counts "executions".

// The key a search's counts are in: `strategy`, or "graphs" when its executions ran weak
// atomics under RC11 (Statistics::weak_memory: each count is a distinct execution graph) or
// interleavings reached an execution graph again (Statistics::duplicate_graphs > 0).
std::string CountUnitOf(std::string_view strategy, int64_t duplicate_graphs, bool weak_memory);
// "1 class of equivalent interleavings", "62 classes of equivalent interleavings",
// "656,404 interleavings", "1,000 sampled runs", "994 runs", "1 replayed schedule".
std::string CountNoun(std::string_view strategy, int64_t n);
// The noun alone, for `n` (singular when n == 1): "classes of equivalent interleavings".
std::string UnitNoun(std::string_view strategy, int64_t n);
// The short noun of a table's header or a progress line (plural): "classes", "interleavings",
// "runs", "graphs", "executions".
std::string ShortUnitNoun(std::string_view strategy);
// CountNoun with the short noun: "62 classes", "1 class".
std::string ShortCount(std::string_view strategy, int64_t n);

// ---- Virtual time ---------------------------------------------------------------------------
// Virtual microseconds as seconds: 100000 -> "0.100s", 1500000 -> "1.500s", 1 -> "0.000001s"
// (three decimals, six when the time is not a whole millisecond).
std::string VirtualSeconds(int64_t microseconds);
// When a step began on the virtual clock: its time, except a sleep's, which ran from its
// time minus the duration it asked for (a sleep's event carries its wake-up).
int64_t StepStartMicros(const TraceEvent& event);

// ---- Text width ---------------------------------------------------------------------------
// Columns the text takes on a terminal: one per code point (scenario text is narrow).
int DisplayWidth(std::string_view text);
// `text` padded with spaces to `width` columns, on the right or on the left.
std::string PadRight(const std::string& text, int width);
std::string PadLeft(const std::string& text, int width);
// Splits `text` into lines of at most `width` columns, at spaces where it can (the space where
// a line is cut is dropped; every other space, runs of spaces included, is kept), inside a word
// only when the word alone is wider than a line.
std::vector<std::string> Wrap(std::string_view text, int width);
// Every line of `text` (lines end with \n) wrapped to `width` columns; a continuation line is
// indented two columns more than the line it continues (under the text of a "  - " bullet).
std::string WrapLines(const std::string& text, int width = kTextWidth);

// `prefix` and a shell `command` (words separated by single spaces, none quoted) within `width`
// columns, as the shell reads it back: lines continued with " \", the next indented four
// spaces; a word too long for a line (a long replay token) is cut with a backslash-newline
// and goes on at the start of the next line (the shell joins the two halves into one word).
// Ends with a newline.
std::string WrapCommand(const std::string& prefix, const std::string& command,
                        int width = kTextWidth);

// ---- Steps ----------------------------------------------------------------------------------
// How a report describes a step: Trace::Describe, except a Condition's wait. The model records
// Condition.wait as the release of the condition's lock, then (once notified) the wait
// returning, then the lock's acquisition, all on the wait's line; the release reads
// "wait condition (releases condition.lock)" and the wait's own step "woken from wait
// condition" (with "(timed out)" when its timeout passed).
// Text made safe inside HTML (element content and quoted attributes): & < > " escaped.
std::string HtmlEscape(std::string_view text);

// JSON text made safe inside an HTML <script> element: every '<' (which JSON has only inside
// strings) written as \u003c, which means the same, so no "</script>" or "<!--" can end it.
std::string ScriptSafe(std::string_view json);

std::string DescribeStep(const Trace& trace, const TraceEvent& event);
// Whether `event` is the release that begins a Condition's wait (see DescribeStep).
bool BeginsConditionWait(const Trace& trace, const TraceEvent& event);

}  // namespace interleave

#endif  // INTERLEAVE_REPORTS_FORMAT_H_
