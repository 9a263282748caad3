#include "model/process.h"

#include <string>
#include <string_view>
#include <utility>

#include "model/default_names.h"
#include "model/error.h"
#include "model/execution.h"
#include "model/threading.h"

namespace interleave {
namespace {

constexpr std::string_view kPrefix = "Process-";

std::string DefaultName(std::string name) {
  if (!name.empty()) return name;
  const Execution& execution = Execution::Current("Process");
  return std::string(kPrefix) +
         std::to_string(internal::CountNumbered(execution, ObjectKind::kThread, kPrefix) + 1);
}

// The id the next object will get: the Thread's constructor adds exactly one, its own.
ObjectId NextObject() { return internal::ObjectCount(Execution::Current("Process")); }

}  // namespace

Process::Process(std::function<void()> target, std::string name, bool daemon)
    : object_(NextObject()), thread_(std::move(target), DefaultName(std::move(name)), daemon) {
  const ObjectInfo& info = Execution::Current("Process").object(object_);
  if (info.kind != ObjectKind::kThread || info.name != thread_.name()) {
    throw ModelError("internal error: Process could not find its thread's object");
  }
}

Process::Process(std::string name, bool daemon)
    : Process([this] { run(); }, std::move(name), daemon) {}

ThreadId Process::thread() const { return Execution::Current("Process").object(object_).owner; }

void Process::start(std::source_location where) { thread_.start(where); }

void Process::join(std::source_location where) { thread_.join(where); }

void Process::join(double seconds, std::source_location where) { thread_.join(seconds, where); }

bool Process::is_alive(std::source_location where) const { return thread_.is_alive(where); }

void Process::terminate(std::source_location where) {
  Execution& execution = Execution::Current("Process::terminate");
  const ThreadId victim = thread();
  if (victim == kNoThread) {
    throw ModelError("cannot terminate process '" + name() + "' before it is started (at " +
                     SourceLine::From(where).ToString() + ")");
  }
  TraceEvent& event = execution.Step(OpKind::kCancel, object_, where);
  if (execution.unwinding()) return;
  if (execution.IsFinished(victim)) {
    event.value = "(terminate: already ended)";
    return;
  }
  event.value = "(terminate)";
  terminated_ = true;
  execution.Kill(victim, "terminated by " + execution.thread_name(execution.current_thread()),
                 where);
}

std::optional<int> Process::exitcode(std::source_location where) const {
  Execution& execution = Execution::Current("Process::exitcode");
  TraceEvent& event = execution.Step(OpKind::kRead, object_, where);
  if (execution.unwinding()) return std::nullopt;
  const ThreadId t = thread();
  if (t == kNoThread || !execution.IsFinished(t)) {
    event.value = "exitcode None";
    return std::nullopt;
  }
  execution.Observe(object_);
  const int code = terminated_ ? -15 : 0;
  event.value = "exitcode " + std::to_string(code);
  return code;
}

}  // namespace interleave
