// MergeJsonReports: the JSON reports of the parts of one split search (`interleave run
// --part=i/n --report=json`, or a Bazel test shard's report) as one report of the whole search,
// in the same schema (reports/schema/result.v1.schema.json): statistics, outcomes and finding
// counts added; the simplest counterexample kept (a bug before warnings, the most specific
// finding, then the fewest preemptions, then the fewest steps: explorer.h's order), with its
// findings; one coverage statement. The merged report is exhaustive only when every part was
// and the parts are exactly 1..n of one n, of the same scenario, parameters and settings.
//
// Errors (the parts are not of one search, a part given twice, different n, not a report):
// no report, and `error` says which file and why. Missing parts are no error: the report is
// then INCOMPLETE (or BUG, when a part found one) and its coverage names them.
// MergedTextSummary renders the merged report for people (`interleave merge`'s default).
#ifndef INTERLEAVE_REPORTS_JSON_MERGE_H_
#define INTERLEAVE_REPORTS_JSON_MERGE_H_

#include <optional>
#include <string>
#include <vector>

namespace interleave {

struct JsonPart {
  std::string name;  // Where it came from, for messages: the file name.
  std::string text;  // The JSON report.
};

// The merged JSON report (indented with `indent`, -1: one line), or nullopt with `error`.
std::optional<std::string> MergeJsonReports(const std::vector<JsonPart>& parts, std::string& error,
                                            int indent = 2);

// A text rendering of a (merged) JSON report: verdict, coverage, counts, outcomes, the
// counterexample's findings and its replay command.
std::string MergedTextSummary(const std::string& merged_json);

// Whether a (merged) JSON report's verdict is PASS.
bool JsonVerdictIsPass(const std::string& json_text);

}  // namespace interleave

#endif  // INTERLEAVE_REPORTS_JSON_MERGE_H_
