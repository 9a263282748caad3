// The seed beside the model: for the steps of each catalogue scenario, the line of the seed
// tutorial's Python program that the step mirrors (`value.write(local_copy)` ->
// `self.value = local_copy`), so that a report can show it beside the C++ line.
//
// The table is scenarios/seed_lines.txt, one row per annotated C++ line (a trailing comment in
// the scenario source would not do: at 100 columns clang-format would wrap the code or the
// comment onto new lines, and a scenario's line numbers are part of the golden reports),
// compiled into this library by scenarios/gen_seed_lines.py. Lines whose steps have no seed
// counterpart (model scaffolding, a fix's new code) have no row. tests/seed_lines checks that
// every row's C++ text is still its line's and that a run of the scenario takes a step there.
#ifndef INTERLEAVE_SCENARIOS_SEED_LINES_H_
#define INTERLEAVE_SCENARIOS_SEED_LINES_H_

#include <map>
#include <span>
#include <string>
#include <string_view>

#include "scenarios/registry.h"

namespace interleave {

// One row of seed_lines.txt.
struct SeedLine {
  const char* file;    // The scenario source's base name: "lost_update.cc".
  int line;            // 1-based.
  const char* cpp;     // The C++ line, stripped: "value.write(local_copy);".
  const char* python;  // The seed's line, verbatim, stripped: "self.value = local_copy".

  // "lost_update.cc:30", as SourceLine::ToString() prints the line of a step.
  std::string Location() const;
};

// Which source file registers a catalogue scenario.
struct CatalogueScenarioSource {
  const char* name;  // "lost_update".
  const char* id;    // "000.e".
  const char* file;  // "lost_update.cc".
};

// Every row, in the table's order.
std::span<const SeedLine> AllSeedLines();
// Every catalogue scenario, in the order of its sources.
std::span<const CatalogueScenarioSource> CatalogueScenarioSources();

// The catalogue scenario's source file ("lost_update.cc"); empty when `scenario` is not one of
// the catalogue (a user's own scenario, even one of the same name, has a different id or
// none). Matched on name and id.
std::string_view CatalogueSourceFile(std::string_view name, std::string_view id);

// Result::seed_lines for `scenario`: the Location() of every row of its source file -> the
// seed's Python line. Empty for a scenario that is not in the catalogue.
std::map<std::string, std::string> SeedLinesFor(const Scenario& scenario);

}  // namespace interleave

#endif  // INTERLEAVE_SCENARIOS_SEED_LINES_H_
