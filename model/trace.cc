#include "model/trace.h"

#include "model/text.h"

namespace interleave {

std::string_view ObjectKindName(ObjectKind kind) {
  switch (kind) {
    case ObjectKind::kThread:
      return "thread";
    case ObjectKind::kLock:
      return "lock";
    case ObjectKind::kShared:
      return "shared";
    case ObjectKind::kAtomic:
      return "atomic";
    case ObjectKind::kCondition:
      return "condition";
    case ObjectKind::kSemaphore:
      return "semaphore";
    case ObjectKind::kEvent:
      return "event";
    case ObjectKind::kQueue:
      return "queue";
    case ObjectKind::kBarrier:
      return "barrier";
    case ObjectKind::kFuture:
      return "future";
  }
  return "?";
}

std::string_view OpKindName(OpKind kind) {
  switch (kind) {
    case OpKind::kStart:
      return "start";
    case OpKind::kJoin:
      return "join";
    case OpKind::kExitWait:
      return "exit-wait";
    case OpKind::kAcquire:
      return "acquire";
    case OpKind::kRelease:
      return "release";
    case OpKind::kRead:
      return "read";
    case OpKind::kWrite:
      return "write";
    case OpKind::kSleep:
      return "sleep";
    case OpKind::kLog:
      return "log";
    case OpKind::kChoose:
      return "choose";
    case OpKind::kKill:
      return "kill";
    case OpKind::kWait:
      return "wait";
    case OpKind::kNotify:
      return "notify";
    case OpKind::kSet:
      return "set";
    case OpKind::kClear:
      return "clear";
    case OpKind::kPut:
      return "put";
    case OpKind::kGet:
      return "get";
    case OpKind::kTaskDone:
      return "task_done";
    case OpKind::kCancel:
      return "cancel";
    case OpKind::kUpdate:
      return "update";
    case OpKind::kFence:
      return "fence";
  }
  return "?";
}

std::string_view MemoryModelName(MemoryModel model) {
  return model == MemoryModel::kSc ? "sc" : "rc11";
}

std::string_view MemoryOrderName(MemoryOrder order) {
  switch (order) {
    case MemoryOrder::kNone:
      return "";
    case MemoryOrder::kRelaxed:
      return "relaxed";
    case MemoryOrder::kAcquire:
      return "acquire";
    case MemoryOrder::kRelease:
      return "release";
    case MemoryOrder::kAcqRel:
      return "acq_rel";
    case MemoryOrder::kSeqCst:
      return "seq_cst";
  }
  return "?";
}

std::string_view EndReasonName(EndReason reason) {
  switch (reason) {
    case EndReason::kFinished:
      return "finished";
    case EndReason::kDeadlock:
      return "deadlock";
    case EndReason::kStepBound:
      return "step bound";
    case EndReason::kError:
      return "error";
    case EndReason::kMisuse:
      return "lock misuse";
    case EndReason::kFailure:
      return "program failure";
    case EndReason::kPruned:
      return "pruned";
    case EndReason::kTimeBound:
      return "time bound";
    case EndReason::kMemoryBound:
      return "memory bound";
  }
  return "?";
}

std::vector<int> Trace::Schedule() const {
  std::vector<int> schedule;
  for (const Decision& d : decisions) {
    if (d.IsBranch()) schedule.push_back(d.Choice());
  }
  return schedule;
}

int Trace::Preemptions() const {
  int count = 0;
  for (const Decision& d : decisions) count += d.IsPreemption() ? 1 : 0;
  return count;
}

std::string Trace::OutcomeText() const {
  std::string text;
  for (const auto& [name, value] : outcome) {
    if (!text.empty()) text += ", ";
    text += name + "=" + value;
  }
  return text;
}

std::string Trace::Describe(const TraceEvent& event) const {
  std::string text = DescribeOperation(event);
  // A weak atomic operation says its order: what explains the value it read.
  if (event.kind != OpKind::kFence && event.order != MemoryOrder::kNone &&
      event.order != MemoryOrder::kSeqCst) {
    text += " (" + std::string(MemoryOrderName(event.order)) + ")";
  }
  return event.timed_out ? text + " (timed out)" : text;
}

std::string Trace::DescribeOperation(const TraceEvent& event) const {
  const std::string object = event.object == kNoObject ? "" : objects[event.object].name;
  switch (event.kind) {
    case OpKind::kRead:
      return "read " + object + " = " + event.value;
    case OpKind::kWrite:
      return "write " + object + " := " + event.value;
    case OpKind::kSleep:
      return "sleep " + event.value + "s";
    case OpKind::kLog:
      return "log \"" + event.value + "\"";
    case OpKind::kExitWait:
      return "wait at exit for " + object;
    case OpKind::kChoose:
      return "choose " + event.value;
    case OpKind::kKill:
      return "kill " + object + " (" + event.value + ")";
    case OpKind::kFence:
      return "fence " + std::string(MemoryOrderName(event.order));
    default: {
      std::string text = std::string(OpKindName(event.kind)) + " " + object;
      return event.value.empty() ? text : text + " " + event.value;
    }
  }
}

}  // namespace interleave
