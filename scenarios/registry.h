// The scenario registry: every scenario of the catalogue (SCENARIOS.md), with the seed program
// and section it comes from and the verdict the checker must reach. Scenario files register
// themselves with INTERLEAVE_SCENARIO at static-initialisation time.
#ifndef INTERLEAVE_SCENARIOS_REGISTRY_H_
#define INTERLEAVE_SCENARIOS_REGISTRY_H_

#include <functional>
#include <string>
#include <vector>

#include "checker/verdict.h"

namespace interleave {

struct Scenario {
  std::string name;         // "lost_update": what the CLI and tests call it.
  std::string id;           // "000.e": its entry in SCENARIOS.md.
  std::string variant;      // "bug", "fix" or "seed".
  std::string seed;         // The seed file and section: "000 \"What's Race Conditions\"".
  std::string description;  // One line.
  Expectation expected;
  std::function<void()> body;  // The main thread.
};

// All registered scenarios, sorted by id then name.
const std::vector<Scenario>& AllScenarios();
// The scenario called `name`, or nullptr.
const Scenario* FindScenario(const std::string& name);

// Adds a scenario; returns true so that it can initialise a static.
bool RegisterScenario(Scenario scenario);

}  // namespace interleave

#define INTERLEAVE_SCENARIO_CONCAT_(a, b) a##b
#define INTERLEAVE_SCENARIO_NAME_(line) INTERLEAVE_SCENARIO_CONCAT_(kRegistered_, line)
// INTERLEAVE_SCENARIO({.name = ..., ...}); at namespace scope in a scenario file.
#define INTERLEAVE_SCENARIO(...)                                           \
  [[maybe_unused]] static const bool INTERLEAVE_SCENARIO_NAME_(__LINE__) = \
      ::interleave::RegisterScenario(::interleave::Scenario __VA_ARGS__)

#endif  // INTERLEAVE_SCENARIOS_REGISTRY_H_
