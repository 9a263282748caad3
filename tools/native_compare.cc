#include "tools/native_compare.h"

#include <unistd.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <cstdlib>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "checker/verdict.h"
#include "reports/format.h"

namespace interleave {
namespace {

bool Executable(const std::string& path) {
  return !path.empty() && ::access(path.c_str(), X_OK) == 0;
}

std::string SelfPath() {
  std::array<char, 4096> buffer{};
  const ssize_t n = ::readlink("/proc/self/exe", buffer.data(), buffer.size() - 1);
  return n > 0 ? std::string(buffer.data(), static_cast<size_t>(n)) : "";
}

std::string Quote(const std::string& text) {
  std::string quoted = "'";
  for (char c : text) {
    if (c == '\'') {
      quoted += "'\\''";
    } else {
      quoted += c;
    }
  }
  return quoted + "'";
}

// The unit of the model's counts, as the text report names it (reports/format.h).
std::string ModelUnit(const Result& model) {
  return CountUnitOf(model.strategy, model.stats.duplicate_graphs, model.stats.weak_memory);
}

}  // namespace

std::optional<std::string> FindNativeRunner() {
  std::vector<std::string> candidates;
  if (const char* env = std::getenv("INTERLEAVE_NATIVE_RUNNER"); env && *env) {
    if (Executable(env)) return std::string(env);
    return std::nullopt;  // Set: that one or none.
  }
  if (const char* runfiles = std::getenv("RUNFILES_DIR"); runfiles && *runfiles) {
    candidates.push_back(std::string(runfiles) + "/interleave/native/run_native");
  }
  const std::string self = SelfPath();
  if (!self.empty()) {
    candidates.push_back(self + ".runfiles/interleave/native/run_native");
    const std::string dir = self.substr(0, self.rfind('/'));
    candidates.push_back(dir + "/../native/run_native");
  }
  for (const std::string& candidate : candidates) {
    if (Executable(candidate)) return candidate;
  }
  return std::nullopt;
}

bool ParseNativeCounts(const std::string& text, NativeCounts& counts) {
  std::istringstream lines(text);
  std::string line;
  while (std::getline(lines, line)) {
    if (line.empty()) continue;
    const size_t first = line.find('\t');
    if (first == std::string::npos) return false;
    const std::string kind = line.substr(0, first);
    if (kind == "runs") {
      counts.runs = std::stoll(line.substr(first + 1));
      continue;
    }
    const size_t second = line.find('\t', first + 1);
    if (second == std::string::npos) return false;
    const int64_t count = std::stoll(line.substr(first + 1, second - first - 1));
    const std::string what = line.substr(second + 1);
    if (kind == "outcome") {
      counts.outcomes[what] += count;
    } else if (kind == "expect") {
      counts.expects[what] += count;
    } else if (kind == "error") {
      counts.errors[what] += count;
    } else {
      return false;
    }
  }
  return counts.runs > 0;
}

void PrintNativeComparison(const Result& model, const NativeCounts& real, std::ostream& out) {
  const std::string unit = ModelUnit(model);
  const int64_t executions = model.stats.executions;
  // Two lines, within 120 columns (reports/format.h).
  out << WrapLines(model.scenario + ": outcomes in the model (" +
                   (model.stats.exhaustive ? "exhaustive, " : "not exhaustive, ") + model.strategy +
                   ", " + CountNoun(unit, executions) + ")\n")
      << "  and on real threads (native backend, " << CountNoun("native", real.runs) << ")\n";
  std::set<std::string> outcomes;
  for (const auto& [outcome, count] : model.outcomes) outcomes.insert(outcome);
  for (const auto& [outcome, count] : real.outcomes) outcomes.insert(outcome);
  size_t name_width = 0;
  std::vector<std::string> model_cells;
  for (const std::string& outcome : outcomes) name_width = std::max(name_width, outcome.size());
  size_t model_width = 0;
  for (const std::string& outcome : outcomes) {
    const auto it = model.outcomes.find(outcome);
    model_cells.push_back("model " + WithThousands(it == model.outcomes.end() ? 0 : it->second) +
                          " of " + ShortCount(unit, executions));
    model_width = std::max(model_width, model_cells.back().size());
  }
  size_t i = 0;
  for (const std::string& outcome : outcomes) {
    const auto it = real.outcomes.find(outcome);
    const std::string& model_cell = model_cells[i++];
    out << "  " << outcome << std::string(name_width - outcome.size(), ' ') << "  " << model_cell
        << std::string(model_width - model_cell.size(), ' ') << "  /  real "
        << WithThousands(it == real.outcomes.end() ? 0 : it->second) << " of "
        << ShortCount("native", real.runs) << "\n";
  }
  out << "Model verdict: " << VerdictName(model.verdict);
  if (!model.finding_counts.empty()) {
    std::string kinds;
    for (const auto& [kind, count] : model.finding_counts) {
      kinds += (kinds.empty() ? "" : ", ") + std::string(FindingKindName(kind));
    }
    out << " (found: " << kinds << ")";
  }
  out << ".\n";
  for (const auto& [text, count] : real.expects) {
    out << "Real runs: expect failed: " << text << " in " << WithThousands(count) << " of "
        << ShortCount("native", real.runs) << "\n";
  }
  for (const auto& [text, count] : real.errors) {
    out << "Real runs: " << text << " in " << WithThousands(count) << " of "
        << ShortCount("native", real.runs) << "\n";
  }
}

int RunNativeComparison(const std::string& scenario, const std::map<std::string, int>& params,
                        const Result& model, int64_t runs, uint64_t seed, std::ostream& out,
                        std::string& error) {
  const std::optional<std::string> runner = FindNativeRunner();
  if (!runner) {
    error =
        "--native: the native runner (native/run_native) is not next to this program; build "
        "//native:run_native, or set INTERLEAVE_NATIVE_RUNNER";
    return 2;
  }
  std::string command = Quote(*runner) + " " + Quote(scenario) + " --machine --runs " +
                        std::to_string(runs) + " --seed " + std::to_string(seed);
  for (const auto& [name, value] : params) {
    command += " --param " + Quote(name + "=" + std::to_string(value));
  }
  // stdout only: the runner's stderr (a usage error, or TSan's reports in a TSan build) goes
  // to ours.
  std::fflush(stdout);
  FILE* pipe = ::popen(command.c_str(), "r");
  if (pipe == nullptr) {
    error = "--native: cannot run " + *runner;
    return 2;
  }
  std::string text;
  std::array<char, 4096> buffer{};
  size_t n = 0;
  while ((n = std::fread(buffer.data(), 1, buffer.size(), pipe)) > 0) text.append(buffer.data(), n);
  const int status = ::pclose(pipe);
  NativeCounts counts;
  if (status != 0 || !ParseNativeCounts(text, counts)) {
    error = "--native: the native runner " + *runner + " failed (its message is above)";
    return 2;
  }
  PrintNativeComparison(model, counts, out);
  return model.verdict == Verdict::kPass ? 0 : 1;
}

}  // namespace interleave
