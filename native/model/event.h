// Native backend: Event (Python's threading.Event) as in model/event.h. A thread waiting when
// set() ran returns true even if clear() lowered the flag before it woke (it counts sets, as
// the model does).
#ifndef INTERLEAVE_NATIVE_MODEL_EVENT_H_
#define INTERLEAVE_NATIVE_MODEL_EVENT_H_

#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <optional>
#include <source_location>
#include <string>

#include "model/runtime.h"

namespace interleave {

class Event {
 public:
  explicit Event(std::string name = "event");
  Event(const Event&) = delete;
  Event& operator=(const Event&) = delete;

  void set(std::source_location where = std::source_location::current());
  void clear(std::source_location where = std::source_location::current());
  bool is_set(std::source_location where = std::source_location::current()) const;
  bool wait(std::source_location where = std::source_location::current());
  bool wait(double seconds, std::source_location where = std::source_location::current());

 private:
  bool Wait(std::optional<native::Clock::time_point> deadline);

  std::string name_;
  mutable std::mutex mu_;
  std::condition_variable set_cv_;
  bool flag_ = false;
  int64_t sets_ = 0;
};

}  // namespace interleave

#endif  // INTERLEAVE_NATIVE_MODEL_EVENT_H_
