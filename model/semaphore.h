// Semaphore and BoundedSemaphore: Python's threading.Semaphore(value=1) and
// threading.BoundedSemaphore(value=1).
//
// A semaphore holds a counter. acquire() blocks while it is zero, then decrements it;
// acquire(false) does not block, acquire(true, seconds) gives up after the timeout (in time mode
// `any` whenever it would block, on the virtual clock at its deadline); both say whether they got
// it. release(n) adds n and so lets up to n blocked acquirers go on. Which blocked acquirer gets a
// released unit is a scheduling choice the checker explores (CPython wakes them in FIFO order,
// but a newcomer may take the unit first, so every order is reachable there too). A release
// happens before every acquire that follows it.
//
// BoundedSemaphore checks that the counter never goes above its initial value: such a release is
// a ValueError in Python ("Semaphore released too many times"); the model ends the execution with
// a ModelError. A negative initial value, or release(n) with n < 1, is a ValueError in Python and
// a ModelError here.
//
// SemaphoreGuard is `with sem:`: it acquires on construction and releases at the end of its
// scope. Its release is a scheduling point, so its destructor is noexcept(false).
//
// One declaration for both backends of the model API (model/backend/members.h).
#ifndef INTERLEAVE_MODEL_SEMAPHORE_H_
#define INTERLEAVE_MODEL_SEMAPHORE_H_

#include <exception>
#include <source_location>
#include <string>
#include <utility>

#include "model/backend/members.h"
#include "model/guard.h"

namespace interleave {

class Semaphore {
 public:
  explicit Semaphore(int value = 1, std::string name = "semaphore");
  Semaphore(const Semaphore&) = delete;
  Semaphore& operator=(const Semaphore&) = delete;

  void acquire(std::source_location where = std::source_location::current());
  // Python's acquire(blocking, timeout): timeout < 0 waits forever; returns whether acquired.
  // A loop of acquire(false) is a spin loop: it waits until the semaphore changes, and one
  // that nothing will change is a deadlock (PollFrame, model/backend/members.h).
  bool acquire(bool blocking, double timeout = -1,
               std::source_location where = std::source_location::current()) {
    SpinFrame frame;
    return Acquire(blocking, timeout, where, blocking ? nullptr : PollFrame(&frame));
  }
  void release(int n = 1, std::source_location where = std::source_location::current());

 protected:
  Semaphore(int value, std::string name, bool bounded);

 private:
  // The backend's members (model/backend/members.h).
#include "model/backend/semaphore.inc"
};

class BoundedSemaphore : public Semaphore {
 public:
  explicit BoundedSemaphore(int value = 1, std::string name = "semaphore")
      : Semaphore(value, std::move(name), /*bounded=*/true) {}
};

// `with semaphore:`: acquires now, releases at the end of the scope (model/guard.h).
using SemaphoreGuard = Guard<Semaphore>;

}  // namespace interleave

#endif  // INTERLEAVE_MODEL_SEMAPHORE_H_
