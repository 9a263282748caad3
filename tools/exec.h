// `interleave exec`: explores an unmodified program built with `interleave cc` (issue 17).
//
//   interleave exec [run options] -- PROGRAM [ARGS...]
//   interleave exec --program=PROGRAM run NAME [run options]   (the form replay lines print)
//
// The program carries the checker (libinterleave_rt.so, instrumented/program.cc): this command
// only checks the arguments, passes the run options to the program in $INTERLEAVE_EXEC_ARGS
// (`run NAME OPTIONS...`, NAME the program's file name) and the command its reports print for
// a replay in $INTERLEAVE_COMMAND, and executes it. The options are those of `interleave run`
// (--strategy, --time, --max-executions, --report, --out, --replay, ...), except --jobs: the
// runtime of unmodified programs runs its executions on one OS thread.
#ifndef INTERLEAVE_TOOLS_EXEC_H_
#define INTERLEAVE_TOOLS_EXEC_H_

#include <string>
#include <vector>

namespace interleave {

// `args`: what follows `exec`. `command`: how the user calls interleave ("./interleave").
// Returns only on an error (exit code 2, the message on stderr); else it becomes the program.
int RunExec(const std::vector<std::string>& args, const std::string& command);

// The arguments of `exec` split: the program, its arguments and the run options. An error
// message in `error` when they do not parse.
struct ExecArgs {
  std::string program;
  std::vector<std::string> program_args;
  std::vector<std::string> options;
};
bool ParseExecArgs(const std::vector<std::string>& args, ExecArgs& parsed, std::string& error);

}  // namespace interleave

#endif  // INTERLEAVE_TOOLS_EXEC_H_
