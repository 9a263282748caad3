// The command line of `interleave` (list, run, check) as a library, over the scenarios
// registered in the binary that links it (scenarios/registry.h, INTERLEAVE_SCENARIO).
//
// The `interleave` command links it with the catalogue (//scenarios). A user's cc_binary links
// //tools:interleave_main (a main() that calls RunInterleaveCli(argc, argv)) and its own
// INTERLEAVE_SCENARIO registrations, and gets the same command over them:
//
//   bazel-bin/pkg/mytool list
//   bazel-bin/pkg/mytool run my_scenario [--stop-on-first-bug] ...
//   bazel-bin/pkg/mytool check --all
//
// whose replay lines name that binary ("bazel-bin/pkg/mytool run my_scenario --replay=...").
#ifndef INTERLEAVE_TOOLS_CLI_H_
#define INTERLEAVE_TOOLS_CLI_H_

#include <string>

namespace interleave {

struct CliOptions {
  // What starts the commands the CLI prints (replay lines, "see 'NAME list'") and names it in
  // its messages. Empty: argv[0] as typed for the commands, its last component for the
  // messages. $INTERLEAVE_COMMAND, when set, starts the printed commands instead.
  std::string command;
  // The runtime of unmodified programs (instrumented/program.cc): `run` captures what the
  // program writes to stdout and stderr, one execution at a time, and the report shows the
  // counterexample's (model/output_capture.h), unless --show-output.
  bool capture_output = false;
};

// Parses the command line, runs the subcommand and returns the process's exit code (0, 1 or
// 2; see --help). Writes to stdout and stderr; installs SIGINT/SIGTERM handlers during a
// search and ignores SIGPIPE.
int RunInterleaveCli(int argc, char** argv, const CliOptions& options);
int RunInterleaveCli(int argc, char** argv);

}  // namespace interleave

#endif  // INTERLEAVE_TOOLS_CLI_H_
