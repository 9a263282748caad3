// Native backend: Barrier (Python's threading.Barrier) as in model/barrier.h: wait() returns the
// arrival index (0 first .. parties - 1 last, which releases the round); a timed wait that
// times out, or abort(), breaks it, and every waiter and later wait() throws BrokenBarrier.
#ifndef INTERLEAVE_NATIVE_MODEL_BARRIER_H_
#define INTERLEAVE_NATIVE_MODEL_BARRIER_H_

#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <optional>
#include <source_location>
#include <stdexcept>
#include <string>

#include "model/runtime.h"

namespace interleave {

class BrokenBarrier : public std::runtime_error {
 public:
  explicit BrokenBarrier(const std::string& message) : std::runtime_error(message) {}
};

class Barrier {
 public:
  explicit Barrier(int parties, std::string name = "barrier");
  Barrier(const Barrier&) = delete;
  Barrier& operator=(const Barrier&) = delete;

  int wait(std::source_location where = std::source_location::current());
  int wait(double seconds, std::source_location where = std::source_location::current());
  void abort(std::source_location where = std::source_location::current());
  bool broken(std::source_location where = std::source_location::current()) const;
  int n_waiting(std::source_location where = std::source_location::current()) const;
  int parties() const { return parties_; }

 private:
  int Wait(std::optional<native::Clock::time_point> deadline, const std::source_location& where);

  std::string name_;
  int parties_;
  mutable std::mutex mu_;
  std::condition_variable changed_;
  int count_ = 0;
  int64_t generation_ = 0;
  bool broken_ = false;
};

}  // namespace interleave

#endif  // INTERLEAVE_NATIVE_MODEL_BARRIER_H_
