// step_lines: prints, for each scenario named (every catalogue scenario when none), the source
// lines its steps run at, with the kinds of operation, for writing seed_lines.txt:
//   bazel run //tests/seed_lines:step_lines -- lost_update
#include <iostream>
#include <string>

#include "scenarios/registry.h"
#include "tests/seed_lines/step_lines.h"

int main(int argc, char** argv) {
  using namespace interleave;
  std::vector<const Scenario*> scenarios;
  for (int i = 1; i < argc; ++i) {
    const Scenario* scenario = FindScenario(argv[i]);
    if (scenario == nullptr) {
      std::cerr << "step_lines: unknown scenario '" << argv[i] << "'\n";
      return 2;
    }
    scenarios.push_back(scenario);
  }
  if (argc == 1) {
    for (const Scenario& scenario : AllScenarios()) scenarios.push_back(&scenario);
  }
  for (const Scenario* scenario : scenarios) {
    const StepLinesResult result = StepLines(*scenario);
    std::cout << "# " << scenario->name << " (" << scenario->id << ", " << result.executions
              << " executions" << (result.exhaustive ? "" : ", not exhaustive") << ")\n";
    for (const auto& [line, kinds] : result.lines) {
      std::cout << line;
      for (const std::string& kind : kinds) std::cout << " " << kind;
      std::cout << "\n";
    }
  }
  return 0;
}
