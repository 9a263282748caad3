// Native backend: threading.current_thread().name, main_thread().name, enumerate(),
// active_count(), from the runtime's table of alive threads (main first, then start order).
#ifndef INTERLEAVE_NATIVE_MODEL_THREADING_H_
#define INTERLEAVE_NATIVE_MODEL_THREADING_H_

#include <source_location>
#include <string>
#include <vector>

namespace interleave {

std::string current_thread_name();
std::string main_thread_name();
std::vector<std::string> enumerate_threads(
    std::source_location where = std::source_location::current());
int active_count(std::source_location where = std::source_location::current());

}  // namespace interleave

#endif  // INTERLEAVE_NATIVE_MODEL_THREADING_H_
