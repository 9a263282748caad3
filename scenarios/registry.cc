#include "scenarios/registry.h"

#include <algorithm>
#include <stdexcept>
#include <utility>

namespace interleave {
namespace {

std::vector<Scenario>& Registry() {
  static std::vector<Scenario> scenarios;
  return scenarios;
}

}  // namespace

bool RegisterScenario(Scenario scenario) {
  std::vector<Scenario>& scenarios = Registry();
  if (FindScenario(scenario.name) != nullptr) {
    throw std::logic_error("scenario registered twice: " + scenario.name);
  }
  scenarios.push_back(std::move(scenario));
  std::sort(scenarios.begin(), scenarios.end(), [](const Scenario& a, const Scenario& b) {
    return a.id != b.id ? a.id < b.id : a.name < b.name;
  });
  return true;
}

const std::vector<Scenario>& AllScenarios() { return Registry(); }

const Scenario* FindScenario(const std::string& name) {
  for (const Scenario& scenario : Registry()) {
    if (scenario.name == name) return &scenario;
  }
  return nullptr;
}

}  // namespace interleave
