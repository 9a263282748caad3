// `interleave run SCENARIO --native`: the model's exhaustive outcome counts beside the outcome
// counts of the same scenario run N times on real threads by the native backend's runner
// (native/run_native.cc), which shows what model checking adds: an outcome the model reaches in
// some class of interleavings may come up rarely, or never, in real runs, and the other way
// round (a real sleep makes the lost update the usual case).
#ifndef INTERLEAVE_TOOLS_NATIVE_COMPARE_H_
#define INTERLEAVE_TOOLS_NATIVE_COMPARE_H_

#include <cstdint>
#include <map>
#include <optional>
#include <ostream>
#include <string>

#include "checker/result.h"

namespace interleave {

// The native runner next to this program: $INTERLEAVE_NATIVE_RUNNER when set (only it), else in
// the runfiles
// ($RUNFILES_DIR, or <this binary>.runfiles) at interleave/native/run_native, else
// <this binary's directory>/../native/run_native (Bazel's bin layout). nullopt if none is
// executable.
std::optional<std::string> FindNativeRunner();

// What the runner counted (its --machine output).
struct NativeCounts {
  int64_t runs = 0;
  std::map<std::string, int64_t> outcomes;  // "value=1" -> runs.
  std::map<std::string, int64_t> expects;   // Failed expect text -> runs.
  std::map<std::string, int64_t> errors;    // Error text -> runs.
};

// Parses the runner's --machine output; false on a malformed line.
bool ParseNativeCounts(const std::string& text, NativeCounts& counts);

// Prints the table of outcomes, the model's counts from `model` (its outcomes and executions)
// beside the real ones, then the real runs' failed expects and errors.
void PrintNativeComparison(const Result& model, const NativeCounts& real, std::ostream& out);

// Runs the runner for `scenario` with `params`, `runs` runs from `seed`, and prints the
// comparison with `model` to `out`. Returns 0 when the model's verdict is PASS, 1 otherwise
// (as `run` does), 2 when the runner is missing or refuses (message in `error`).
int RunNativeComparison(const std::string& scenario, const std::map<std::string, int>& params,
                        const Result& model, int64_t runs, uint64_t seed, std::ostream& out,
                        std::string& error);

}  // namespace interleave

#endif  // INTERLEAVE_TOOLS_NATIVE_COMPARE_H_
