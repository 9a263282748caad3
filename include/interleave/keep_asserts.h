// Code checked by interleave keeps its assert()s in every compilation mode. `bazel test -c opt`
// compiles with -DNDEBUG, which takes assert() out: a body or a checked component whose only
// check is an assert would then PASS having checked nothing. Every public header includes this
// one: it undefines NDEBUG and includes <cassert> again, which defines assert() anew (the C
// standard has it redefined at each inclusion), so that the asserts of a file that includes
// interleave, before or after <cassert>, are checks (ASSERTION FAILED findings with their
// interleaving). The production build of a single-source component does not include interleave
// and keeps NDEBUG's meaning. (interleave_cc_test does the same for unmodified programs with
// -UNDEBUG.)
#undef NDEBUG
#include <cassert>  // IWYU pragma: export
