// The "you are the scheduler" game as one self-contained HTML page (no network): the student
// clicks the thread that runs next, sees the steps taken and the program's state after them,
// can undo, and is told when the program ends whether the execution has a bug, and how many
// steps and preemptions the minimal counterexample needs.
//
// The page cannot run the model: tools/play.cc explores the scenario's schedule tree (every
// branch point, up to a cap) and gives it here as data; the page walks it. Each node is a
// branch point (or the program's end); each choice leads to a node and carries the steps taken
// on the way. Choices that lead to the same state (the same steps of each thread, in the same
// order on each object: equivalent interleavings) share their node, so the tree is a DAG.
#ifndef INTERLEAVE_REPORTS_PLAY_HTML_H_
#define INTERLEAVE_REPORTS_PLAY_HTML_H_

#include <string>
#include <vector>

namespace interleave {

struct PlayChoice {
  std::string label;  // The thread's number and name ("1 Thread-1"), or the value ("3").
  std::string next;   // What it would do: "read value  (lost_update.cc:27)".
  int child = -1;     // Index into PlayTree::nodes.
  // The steps the choice takes (the chosen one, then every step only one thread could take):
  // "step 5  Thread-1: read value = 0  (lost_update.cc:27)".
  std::vector<std::string> steps;
  int thread = -1;       // The thread chosen (-1 for a value).
  int last_thread = -1;  // The thread of the last step taken (for counting preemptions).
};

struct PlayNode {
  // The objects' state (DescribeState), a line each; at the end, the final state.
  std::vector<std::string> state;
  // Threads that cannot run, and why, a line each; at the end, the unfinished ones.
  std::vector<std::string> waiting;
  std::string question;             // "Who runs step 9?", "Thread-1 chooses a value in [0, 3]".
  std::vector<PlayChoice> choices;  // Empty at the program's end.
  // At the program's end:
  std::string end;                    // "The program ended after 27 steps: value=1".
  std::vector<std::string> findings;  // "LOST UPDATE: ...", one a finding; empty: no bug.
  int total_steps = 0;  // Steps taken before this point (the same on every path to it).
};

struct PlayTree {
  std::string scenario;  // "lost_update".
  std::string title;     // "lost_update (000.e, bug): two workers ...".
  std::string settings;  // "time any; parameters: consumers=2".
  // The minimal counterexample: "LOST UPDATE in 27 steps with 1 preemption"; empty: none.
  std::string minimal;
  std::vector<int> minimal_path;  // Its choices, as indexes into each node's choices (a hint).
  std::string command;            // The terminal game's command, for the page's footer.
  std::vector<std::string> start_steps;  // Taken before the first choice.
  int start_last_thread = -1;            // The thread of the last of them.
  std::vector<PlayNode> nodes;           // nodes[0] is the first choice (or the end).
};

std::string RenderPlayHtml(const PlayTree& tree);

}  // namespace interleave

#endif  // INTERLEAVE_REPORTS_PLAY_HTML_H_
