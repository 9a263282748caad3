// litmus_run: searches litmus programs (tests/litmus/litmus_program.h's notation) given one a
// line on stdin as "program<TAB>observed locations" and prints, a line each, the outcome sets
// and execution counts dpor reaches under rc11 and sc (and dfs under rc11 with --dfs), in
// rc11_axioms.py's compact form:
//   rc11 <executions> {<outcome> ...} sc <executions> {<outcome> ...} [dfs <executions> {...}]
// rc11_axioms.py --fuzz drives it to compare the core with the axioms on random programs.
// A line that does not parse prints "error: ..." and makes the exit status 1.
#include <cstdio>
#include <iostream>
#include <set>
#include <string>

#include "checker/dfs.h"
#include "checker/dpor.h"
#include "checker/explorer.h"
#include "tests/litmus/litmus_program.h"

namespace interleave::litmus {
namespace {

// "r0=0, r1=1, x=2" -> "012".
std::string Compact(const std::string& text) {
  std::string digits;
  bool value = false;
  for (const char c : text) {
    if (c == '=') {
      value = true;
    } else if (c == ',') {
      value = false;
    } else if (value && c != ' ') {
      digits += c;
    }
  }
  return digits;
}

std::string Describe(const Result& result) {
  std::set<std::string> outcomes;
  for (const auto& [text, count] : result.outcomes) outcomes.insert(Compact(text));
  std::string line = std::to_string(result.stats.executions) + " {";
  bool first = true;
  for (const std::string& outcome : outcomes) {
    line += (first ? "" : " ") + outcome;
    first = false;
  }
  line += "}";
  if (!result.stats.exhaustive) line += " INCOMPLETE";
  if (result.verdict != Verdict::kPass)
    line += " VERDICT-" + std::to_string(static_cast<int>(result.verdict));
  return line;
}

Result Search(const LitmusProgram& program, bool dfs, MemoryModel model) {
  DporStrategy dpor;
  DfsStrategy naive;
  Strategy& strategy = dfs ? static_cast<Strategy&>(naive) : dpor;
  return Explore("litmus", LitmusBody(program), strategy,
                 ExploreOptions{.max_executions = 2'000'000,
                                .max_steps = 1'000,
                                .stall_seconds = 0,
                                .memory_model = model});
}

int Main(int argc, char** argv) {
  const bool dfs = argc > 1 && std::string(argv[1]) == "--dfs";
  int status = 0;
  std::string line;
  while (std::getline(std::cin, line)) {
    if (line.empty()) continue;
    const std::size_t tab = line.find('\t');
    const LitmusProgram program =
        ParseLitmus(line.substr(0, tab), tab == std::string::npos ? "" : line.substr(tab + 1));
    if (!program.error.empty()) {
      std::cout << "error: " << program.error << std::endl;
      status = 1;
      continue;
    }
    std::cout << "rc11 " << Describe(Search(program, false, MemoryModel::kRc11)) << " sc "
              << Describe(Search(program, false, MemoryModel::kSc));
    if (dfs) std::cout << " dfs " << Describe(Search(program, true, MemoryModel::kRc11));
    std::cout << std::endl;
  }
  return status;
}

}  // namespace
}  // namespace interleave::litmus

int main(int argc, char** argv) { return interleave::litmus::Main(argc, argv); }
