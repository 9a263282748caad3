#include "std/object.h"

#include <mutex>
#include <string>
#include <unordered_map>

#include "model/crash.h"

namespace interleave::sync_internal {

std::string ObjectName(const Execution& execution, const char* type, const SourceLine& declared) {
  const std::string base = std::string(type) + "@" + declared.ToString();
  int same = 0;
  for (ObjectId id = 0; id < execution.object_count(); ++id) {
    const std::string& name = execution.object(id).name;
    if (name.compare(0, base.size(), base) == 0 &&
        (name.size() == base.size() || name[base.size()] == '#')) {
      ++same;
    }
  }
  return same == 0 ? base : base + "#" + std::to_string(same + 1);
}

void CheckNotShared(Execution& execution, const char* type, const SourceLine& declared) {
  if (Execution::LiveExecutions() <= 1) return;
  execution.RecordError(std::string("the global ") + type + " declared at " + declared.ToString() +
                        " is used by executions running at the same time on several OS "
                        "threads (a search with more than one job): each execution needs its own "
                        "copy of every object it uses. Run this search with jobs = 1, or create "
                        "the object inside the test's body");
}

SourceLine CallerLine(const void* return_address) {
  static std::mutex mutex;
  static std::unordered_map<const void*, SourceLine> lines;
  std::lock_guard<std::mutex> lock(mutex);
  const auto [it, inserted] = lines.try_emplace(return_address, SourceLine("?", 0));
  if (inserted) {
    void* frames[1] = {const_cast<void*>(return_address)};
    if (const auto line = crash::ScenarioLine(nullptr, frames, 1)) it->second = *line;
  }
  return it->second;
}

}  // namespace interleave::sync_internal
