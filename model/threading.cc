#include "model/threading.h"

#include <algorithm>
#include <cctype>

#include "model/default_names.h"
#include "model/execution.h"

namespace interleave {
namespace {

// The main thread's object, the first an execution creates: where reads of the table of
// threads are recorded.
constexpr ObjectId kMainThreadObject = 0;

std::vector<std::string> AliveThreads(const Execution& execution) {
  std::vector<std::string> names;
  for (ThreadId t = 0; t < execution.thread_count(); ++t) {
    if (!execution.IsFinished(t)) names.push_back(execution.thread_name(t));
  }
  return names;
}

std::string ListText(const std::vector<std::string>& names) {
  std::string text = "[";
  for (const std::string& name : names) {
    if (text.size() > 1) text += ", ";
    text += name;
  }
  return text + "]";
}

}  // namespace

std::string current_thread_name() {
  Execution& execution = Execution::Current("current_thread_name");
  execution.NoteOwnIdentityRead("current_thread_name()");
  return execution.thread_name(execution.current_thread());
}

std::string main_thread_name() { return Execution::Current("main_thread_name").thread_name(0); }

std::vector<std::string> enumerate_threads(std::source_location where) {
  Execution& execution = Execution::Current("enumerate_threads");
  TraceEvent& event = execution.Step(OpKind::kRead, kMainThreadObject, where);
  execution.ObserveFinishedThreads();
  std::vector<std::string> names = AliveThreads(execution);
  event.value = "enumerate() " + ListText(names);
  return names;
}

int active_count(std::source_location where) {
  Execution& execution = Execution::Current("active_count");
  TraceEvent& event = execution.Step(OpKind::kRead, kMainThreadObject, where);
  execution.ObserveFinishedThreads();
  const int count = static_cast<int>(AliveThreads(execution).size());
  event.value = "active_count() " + std::to_string(count);
  return count;
}

namespace internal {

int ObjectCount(const Execution& execution) {
  // Every kind trace.h lists: ObjectKindName names each and answers "?" past the last.
  int count = 0;
  for (int kind = 0; ObjectKindName(static_cast<ObjectKind>(kind)) != "?"; ++kind) {
    count += execution.CountObjects(static_cast<ObjectKind>(kind));
  }
  return count;
}

int CountNumbered(const Execution& execution, ObjectKind kind, std::string_view prefix) {
  int count = 0;
  const int objects = ObjectCount(execution);
  for (ObjectId id = 0; id < objects; ++id) {
    const ObjectInfo& info = execution.object(id);
    if (info.kind != kind || info.name.size() <= prefix.size() ||
        std::string_view(info.name).substr(0, prefix.size()) != prefix) {
      continue;
    }
    const std::string_view digits = std::string_view(info.name).substr(prefix.size());
    if (std::all_of(digits.begin(), digits.end(),
                    [](char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; })) {
      ++count;
    }
  }
  return count;
}

}  // namespace internal
}  // namespace interleave
