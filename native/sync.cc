// The native backend's synchronisation primitives and free functions (see the headers in
// native/model/). Every blocking wait goes through native::WaitUntil (runtime.h).
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <limits>
#include <mutex>
#include <string>
#include <thread>

#include "model/api.h"
#include "model/atomic.h"
#include "model/barrier.h"
#include "model/condition.h"
#include "model/error.h"
#include "model/event.h"
#include "model/lock.h"
#include "model/mutex.h"
#include "model/rlock.h"
#include "model/runtime.h"
#include "model/semaphore.h"
#include "model/shared.h"
#include "model/text.h"
#include "model/threading.h"

namespace interleave {

using native::CheckTerminated;
using native::Deadline;
using native::Observe;
using native::Publish;
using native::Quiet;
using native::WaitUntil;

// ---- free functions -------------------------------------------------------------------------

void log(std::string message, std::source_location) {
  native::CheckTerminated();
  if (!native::settings().print_log) return;
  const std::string line = "[" + current_thread_name() + "] " + message + "\n";
  std::fputs(line.c_str(), stderr);
}

void sleep(double seconds, std::source_location) {
  // Slices of at most 10 ms so that terminate() ends it. No mutex: a sleep must not be a
  // synchronisation TSan sees (a stack mutex reused at the same address by the next thread
  // would order two threads the model leaves unordered).
  const auto deadline = *Deadline(seconds < 0 ? 0 : seconds);
  while (true) {
    CheckTerminated();
    const auto now = native::Clock::now();
    if (now >= deadline) return;
    std::this_thread::sleep_for(
        std::min<native::Clock::duration>(deadline - now, std::chrono::milliseconds(10)));
  }
}

int choose(int lo, int hi, std::source_location where) {
  CheckTerminated();
  if (lo > hi)
    throw ModelError("choose(" + std::to_string(lo) + ", " + std::to_string(hi) + ") at " +
                     LineText(where) + ": empty range");
  return native::Choose(lo, hi);
}

void expect(bool condition, std::string message, std::source_location where) {
  if (!condition) native::RecordFailedExpect(message + " (" + LineText(where) + ")");
}

namespace internal {

void RecordOutcome(std::string name, std::string value) {
  native::RecordOutcome(std::move(name), std::move(value));
}

}  // namespace internal

namespace native {

void AnnounceObject(const std::string& name, const char* kind, const void* address) {
  if (!settings().print_objects) return;
  char line[512];
  std::snprintf(line, sizeof line, "interleave-native: object %s %s at %p\n", name.c_str(), kind,
                address);
  std::fputs(line, stderr);
}

}  // namespace native

// ThreadSanitizer does not model fences (model/backend/atomic_impl.h).
void atomic_fence(std::memory_order order, SourceLine) { std::atomic_thread_fence(order); }

// Every primitive below keeps its state under its own std::mutex, used only in Quiet sections
// (runtime.h): TSan sees none of it. Its happens-before edges are the model's, given with
// Publish/Observe on the primitive's address where the model's .cc calls Execution::Publish/
// Observe: a release, unlock, notify, semaphore release, event set, barrier arrival, queue put
// or task_done publishes before its effect can be seen; a successful acquire, a woken wait, a
// set event seen, a passed barrier, a get or a finished queue join observes after. A call that
// fails (a timed-out or non-blocking acquire that does not get the lock, locked(), is_set()
// false, qsize()) observes nothing, as in the model.

// ---- Lock -----------------------------------------------------------------------------------

Lock::Lock(std::string name) : name_(std::move(name)) {}

void Lock::acquire(std::source_location where) { Acquire(true, -1, where, nullptr); }

bool Lock::Acquire(bool blocking, double timeout, const std::source_location&, const SpinFrame*) {
  CheckTerminated();
  {
    Quiet quiet;
    std::unique_lock lock(mu_);
    if (!blocking) {
      if (locked_) return false;
    } else if (!WaitUntil(
                   lock, freed_, [this] { return !locked_; }, Deadline(timeout))) {
      return false;
    }
    locked_ = true;
  }
  Observe(this);
  return true;
}

void Lock::release(std::source_location where) {
  // Published first, before the lock is seen free (a release of an unlocked lock, an error,
  // publishes too: the run ends in an error then).
  Publish(this);
  Quiet quiet;
  {
    std::lock_guard lock(mu_);
    if (!locked_) {
      throw ModelError("release of unlocked lock '" + name_ + "' at " + LineText(where) +
                       " (Python raises RuntimeError)");
    }
    locked_ = false;
  }
  freed_.notify_one();
}

bool Lock::locked(std::source_location) const {
  Quiet quiet;
  std::lock_guard lock(mu_);
  return locked_;
}

// ---- Mutex ----------------------------------------------------------------------------------

Mutex::Mutex(std::string name) : name_(std::move(name)) {}

void Mutex::lock(std::source_location) {
  CheckTerminated();
  {
    Quiet quiet;
    std::unique_lock lock(mu_);
    WaitUntil(lock, freed_, [this] { return !held_; });
    held_ = true;
    owner_ = std::this_thread::get_id();
  }
  Observe(this);
}

bool Mutex::Poll(const SourceLine&, const SpinFrame*) {
  CheckTerminated();
  {
    Quiet quiet;
    std::lock_guard lock(mu_);
    if (held_) return false;
    held_ = true;
    owner_ = std::this_thread::get_id();
  }
  Observe(this);
  return true;
}

bool Mutex::try_lock_for(int64_t microseconds, std::source_location) {
  CheckTerminated();
  {
    Quiet quiet;
    std::unique_lock lock(mu_);
    // kForever (the largest int64_t) waits without a limit, as Deadline(-1) does.
    const double seconds = microseconds == std::numeric_limits<int64_t>::max()
                               ? -1.0
                               : static_cast<double>(std::max<int64_t>(microseconds, 0)) / 1e6;
    if (!WaitUntil(
            lock, freed_, [this] { return !held_; }, Deadline(seconds)))
      return false;
    held_ = true;
    owner_ = std::this_thread::get_id();
  }
  Observe(this);
  return true;
}

void Mutex::unlock(std::source_location where) {
  Publish(this);  // First, as Lock::release.
  Quiet quiet;
  {
    std::lock_guard lock(mu_);
    if (!held_ || owner_ != std::this_thread::get_id()) {
      throw ModelError("unlock of mutex '" + name_ + "' at " + LineText(where) + " by " +
                       current_thread_name() +
                       (held_ ? ", which does not hold it" : ": nobody holds it") +
                       " (undefined behaviour for std::mutex)");
    }
    held_ = false;
  }
  freed_.notify_one();
}

// ---- RLock ----------------------------------------------------------------------------------

RLock::RLock(std::string name) : name_(std::move(name)) {}

void RLock::acquire(std::source_location where) { Acquire(true, -1, where, nullptr); }

bool RLock::Acquire(bool blocking, double timeout, const std::source_location&, const SpinFrame*) {
  CheckTerminated();
  const auto me = std::this_thread::get_id();
  {
    Quiet quiet;
    std::unique_lock lock(mu_);
    if (levels_ > 0 && owner_ == me) {
      ++levels_;
      return true;  // A level more: no edge, as in the model.
    }
    if (!blocking) {
      if (levels_ > 0) return false;
    } else if (!WaitUntil(
                   lock, freed_, [this] { return levels_ == 0; }, Deadline(timeout))) {
      return false;
    }
    levels_ = 1;
    owner_ = me;
  }
  Observe(this);
  return true;
}

void RLock::release(std::source_location where) {
  {
    Quiet quiet;
    std::lock_guard lock(mu_);
    if (levels_ == 0 || owner_ != std::this_thread::get_id()) {
      throw ModelError("cannot release un-acquired RLock '" + name_ + "' at " + LineText(where) +
                       " (Python raises RuntimeError)");
    }
    if (levels_ > 1) {
      --levels_;
      return;  // Still held: no edge.
    }
  }
  // The last level: this thread owns the RLock, so nobody else changes it in between.
  Publish(this);
  Quiet quiet;
  {
    std::lock_guard lock(mu_);
    levels_ = 0;
  }
  freed_.notify_one();
}

bool RLock::IsOwned() const {
  Quiet quiet;
  std::lock_guard lock(mu_);
  return levels_ > 0 && owner_ == std::this_thread::get_id();
}

int RLock::ReleaseAll(const std::source_location& where) {
  {
    Quiet quiet;
    std::lock_guard lock(mu_);
    if (levels_ == 0 || owner_ != std::this_thread::get_id()) {
      throw ModelError("cannot release un-acquired RLock '" + name_ + "' at " + LineText(where));
    }
  }
  Publish(this);  // Owned by this thread: unchanged in between.
  int levels = 0;
  Quiet quiet;
  {
    std::lock_guard lock(mu_);
    levels = levels_;
    levels_ = 0;
  }
  freed_.notify_one();
  return levels;
}

void RLock::AcquireRestore(int levels) {
  {
    Quiet quiet;
    std::unique_lock lock(mu_);
    WaitUntil(lock, freed_, [this] { return levels_ == 0; });
    levels_ = levels;
    owner_ = std::this_thread::get_id();
  }
  Observe(this);
}

// ---- Condition ------------------------------------------------------------------------------

Condition::Condition(std::string name)
    : name_(name), own_lock_(std::make_unique<RLock>(name + ".lock")), rlock_(own_lock_.get()) {}
Condition::Condition(Lock& lock, std::string name) : name_(std::move(name)), lock_(&lock) {}
Condition::Condition(RLock& lock, std::string name) : name_(std::move(name)), rlock_(&lock) {}
Condition::~Condition() = default;

void Condition::acquire(std::source_location where) {
  if (lock_) {
    lock_->acquire(where);
  } else {
    rlock_->acquire(where);
  }
}

void Condition::release(std::source_location where) {
  if (lock_) {
    lock_->release(where);
  } else {
    rlock_->release(where);
  }
}

void Condition::CheckHeld(const char* operation, const std::source_location& where) const {
  const bool held = lock_ ? lock_->locked() : rlock_->IsOwned();
  if (!held) {
    throw ModelError(std::string("cannot ") + operation + " on un-acquired lock (condition '" +
                     name_ + "' at " + LineText(where) + "; Python raises RuntimeError)");
  }
}

bool Condition::Wait(std::optional<native::Clock::time_point> deadline,
                     const std::source_location& where) {
  CheckTerminated();
  CheckHeld("wait", where);
  Waiter waiter;
  {
    Quiet quiet;
    std::lock_guard lock(mu_);
    waiters_.push_back(&waiter);
  }
  const int levels = lock_ ? (lock_->release(where), 0) : rlock_->ReleaseAll(where);
  bool notified = false;
  {
    Quiet quiet;
    try {
      std::unique_lock lock(mu_);
      notified = WaitUntil(
          lock, woken_, [&waiter] { return waiter.notified; }, deadline);
      if (!notified) std::erase(waiters_, &waiter);
    } catch (const native::Terminated&) {
      std::lock_guard lock(mu_);
      std::erase(waiters_, &waiter);
      throw;
    }
  }
  if (notified) Observe(this);  // The notifier's history, as in the model.
  if (lock_) {
    lock_->acquire(where);
  } else {
    rlock_->AcquireRestore(levels);
  }
  return notified;
}

bool Condition::wait(std::source_location where) { return Wait(std::nullopt, where); }

bool Condition::wait(double timeout, std::source_location where) {
  if (timeout <= 0) {
    // Python: a timeout of zero or less does not block; the lock is still released and
    // re-acquired.
    return Wait(native::Clock::now(), where);
  }
  return Wait(Deadline(timeout), where);
}

bool Condition::wait_for(FunctionRef<bool()> predicate, std::source_location where) {
  while (!predicate()) Wait(std::nullopt, where);
  return true;
}

bool Condition::wait_for(FunctionRef<bool()> predicate, double timeout,
                         std::source_location where) {
  const auto deadline = Deadline(timeout < 0 ? 0 : timeout);
  bool result = predicate();
  while (!result) {
    if (native::Clock::now() >= *deadline) break;
    Wait(deadline, where);
    result = predicate();
  }
  return result;
}

void Condition::notify(int n, std::source_location where) {
  CheckTerminated();
  CheckHeld("notify", where);
  Publish(this);  // Before any waiter can see itself notified.
  Quiet quiet;
  {
    std::lock_guard lock(mu_);
    for (int i = 0; i < n && !waiters_.empty(); ++i) {
      waiters_.front()->notified = true;
      waiters_.pop_front();
    }
  }
  woken_.notify_all();
}

void Condition::notify_all(std::source_location where) {
  CheckTerminated();
  CheckHeld("notify", where);
  Publish(this);
  Quiet quiet;
  {
    std::lock_guard lock(mu_);
    for (Waiter* waiter : waiters_) waiter->notified = true;
    waiters_.clear();
  }
  woken_.notify_all();
}

// ---- Semaphore ------------------------------------------------------------------------------

Semaphore::Semaphore(int value, std::string name) : Semaphore(value, std::move(name), false) {}

Semaphore::Semaphore(int value, std::string name, bool bounded)
    : name_(std::move(name)), value_(value), initial_(value), bounded_(bounded) {
  if (value < 0) {
    throw ModelError("semaphore '" + name_ + "' initial value must be >= 0 (Python: ValueError)");
  }
}

void Semaphore::acquire(std::source_location where) { Acquire(true, -1, where, nullptr); }

bool Semaphore::Acquire(bool blocking, double timeout, const std::source_location&,
                        const SpinFrame*) {
  CheckTerminated();
  {
    Quiet quiet;
    std::unique_lock lock(mu_);
    if (!blocking) {
      if (value_ == 0) return false;
    } else if (!WaitUntil(
                   lock, released_, [this] { return value_ > 0; }, Deadline(timeout))) {
      return false;
    }
    --value_;
  }
  Observe(this);
  return true;
}

void Semaphore::release(int n, std::source_location where) {
  CheckTerminated();
  if (n < 1) {
    throw ModelError("release(" + std::to_string(n) + ") of semaphore '" + name_ + "' at " +
                     LineText(where) + ": n must be one or more (Python raises ValueError)");
  }
  Publish(this);  // First, as Lock::release (an over-release of a bounded one, an error, too).
  Quiet quiet;
  {
    std::lock_guard lock(mu_);
    if (bounded_ && value_ + n > initial_) {
      throw ModelError("BoundedSemaphore '" + name_ + "' released too many times at " +
                       LineText(where) + " (Python raises ValueError)");
    }
    value_ += n;
  }
  released_.notify_all();
}

// ---- Event ----------------------------------------------------------------------------------

Event::Event(std::string name) : name_(std::move(name)) {}

void Event::set(std::source_location) {
  CheckTerminated();
  Publish(this);
  Quiet quiet;
  {
    std::lock_guard lock(mu_);
    flag_ = true;
    ++sets_;
  }
  set_cv_.notify_all();
}

void Event::clear(std::source_location) {
  CheckTerminated();
  Quiet quiet;
  std::lock_guard lock(mu_);
  flag_ = false;
}

bool Event::is_set(std::source_location) const {
  CheckTerminated();
  bool flag = false;
  {
    Quiet quiet;
    std::lock_guard lock(mu_);
    flag = flag_;
  }
  if (flag) Observe(this);
  return flag;
}

bool Event::Wait(std::optional<native::Clock::time_point> deadline) {
  CheckTerminated();
  bool released = false;
  {
    Quiet quiet;
    std::unique_lock lock(mu_);
    const int64_t sets = sets_;
    released = flag_ || WaitUntil(
                            lock, set_cv_, [this, sets] { return sets_ != sets; }, deadline);
  }
  if (released) Observe(this);
  return released;
}

bool Event::wait(std::source_location) { return Wait(std::nullopt); }
bool Event::wait(double seconds, std::source_location) {
  return Wait(Deadline(seconds < 0 ? 0 : seconds));
}

// ---- Barrier --------------------------------------------------------------------------------

Barrier::Barrier(int parties, std::string name) : name_(std::move(name)), parties_(parties) {
  if (parties < 1) {
    throw ModelError("Barrier '" + name_ + "' needs parties >= 1 (Python raises ValueError)");
  }
}

int Barrier::Wait(std::optional<native::Clock::time_point> deadline,
                  const std::source_location& where) {
  CheckTerminated();
  auto broken = [&] {
    return BrokenBarrier("barrier '" + name_ + "' is broken (wait at " + LineText(where) + ")");
  };
  // The arrival publishes first (a wait on a broken barrier too, which then raises).
  Publish(this);
  int index = 0;
  bool passed = false;
  {
    Quiet quiet;
    std::unique_lock lock(mu_);
    if (broken_) throw broken();
    index = count_++;
    if (count_ == parties_) {  // The last one releases the round.
      count_ = 0;
      ++generation_;
      lock.unlock();
      changed_.notify_all();
      passed = true;
    } else {
      const int64_t generation = generation_;
      const bool released = WaitUntil(
          lock, changed_, [&] { return generation_ != generation || broken_; }, deadline);
      passed = generation_ != generation;
      if (!passed && !released) {  // Timed out: Python breaks the barrier.
        broken_ = true;
        lock.unlock();
        changed_.notify_all();
      }
    }
  }
  if (!passed) throw broken();
  Observe(this);  // Every party's arrival, as in the model.
  return index;
}

int Barrier::wait(std::source_location where) { return Wait(std::nullopt, where); }
int Barrier::wait(double seconds, std::source_location where) {
  return Wait(Deadline(seconds < 0 ? 0 : seconds), where);
}

void Barrier::abort(std::source_location) {
  Quiet quiet;
  {
    std::lock_guard lock(mu_);
    broken_ = true;
  }
  changed_.notify_all();
}

bool Barrier::broken(std::source_location) const {
  Quiet quiet;
  std::lock_guard lock(mu_);
  return broken_;
}

int Barrier::n_waiting(std::source_location) const {
  Quiet quiet;
  std::lock_guard lock(mu_);
  return count_;
}

}  // namespace interleave
