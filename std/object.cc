#include "std/object.h"

#include <cstddef>
#include <functional>
#include <mutex>
#include <string>
#include <unordered_map>

#include "model/crash.h"

namespace interleave::sync_internal {

namespace {

// "mutex@queue.h:12" for a type and a declaration's line, built once per OS thread and call
// site: an object declared inside the scenario is made afresh in every execution.
const std::string& NameBase(const char* type, const SourceLine& declared) {
  struct Site {
    const char* type;
    const char* file;
    int line;
    bool operator==(const Site&) const = default;
  };
  struct SiteHash {
    std::size_t operator()(const Site& site) const {
      return std::hash<const void*>()(site.type) ^ (std::hash<const void*>()(site.file) << 1) ^
             (static_cast<std::size_t>(site.line) << 7);
    }
  };
  thread_local std::unordered_map<Site, std::string, SiteHash> bases;
  const auto [it, inserted] = bases.try_emplace(Site{type, declared.file, declared.line});
  if (inserted) it->second = std::string(type) + "@" + declared.ToString();
  return it->second;
}

}  // namespace

std::string ObjectName(const Execution& execution, const char* type, const SourceLine& declared) {
  const std::string& base = NameBase(type, declared);
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
