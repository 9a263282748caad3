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

std::string ScenarioParam::RangeText() const {
  return std::to_string(min) + ".." + std::to_string(max);
}

const ScenarioParam* Scenario::Param(const std::string& param_name) const {
  for (const ScenarioParam& param : params) {
    if (param.name == param_name) return &param;
  }
  return nullptr;
}

ScenarioParams Scenario::Params(const std::map<std::string, int64_t>& overrides,
                                std::string* error) const {
  std::map<std::string, int> values;
  for (const ScenarioParam& param : params) values[param.name] = param.value;
  for (const auto& [name, value] : overrides) {
    const ScenarioParam* param = Param(name);
    if (param == nullptr) {
      if (error != nullptr) {
        std::string known;
        for (const ScenarioParam& p : params) known += (known.empty() ? "" : ", ") + p.name;
        *error = "scenario " + this->name + " has no parameter '" + name + "'" +
                 (known.empty() ? " (it takes none)" : " (it takes: " + known + ")");
      }
      continue;
    }
    if (value < param->min || value > param->max) {
      if (error != nullptr) {
        *error = "parameter " + name + " of scenario " + this->name + " must be in " +
                 param->RangeText() + ", not " + std::to_string(value);
      }
      continue;
    }
    values[name] = static_cast<int>(value);
  }
  return ScenarioParams(std::move(values));
}

ScenarioParams Scenario::Params(const std::map<std::string, int>& overrides,
                                std::string* error) const {
  return Params(std::map<std::string, int64_t>(overrides.begin(), overrides.end()), error);
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
