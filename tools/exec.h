// `interleave exec`: explores an unmodified program built with `interleave cc` (issue 17).
//
//   interleave exec [run options] -- PROGRAM [ARGS...]
//   interleave exec --program=PROGRAM run NAME [run options]   (the form replay lines print)
//
// The program carries the checker (libinterleave_rt.so, instrumented/program.cc): this command
// only checks the arguments, passes the run options to the program in $INTERLEAVE_EXEC_ARGS
// (`run NAME OPTIONS...`, NAME the program's file name) and the command its reports print for
// a replay in $INTERLEAVE_COMMAND, and executes it. The options are those of `interleave run`
// (--strategy, --time, --max-executions, --report, --out, --replay, ...).
//
// --jobs=N: the runtime of unmodified programs runs its executions on one OS thread, and the
// program's globals are one per process, so N jobs are N processes: each explores part I of N
// of the search (--part=I/N, checker/split.h) into a JSON report, and then the program itself
// merges them (its `merge`: the report of the whole search, whose counterexample the program
// can re-run for the text and HTML reports). Only dpor and dfs split; --part and --replay do
// not go with it.
#ifndef INTERLEAVE_TOOLS_EXEC_H_
#define INTERLEAVE_TOOLS_EXEC_H_

#include <string>
#include <vector>

namespace interleave {

// `args`: what follows `exec`. `command`: how the user calls interleave ("./interleave").
// Returns on an error (exit code 2, the message on stderr) and, with --jobs, the merged
// report's exit code; else it becomes the program.
int RunExec(const std::vector<std::string>& args, const std::string& command);

// The arguments of `exec` split: the program, its arguments and the run options. An error
// message in `error` when they do not parse.
struct ExecArgs {
  std::string program;
  std::vector<std::string> program_args;
  std::vector<std::string> options;  // For the parts' `run` when jobs > 1.
  int jobs = 1;
  std::vector<std::string> report_options;  // --report, --out, --color: the merge's (jobs > 1).
};
bool ParseExecArgs(const std::vector<std::string>& args, ExecArgs& parsed, std::string& error);

}  // namespace interleave

#endif  // INTERLEAVE_TOOLS_EXEC_H_
