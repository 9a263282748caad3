// The `interleave` command: the command line (tools/cli.h) over the scenario catalogue
// (//scenarios, SCENARIOS.md), named "interleave" in its messages and replay lines.
#include "tools/cli.h"

int main(int argc, char** argv) {
  return interleave::RunInterleaveCli(argc, argv, {.command = "interleave"});
}
