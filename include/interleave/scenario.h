// Registering a user's own scenarios for the interleave command line: INTERLEAVE_SCENARIO
// ({.name = ..., .expected = ..., .body = ...}) at namespace scope, in a cc_binary that depends
// on @interleave//:interleave_main (a main() over the scenarios the binary registers:
// `list`, `run NAME`, `check --all`, replay lines naming the binary). scenarios/registry.h
// documents the Scenario fields.
#ifndef INTERLEAVE_INCLUDE_INTERLEAVE_SCENARIO_H_
#define INTERLEAVE_INCLUDE_INTERLEAVE_SCENARIO_H_

#include "checker/verdict.h"          // IWYU pragma: export
#include "interleave/keep_asserts.h"  // IWYU pragma: export
#include "scenarios/registry.h"       // IWYU pragma: export

#endif  // INTERLEAVE_INCLUDE_INTERLEAVE_SCENARIO_H_
