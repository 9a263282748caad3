// The `interleave` command: the command line (tools/cli.h) over the scenario catalogue
// (//scenarios, SCENARIOS.md), named "interleave" in its messages and replay lines; and the
// front ends of unmodified programs, `cc` (tools/cc.h) and `exec` (tools/exec.h).
#include <cstdlib>
#include <string>
#include <vector>

#include "tools/cc.h"
#include "tools/cli.h"
#include "tools/exec.h"

int main(int argc, char** argv) {
  if (argc >= 2) {
    const std::string subcommand = argv[1];
    const std::vector<std::string> rest(argv + 2, argv + argc);
    if (subcommand == "cc") return interleave::RunCc(rest);
    if (subcommand == "exec") {
      const char* command = std::getenv("INTERLEAVE_COMMAND");
      return interleave::RunExec(rest,
                                 command != nullptr && *command != '\0' ? command : "interleave");
    }
  }
  return interleave::RunInterleaveCli(argc, argv, {.command = "interleave"});
}
