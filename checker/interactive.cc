#include "checker/interactive.h"

#include <algorithm>
#include <cstdlib>
#include <map>
#include <optional>
#include <string>
#include <utility>

#include "checker/replay.h"
#include "model/error.h"

namespace interleave {
namespace {

std::string ThreadList(const std::vector<ThreadId>& threads) {
  std::string text;
  for (ThreadId t : threads) text += (text.empty() ? "" : ", ") + std::to_string(t);
  return text;
}

// Follows a prefix of choices, then stops at the next branch point (a thread choice among
// several, or a data choice) by giving the execution up.
class PrefixChooser : public Chooser {
 public:
  PrefixChooser(const std::vector<int>& prefix, bool every_step)
      : prefix_(prefix), every_step_(every_step) {}

  ThreadId ChooseThread(const SchedulePoint& point) override {
    const std::vector<ThreadId>& enabled = *point.enabled;
    if (value_pending_) throw PruneExecution{};  // Stop right after the data choice's step.
    if (enabled.size() == 1 && !every_step_) return enabled.front();
    if (next_ < prefix_.size()) {
      const ThreadId wanted = prefix_[next_];
      if (std::find(enabled.begin(), enabled.end(), wanted) == enabled.end()) {
        throw ModelError("choice " + std::to_string(next_ + 1) + ": thread " +
                         std::to_string(wanted) + " cannot run at step " +
                         std::to_string(point.step) + " (runnable: " + ThreadList(enabled) + ")");
      }
      ++next_;
      return wanted;
    }
    stopped_ = true;
    enabled_ = enabled;
    throw PruneExecution{};
  }

  int ChooseValue(int step, int lo, int hi) override {
    if (value_pending_) return lo;  // A second choice in the same step: stopped already.
    if (next_ < prefix_.size()) {
      const int value = lo + prefix_[next_];
      if (value < lo || value > hi) {
        throw ModelError("choice " + std::to_string(next_ + 1) + ": value " +
                         std::to_string(value) + " is outside [" + std::to_string(lo) + ", " +
                         std::to_string(hi) + "] at step " + std::to_string(step));
      }
      ++next_;
      return value;
    }
    // Provisionally lo; the execution stops at its next scheduling point and the caller shows
    // the state before this step.
    value_pending_ = true;
    value_step_ = step;
    lo_ = lo;
    hi_ = hi;
    return lo;
  }

  bool stopped() const { return stopped_; }
  bool value_pending() const { return value_pending_; }
  int value_step() const { return value_step_; }
  int lo() const { return lo_; }
  int hi() const { return hi_; }
  const std::vector<ThreadId>& enabled() const { return enabled_; }

 private:
  const std::vector<int>& prefix_;
  const bool every_step_;
  std::size_t next_ = 0;
  bool stopped_ = false;
  std::vector<ThreadId> enabled_;
  bool value_pending_ = false;
  int value_step_ = 0;
  int lo_ = 0;
  int hi_ = 0;
};

const std::string& NameOf(const Trace& trace, ThreadId thread) {
  static const std::string kNone;
  return thread >= 0 && thread < static_cast<ThreadId>(trace.threads.size())
             ? trace.threads[thread].name
             : kNone;
}

std::string ObjectNameOf(const Trace& trace, ObjectId object) {
  return object >= 0 && object < static_cast<ObjectId>(trace.objects.size())
             ? trace.objects[object].name
             : "";
}

// Whether two log messages are the same but for their numbers ("Ending value is 1" and "...
// is 2": the same line of the program, which printed other data).
bool SameMessage(const std::string& a, const std::string& b) {
  auto words = [](const std::string& text) {
    std::string out;
    for (char c : text) {
      if (c < '0' || c > '9') out += c;
    }
    return out;
  };
  return words(a) == words(b);
}

// How far ahead in a thread's followed steps a step of the new execution may match.
constexpr std::size_t kLookahead = 3;

ThreadId ThreadNamed(const Trace& trace, const std::string& name) {
  for (std::size_t t = 0; t < trace.threads.size(); ++t) {
    if (trace.threads[t].name == name) return static_cast<ThreadId>(t);
  }
  return kNoThread;
}

}  // namespace

ExecutionLimits LimitsOf(const ExploreOptions& options) {
  return {.max_steps = options.max_steps,
          .max_trace_bytes = options.max_trace_bytes,
          .time = options.time,
          .spurious_wakeups = options.spurious_wakeups,
          .memory_model = options.memory_model,
          .stack_size = options.stack_size};
}

ChoicePoint RunToChoice(const std::function<void()>& body, const std::vector<int>& prefix,
                        const ExecutionLimits& limits, bool every_step) {
  PrefixChooser chooser(prefix, every_step);
  ChoicePoint point;
  point.trace = Execution::Run(body, chooser, limits);
  if (chooser.value_pending()) {
    point.value = true;
    point.lo = chooser.lo();
    point.hi = chooser.hi();
    point.steps = chooser.value_step() - 1;
    point.trace.events.resize(static_cast<std::size_t>(point.steps));
    point.trace.decisions.pop_back();  // The provisional choice.
    return point;
  }
  point.steps = static_cast<int>(point.trace.events.size());
  if (chooser.stopped()) {
    point.enabled = chooser.enabled();
    return point;
  }
  point.ended = true;
  if (point.trace.end == EndReason::kError && point.trace.error.starts_with("choice ")) {
    point.error = point.trace.error;
  }
  return point;
}

Result ReplayResult(const std::string& scenario, const std::function<void()>& body,
                    const std::vector<int>& schedule, const ExploreOptions& options) {
  ReplayStrategy strategy(schedule);
  ExploreOptions replay = options;
  replay.jobs = 1;
  replay.progress = nullptr;
  replay.stop_on_first_bug = false;
  return Explore(scenario, body, strategy, replay);
}

std::vector<NamedStep> NamedSteps(const Trace& trace) {
  std::vector<NamedStep> steps;
  steps.reserve(trace.events.size());
  for (const TraceEvent& event : trace.events) {
    steps.push_back({.thread = NameOf(trace, event.thread),
                     .op = event.kind,
                     .object = ObjectNameOf(trace, event.object),
                     .value = event.value,
                     .text = trace.Describe(event) + " (" + event.where.ToString() + ")"});
  }
  return steps;
}

std::string BlockedReason(const Trace& trace, ThreadId thread) {
  if (thread < 0 || thread >= static_cast<ThreadId>(trace.threads.size())) return "not started";
  const ThreadInfo& info = trace.threads[thread];
  if (info.killed) return "killed";
  if (info.finished) return "finished";
  const std::string object = ObjectNameOf(trace, info.pending_object);
  const std::string where = " (" + info.pending_where.ToString() + ")";
  if (!info.blocked) return "sleeping until a later time" + where;
  const ObjectKind kind = info.pending_object != kNoObject ? trace.objects[info.pending_object].kind
                                                           : ObjectKind::kShared;
  const ThreadId owner =
      info.pending_object != kNoObject ? trace.objects[info.pending_object].owner : kNoThread;
  switch (info.pending) {
    case OpKind::kAcquire:
      if (owner == thread) return "blocked in acquire on " + object + ", which it holds" + where;
      if (owner != kNoThread) {
        return "blocked in acquire on " + object + ", held by " + NameOf(trace, owner) + where;
      }
      if (kind == ObjectKind::kSemaphore) {
        return "blocked in acquire on " + object + " (no permit left)" + where;
      }
      return "blocked in acquire on " + object + where;
    case OpKind::kJoin:
    case OpKind::kExitWait:
      if (kind == ObjectKind::kThread && owner != kNoThread) {
        return "waiting for " + NameOf(trace, owner) + " to finish (" +
               std::string(OpKindName(info.pending)) + ")" + where;
      }
      break;
    case OpKind::kGet:
      return "waiting in get on " + object + " (the queue is empty)" + where;
    case OpKind::kPut:
      return "waiting in put on " + object + " (the queue is full)" + where;
    case OpKind::kWait:
      if (kind == ObjectKind::kCondition) {
        return "waiting on " + object + " for a notify" + where;
      }
      if (kind == ObjectKind::kEvent) return "waiting for " + object + " to be set" + where;
      break;
    default:
      break;
  }
  return "blocked in " + std::string(OpKindName(info.pending)) +
         (object.empty() ? "" : " on " + object) + where;
}

FollowResult Follow(const std::function<void()>& body, const std::vector<NamedStep>& steps,
                    const ExecutionLimits& limits) {
  // Per thread name: the indexes of its followed steps, in order, and how many are consumed.
  std::map<std::string, std::vector<std::size_t>> by_thread;
  for (std::size_t i = 0; i < steps.size(); ++i) by_thread[steps[i].thread].push_back(i);
  std::map<std::string, std::size_t> consumed_of;
  std::vector<bool> consumed(steps.size(), false);
  std::vector<int> values;
  for (const NamedStep& step : steps) {
    if (step.op == OpKind::kChoose) values.push_back(std::atoi(step.value.c_str()));
  }
  std::size_t next_value = 0;

  FollowResult result;
  std::vector<int> prefix;  // A choice at every step (RunToChoice's every_step).
  std::size_t caught = 0;
  auto consume = [&](const std::string& name) {
    std::size_t& k = consumed_of[name];
    consumed[by_thread[name][k]] = true;
    ++k;
  };
  auto next_of = [&](const std::string& name) -> std::optional<std::size_t> {
    const auto it = by_thread.find(name);
    if (it == by_thread.end()) return std::nullopt;
    const std::size_t k = consumed_of[name];
    if (k >= it->second.size()) return std::nullopt;
    return it->second[k];
  };
  for (int guard = 0;; ++guard) {
    ChoicePoint point = RunToChoice(body, prefix, limits, /*every_step=*/true);
    const Trace& trace = point.trace;
    // The steps since the last branch point: each matches its thread's next followed step or
    // is the new program's own.
    for (; caught < static_cast<std::size_t>(point.steps); ++caught) {
      const TraceEvent& event = trace.events[caught];
      const std::string& name = NameOf(trace, event.thread);
      // The first of the thread's next kLookahead followed steps that is the same step:
      // the same operation on the object of the same name (a log: the same message). The
      // followed steps it passes over are ones the new program does not take.
      int found = -1;
      const auto it = by_thread.find(name);
      if (it != by_thread.end()) {
        const std::vector<std::size_t>& mine = it->second;
        const std::size_t k = consumed_of[name];
        for (std::size_t j = k; j < mine.size() && j < k + kLookahead && found < 0; ++j) {
          const NamedStep& want = steps[mine[j]];
          if (want.op == event.kind && want.object == ObjectNameOf(trace, event.object) &&
              (event.kind != OpKind::kLog || SameMessage(want.value, event.value))) {
            found = static_cast<int>(j - k);
          }
        }
      }
      if (found >= 0) {
        for (int j = 0; j < found; ++j) consume(name);  // Passed over.
        result.matched.push_back(static_cast<int>(*next_of(name)));
        consume(name);
      } else {
        result.matched.push_back(-1);
      }
    }
    if (point.ended || guard > limits.max_steps) {
      result.trace = std::move(point.trace);
      result.schedule = result.trace.Schedule();
      return result;
    }
    if (point.value) {
      const int value = next_value < values.size() ? values[next_value++] : point.lo;
      prefix.push_back(value >= point.lo && value <= point.hi ? value - point.lo : 0);
      continue;
    }
    // Followed steps of threads that finished or do not exist here cannot be taken any more.
    for (auto& [name, indexes] : by_thread) {
      const ThreadId t = ThreadNamed(trace, name);
      if (t != kNoThread && !trace.threads[t].finished) continue;
      // A thread not started yet may still come; only a finished one gives its steps up.
      if (t == kNoThread) continue;
      while (consumed_of[name] < indexes.size()) consume(name);
    }
    std::size_t first = steps.size();
    for (std::size_t i = 0; i < steps.size(); ++i) {
      if (!consumed[i] && ThreadNamed(trace, steps[i].thread) != kNoThread) {
        first = i;
        break;
      }
    }
    const std::vector<ThreadId>& enabled = point.enabled;
    auto is_enabled = [&](ThreadId t) {
      return std::find(enabled.begin(), enabled.end(), t) != enabled.end();
    };
    ThreadId choice = kNoThread;
    if (first == steps.size()) {
      // The followed schedule is used up: go on with the thread that ran last, if it can.
      const ThreadId last = trace.events.empty() ? kNoThread : trace.events.back().thread;
      choice = is_enabled(last) ? last : enabled.front();
    } else {
      const ThreadId wanted = ThreadNamed(trace, steps[first].thread);
      if (is_enabled(wanted)) {
        choice = wanted;
      } else {
        const ThreadInfo& info = trace.threads[wanted];
        ThreadId holder = kNoThread;
        if (info.pending_object != kNoObject) {
          holder = trace.objects[info.pending_object].owner;
        }
        if (is_enabled(holder)) {
          choice = holder;
        } else {
          for (std::size_t i = first + 1; i < steps.size() && choice == kNoThread; ++i) {
            const ThreadId t = ThreadNamed(trace, steps[i].thread);
            if (!consumed[i] && is_enabled(t)) choice = t;
          }
          if (choice == kNoThread) choice = enabled.front();
        }
        // Once per wanted step: the first branch point where it could not be taken.
        if (result.deviations.empty() || result.deviations.back().wanted != first) {
          result.deviations.push_back({.step = point.steps + 1,
                                       .wanted = first,
                                       .thread = wanted,
                                       .ran = choice,
                                       .why = BlockedReason(trace, wanted),
                                       .op = info.pending,
                                       .object = ObjectNameOf(trace, info.pending_object)});
        }
      }
    }
    prefix.push_back(choice);
  }
}

}  // namespace interleave
