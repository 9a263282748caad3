// The scenario registry: every scenario of the catalogue (SCENARIOS.md), with the seed program
// and section it comes from and the verdict the checker must reach. Scenario files register
// themselves with INTERLEAVE_SCENARIO at static-initialisation time.
#ifndef INTERLEAVE_SCENARIOS_REGISTRY_H_
#define INTERLEAVE_SCENARIOS_REGISTRY_H_

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "checker/verdict.h"
#include "model/trace.h"

namespace interleave {

// A scenario's parameter: a count the seed fixed (messages, threads, increments), scaled down
// to a small default so that exhaustive search ends, and the range of values the scenario can
// run (threads at least 1; at most what the model and a search can take: dpor tracks at most 64
// threads). Declared as {"threads", 4, "counting threads (seed: 4)", 1, 60}. The defaults of
// min and max (0, 0) fit no default but 0: a parameter without a range fails the registry test.
struct ScenarioParam {
  std::string name;     // "messages".
  int value = 0;        // The default.
  std::string meaning;  // "messages the producer sends (seed: 10)".
  int min = 0;          // The smallest value the scenario runs with.
  int max = 0;          // The largest.

  // "1..60".
  std::string RangeText() const;
};

// The parameter values one run uses: the defaults, with the ones a user set.
class ScenarioParams {
 public:
  ScenarioParams() = default;
  explicit ScenarioParams(std::map<std::string, int> values) : values_(std::move(values)) {}
  // The value of `name`; throws std::out_of_range when the scenario declares no such
  // parameter (a scenario bug, caught by the catalogue test).
  int operator[](const std::string& name) const;
  const std::map<std::string, int>& values() const { return values_; }
  // "messages=2, consumers=5"; empty when there are none.
  std::string ToString() const;

 private:
  std::map<std::string, int> values_;
};

struct Scenario {
  std::string name;         // "lost_update": what the CLI and tests call it.
  std::string id;           // "000.e": its entry in SCENARIOS.md.
  std::string variant;      // "bug", "fix" or "seed".
  std::string seed;         // The seed file and section: "000 \"What's Race Conditions\"".
  std::string description;  // One line.
  std::vector<ScenarioParam> params;  // With their defaults.
  // The verdict in time mode `any`, and in `virtual` unless `expected_virtual` says otherwise.
  Expectation expected;
  std::optional<Expectation> expected_virtual;
  std::function<void(const ScenarioParams&)> body;  // The main thread.

  const Expectation& ExpectedIn(TimeMode time) const;
  // The defaults, overridden by `overrides`; an error message (naming the parameter, the value
  // and the range) when an override names no parameter of this scenario or lies outside the
  // parameter's declared range. On an error, the offending override is left out.
  ScenarioParams Params(const std::map<std::string, int64_t>& overrides,
                        std::string* error = nullptr) const;
  ScenarioParams Params(const std::map<std::string, int>& overrides = {},
                        std::string* error = nullptr) const;
  // The declared parameter called `name`, or nullptr.
  const ScenarioParam* Param(const std::string& name) const;
  // The body bound to `params`, as the explorer runs it.
  std::function<void()> Bind(const ScenarioParams& params) const;
  std::function<void()> Bind() const { return Bind(Params()); }
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
