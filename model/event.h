// Event: Python's threading.Event, a flag that threads wait for. (The trace's record of one
// step is TraceEvent, trace.h.)
//
// set() raises the flag and releases every thread waiting in wait(); clear() lowers it;
// is_set() reads it; wait() blocks until the flag is raised and returns true; wait(seconds)
// gives up after the timeout and returns the flag: false when it timed out. As in CPython,
// a thread that was waiting when set() ran returns true even if clear() lowered the flag again
// before it ran (the set notified it). A thread is waiting from its wait()'s first step on.
//
// Every operation is one visible step on the event object, but a wait that finds the flag
// down, which is two: the first reads the flag (value "true": it was raised, and the wait
// returns at once; "waiting": it was down), the second returns when a set() came after the
// first or the wait timed out (value "true" or "false"). The first is a step of its own, not
// part of the thread's step before, so that the races of that read with set() and clear() are
// explored (checker/dpor_cover_test.cc, event_wait_races_a_clear). In time mode `any` a timed
// wait may time out whenever it would block; in `virtual` it times out at its deadline. No
// spurious wake-ups.
//
// Happens-before: a set() happens before every wait() it releases and every wait() or
// is_set() that then finds the flag raised.
//
// One declaration for both backends of the model API (model/backend/members.h).
#ifndef INTERLEAVE_MODEL_EVENT_H_
#define INTERLEAVE_MODEL_EVENT_H_

#include <cstdint>
#include <source_location>
#include <string>

#include "model/backend/members.h"

namespace interleave {

class Event {
 public:
  explicit Event(std::string name = "event");
  Event(const Event&) = delete;
  Event& operator=(const Event&) = delete;

  void set(std::source_location where = std::source_location::current());
  void clear(std::source_location where = std::source_location::current());
  bool is_set(std::source_location where = std::source_location::current()) const;
  // Blocks until the flag is raised; returns true.
  bool wait(std::source_location where = std::source_location::current());
  // Blocks at most `seconds` (a negative timeout is 0, as in Python); returns whether the
  // event was set (false: the wait timed out).
  bool wait(double seconds, std::source_location where = std::source_location::current());

 private:
  // The backend's members (model/backend/members.h).
#include "model/backend/event.inc"
};

}  // namespace interleave

#endif  // INTERLEAVE_MODEL_EVENT_H_
