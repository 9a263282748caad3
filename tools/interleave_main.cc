// main() for a user's binary of scenarios (//tools:interleave_main): the interleave command
// line over the scenarios the binary registers (INTERLEAVE_SCENARIO), named by argv[0].
#include "tools/cli.h"

int main(int argc, char** argv) { return interleave::RunInterleaveCli(argc, argv); }
