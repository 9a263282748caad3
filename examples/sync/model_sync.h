// A stop-gap `sync` for checked builds: the std names the examples use (mutex, lock_guard,
// unique_lock, scoped_lock, condition_variable, thread, shared<T>) over interleave's model API
// (interleave/model.h). TODO(issue 14, item 3): delete it once interleave/sync.h (the std
// mirror) is on main; sync.h then aliases ::interleave::sync instead.
//
// Limits of the model API this works around: a Condition is bound to its lock when built (here
// on the first wait, over the waiter's mutex); objects must be built inside an execution (the
// examples build their components inside the explored body); reports name lines of this file
// for shared<T>'s operators.
#ifndef EXAMPLES_SYNC_MODEL_SYNC_H_
#define EXAMPLES_SYNC_MODEL_SYNC_H_

#include <functional>
#include <memory>
#include <source_location>
#include <utility>

#include "interleave/model.h"

namespace examples::sync {

using Where = std::source_location;

class mutex {
 public:
  mutex() : lock_("mutex") {}
  void lock(Where where = Where::current()) { lock_.acquire(where); }
  bool try_lock(Where where = Where::current()) { return lock_.acquire(false, -1, where); }
  void unlock(Where where = Where::current()) { lock_.release(where); }
  interleave::Lock& model() { return lock_; }

 private:
  interleave::Lock lock_;
};

template <typename Mutex>
class lock_guard {
 public:
  explicit lock_guard(Mutex& mutex, Where where = Where::current()) : mutex_(mutex) {
    mutex_.lock(where);
  }
  ~lock_guard() { mutex_.unlock(); }
  lock_guard(const lock_guard&) = delete;
  lock_guard& operator=(const lock_guard&) = delete;

 private:
  Mutex& mutex_;
};

template <typename Mutex>
class unique_lock {
 public:
  explicit unique_lock(Mutex& mutex, Where where = Where::current()) : mutex_(&mutex) {
    mutex_->lock(where);
    owns_ = true;
  }
  ~unique_lock() {
    if (owns_) mutex_->unlock();
  }
  unique_lock(const unique_lock&) = delete;
  unique_lock& operator=(const unique_lock&) = delete;
  void lock(Where where = Where::current()) {
    mutex_->lock(where);
    owns_ = true;
  }
  void unlock(Where where = Where::current()) {
    owns_ = false;
    mutex_->unlock(where);
  }
  Mutex* mutex() const { return mutex_; }
  bool owns_lock() const { return owns_; }

 private:
  Mutex* mutex_;
  bool owns_ = false;
};

// Two mutexes, locked in one global order (by address), so that no two scoped_locks of the
// same pair can deadlock whatever order their callers name them in.
template <typename First, typename Second>
class scoped_lock {
 public:
  scoped_lock(First& first, Second& second, Where where = Where::current())
      : first_(first), second_(second) {
    if (static_cast<void*>(&first_) < static_cast<void*>(&second_)) {
      first_.lock(where);
      second_.lock(where);
    } else {
      second_.lock(where);
      first_.lock(where);
    }
  }
  ~scoped_lock() {
    first_.unlock();
    second_.unlock();
  }
  scoped_lock(const scoped_lock&) = delete;
  scoped_lock& operator=(const scoped_lock&) = delete;

 private:
  First& first_;
  Second& second_;
};

class condition_variable {
 public:
  void wait(unique_lock<mutex>& lock, Where where = Where::current()) {
    if (!condition_) {
      condition_ = std::make_unique<interleave::Condition>(lock.mutex()->model(), "condvar");
    }
    condition_->wait(where);
  }
  template <typename Predicate>
  void wait(unique_lock<mutex>& lock, Predicate predicate, Where where = Where::current()) {
    while (!predicate()) wait(lock, where);
  }
  // Nobody waits on a condition variable that was never waited on: nothing to wake.
  void notify_one(Where where = Where::current()) {
    if (condition_) condition_->notify(1, where);
  }
  void notify_all(Where where = Where::current()) {
    if (condition_) condition_->notify_all(where);
  }

 private:
  std::unique_ptr<interleave::Condition> condition_;
};

class thread {
 public:
  template <typename Function>
  explicit thread(Function function, Where where = Where::current())
      : thread_(std::make_unique<interleave::Thread>(std::function<void()>(std::move(function)))) {
    thread_->start(where);
  }
  void join(Where where = Where::current()) { thread_->join(where); }

 private:
  std::unique_ptr<interleave::Thread> thread_;
};

template <typename T>
class shared {
 public:
  shared(T initial = T{}) : value_("shared", std::move(initial)) {}  // NOLINT: as a T.
  shared(const shared&) = delete;
  operator T() const { return value_.read(); }  // NOLINT: reads as a T.
  shared& operator=(T value) {
    value_.write(std::move(value));
    return *this;
  }
  shared& operator++() {
    value_.write(value_.read() + 1);
    return *this;
  }
  shared& operator+=(T delta) {
    value_.write(value_.read() + delta);
    return *this;
  }

 private:
  interleave::Shared<T> value_;
};

}  // namespace examples::sync

#endif  // EXAMPLES_SYNC_MODEL_SYNC_H_
