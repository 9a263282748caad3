#include "tools/play.h"

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <deque>
#include <fstream>
#include <functional>
#include <iostream>
#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "checker/dpor.h"
#include "checker/interactive.h"
#include "checker/minimize.h"
#include "checker/result.h"
#include "checker/verdict.h"
#include "reports/against.h"
#include "reports/play_html.h"
#include "reports/state_timeline.h"
#include "scenarios/seed_lines.h"

namespace interleave {
namespace {

std::string Plural(int64_t n, const std::string& one, const std::string& many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

std::string Lower(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

std::string Trim(const std::string& text) {
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) return "";
  const auto last = text.find_last_not_of(" \t\r\n");
  return text.substr(first, last - first + 1);
}

std::string Seconds(int64_t micros) {
  char text[32];
  std::snprintf(text, sizeof text, "%.3f s", static_cast<double>(micros) / 1e6);
  return text;
}

// "step 5  Thread-1: read value = 0  (lost_update.cc:27)", with the virtual time in that mode.
std::string StepLine(const Trace& trace, const TraceEvent& event) {
  std::string line = "step " + std::to_string(event.step);
  if (trace.time == TimeMode::kVirtual) line += " [" + Seconds(event.time) + "]";
  return line + "  " + trace.threads[event.thread].name + ": " + trace.Describe(event) + "  (" +
         event.where.ToString() + ")";
}

// The objects' lines of the state after the trace's last step (DescribeState lists the threads
// last; the game shows them itself).
std::vector<std::string> ObjectLines(const Trace& trace) {
  const std::vector<StateSnapshot> timeline = StateTimeline(trace);
  const StateSnapshot& now = timeline.back();
  std::vector<std::string> lines = DescribeState(now);
  const std::size_t objects =
      lines.size() >= now.threads.size() ? lines.size() - now.threads.size() : 0;
  lines.resize(objects);
  return lines;
}

// The seed's Python line for each C++ line of a catalogue scenario (scenarios/seed_lines.h).
using SeedLines = std::map<std::string, std::string>;

// What `thread` would do next: "read value  (lost_update.cc:27)  # local_copy = self.value"
// (with the seed's line when the catalogue knows it); for a timed wait that cannot return
// otherwise, that it times out.
std::string NextOf(const Trace& trace, ThreadId thread, const SeedLines& seed) {
  const ThreadInfo& info = trace.threads[thread];
  std::string text(OpKindName(info.pending));
  if (info.pending_object != kNoObject) text += " " + trace.objects[info.pending_object].name;
  if (info.blocked) text += " (times out)";
  const std::string where = info.pending_where.ToString();
  text += "  (" + where + ")";
  if (const auto it = seed.find(where); it != seed.end()) text += "  # " + it->second;
  return text;
}

bool Contains(const std::vector<ThreadId>& threads, ThreadId t) {
  return std::find(threads.begin(), threads.end(), t) != threads.end();
}

// Wall time the search for the minimal counterexample may take before a game starts.
constexpr double kSearchSeconds = 20;

// The minimal counterexample of a normal search (dpor, then minimized), for the goal line and
// the hint. Empty when the program has no bug.
struct Minimal {
  Result search;
  bool has_bug = false;
  std::vector<int> schedule;
  std::string text;  // "LOST UPDATE in 27 steps with 1 preemption".
};

Minimal FindMinimal(const Scenario& scenario, const std::function<void()>& body,
                    const ExploreOptions& options) {
  Minimal minimal;
  DporStrategy strategy;
  ExploreOptions search = options;
  search.progress = nullptr;
  // A game offers a choice at every step, plain accesses included: so must its schedules.
  search.plain_accesses = PlainAccesses::kScheduled;
  // The game must start soon: a large scenario's search is bounded (a game needs no proof).
  if (search.max_seconds <= 0) search.max_seconds = kSearchSeconds;
  minimal.search = Explore(scenario.name, body, strategy, search);
  MinimizeCounterexample(body, search, minimal.search,
                         MinimizeOptions{.max_seconds = kSearchSeconds / 2});
  const Result& result = minimal.search;
  if (result.counterexample && !result.findings.empty()) {
    const Trace& trace = *result.counterexample;
    minimal.has_bug = true;
    minimal.schedule = trace.Schedule();
    minimal.text = std::string(FindingKindName(result.findings.front().kind)) + " in " +
                   Plural(static_cast<int64_t>(trace.events.size()), "step", "steps") + " with " +
                   Plural(trace.Preemptions(), "preemption", "preemptions") + " (" +
                   Plural(static_cast<int64_t>(minimal.schedule.size()), "choice", "choices") + ")";
  }
  return minimal;
}

std::string EndText(const Trace& trace) {
  std::string text = "The program ended after " +
                     Plural(static_cast<int64_t>(trace.events.size()), "step", "steps");
  switch (trace.end) {
    case EndReason::kFinished:
      break;
    case EndReason::kDeadlock:
      text += " in a deadlock (no thread can run)";
      break;
    case EndReason::kStepBound:
      text += ", cut off at the step bound";
      break;
    default:
      text += " (" + std::string(EndReasonName(trace.end)) + ")";
  }
  const std::string outcome = trace.OutcomeText();
  if (!outcome.empty()) text += ": " + outcome;
  return text;
}

std::vector<std::string> FindingLines(const Result& result) {
  std::vector<std::string> lines;
  for (const Finding& finding : result.findings) {
    lines.push_back(std::string(FindingKindName(finding.kind)) + ": " + finding.summary);
  }
  return lines;
}

bool IsThreadName(const Trace& trace, const std::string& text) {
  const std::string name = Lower(text);
  return std::any_of(trace.threads.begin(), trace.threads.end(),
                     [&](const ThreadInfo& t) { return Lower(t.name) == name; });
}

// "1 1, 2 0*3" -> 1, 1, 2, 0, 0, 0; an error message for a bad repeat.
std::deque<std::string> SplitChoices(const std::string& line, std::string& error) {
  constexpr long kMaxRepeat = 10'000;
  std::deque<std::string> choices;
  std::string token;
  auto flush = [&]() {
    if (token.empty()) return;
    const std::size_t star = token.find('*');
    if (star == std::string::npos) {
      choices.push_back(token);
    } else {
      const std::string what = token.substr(0, star);
      const std::string count = token.substr(star + 1);
      char* end = nullptr;
      const long n = std::strtol(count.c_str(), &end, 10);
      if (what.empty() || count.empty() || *end != '\0' || n < 1 || n > kMaxRepeat) {
        error = "A repeat is CHOICE*N with N from 1 to 10000, not " + token;
      } else {
        for (long i = 0; i < n; ++i) choices.push_back(what);
      }
    }
    token.clear();
  };
  for (char c : line) {
    if (c == ' ' || c == ',' || c == '\t') {
      flush();
    } else {
      token += c;
    }
  }
  flush();
  if (choices.empty() && error.empty()) error = "Type a thread's number or name (or u, h, q).";
  return choices;
}

}  // namespace

// ---- the terminal game ------------------------------------------------------------------

int PlayInTerminal(const Scenario& scenario, const ScenarioParams& params,
                   const ExploreOptions& options, const PlayArgs& args, std::istream& in,
                   std::ostream& out, std::ostream& err) {
  const std::function<void()> body = scenario.Bind(params);
  const ExecutionLimits limits = LimitsOf(options);
  const SeedLines seed = SeedLinesFor(scenario);
  const Minimal minimal = FindMinimal(scenario, body, options);
  if (minimal.search.verdict == Verdict::kError) {
    err << "play: scenario '" << scenario.name
        << "' broke a rule of the model: " << minimal.search.error << "\n";
    return 2;
  }

  out << Wrap("You are the scheduler of " + scenario.name + " (" + scenario.id + ", " +
                  scenario.variant + "): " + scenario.description,
              "", "  ");
  out << "Time mode " << TimeModeName(options.time);
  if (!params.values().empty()) out << "; parameters " << params.ToString();
  out << ".\n";
  if (minimal.has_bug) {
    out << Wrap(
        "Goal: run the threads in an order that reaches a bug. The minimal "
        "counterexample: " +
            minimal.text + ".",
        "", "  ");
  } else if (minimal.search.verdict == Verdict::kPass) {
    out << "No interleaving of this program has a bug (PASS): try to break it anyway.\n";
  } else {
    out << Wrap("The checker's search stopped at its bound without a bug (" +
                    std::string(VerdictName(minimal.search.verdict)) + "): maybe you find one.",
                "", "  ");
  }
  out << "At each choice type the number or name of the thread to run next; u undoes your\n"
         "last choice, h hints, q quits.\n";

  std::vector<int> prefix;
  std::deque<std::string> batch;  // Choices typed ahead on one line, still to take.
  int shown = 0;                  // Steps listed so far.
  bool ended = false;
  ChoicePoint point;
  bool rerun = true;
  auto ask = [&](const std::string& prompt, std::string& line) {
    out << prompt << std::flush;
    if (!std::getline(in, line)) {
      out << "\n";
      return false;
    }
    if (args.echo) out << line << "\n";
    line = Trim(line);
    return true;
  };
  for (;;) {
    if (rerun) {
      point = RunToChoice(body, prefix, limits);
      rerun = false;
      if (!point.error.empty()) {
        err << "play: internal error: " << point.error << "\n";
        return 2;
      }
      if (shown > point.steps) {
        out << "(back to step " << point.steps << ")\n";
        shown = point.steps;
      }
      for (; shown < point.steps; ++shown) {
        out << Wrap(StepLine(point.trace, point.trace.events[shown]), "  ", "      ");
      }
      const Trace& trace = point.trace;
      if (point.ended) {
        ended = true;
        out << EndText(trace) << ".\n";
        const Result result = ReplayResult(scenario.name, body, prefix, options);
        if (result.findings.empty()) {
          out << "No bug in this execution (" << VerdictName(result.verdict) << ").";
          if (minimal.has_bug) out << " The minimal counterexample: " << minimal.text << ".";
          out << "\n";
        } else {
          out << (result.verdict == Verdict::kWarning ? "You reached a warning ("
                                                      : "You reached a bug (")
              << VerdictName(result.verdict) << "):\n";
          for (const std::string& line : FindingLines(result)) out << Wrap(line, "  ", "    ");
          for (const std::string& detail : result.findings.front().details) {
            out << Wrap(detail, "    - ", "      ");
          }
          std::string mine = "Your execution: " +
                             Plural(static_cast<int64_t>(trace.events.size()), "step", "steps") +
                             " with " + Plural(trace.Preemptions(), "preemption", "preemptions") +
                             " (" +
                             Plural(static_cast<int64_t>(prefix.size()), "choice", "choices") + ")";
          if (minimal.has_bug) mine += "; the minimal counterexample: " + minimal.text;
          out << Wrap(mine + ".", "", "  ");
        }
      } else {
        ended = false;
        out << "State after step " << point.steps << " ("
            << Plural(static_cast<int64_t>(prefix.size()), "choice", "choices") << ", "
            << Plural(trace.Preemptions(), "preemption", "preemptions") << " so far):\n";
        const std::vector<std::string> state = ObjectLines(trace);
        if (state.empty()) out << "  (no shared objects yet)\n";
        for (const std::string& line : state) out << Wrap(line, "  ", "      ");
        if (point.value) {
          out << "A data choice (choose): the scenario takes a value in [" << point.lo << ", "
              << point.hi << "] here.\n";
        } else {
          out << "Threads:\n";
          for (ThreadId t = 0; t < static_cast<ThreadId>(trace.threads.size()); ++t) {
            const ThreadInfo& info = trace.threads[t];
            if (Contains(point.enabled, t)) {
              out << Wrap(
                  "[" + std::to_string(t) + "] " + info.name + "  next: " + NextOf(trace, t, seed),
                  "  ", "      ");
            } else {
              out << Wrap(std::to_string(t) + "  " + info.name + "  " + BlockedReason(trace, t),
                          "   ", "      ");
            }
          }
        }
      }
    }

    std::string line;
    std::string prompt;
    if (ended) {
      prompt = "Game over: u undoes your last choice, q quits > ";
    } else if (point.value) {
      prompt = "Step " + std::to_string(point.steps + 1) + ": choose a value in [" +
               std::to_string(point.lo) + ", " + std::to_string(point.hi) + "] > ";
    } else {
      std::string numbers;
      for (ThreadId t : point.enabled) numbers += (numbers.empty() ? "" : ", ") + std::to_string(t);
      prompt = "Step " + std::to_string(point.steps + 1) + ": who runs? [" + numbers + "] > ";
    }
    if (ended) batch.clear();
    if (!batch.empty()) {
      line = batch.front();
      batch.pop_front();
      out << prompt << line << "\n";
    } else {
      if (!ask(prompt, line)) {
        if (ended) return 0;
        out << "The input ended at step " << point.steps
            << " before the program ended: the game is not finished.\n";
        return 1;
      }
      // Several choices on one line ("1 1 2", "1*3 2"); a thread's name with spaces is one.
      if (!ended && line.find_first_of(" ,*") != std::string::npos &&
          !IsThreadName(point.trace, line)) {
        std::string error;
        std::deque<std::string> choices = SplitChoices(line, error);
        if (!error.empty()) {
          out << error << "\n";
          continue;
        }
        batch = std::move(choices);
        line = batch.front();
        batch.pop_front();
      }
    }
    const std::string word = Lower(line);
    if (word.empty()) {
      out << "Type a thread's number or name (or u, h, q).\n";
      batch.clear();
      continue;
    }
    if (word == "q" || word == "quit") {
      if (ended) return 0;
      out << "You quit at step " << point.steps << ": the game is not finished.\n";
      return 1;
    }
    if (word == "u" || word == "undo") {
      if (prefix.empty()) {
        out << "Nothing to undo: no choice made yet.\n";
        batch.clear();
      } else {
        prefix.pop_back();
        rerun = true;
      }
      continue;
    }
    if (word == "h" || word == "hint" || word == "?") {
      if (!minimal.has_bug) {
        out << (minimal.search.verdict == Verdict::kPass
                    ? "Hint: this program has no bug to find; every order ends well.\n"
                    : "Hint: none; the checker's bounded search found no bug to point to.\n");
        continue;
      }
      std::size_t same = 0;
      while (same < prefix.size() && same < minimal.schedule.size() &&
             prefix[same] == minimal.schedule[same]) {
        ++same;
      }
      if (same < prefix.size()) {
        out << "Hint: your choice " << same + 1 << " left the minimal counterexample's path; undo "
            << Plural(static_cast<int64_t>(prefix.size() - same), "time", "times")
            << " (u) to get back to it.\n";
      } else if (ended || same >= minimal.schedule.size()) {
        out << "Hint: the minimal counterexample's choices are all made; run the rest.\n";
      } else if (point.value) {
        out << "Hint: the minimal counterexample chooses " << point.lo + minimal.schedule[same]
            << " here.\n";
      } else {
        const ThreadId t = minimal.schedule[same];
        out << "Hint: the minimal counterexample runs " << t << " (" << point.trace.threads[t].name
            << ") next.\n";
      }
      continue;
    }
    if (ended) {
      out << "The program has ended: u undoes your last choice, q quits.\n";
      batch.clear();
      continue;
    }
    if (point.value) {
      char* end = nullptr;
      errno = 0;
      const long value = std::strtol(line.c_str(), &end, 10);
      if (errno != 0 || end == line.c_str() || *end != '\0' || value < point.lo ||
          value > point.hi) {
        out << "Not a value in [" << point.lo << ", " << point.hi << "]: " << line << "\n";
        batch.clear();
        continue;
      }
      prefix.push_back(static_cast<int>(value) - point.lo);
      rerun = true;
      continue;
    }
    // A thread, by number or name.
    const Trace& trace = point.trace;
    ThreadId chosen = kNoThread;
    if (std::all_of(word.begin(), word.end(), [](char c) { return std::isdigit(c) != 0; }) &&
        word.size() < 6) {
      chosen = std::stoi(word);
      if (chosen >= static_cast<ThreadId>(trace.threads.size())) chosen = kNoThread;
    } else {
      for (ThreadId t = 0; t < static_cast<ThreadId>(trace.threads.size()); ++t) {
        if (Lower(trace.threads[t].name) == word) chosen = t;
      }
    }
    if (chosen == kNoThread) {
      std::string names;
      for (ThreadId t = 0; t < static_cast<ThreadId>(trace.threads.size()); ++t) {
        names += (names.empty() ? "" : ", ") + std::to_string(t) + " " + trace.threads[t].name;
      }
      out << Wrap("No thread " + line + " (the threads: " + names + ").", "", "  ");
      batch.clear();
      continue;
    }
    if (!Contains(point.enabled, chosen)) {
      out << Wrap(trace.threads[chosen].name + " cannot run now: it is " +
                      BlockedReason(trace, chosen) + ".",
                  "", "  ");
      batch.clear();
      continue;
    }
    prefix.push_back(chosen);
    rerun = true;
  }
}

// ---- the page ---------------------------------------------------------------------------

namespace {

struct TreeTooLarge {};

// A key equal for two prefixes exactly when their executions are equivalent interleavings:
// each thread's steps (operation, object, value, time) and, per object, the order of the
// threads' steps on it. Equivalent executions reach the same state, so they share a node.
std::string StateKey(const Trace& trace, int steps) {
  std::vector<std::string> per_thread(trace.threads.size());
  std::vector<std::string> per_object(trace.objects.size());
  for (int i = 0; i < steps; ++i) {
    const TraceEvent& event = trace.events[i];
    std::string& mine = per_thread[event.thread];
    mine += std::to_string(static_cast<int>(event.kind)) + ":" + std::to_string(event.object) +
            "=" + event.value + "@" + std::to_string(event.time) + (event.timed_out ? "t" : "") +
            ";";
    if (event.object != kNoObject) per_object[event.object] += std::to_string(event.thread) + ",";
  }
  std::string key;
  for (const std::string& part : per_thread) key += part + "|";
  key += "#";
  for (const std::string& part : per_object) key += part + "|";
  return key;
}

class TreeBuilder {
 public:
  TreeBuilder(const Scenario& scenario, const std::function<void()>& body,
              const ExploreOptions& options, int64_t cap)
      : scenario_(scenario),
        body_(body),
        options_(options),
        limits_(LimitsOf(options)),
        cap_(cap) {}

  // The node that `prefix` reaches; `steps` gets the step lines from `parent_steps` on.
  int Build(std::vector<int>& prefix, int parent_steps, std::vector<std::string>& steps,
            int& last_thread) {
    const ChoicePoint point = RunToChoice(body_, prefix, limits_);
    const Trace& trace = point.trace;
    for (int i = parent_steps; i < point.steps; ++i) {
      steps.push_back(StepLine(trace, trace.events[i]));
    }
    last_thread = point.steps > 0 ? trace.events[point.steps - 1].thread : -1;
    const std::string key = StateKey(trace, point.steps) + (point.ended ? "end" : "");
    if (const auto it = ids_.find(key); it != ids_.end()) return it->second;
    if (static_cast<int64_t>(nodes_.size()) >= cap_) throw TreeTooLarge{};
    const int id = static_cast<int>(nodes_.size());
    ids_[key] = id;
    nodes_.emplace_back();
    PlayNode node;
    node.total_steps = point.steps;
    node.state = ObjectLines(trace);
    if (point.ended) {
      node.end = EndText(trace);
      const Result result = ReplayResult(scenario_.name, body_, prefix, options_);
      node.findings = FindingLines(result);
      for (ThreadId t = 0; t < static_cast<ThreadId>(trace.threads.size()); ++t) {
        if (!trace.threads[t].finished) {
          node.waiting.push_back(std::to_string(t) + " " + trace.threads[t].name + ": " +
                                 BlockedReason(trace, t));
        }
      }
      nodes_[id] = std::move(node);
      return id;
    }
    std::vector<int> choices;
    if (point.value) {
      node.question = "Step " + std::to_string(point.steps + 1) + ": choose a value";
      for (int v = point.lo; v <= point.hi; ++v) {
        node.choices.push_back(
            {.label = std::to_string(v), .next = "the value " + std::to_string(v)});
        choices.push_back(v - point.lo);
      }
    } else {
      node.question = "Who runs step " + std::to_string(point.steps + 1) + "?";
      for (ThreadId t = 0; t < static_cast<ThreadId>(trace.threads.size()); ++t) {
        if (Contains(point.enabled, t)) {
          node.choices.push_back({.label = std::to_string(t) + " " + trace.threads[t].name,
                                  .next = NextOf(trace, t, seed_),
                                  .thread = t});
          choices.push_back(t);
        } else {
          node.waiting.push_back(std::to_string(t) + " " + trace.threads[t].name + ": " +
                                 BlockedReason(trace, t));
        }
      }
    }
    for (std::size_t c = 0; c < choices.size(); ++c) {
      prefix.push_back(choices[c]);
      std::vector<std::string> taken;
      int last = -1;
      const int child = Build(prefix, point.steps, taken, last);
      prefix.pop_back();
      node.choices[c].child = child;
      node.choices[c].steps = std::move(taken);
      node.choices[c].last_thread = last;
    }
    nodes_[id] = std::move(node);
    return id;
  }

  std::vector<PlayNode>& nodes() { return nodes_; }

 private:
  const Scenario& scenario_;
  const std::function<void()>& body_;
  const ExploreOptions& options_;
  const ExecutionLimits limits_;
  const int64_t cap_;
  std::vector<PlayNode> nodes_;
  std::map<std::string, int> ids_;
  const SeedLines seed_;
};

}  // namespace

int PlayInHtml(const Scenario& scenario, const ScenarioParams& params,
               const ExploreOptions& options, const PlayArgs& args, std::ostream& out,
               std::ostream& err) {
  char* end = nullptr;
  const long long cap = std::strtoll(args.max_nodes_text.c_str(), &end, 10);
  if (end == args.max_nodes_text.c_str() || *end != '\0' || cap < 1 || cap > 1'000'000) {
    err << "play: --max-nodes wants a whole number from 1 to 1000000, not '" << args.max_nodes_text
        << "'\n";
    return 2;
  }
  const std::function<void()> body = scenario.Bind(params);
  const Minimal minimal = FindMinimal(scenario, body, options);
  if (minimal.search.verdict == Verdict::kError) {
    err << "play: scenario '" << scenario.name
        << "' broke a rule of the model: " << minimal.search.error << "\n";
    return 2;
  }
  PlayTree tree;
  tree.scenario = scenario.name;
  tree.title =
      scenario.name + " (" + scenario.id + ", " + scenario.variant + "): " + scenario.description;
  tree.settings = "time " + std::string(TimeModeName(options.time));
  if (!params.values().empty()) tree.settings += "; parameters " + params.ToString();
  tree.minimal = minimal.text;
  std::string terminal = args.command + " play " + scenario.name;
  for (const std::string& p : args.params) terminal += " --param " + p;
  if (options.time == TimeMode::kVirtual) terminal += " --time=virtual";
  tree.command = terminal;
  TreeBuilder builder(scenario, body, options, cap);
  std::vector<int> prefix;
  try {
    builder.Build(prefix, 0, tree.start_steps, tree.start_last_thread);
  } catch (const TreeTooLarge&) {
    std::string smaller;
    for (const auto& [name, value] : params.values()) {
      smaller += (smaller.empty() ? "" : ", ") + name + "=" + std::to_string(value);
    }
    err << "play: the schedule tree of " << scenario.name << " has more than " << cap
        << " distinct branch points (--max-nodes), too many to embed in a page; play it in the "
        << "terminal ('" << terminal << "')"
        << (smaller.empty() ? "" : ", or make it smaller with --param (now " + smaller + ")")
        << ", or raise --max-nodes\n";
    return 2;
  }
  tree.nodes = std::move(builder.nodes());
  // The minimal counterexample's path, as choice indexes, while it stays in the tree.
  int node = 0;
  for (int choice : minimal.schedule) {
    const PlayNode& n = tree.nodes[node];
    int index = -1;
    for (std::size_t c = 0; c < n.choices.size(); ++c) {
      const int thread = n.choices[c].thread;  // -1: a value, chosen by its offset.
      if ((thread >= 0 && thread == choice) || (thread < 0 && static_cast<int>(c) == choice)) {
        index = static_cast<int>(c);
      }
    }
    if (index < 0) break;
    tree.minimal_path.push_back(index);
    node = n.choices[index].child;
  }
  const std::string page = RenderPlayHtml(tree);
  errno = 0;
  std::ofstream file(*args.html, std::ios::binary | std::ios::trunc);
  file << page;
  file.close();
  if (!file) {
    err << "play: cannot write " << *args.html
        << (errno != 0 ? std::string(": ") + std::strerror(errno) : "") << "\n";
    return 2;
  }
  out << "play page of " << scenario.name << " written to " << *args.html << " ("
      << Plural(static_cast<int64_t>(tree.nodes.size()), "distinct state", "distinct states")
      << " of the schedule tree)\n";
  return 0;
}

// ---- bug beside fix ---------------------------------------------------------------------

std::string AgainstPairError(const Scenario& fix, const Scenario& bug) {
  if (&fix == &bug || fix.name == bug.name) {
    return "--against wants the bug beside its fix, not " + fix.name + " beside itself";
  }
  if (bug.variant != "bug") {
    return "--against=" + bug.name + ": " + bug.name + " is not a bug variant (it is '" +
           bug.variant + "'); give the bug after --against and run its fix";
  }
  if (fix.variant == "bug") {
    return fix.name + " is a bug variant, not a fix; run the fix with --against=" + bug.name;
  }
  static const std::set<std::pair<std::string, std::string>> kAcross = {
      {"000.e", "000.f"}, {"001.j", "001.k"}, {"001.p", "001.q"},
      {"001.p", "001.r"}, {"000.g", "003.a"}, {"002.d", "002.e"},
  };
  if (fix.id == bug.id || kAcross.contains({bug.id, fix.id})) return "";
  std::string fixes;
  for (const Scenario& s : AllScenarios()) {
    if (s.variant == "bug" || s.name == bug.name) continue;
    if (s.id == bug.id || kAcross.contains({bug.id, s.id})) {
      fixes += (fixes.empty() ? "" : ", ") + s.name;
    }
  }
  return fix.name + " (" + fix.id + ") is not a fix of " + bug.name + " (" + bug.id + ")" +
         (fixes.empty() ? "; the catalogue has no fix of it"
                        : "; its fixes in the catalogue: " + fixes);
}

int RunAgainst(const Scenario& fix, const Scenario& bug, const ScenarioParams& params,
               const ExploreOptions& options, const std::string& report, const std::string& command,
               std::ostream& out, std::ostream& err) {
  const std::string pair = AgainstPairError(fix, bug);
  if (!pair.empty()) {
    err << "run --against: " << pair << "\n";
    return 2;
  }
  if (report != "text" && report != "json") {
    err << "run --against: the report is text or json, not " << report << "\n";
    return 2;
  }
  // The parameters given apply to the bug where it declares them.
  std::map<std::string, int> bug_overrides;
  for (const auto& [name, value] : params.values()) {
    if (bug.Param(name) != nullptr) bug_overrides[name] = value;
  }
  std::string error;
  const ScenarioParams bug_params = bug.Params(bug_overrides, &error);
  if (!error.empty()) {
    err << "run --against: " << error << "\n";
    return 2;
  }
  AgainstReport data;
  data.bug = bug.name;
  data.fix = fix.name;
  data.command = command;
  const std::function<void()> bug_body = bug.Bind(bug_params);
  const Minimal minimal = FindMinimal(bug, bug_body, options);
  if (!minimal.has_bug) {
    err << "run --against: the search of " << bug.name << " found no bug to replay ("
        << VerdictName(minimal.search.verdict) << ")\n";
    return 2;
  }
  data.bug_result = minimal.search;
  const std::function<void()> fix_body = fix.Bind(params);
  data.followed = Follow(fix_body, NamedSteps(*data.bug_result.counterexample), LimitsOf(options));
  data.fix_result = ReplayResult(fix.name, fix_body, data.followed.schedule, options);
  if (data.fix_result.verdict == Verdict::kError) {
    err << "run --against: the fix's run broke a rule of the model: " << data.fix_result.error
        << "\n";
    return 2;
  }
  out << (report == "json" ? RenderAgainstJson(data) : RenderAgainstText(data));
  return ConclusionOf(data) == AgainstConclusion::kNotFixed ? 1 : 0;
}

}  // namespace interleave
