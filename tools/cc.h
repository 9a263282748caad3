// `interleave cc`: a compiler wrapper for unmodified programs (issue 17).
//
//   interleave cc -o OUT SRC... [compiler and linker flags]
//
// Compiles each C source with gcc and each C++ source with g++, adding -fsanitize=thread (the
// instrumentation only) and -g, and links OUT without libtsan, against libinterleave_rt.so
// (rpath set to its directory, -rdynamic so that globals and __VERIFIER_atomic_* functions are
// named), with the runtime's include/ directory on the include path ("interleave/outcome.h",
// INTERLEAVE_OUTCOME). Objects and archives among the arguments go to the link. Then `interleave
// exec -- OUT` explores it; running OUT alone does the same with the defaults.
#ifndef INTERLEAVE_TOOLS_CC_H_
#define INTERLEAVE_TOOLS_CC_H_

#include <string>
#include <vector>

namespace interleave {

// The compiler and linker command lines for `args` (what follows `cc`), with the runtime at
// `runtime` (the .so's path); objects are written next to OUT. An error message in `error`
// when the arguments name no output or no source.
struct CcPlan {
  std::vector<std::vector<std::string>> compiles;
  std::vector<std::string> link;
  std::vector<std::string> temporaries;
};
bool PlanCc(const std::vector<std::string>& args, const std::string& runtime, CcPlan& plan,
            std::string& error);

// Runs the plan: exit code 0, or 2 with the failing command's output and a message.
int RunCc(const std::vector<std::string>& args);

// libinterleave_rt.so: $INTERLEAVE_RUNTIME, else beside the running interleave binary
// (bazel-bin/instrumented/ from bazel-bin/tools/interleave, or its runfiles); empty if none.
std::string FindRuntime();

}  // namespace interleave

#endif  // INTERLEAVE_TOOLS_CC_H_
