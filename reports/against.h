// The bug beside its fix (`interleave run FIX --against=BUG`): the bug's counterexample and the
// fix's execution that followed its schedule by thread names (checker/interactive.h, Follow),
// side by side, and where the fix makes the schedule impossible (a thread the schedule wants is
// blocked: by which lock or condition, held by whom) or harmless (the schedule runs to its end
// and the finding is gone). Pure functions of the data; nothing here runs the model.
#ifndef INTERLEAVE_REPORTS_AGAINST_H_
#define INTERLEAVE_REPORTS_AGAINST_H_

#include <string>
#include <vector>

#include "checker/interactive.h"
#include "checker/result.h"

namespace interleave {

struct AgainstReport {
  std::string bug;  // Scenario names.
  std::string fix;
  Result bug_result;      // The bug's search, with its (minimized) counterexample.
  FollowResult followed;  // The fix's execution following the bug's schedule.
  Result fix_result;      // That execution replayed: its verdict, findings and outcome.
  std::string command = "interleave";
};

// How the fix met the bug's schedule.
enum class AgainstConclusion {
  kImpossible,  // Some step of the schedule could not run: a thread was blocked.
  kHarmless,    // The schedule ran; the bug's finding is gone.
  kNotFixed,    // The fix reaches the bug's finding on this schedule too.
};
AgainstConclusion ConclusionOf(const AgainstReport& report);
std::string_view ConclusionName(AgainstConclusion conclusion);  // "impossible", ...

// `text` wrapped at 120 columns at spaces: its first line starts with `first`, the others
// with `indent`; every line ends in a newline.
std::string Wrap(const std::string& text, const std::string& first, const std::string& indent);

// At most 120 columns: the headline, the two executions side by side (bug step | fix step),
// the deviations as they happen, and the conclusion.
std::string RenderAgainstText(const AgainstReport& report);
// The same as one JSON object (the format is described in the README's "Teaching" section).
std::string RenderAgainstJson(const AgainstReport& report);

}  // namespace interleave

#endif  // INTERLEAVE_REPORTS_AGAINST_H_
