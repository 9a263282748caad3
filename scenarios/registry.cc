#include "scenarios/registry.h"

#include <algorithm>
#include <stdexcept>
#include <string>
#include <utility>

namespace interleave {
namespace {

std::vector<Scenario>& Registry() {
  static std::vector<Scenario> scenarios;
  return scenarios;
}

}  // namespace

int ScenarioParams::operator[](const std::string& name) const {
  const auto it = values_.find(name);
  if (it == values_.end()) throw std::out_of_range("the scenario declares no parameter " + name);
  return it->second;
}

std::string ScenarioParams::ToString() const {
  std::string text;
  for (const auto& [name, value] : values_) {
    if (!text.empty()) text += ", ";
    text += name + "=" + std::to_string(value);
  }
  return text;
}

const Expectation& Scenario::ExpectedIn(TimeMode time) const {
  return time == TimeMode::kVirtual && expected_virtual ? *expected_virtual : expected;
}

ScenarioParams Scenario::Params(const std::map<std::string, int>& overrides,
                                std::string* error) const {
  std::map<std::string, int> values;
  for (const ScenarioParam& param : params) values[param.name] = param.value;
  for (const auto& [name, value] : overrides) {
    if (!values.contains(name)) {
      if (error != nullptr) {
        std::string known;
        for (const ScenarioParam& param : params) known += (known.empty() ? "" : ", ") + param.name;
        *error = "scenario " + this->name + " has no parameter '" + name + "'" +
                 (known.empty() ? " (it takes none)" : " (it takes: " + known + ")");
      }
      continue;
    }
    if (value < 0) {
      if (error != nullptr) *error = "parameter " + name + " must not be negative";
      continue;
    }
    values[name] = value;
  }
  return ScenarioParams(std::move(values));
}

std::function<void()> Scenario::Bind(const ScenarioParams& params) const {
  return [body = body, params] { body(params); };
}

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
