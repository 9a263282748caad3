// Native backend (see "The native backend" in docs/implementation-notes.md): the same as
// model/'s file of this name, copied because "model/..." resolves to native/model/ here.
// ToText: how a value read, written or declared as an outcome appears in traces and reports.
#ifndef INTERLEAVE_NATIVE_MODEL_TEXT_H_
#define INTERLEAVE_NATIVE_MODEL_TEXT_H_

#include <concepts>
#include <sstream>
#include <string>
#include <type_traits>

namespace interleave {

template <typename T>
std::string ToText(const T& value) {
  if constexpr (std::is_same_v<T, bool>) {
    return value ? "true" : "false";
  } else if constexpr (std::is_integral_v<T>) {
    return std::to_string(value);
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

}  // namespace interleave

#endif  // INTERLEAVE_NATIVE_MODEL_TEXT_H_
