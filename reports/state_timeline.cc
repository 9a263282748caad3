#include "reports/state_timeline.h"

#include <cstdlib>
#include <deque>
#include <string_view>

namespace interleave {
namespace {

bool StartsWith(std::string_view text, std::string_view prefix) {
  return text.substr(0, prefix.size()) == prefix;
}

// The number after `prefix` in "level 2", "value 0"; -1 when the text does not say.
int NumberAfter(std::string_view text, std::string_view prefix) {
  if (!StartsWith(text, prefix)) return -1;
  return std::atoi(std::string(text.substr(prefix.size())).c_str());
}

bool IsLock(ObjectKind kind) { return kind == ObjectKind::kLock; }

std::string ListText(const std::deque<std::string>& items) {
  std::string text = "[";
  for (size_t i = 0; i < items.size(); ++i) text += (i == 0 ? "" : ", ") + items[i];
  return text + "]";
}

class Builder {
 public:
  explicit Builder(const Trace& trace) : trace_(trace) {
    objects_.resize(trace.objects.size());
    queues_.resize(trace.objects.size());
    for (size_t id = 0; id < trace.objects.size(); ++id) {
      ObjectState& state = objects_[id];
      state.object = static_cast<ObjectId>(id);
      state.name = trace.objects[id].name;
      state.kind = trace.objects[id].kind;
      if (state.kind == ObjectKind::kShared || state.kind == ObjectKind::kAtomic) state.value = "?";
      if (state.kind == ObjectKind::kEvent) state.value = "clear";
      if (state.kind == ObjectKind::kQueue) state.value = "[]";
    }
    thread_steps_.resize(trace.threads.size());
    next_.assign(trace.threads.size(), 0);
    started_.assign(trace.threads.size(), false);
    if (!started_.empty()) started_[0] = true;
    for (const TraceEvent& event : trace.events) {
      if (event.thread >= 0 && event.thread < static_cast<ThreadId>(thread_steps_.size())) {
        thread_steps_[static_cast<size_t>(event.thread)].push_back(event.step);
      }
    }
  }

  std::vector<StateSnapshot> Build() {
    std::vector<StateSnapshot> snapshots;
    snapshots.reserve(trace_.events.size() + 1);
    snapshots.push_back(Snapshot(0));
    for (const TraceEvent& event : trace_.events) {
      Apply(event);
      snapshots.push_back(Snapshot(event.step));
    }
    return snapshots;
  }

 private:
  ThreadId ThreadOfObject(ObjectId object) const {
    for (size_t t = 0; t < trace_.threads.size(); ++t) {
      if (trace_.threads[t].object == object) return static_cast<ThreadId>(t);
    }
    return kNoThread;
  }

  void Apply(const TraceEvent& event) {
    const ThreadId thread = event.thread;
    if (thread >= 0 && thread < static_cast<ThreadId>(next_.size())) {
      ++next_[static_cast<size_t>(thread)];
    }
    if (event.object == kNoObject || event.object >= static_cast<ObjectId>(objects_.size())) {
      return;
    }
    ObjectState& state = objects_[static_cast<size_t>(event.object)];
    const std::string& value = event.value;
    switch (state.kind) {
      case ObjectKind::kThread:
        if (event.kind == OpKind::kStart) {
          const ThreadId started = ThreadOfObject(event.object);
          if (started != kNoThread) started_[static_cast<size_t>(started)] = true;
        }
        return;
      case ObjectKind::kShared:
      case ObjectKind::kAtomic:
        if (event.kind == OpKind::kRead || event.kind == OpKind::kWrite) {
          state.value = value;
        } else if (event.kind == OpKind::kUpdate) {
          const auto arrow = value.rfind(" -> ");
          if (arrow != std::string::npos) state.value = value.substr(arrow + 4);
        }
        return;
      case ObjectKind::kEvent:
        if (event.kind == OpKind::kSet) state.value = "set";
        if (event.kind == OpKind::kClear) state.value = "clear";
        if (event.kind == OpKind::kRead && (value == "true" || value == "false")) {
          state.value = value == "true" ? "set" : "clear";
        }
        return;
      case ObjectKind::kQueue: {
        std::deque<std::string>& items = queues_[static_cast<size_t>(event.object)];
        if (event.kind == OpKind::kPut && !StartsWith(value, "raised")) items.push_back(value);
        if (event.kind == OpKind::kGet && !StartsWith(value, "raised") && !items.empty()) {
          // The item got is the oldest one with its text (a queue is FIFO).
          auto it = items.begin();
          while (it != items.end() && *it != value) ++it;
          items.erase(it == items.end() ? items.begin() : it);
        }
        state.value = ListText(items);
        return;
      }
      case ObjectKind::kSemaphore: {
        const int count = NumberAfter(value, "value ");
        if (count >= 0) state.value = "value " + std::to_string(count);
        return;
      }
      case ObjectKind::kLock:
        if (event.kind == OpKind::kAcquire) {
          if (value == kNotAcquired || value == "timed out" || event.timed_out) return;
          const int level = NumberAfter(value, "level ");
          state.holder = thread;
          state.depth = level > 0 ? level : 1;
        } else if (event.kind == OpKind::kRelease) {
          const int level = NumberAfter(value, "level ");
          if (level > 0 && state.holder == thread) {
            state.depth = level;
          } else {
            state.holder = kNoThread;
            state.depth = 0;
          }
        }
        return;
      default:
        return;
    }
  }

  bool Finished(ThreadId thread, int after_step) const {
    const ThreadInfo& info = trace_.threads[static_cast<size_t>(thread)];
    const std::vector<int>& steps = thread_steps_[static_cast<size_t>(thread)];
    return info.finished && (steps.empty() || steps.back() <= after_step);
  }

  // The operation a thread is about to perform ("acquire lock"), and on what.
  std::string OperationText(OpKind kind, ObjectId object) const {
    std::string text(OpKindName(kind));
    if (object != kNoObject && object < static_cast<ObjectId>(trace_.objects.size())) {
      text += " " + trace_.objects[static_cast<size_t>(object)].name;
    }
    return text;
  }

  // Whether a thread about to perform `kind` on `object` must wait, given the state now; the
  // reason when it must ("held by Thread-1"), else empty. `waiting` is set for operations that
  // wait by nature (a condition's wait).
  std::string BlockedBy(ThreadId thread, OpKind kind, ObjectId object, int after_step,
                        bool& waiting) const {
    waiting = false;
    if (object == kNoObject || object >= static_cast<ObjectId>(objects_.size())) return "";
    const ObjectState& state = objects_[static_cast<size_t>(object)];
    switch (kind) {
      case OpKind::kAcquire:
        if (IsLock(state.kind) && state.holder != kNoThread && state.holder != thread) {
          return "held by " + trace_.threads[static_cast<size_t>(state.holder)].name;
        }
        if (state.kind == ObjectKind::kSemaphore && state.value == "value 0") return "value 0";
        return "";
      case OpKind::kGet:
        if (state.kind == ObjectKind::kQueue && state.value == "[]") return "empty";
        return "";
      case OpKind::kJoin: {
        const ThreadId joined = ThreadOfObject(object);
        if (joined != kNoThread && !Finished(joined, after_step)) return "not finished";
        return "";
      }
      case OpKind::kWait:
        if (state.kind == ObjectKind::kEvent && state.value == "set") return "";
        if (state.kind == ObjectKind::kQueue) return "";  // Queue.join: not rebuilt.
        waiting = true;
        return "";
      default:
        return "";
    }
  }

  StateSnapshot Snapshot(int after_step) {
    StateSnapshot snapshot;
    snapshot.after_step = after_step;
    std::vector<ObjectState> objects = objects_;
    const bool at_end = after_step == static_cast<int>(trace_.events.size());
    for (size_t t = 0; t < trace_.threads.size(); ++t) {
      const ThreadInfo& info = trace_.threads[t];
      const ThreadId thread = static_cast<ThreadId>(t);
      ThreadState state{thread, info.name, ""};
      const std::vector<int>& steps = thread_steps_[t];
      const size_t next = next_[t];
      if (!started_[t]) {
        state.status = "not started";
      } else if (info.killed && info.killed_at_step <= after_step) {
        state.status = "killed";
      } else if (Finished(thread, after_step)) {
        state.status = "finished";
      } else {
        OpKind kind;
        ObjectId object;
        if (next < steps.size()) {
          const TraceEvent& event = trace_.events[static_cast<size_t>(steps[next] - 1)];
          kind = event.kind;
          object = event.object;
        } else {
          kind = info.pending;
          object = info.pending_object;
        }
        bool waiting = false;
        std::string reason = BlockedBy(thread, kind, object, after_step, waiting);
        // At the end, the runtime says who could not go on.
        if (at_end && next >= steps.size() && info.blocked && reason.empty() && !waiting) {
          reason = "blocked forever";
        }
        const std::string operation = OperationText(kind, object);
        if (waiting) {
          state.status = "waiting: " + operation;
        } else if (!reason.empty()) {
          state.status = "blocked: " + operation + " (" + reason + ")";
        } else {
          state.status = "runnable: next " + operation;
        }
        if ((waiting || !reason.empty()) && object != kNoObject &&
            object < static_cast<ObjectId>(objects.size())) {
          objects[static_cast<size_t>(object)].waiters.push_back(thread);
        }
      }
      snapshot.threads.push_back(std::move(state));
    }
    for (ObjectState& object : objects) {
      if (object.kind != ObjectKind::kThread) snapshot.objects.push_back(std::move(object));
    }
    return snapshot;
  }

  const Trace& trace_;
  std::vector<ObjectState> objects_;
  std::vector<std::deque<std::string>> queues_;
  std::vector<std::vector<int>> thread_steps_;  // Each thread's steps, in order.
  std::vector<size_t> next_;                    // Each thread's next step's index there.
  std::vector<bool> started_;
};

}  // namespace

std::vector<StateSnapshot> StateTimeline(const Trace& trace) { return Builder(trace).Build(); }

std::vector<std::string> DescribeState(const StateSnapshot& snapshot) {
  std::vector<std::string> lines;
  auto thread_name = [&snapshot](ThreadId thread) {
    for (const ThreadState& state : snapshot.threads) {
      if (state.thread == thread) return state.name;
    }
    return std::string("?");
  };
  auto waiters_text = [&](const ObjectState& object) {
    std::string text;
    for (ThreadId waiter : object.waiters) text += (text.empty() ? "" : ", ") + thread_name(waiter);
    return text;
  };
  for (const ObjectState& object : snapshot.objects) {
    std::string line;
    switch (object.kind) {
      case ObjectKind::kShared:
      case ObjectKind::kAtomic:
        line = object.name + " = " + object.value;
        break;
      case ObjectKind::kLock:
        line =
            object.name + ": " +
            (object.holder == kNoThread
                 ? std::string("free")
                 : "held by " + thread_name(object.holder) +
                       (object.depth > 1 ? " (" + std::to_string(object.depth) + " levels)" : ""));
        break;
      case ObjectKind::kQueue:
      case ObjectKind::kEvent:
      case ObjectKind::kSemaphore:
        if (object.value.empty()) continue;
        line = object.name + ": " + object.value;
        break;
      default:
        if (object.waiters.empty()) continue;
        line = object.name + ":";
    }
    if (!object.waiters.empty()) line += "; waiting: " + waiters_text(object);
    lines.push_back(std::move(line));
  }
  for (const ThreadState& thread : snapshot.threads) {
    lines.push_back(thread.name + ": " + thread.status);
  }
  return lines;
}

}  // namespace interleave
