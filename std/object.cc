#include "std/object.h"

#include <execinfo.h>

#include <algorithm>
#include <cstddef>
#include <functional>
#include <mutex>
#include <optional>
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
  // Per return address its line, or nullopt when it is not the scenario's code (a library's
  // function called the operator: std::vector::emplace_back constructing a std::thread).
  static std::mutex mutex;
  static std::unordered_map<const void*, std::optional<SourceLine>> lines;
  // For those, per stack (the return addresses up to the scenario's frame, as bytes) its line.
  static std::unordered_map<std::string, SourceLine> walked;
  std::lock_guard<std::mutex> lock(mutex);
  const auto [it, inserted] = lines.try_emplace(return_address);
  if (inserted) {
    void* frames[1] = {const_cast<void*>(return_address)};
    it->second = crash::ScenarioLine(nullptr, frames, 1);
  }
  if (it->second) return *it->second;
  // The first caller in the scenario's code, found by walking the stack (at most 24 frames).
  void* frames[24];
  const int count = backtrace(frames, 24);
  const std::string key(reinterpret_cast<const char*>(frames),
                        sizeof(void*) * static_cast<std::size_t>(std::max(count, 0)));
  const auto [line, first] = walked.try_emplace(key, SourceLine("?", 0));
  if (first) {
    if (const auto found = crash::ScenarioLine(nullptr, frames, count)) line->second = *found;
  }
  return line->second;
}

}  // namespace interleave::sync_internal
