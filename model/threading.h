// The module-level functions of Python's `threading` that ask about threads rather than act on
// one: current_thread().name, main_thread().name, enumerate(), active_count().
//
// current_thread_name() and main_thread_name() are invisible: a thread knows its own name and
// the main thread's without looking at shared state. enumerate_threads() and active_count()
// are visible reads of the table of threads: what they return depends on which threads have
// started and finished, so each is a step. The table has no object of its own; the read is
// recorded on the main thread's object, with the names it saw as the value.
//
// "Alive" is Python's: started and not yet finished (a started thread runs at once up to its
// first visible operation, so it is in the table from its start step on; a killed daemon or a
// terminated process leaves it when it is killed). The order is the order of starting, as in
// CPython. Unlike Python, a model Process is a thread of this one program and is listed too.
//
// One declaration for both backends of the model API (model/backend/members.h).
#ifndef INTERLEAVE_MODEL_THREADING_H_
#define INTERLEAVE_MODEL_THREADING_H_

#include <source_location>
#include <string>
#include <vector>

namespace interleave {

// threading.current_thread().name.
std::string current_thread_name();
// threading.main_thread().name: "MainThread".
std::string main_thread_name();
// [t.name for t in threading.enumerate()]: the alive threads, main first.
std::vector<std::string> enumerate_threads(
    std::source_location where = std::source_location::current());
// threading.active_count(): len(threading.enumerate()).
int active_count(std::source_location where = std::source_location::current());

}  // namespace interleave

#endif  // INTERLEAVE_MODEL_THREADING_H_
