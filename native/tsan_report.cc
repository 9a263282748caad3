#include "native/tsan_report.h"

#include <map>
#include <regex>
#include <string>

namespace interleave::native {
namespace {

bool Contains(const std::string& text, std::string_view part) {
  return text.find(part) != std::string::npos;
}

}  // namespace

std::vector<TsanReport> ParseTsanLog(std::string_view log) {
  static const std::regex kObject(R"(^interleave-native: object (\S+) (\S+) at (0x[0-9a-fA-F]+)$)");
  static const std::regex kWarning(R"(^WARNING: ThreadSanitizer: (.*?)(?: \(pid=\d+\))?$)");
  static const std::regex kAccess(
      R"(^\s+((?:Previous )?(?:[Aa]tomic )?(?:[Rr]ead|[Ww]rite) of size \d+) at (0x[0-9a-fA-F]+) by .*$)");
  static const std::regex kFrame(R"(^\s+#\d+ (.*?)(?: \([^()]*\+0x[0-9a-fA-F]+\))?$)");

  std::map<std::string, std::string> objects;  // Address -> latest announced name.
  std::vector<TsanReport> reports;
  TsanReport* current = nullptr;
  TsanAccess* access = nullptr;
  size_t start = 0;
  while (start <= log.size()) {
    size_t end = log.find('\n', start);
    if (end == std::string_view::npos) end = log.size();
    const std::string line(log.substr(start, end - start));
    start = end + 1;
    std::smatch match;
    if (std::regex_match(line, match, kObject)) {
      objects[match[3]] = match[1];
    } else if (std::regex_match(line, match, kWarning)) {
      reports.push_back({.kind = match[1], .accesses = {}, .object = ""});
      current = &reports.back();
      access = nullptr;
    } else if (current == nullptr) {
      continue;
    } else if (line.starts_with("==================")) {
      current = nullptr;  // The end of the report.
      access = nullptr;
    } else if (std::regex_match(line, match, kAccess)) {
      current->accesses.push_back({.what = match[1], .address = match[2], .frames = {}});
      access = &current->accesses.back();
      if (auto it = objects.find(match[2]); it != objects.end() && current->object.empty()) {
        current->object = it->second;
      }
    } else if (access != nullptr && std::regex_match(line, match, kFrame)) {
      access->frames.push_back(match[1]);
    } else if (line.empty() || !line.starts_with("    ")) {
      access = nullptr;  // A stack ends at a blank line or the next section.
    }
    if (end == log.size()) break;
  }
  return reports;
}

bool IsRaceOn(const TsanReport& report, const std::string& variable, const std::string& source,
              std::string* why) {
  auto fail = [why](std::string text) {
    if (why != nullptr) *why = std::move(text);
    return false;
  };
  if (report.kind != "data race") return fail("not a data race: " + report.kind);
  if (report.accesses.size() != 2) {
    return fail(std::to_string(report.accesses.size()) + " accesses, not 2");
  }
  if (report.object != variable) {
    return fail("on " +
                (report.object.empty() ? std::string("memory no Shared announced")
                                       : "'" + report.object + "'") +
                ", not '" + variable + "'");
  }
  for (const TsanAccess& access : report.accesses) {
    bool through_shared = false;
    bool from_source = false;
    for (const std::string& frame : access.frames) {
      if (Contains(frame, "Shared<") &&
          (Contains(frame, "::read(") || Contains(frame, "::write("))) {
        through_shared = true;
      }
      if (Contains(frame, source + ":")) from_source = true;
    }
    if (!through_shared) return fail(access.what + ": no Shared<T>::read/write frame");
    if (!from_source) return fail(access.what + ": no frame in " + source);
  }
  return true;
}

}  // namespace interleave::native
