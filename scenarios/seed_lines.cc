#include "scenarios/seed_lines.h"

#include <string>

namespace interleave {

std::string SeedLine::Location() const { return std::string(file) + ":" + std::to_string(line); }

std::string_view CatalogueSourceFile(std::string_view name, std::string_view id) {
  for (const CatalogueScenarioSource& source : CatalogueScenarioSources()) {
    if (name == source.name && id == source.id) return source.file;
  }
  return {};
}

std::map<std::string, std::string> SeedLinesFor(const Scenario& scenario) {
  std::map<std::string, std::string> lines;
  const std::string_view file = CatalogueSourceFile(scenario.name, scenario.id);
  if (file.empty()) return lines;
  for (const SeedLine& row : AllSeedLines()) {
    if (file == row.file) lines.emplace(row.Location(), row.python);
  }
  return lines;
}

}  // namespace interleave
