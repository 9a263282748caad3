// SourceLine: where a visible operation was called from, as the trace, the reports and error
// messages show it ("lost_update.cc:31"). Every operation of the model API takes one as its
// last, defaulted argument (std::source_location::current()), in both backends.
#ifndef INTERLEAVE_MODEL_SOURCE_LINE_H_
#define INTERLEAVE_MODEL_SOURCE_LINE_H_

#include <source_location>
#include <string>
#include <string_view>

#include "model/text.h"

namespace interleave {

struct SourceLine {
  // As the compiler saw it (a path relative to the workspace under Bazel). Static storage:
  // std::source_location's file names live as long as the program.
  const char* file = "";
  int line = 0;
  // The step ran inside an installed library's code (a libstdc++ header's, inlined into the
  // program or called from it: std::thread's state, unique_ptr, tuple), and `file`:`line` is
  // the program's line that led there. Reports may leave such plain reads and writes out.
  bool in_library = false;

  SourceLine() = default;
  SourceLine(const char* file_name, int line_number) : file(file_name), line(line_number) {}
  // Implicit: every operation takes the std::source_location of its call (a defaulted
  // argument), or a line found another way (an operator's caller, std/location.h).
  SourceLine(const std::source_location& loc)  // NOLINT(google-explicit-constructor)
      : file(loc.file_name()), line(static_cast<int>(loc.line())) {}
  static SourceLine From(const std::source_location& loc) { return SourceLine(loc); }

  // "lost_update.cc".
  std::string Basename() const {
    const std::string_view path(file);
    const auto slash = path.find_last_of('/');
    return std::string(slash == std::string_view::npos ? path : path.substr(slash + 1));
  }
  // "lost_update.cc:31".
  std::string ToString() const { return LineText(file, line); }
  bool operator==(const SourceLine& other) const {
    return line == other.line && std::string_view(file) == std::string_view(other.file);
  }
};

}  // namespace interleave

#endif  // INTERLEAVE_MODEL_SOURCE_LINE_H_
