// <atomic> in the std mirror: atomic<T>, atomic_flag, atomic_thread_fence and
// atomic_signal_fence, with the std member functions and operators, over the model's Atomic<T>
// (model/atomic.h: each operation one indivisible step, under the memory model the search
// runs with: RC11 by default, model/weak_memory.h).
//
// Memory orders are std's, seq_cst by default; consume is treated as acquire. Fences are steps
// of their own; atomic_signal_fence orders nothing between threads and is no step.
//
// - Operators (`x = 1`, `x++`, `x += 2`, `int v = x`) cannot take a defaulted source location:
//   they find their caller's line from the return address (sync_internal::CallerLine).
// - compare_exchange_weak may fail spuriously (a branch of the search), though not twice in a
//   row on the same store.
// - wait(old) blocks until a notify_one/notify_all wakes it and the value differs from `old`:
//   a store without a notify leaves the waiter blocked, as a real futex wait would.
// - T* atomics support load/store/exchange/compare_exchange and fetch_add/fetch_sub; the
//   report shows a pointer value as "nullptr" or "a pointer" (addresses differ between runs).
#ifndef INTERLEAVE_STD_ATOMIC_H_
#define INTERLEAVE_STD_ATOMIC_H_

#include <atomic>
#include <cstddef>
#include <source_location>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "model/atomic.h"
#include "model/execution.h"
#include "std/object.h"

namespace interleave::sync {

using std::memory_order;
using std::memory_order_acq_rel;
using std::memory_order_acquire;
using std::memory_order_consume;
using std::memory_order_relaxed;
using std::memory_order_release;
using std::memory_order_seq_cst;

namespace sync_detail {

// An atomic's value in one execution, and the threads in wait() on it.
template <typename T>
struct AtomicState {
  AtomicState(std::string name, const T& initial) : atomic(std::move(name), initial) {}
  Atomic<T> atomic;
  std::vector<bool*> waiters;  // Each waiter's "notified" flag.
};

// atomic<T>::wait: see the file comment.
template <typename T>
void WaitWhileEquals(AtomicState<T>& state, const T& old, std::memory_order order,
                     const SourceLine& where) {
  Execution& execution = Execution::Current("atomic::wait");
  for (;;) {
    bool notified = false;
    if (!(state.atomic.load(order, where) == old) || execution.unwinding()) return;
    // Joining the waiters in the load's step (nothing runs between the load and this) makes the
    // load and the start of the wait atomic, and a notify, which depends on the load's step,
    // runs before both or after both. (Joined before the load, in the previous step's tail,
    // a notify that came first was lost where dpor never looked: a DEADLOCK dfs found.)
    state.waiters.push_back(&notified);
    struct Leave {
      std::vector<bool*>& waiters;
      bool* flag;
      ~Leave() { std::erase(waiters, flag); }
    } leave{state.waiters, &notified};
    TraceEvent& event = execution.Step(OpKind::kWait, state.atomic.object(), where,
                                       [&notified] { return notified; });
    if (execution.unwinding()) return;
    event.value = "notified";
    execution.Observe(state.atomic.object());
  }
}

template <typename T>
void NotifyWaiters(AtomicState<T>& state, bool all, const SourceLine& where) {
  Execution& execution = Execution::Current("atomic::notify");
  TraceEvent& event = execution.Step(OpKind::kNotify, state.atomic.object(), where);
  if (execution.unwinding()) return;
  int woken = 0;
  if (!all && state.waiters.size() > 1) {
    // notify_one wakes one of the waiters, which one the standard leaves open (a futex wakes
    // any): each is a branch of the search. (Waking the first to have joined made the order of
    // two waiters' loads, reads that commute for dpor, decide which woke: dpor explored one.)
    const int chosen = execution.ChooseInStep(event, 0, static_cast<int>(state.waiters.size()) - 1);
    *state.waiters[chosen] = true;
    state.waiters.erase(state.waiters.begin() + chosen);
    woken = 1;
  }
  if (all || woken == 0) {
    for (bool* waiter : state.waiters) *waiter = true;
    woken += static_cast<int>(state.waiters.size());
    state.waiters.clear();
  }
  execution.Publish(state.atomic.object());
  event.value = std::to_string(woken);
}

}  // namespace sync_detail

#define INTERLEAVE_CALLER_LINE_ ::interleave::sync_internal::CallerLine(__builtin_return_address(0))

template <typename T>
class atomic {
  static_assert(std::is_trivially_copyable_v<T>, "std::atomic<T> requires a trivially copyable T");

 public:
  using value_type = T;
  static constexpr bool is_always_lock_free = true;

  atomic(std::source_location declared = std::source_location::current()) noexcept(false)
      : state_("atomic", declared, T{}) {}
  atomic(T initial, std::source_location declared = std::source_location::current())
      : state_("atomic", declared, std::move(initial)) {}
  atomic(const atomic&) = delete;
  atomic& operator=(const atomic&) = delete;

  bool is_lock_free() const noexcept { return true; }

  T load(memory_order order = memory_order_seq_cst,
         std::source_location where = std::source_location::current()) const {
    return model("atomic::load").load(order, where);
  }
  void store(T value, memory_order order = memory_order_seq_cst,
             std::source_location where = std::source_location::current()) {
    model("atomic::store").store(std::move(value), order, where);
  }
  T exchange(T value, memory_order order = memory_order_seq_cst,
             std::source_location where = std::source_location::current()) {
    return model("atomic::exchange").exchange(std::move(value), order, where);
  }
  bool compare_exchange_strong(T& expected, T desired, memory_order order = memory_order_seq_cst,
                               std::source_location where = std::source_location::current()) {
    return model("atomic::compare_exchange_strong")
        .compare_exchange_strong(expected, desired, order, where);
  }
  bool compare_exchange_strong(T& expected, T desired, memory_order success, memory_order failure,
                               std::source_location where = std::source_location::current()) {
    return model("atomic::compare_exchange_strong")
        .compare_exchange_strong(expected, desired, success, failure, where);
  }
  bool compare_exchange_weak(T& expected, T desired, memory_order order = memory_order_seq_cst,
                             std::source_location where = std::source_location::current()) {
    return model("atomic::compare_exchange_weak")
        .compare_exchange_weak(expected, desired, order, where);
  }
  bool compare_exchange_weak(T& expected, T desired, memory_order success, memory_order failure,
                             std::source_location where = std::source_location::current()) {
    return model("atomic::compare_exchange_weak")
        .compare_exchange_weak(expected, desired, success, failure, where);
  }

  // Integral and pointer arithmetic.
  template <typename D>
  T fetch_add(D delta, memory_order order = memory_order_seq_cst,
              std::source_location where =
                  std::source_location::current()) requires(std::is_integral_v<T> ||
                                                            std::is_pointer_v<T>) {
    if constexpr (std::is_pointer_v<T>) {
      return model("atomic::fetch_add").fetch_add(static_cast<std::ptrdiff_t>(delta), order, where);
    } else {
      return model("atomic::fetch_add").fetch_add(static_cast<T>(delta), order, where);
    }
  }
  template <typename D>
  T fetch_sub(D delta, memory_order order = memory_order_seq_cst,
              std::source_location where =
                  std::source_location::current()) requires(std::is_integral_v<T> ||
                                                            std::is_pointer_v<T>) {
    if constexpr (std::is_pointer_v<T>) {
      return model("atomic::fetch_sub")
          .fetch_add(-static_cast<std::ptrdiff_t>(delta), order, where);
    } else {
      return model("atomic::fetch_sub").fetch_sub(static_cast<T>(delta), order, where);
    }
  }
  T fetch_and(
      T bits, memory_order order = memory_order_seq_cst,
      std::source_location where = std::source_location::current()) requires std::is_integral_v<T> {
    return model("atomic::fetch_and").fetch_and(bits, order, where);
  }
  T fetch_or(
      T bits, memory_order order = memory_order_seq_cst,
      std::source_location where = std::source_location::current()) requires std::is_integral_v<T> {
    return model("atomic::fetch_or").fetch_or(bits, order, where);
  }
  T fetch_xor(
      T bits, memory_order order = memory_order_seq_cst,
      std::source_location where = std::source_location::current()) requires std::is_integral_v<T> {
    return model("atomic::fetch_xor").fetch_xor(bits, order, where);
  }

  void wait(T old, memory_order order = memory_order_seq_cst,
            std::source_location where = std::source_location::current()) const {
    sync_detail::WaitWhileEquals(state("atomic::wait"), old, order, where);
  }
  void notify_one(std::source_location where = std::source_location::current()) {
    sync_detail::NotifyWaiters(state("atomic::notify_one"), false, where);
  }
  void notify_all(std::source_location where = std::source_location::current()) {
    sync_detail::NotifyWaiters(state("atomic::notify_all"), true, where);
  }

  // Operators: seq_cst, their line found from the caller.
  [[gnu::noinline]] operator T() const {  // NOLINT(google-explicit-constructor)
    return model("atomic::load").load(memory_order_seq_cst, INTERLEAVE_CALLER_LINE_);
  }
  [[gnu::noinline]] T operator=(T value) {
    model("atomic::store").store(value, memory_order_seq_cst, INTERLEAVE_CALLER_LINE_);
    return value;
  }
  [[gnu::noinline]] T operator++() requires std::is_integral_v<T> {
    return static_cast<T>(Add(1, INTERLEAVE_CALLER_LINE_) + 1);
  }
  [[gnu::noinline]] T operator++(int) requires std::is_integral_v<T> {
    return Add(1, INTERLEAVE_CALLER_LINE_);
  }
  [[gnu::noinline]] T operator--() requires std::is_integral_v<T> {
    return static_cast<T>(Add(-1, INTERLEAVE_CALLER_LINE_) - 1);
  }
  [[gnu::noinline]] T operator--(int) requires std::is_integral_v<T> {
    return Add(-1, INTERLEAVE_CALLER_LINE_);
  }
  [[gnu::noinline]] T operator+=(T delta) requires std::is_integral_v<T> {
    return static_cast<T>(Add(delta, INTERLEAVE_CALLER_LINE_) + delta);
  }
  [[gnu::noinline]] T operator-=(T delta) requires std::is_integral_v<T> {
    return static_cast<T>(Add(static_cast<T>(-delta), INTERLEAVE_CALLER_LINE_) - delta);
  }
  [[gnu::noinline]] T operator&=(T bits) requires std::is_integral_v<T> {
    return static_cast<T>(
        model("atomic::fetch_and").fetch_and(bits, memory_order_seq_cst, INTERLEAVE_CALLER_LINE_) &
        bits);
  }
  [[gnu::noinline]] T operator|=(T bits) requires std::is_integral_v<T> {
    return static_cast<T>(
        model("atomic::fetch_or").fetch_or(bits, memory_order_seq_cst, INTERLEAVE_CALLER_LINE_) |
        bits);
  }
  [[gnu::noinline]] T operator^=(T bits) requires std::is_integral_v<T> {
    return static_cast<T>(
        model("atomic::fetch_xor").fetch_xor(bits, memory_order_seq_cst, INTERLEAVE_CALLER_LINE_) ^
        bits);
  }

 private:
  T Add(T delta, const SourceLine& where) {
    return model("atomic::fetch_add").fetch_add(delta, memory_order_seq_cst, where);
  }
  sync_detail::AtomicState<T>& state(const char* operation) const { return state_.Get(operation); }
  Atomic<T>& model(const char* operation) const { return state_.Get(operation).atomic; }

  mutable sync_internal::PerExecution<sync_detail::AtomicState<T>, T> state_;
};

// atomic_flag: a bool atomic with test_and_set, clear, test, wait and notify; clear at start
// (C++20).
class atomic_flag {
 public:
  atomic_flag(std::source_location declared = std::source_location::current())
      : state_("atomic_flag", declared, false) {}
  atomic_flag(const atomic_flag&) = delete;
  atomic_flag& operator=(const atomic_flag&) = delete;

  bool test_and_set(memory_order order = memory_order_seq_cst,
                    std::source_location where = std::source_location::current()) {
    return model("atomic_flag::test_and_set").exchange(true, order, where);
  }
  void clear(memory_order order = memory_order_seq_cst,
             std::source_location where = std::source_location::current()) {
    model("atomic_flag::clear").store(false, order, where);
  }
  bool test(memory_order order = memory_order_seq_cst,
            std::source_location where = std::source_location::current()) const {
    return model("atomic_flag::test").load(order, where);
  }
  void wait(bool old, memory_order order = memory_order_seq_cst,
            std::source_location where = std::source_location::current()) const {
    sync_detail::WaitWhileEquals(state_.Get("atomic_flag::wait"), old, order, where);
  }
  void notify_one(std::source_location where = std::source_location::current()) {
    sync_detail::NotifyWaiters(state_.Get("atomic_flag::notify_one"), false, where);
  }
  void notify_all(std::source_location where = std::source_location::current()) {
    sync_detail::NotifyWaiters(state_.Get("atomic_flag::notify_all"), true, where);
  }

 private:
  Atomic<bool>& model(const char* operation) const { return state_.Get(operation).atomic; }
  mutable sync_internal::PerExecution<sync_detail::AtomicState<bool>, bool> state_;
};

// Fences: atomic_thread_fence is a step (model/weak_memory.h); atomic_signal_fence orders a
// thread only against its own signal handlers, which the model has none of.
inline void atomic_thread_fence(memory_order order,
                                std::source_location where = std::source_location::current()) {
  ::interleave::atomic_fence(order, where);
}
inline void atomic_signal_fence(memory_order /*order*/) noexcept {}

}  // namespace interleave::sync

#endif  // INTERLEAVE_STD_ATOMIC_H_
