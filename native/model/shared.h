// Native backend: Shared<T> is a plain T. read() and write() are ordinary, unsynchronised loads
// and stores of the member, so ThreadSanitizer sees exactly the accesses the model's DATA RACE
// detector reasons about: two threads' unordered accesses to a Shared<T> are a race TSan reports
// at this member's address, with read()/write() called from the scenario's line on its stack.
//
// The value has an 8-byte-aligned word (or more) to itself: TSan keeps the last four accesses
// per 8-byte word of memory, so a neighbour sharing the word (another local of main's stack,
// say) would evict them and hide races the model reports.
//
// read() and write() are never inlined, so that each access TSan reports has the frame
// Shared<T>::read/write on its stack, whatever the optimiser made of the caller (inlined into a
// loop, the access can lose its inline frames and show only the scenario's line).
//
// With the runner's --objects, construction prints "interleave-native: object NAME Shared at
// 0xADDRESS" to stderr, so that a TSan report's address can be matched to the variable's name
// (native/tsan_report.h does).
#ifndef INTERLEAVE_NATIVE_MODEL_SHARED_H_
#define INTERLEAVE_NATIVE_MODEL_SHARED_H_

#include <source_location>
#include <string>
#include <utility>

#include "model/runtime.h"

namespace interleave {

namespace native {
// Prints the object line when Settings::print_objects is on.
void AnnounceObject(const std::string& name, const char* kind, const void* address);
}  // namespace native

template <typename T>
class Shared {
 public:
  explicit Shared(std::string name, T initial = T{}) : value_(std::move(initial)) {
    native::AnnounceObject(name, "Shared", &value_);
  }
  Shared(const Shared&) = delete;
  Shared& operator=(const Shared&) = delete;

  [[gnu::noinline]] T read(std::source_location where = std::source_location::current()) const {
    (void)where;
    return value_;
  }

  [[gnu::noinline]] void write(T value,
                               std::source_location where = std::source_location::current()) {
    (void)where;
    value_ = std::move(value);
  }

 private:
  alignas(alignof(T) > 8 ? alignof(T) : 8) T value_;
};

}  // namespace interleave

#endif  // INTERLEAVE_NATIVE_MODEL_SHARED_H_
