// `interleave play SCENARIO`: the student is the scheduler. At each branch point the terminal
// shows the program's state (reports/state_timeline.h), every thread with the operation it
// would perform next and its line (or why it cannot run), and reads which thread runs next (a
// number or a name; `u` undoes the last choice, `h` hints, `q` quits) or, at a data choice, a
// value. Steps where only one thread can run are taken at once and listed. When the program
// ends, the detectors' findings on that execution (the same as `run`'s on it) say whether the
// student reached a bug, beside the size of the minimal counterexample (a normal search,
// minimized, run once at the start). Choices may come from a pipe, one per line; a bad one
// (an unknown or blocked thread, a value out of range) is explained and asked again.
//
// `play SCENARIO --html OUT.html`: the same game as one self-contained page
// (reports/play_html.h). The page cannot run the model, so the schedule tree is explored here
// up to --max-nodes branch points and embedded; a larger tree is refused (exit 2), pointing to
// the terminal game.
//
// `run FIX --against=BUG`: the bug's minimized counterexample replayed on the fix by thread
// names (checker/interactive.h, Follow) and shown beside it (reports/against.h). The pair must
// be a bug and a fix of the same program in the catalogue (AgainstPairError).
//
// Exit codes of play: 0 the program ran to its end (bug reached or not; the text says which),
// 1 the game was not finished (q, or the input ended first), 2 bad usage.
#ifndef INTERLEAVE_TOOLS_PLAY_H_
#define INTERLEAVE_TOOLS_PLAY_H_

#include <cstdint>
#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

#include "checker/explorer.h"
#include "scenarios/registry.h"

namespace interleave {

struct PlayArgs {
  std::string scenario;
  std::vector<std::string> params;
  std::optional<std::string> time;  // "any" (default) or "virtual".
  std::optional<std::string> html;  // --html FILE.
  std::string max_nodes_text = "10000";
  // Whether to echo each choice read (on when stdin is not a terminal, so that a transcript
  // reads like a session).
  bool echo = false;
  std::string command = "interleave";  // What starts the commands the game prints.
};

// The terminal game, reading choices from `in`. `options` are the search's (time mode, bounds).
int PlayInTerminal(const Scenario& scenario, const ScenarioParams& params,
                   const ExploreOptions& options, const PlayArgs& args, std::istream& in,
                   std::ostream& out, std::ostream& err);

// The page: writes it to *args.html. 2 with a message on `err` when the tree is larger than
// --max-nodes or the file cannot be written.
int PlayInHtml(const Scenario& scenario, const ScenarioParams& params,
               const ExploreOptions& options, const PlayArgs& args, std::ostream& out,
               std::ostream& err);

// Why `fix` cannot be shown against `bug` (empty when it can): both must be catalogue
// scenarios, `bug` a bug variant and `fix` a fix (or the seed program that a mutated bug
// variant comes from) of the same program: the same catalogue id, or one of the pairs
// SCENARIOS.md names across ids (000.e/000.f, 001.j/001.k, 001.p/001.q, 001.p/001.r,
// 000.g/003.a, 002.d/002.e).
std::string AgainstPairError(const Scenario& fix, const Scenario& bug);

// `run FIX --against=BUG` with `report` "text" or "json" on `out`; the parameters given apply
// to the fix, and to the bug where it declares them. 0 when the fix makes the schedule
// impossible or harmless, 1 when the fix reaches the bug's finding on it, 2 bad usage (a pair
// that is not one, a bug whose search finds no bug).
int RunAgainst(const Scenario& fix, const Scenario& bug, const ScenarioParams& params,
               const ExploreOptions& options, const std::string& report, const std::string& command,
               std::ostream& out, std::ostream& err);

}  // namespace interleave

#endif  // INTERLEAVE_TOOLS_PLAY_H_
