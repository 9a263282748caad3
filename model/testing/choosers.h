// Choosers for runtime tests that drive the scheduler by hand (the checker's strategies
// explore; these pick one fixed schedule).
#ifndef INTERLEAVE_MODEL_TESTING_CHOOSERS_H_
#define INTERLEAVE_MODEL_TESTING_CHOOSERS_H_

#include <deque>
#include <utility>

#include "model/execution.h"

namespace interleave::testing {

// Picks the lowest enabled thread, so a thread keeps running until it blocks or ends; the
// lowest value of each choice.
class LowestFirst : public Chooser {
 public:
  ThreadId ChooseThread(const SchedulePoint& point) override { return point.enabled->front(); }
  int ChooseValue(int, int lo, int) override { return lo; }
};

// Picks the highest enabled thread: newly started threads run before their creator.
class HighestFirst : public Chooser {
 public:
  ThreadId ChooseThread(const SchedulePoint& point) override { return point.enabled->back(); }
  int ChooseValue(int, int, int hi) override { return hi; }
};

// Follows a script, one thread per scheduling point (forced ones included); the lowest enabled
// thread once the script is used up. Values: the lowest.
class Scripted : public Chooser {
 public:
  explicit Scripted(std::deque<ThreadId> script) : script_(std::move(script)) {}
  ThreadId ChooseThread(const SchedulePoint& point) override {
    if (script_.empty()) return point.enabled->front();
    const ThreadId next = script_.front();
    script_.pop_front();
    return next;
  }
  int ChooseValue(int, int lo, int) override { return lo; }

 private:
  std::deque<ThreadId> script_;
};

}  // namespace interleave::testing

#endif  // INTERLEAVE_MODEL_TESTING_CHOOSERS_H_
