// The JSON report of a Result: everything a tool needs, in a versioned schema
// (reports/schema/result.v1.schema.json documents every field; a test validates against it).
//
// Invariants: the output is one JSON object; "schema" is "interleave-result" and
// "schema_version" is 1 for as long as the fields keep their meaning (new optional fields may
// be added; a renamed or retyped field bumps the version); a PASS has "counterexample": null;
// the counterexample's steps are the whole execution, in order, 1-based.
#ifndef INTERLEAVE_REPORTS_JSON_REPORT_H_
#define INTERLEAVE_REPORTS_JSON_REPORT_H_

#include <string>

#include "checker/result.h"

namespace interleave {

inline constexpr int kJsonSchemaVersion = 1;

struct JsonReportOptions {
  // How the user runs the CLI, for the replay command: "interleave", "./interleave".
  std::string command = "interleave";
  // Whether to include the search time (golden tests turn it off; it varies).
  bool show_time = true;
  int indent = 2;  // -1: one line.
};

std::string RenderJson(const Result& result, const JsonReportOptions& options = {});

}  // namespace interleave

#endif  // INTERLEAVE_REPORTS_JSON_REPORT_H_
