// ObjectHandle: a primitive's registration with the execution that created it, and what lets
// that execution tell, at every operation, that the object is still alive and is its own.
//
// A model object lives in one execution, from its constructor to its destructor. An operation
// on it outside that span is a bug in the scenario that the checker must not run through: a
// thread that writes a Shared whose scope has ended writes freed memory, and an object kept in
// a static is used by later executions it does not belong to (its id names another object
// there). Execution::Step checks the handle: an object destroyed, or created in another
// execution, is an ERROR naming it, the thread and the line (Execution::ObjectOutOfLife).
//
// Its destructor is also where the execution learns that the object is gone: a thread still
// suspended in an operation on it holds a ready predicate that reads the primitive, which is
// dropped before the memory goes (Execution::ObjectDestroyed). A primitive declares its handle
// before whatever its waiters' predicates read, so the handle is destroyed last.
//
// The check reads the handle itself, so it also works on the memory of a destroyed object as
// long as nothing reused it; if something did, the execution's serial number, stamped in the
// handle, almost surely does not match. (A new object of the same execution built at the same
// address is indistinguishable: AddressSanitizer catches that one.)
#ifndef INTERLEAVE_MODEL_OBJECT_HANDLE_H_
#define INTERLEAVE_MODEL_OBJECT_HANDLE_H_

#include <cstdint>
#include <utility>

#include "model/trace.h"

namespace interleave {

class ObjectHandle {
 public:
  ObjectHandle() = default;
  // The object `id` that the current execution has just registered (Execution::AddObject).
  ObjectHandle(ObjectId id);  // NOLINT(google-explicit-constructor): members initialised so.
  ObjectHandle& operator=(ObjectId id) { return *this = ObjectHandle(id); }
  ObjectHandle(ObjectHandle&& other) noexcept
      : id_(std::exchange(other.id_, kNoObject)),
        execution_(other.execution_),
        state_(other.state_) {}
  ObjectHandle& operator=(ObjectHandle&& other) noexcept {
    if (this != &other) {
      Release();
      id_ = std::exchange(other.id_, kNoObject);
      execution_ = other.execution_;
      state_ = other.state_;
    }
    return *this;
  }
  ObjectHandle(const ObjectHandle&) = delete;
  ObjectHandle& operator=(const ObjectHandle&) = delete;
  ~ObjectHandle() { Release(); }

  ObjectId id() const { return id_; }
  operator ObjectId() const { return id_; }  // NOLINT(google-explicit-constructor)
  // Alive, and registered with the execution numbered `execution` (Execution::serial).
  bool LivesIn(uint64_t execution) const { return state_ == kAlive && execution_ == execution; }
  bool destroyed() const { return state_ == kDestroyed; }
  uint64_t execution() const { return execution_; }

 private:
  // Arbitrary patterns, unlikely in reused memory.
  static constexpr uint32_t kAlive = 0x0b1ec7a1;
  static constexpr uint32_t kDestroyed = 0xdeadb1ec;
  // Marks the handle destroyed and tells its execution (Execution::ObjectDestroyed).
  void Release() noexcept;

  ObjectId id_ = kNoObject;
  uint64_t execution_ = 0;
  uint32_t state_ = 0;
};

}  // namespace interleave

#endif  // INTERLEAVE_MODEL_OBJECT_HANDLE_H_
