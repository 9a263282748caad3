// ToText: how a value read, written or declared as an outcome appears in traces and reports;
// LineText: how a source line appears in them and in error messages ("lost_update.cc:31");
// ExceptionText: how an exception a task raised does.
// Shared by the model and the native backend (native/BUILD copies this header).
#ifndef INTERLEAVE_MODEL_TEXT_H_
#define INTERLEAVE_MODEL_TEXT_H_

#include <concepts>
#include <exception>
#include <source_location>
#include <sstream>
#include <string>
#include <string_view>
#include <type_traits>

namespace interleave {

template <typename T>
std::string ToText(const T& value) {
  if constexpr (std::is_same_v<T, bool>) {
    return value ? "true" : "false";
  } else if constexpr (std::is_integral_v<T>) {
    return std::to_string(value);
  } else if constexpr (std::is_pointer_v<T> && !std::is_convertible_v<const T&, std::string>) {
    // Not the address: it differs between executions, which must read alike.
    return value == nullptr ? "nullptr" : "a pointer";
  } else if constexpr (std::is_convertible_v<const T&, std::string>) {
    return "\"" + std::string(value) + "\"";
  } else if constexpr (requires(std::ostream & out) { out << value; }) {
    std::ostringstream out;
    out << value;
    return out.str();
  } else {
    return "<value>";
  }
}

// "file.cc:12": the file's base name and the line.
inline std::string LineText(std::string_view file, int line) {
  if (const auto slash = file.find_last_of('/'); slash != std::string_view::npos) {
    file.remove_prefix(slash + 1);
  }
  return std::string(file) + ":" + std::to_string(line);
}

inline std::string LineText(const std::source_location& where) {
  return LineText(where.file_name(), static_cast<int>(where.line()));
}

// The message of an exception: what() for a std::exception; empty for none.
inline std::string ExceptionText(const std::exception_ptr& exception) {
  if (!exception) return "";
  try {
    std::rethrow_exception(exception);
  } catch (const std::exception& e) {
    return e.what();
  } catch (...) {
    return "exception of unknown type";
  }
}

}  // namespace interleave

#endif  // INTERLEAVE_MODEL_TEXT_H_
